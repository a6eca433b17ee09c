"""`advisor assess --quick` for real, in a pseudo-terminal (pexpect), against the quick-test pack.

From an answers file with 8 components on Google Cloud, six facts are unanswered: three can
change the recommendation (operations engineers, an image pipeline, deploys a week) and three
cannot (self-run state, whether it can move, drift between environments).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pexpect

from advisor.cli import main
from tests.conftest import DATA
from tests.interview.interview_support import (
    ADVISOR,
    CTRL_C,
    DOWN,
    ENTER,
    QUICK_PACK_DIR,
    QUICK_PARTIAL,
    finish,
    spawn,
)

QUICK = ["assess", "--quick", "--answers", "partial.yaml", "--rules", str(QUICK_PACK_DIR), "-o", "out.md"]
CODES = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"  # what the terminal is told between the words
HEADER = re.compile(rf"question (\d+) of at most (\d+){CODES}  \(([\w.]+)\)\r*\n{CODES}  ([^\r\n\x1b]+)")
YES, NO, DONT_KNOW, BACK = DOWN + ENTER, DOWN * 2 + ENTER, DOWN * 3 + ENTER, DOWN * 5 + ENTER
SKIPPED_LINE = "3 questions skipped: no answer to them could change the recommendation"


def listed_next(cwd: Path) -> list[dict[str, object]]:
    command = ["questions", "--next", "--answers", "partial.yaml", "--format", "json"]
    done = subprocess.run(
        [str(ADVISOR), *command, "--rules", str(QUICK_PACK_DIR)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def header(child: pexpect.spawn) -> tuple[str, str]:
    """The next question's fact and the line that says why it is asked now."""
    child.expect(HEADER)
    return child.match.group(3), child.match.group(4)


def test_quick_asks_what_questions_next_lists_in_its_order_then_writes_the_report(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(QUICK_PARTIAL)
    listed = listed_next(tmp_path)
    assert [item["fact"] for item in listed] == [
        "team.ops_engineers",
        "team.image_pipeline",
        "delivery.deploys_per_week",
    ]
    child = spawn(QUICK, tmp_path)
    answers = {
        "team.ops_engineers": "1" + ENTER,
        "team.image_pipeline": YES,
        "delivery.deploys_per_week": "30" + ENTER,
    }
    asked = []
    for _ in listed:
        fact, why = header(child)
        if not asked:
            assert (
                why
                == listed[0]["why"]
                == ("could change: Managed Kubernetes -> Platform as a service, Golden VM images")
            )
        asked.append(fact)
        child.send(answers[fact])
    child.expect(SKIPPED_LINE)
    child.expect("Review the answers, then write the report")
    child.send(ENTER)
    child.expect("Looks right")
    child.send(ENTER)
    assert finish(child) == 0
    assert asked == [item["fact"] for item in listed]
    assert "Do you run your own databases" not in child.before

    report = (tmp_path / "out.md").read_text()
    assert f"{SKIPPED_LINE}, whatever the other open questions turn out to be (marked skipped)." in report
    for fact in ("app.self_hosted_state", "app.state_can_move", "delivery.environment_drift"):
        assert f"| `{fact}` | unanswered, skipped |" in report
    saved = (tmp_path / "out.answers.yaml").read_text()
    assert "ops_engineers: 1" in saved and "image_pipeline: true" in saved and "deploys_per_week: 30" in saved
    assert "self_hosted_state" not in saved


def test_quick_goes_back_takes_dont_know_and_can_answer_the_rest(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(QUICK_PARTIAL)
    child = spawn(QUICK, tmp_path)
    assert header(child)[0] == "team.ops_engineers"
    child.send("u" + ENTER)  # don't know
    assert header(child)[0] == "team.image_pipeline"
    child.expect("Back to the previous question")
    child.send(BACK)
    assert header(child)[0] == "team.ops_engineers"
    child.send("1" + ENTER)
    fact, why = header(child)
    assert (fact, why) == ("team.image_pipeline", "could change: Managed Kubernetes -> Golden VM images")
    child.send(DONT_KNOW)
    # Nothing left could change it: deploys a week mattered only with an image pipeline.
    child.expect("4 questions skipped: no answer to them could change the recommendation")
    child.expect("Answer the 4 skipped questions too")
    child.send(DOWN + ENTER)
    child.expect("Do you run your own databases")
    child.send(NO)  # the question about moving the state no longer applies
    child.expect("How many deployments a week")
    child.send("u" + ENTER)
    child.expect("Do development and production drift apart")
    child.send(NO)
    child.expect("Looks right")
    child.send(ENTER)
    assert finish(child) == 0
    saved = (tmp_path / "out.answers.yaml").read_text()
    assert "ops_engineers: 1" in saved and "image_pipeline: unknown" in saved
    assert "self_hosted_state: false" in saved and "deploys_per_week: unknown" in saved
    assert "state_can_move" not in saved
    assert "skipped" not in (tmp_path / "out.md").read_text()


def test_ctrl_c_keeps_the_answers_and_resume_stays_quick(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(QUICK_PARTIAL)
    child = spawn(QUICK, tmp_path)
    assert header(child)[0] == "team.ops_engineers"
    child.send("1" + ENTER)
    assert header(child)[0] == "team.image_pipeline"
    child.expect("Do you bake machine images")  # the prompt is up: Ctrl-C is a key now
    child.send(CTRL_C)
    assert finish(child) == 130
    assert "ops_engineers: 1" in (tmp_path / "out.advisor-draft.yaml").read_text()

    match = re.search(r"Resume with: (advisor assess .*)", child.before)
    assert match is not None
    words = shlex.split(match.group(1))
    assert words[:4] == ["advisor", "assess", "--resume", "out.advisor-draft.yaml"] and "--quick" in words
    child = spawn(words[1:], tmp_path)
    child.expect(HEADER)
    assert child.match.group(1, 2, 3) == ("1", "2", "team.image_pipeline")
    assert "operations engineers" not in child.before
    child.send(YES)
    assert header(child)[0] == "delivery.deploys_per_week"
    child.send("30" + ENTER)
    child.expect(SKIPPED_LINE)
    child.send(ENTER)
    child.expect("Looks right")
    child.send(ENTER)
    assert finish(child) == 0
    assert "| `delivery.environment_drift` | unanswered, skipped |" in (tmp_path / "out.md").read_text()
    assert not (tmp_path / "out.advisor-draft.yaml").exists()


def test_without_a_terminal_quick_needs_only_the_answers_that_could_change_the_result(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(QUICK_PARTIAL)
    done = subprocess.run(
        [str(ADVISOR), *QUICK],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "advisor: error: cannot ask questions: standard input is not a terminal and 3 unanswered facts "
        "could change the recommendation (team.ops_engineers, team.image_pipeline, "
        "delivery.deploys_per_week); answer them in --answers FILE ('unknown' is allowed), or run "
        "advisor assess in a terminal\n"
    )
    (tmp_path / "partial.yaml").write_text(QUICK_PARTIAL + "  team: {ops_engineers: 3}\n")
    assert (
        main([*QUICK[:3], str(tmp_path / "partial.yaml"), *QUICK[4:6], "-o", str(tmp_path / "out.md")]) == 0
    )
    assert "| `team.image_pipeline` | unanswered, skipped |" in (tmp_path / "out.md").read_text()


def test_quick_asks_a_paas_team_what_hurts_and_that_answer_alone_decides(tmp_path: Path) -> None:
    """With the default pack: a SaaS of eight services on Render, nobody on operations, every
    answer given but how its PaaS holds up. That is the one question asked,
    and the answer decides: limits it keeps working around send it to managed Kubernetes."""
    (tmp_path / "partial.yaml").write_text((DATA / "render-saas-unsaid.yaml").read_text())
    child = spawn(["assess", "--quick", "--answers", "partial.yaml", "-o", "out.md"], tmp_path)
    child.expect(HEADER)
    assert child.match.group(1, 2, 3) == ("1", "1", "hosting.paas_fit")
    why = child.match.group(4)
    assert why.startswith("could help settle it:")
    assert "Platform as a service" in why and "Managed Kubernetes" in why
    child.expect("We keep working around its limits")  # the choices are up: keys count now
    child.send(DOWN * 2 + ENTER)  # past "no answer yet" and "It fits"
    child.expect("Looks right")
    child.send(ENTER)
    assert finish(child) == 0
    assert "paas_fit: limits" in (tmp_path / "out.answers.yaml").read_text()
    assert "**Recommendation:** Managed Kubernetes" in (tmp_path / "out.md").read_text()
