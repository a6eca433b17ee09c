"""`advisor assess` for real: the installed command in a pseudo-terminal (pexpect)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from advisor.cli import main
from tests.interview.interview_support import ADVISOR, CTRL_C, DOWN, ENTER, PACK_DIR, SPACE, finish, spawn

PARTIAL = """\
format: advisor/v1
project: {name: Checkout}
answers:
  app: {components: 3, os: linux}
  stack: {languages: [go]}
  team: {container_experience: none}
"""


def test_full_interview_with_a_correction_dont_know_and_an_edit(tmp_path: Path) -> None:
    child = spawn(["assess", "--rules", str(PACK_DIR), "-o", "review.md"], tmp_path)
    child.expect("Name of the system")
    child.send("Checkout" + ENTER)
    child.expect("Client")
    child.send(ENTER)
    child.expect("Assessor")
    child.send(ENTER)
    child.expect("Application · 1 of 2")
    child.send("0" + ENTER)
    child.expect("Out of range: type an integer from 1 to 500")
    child.send("12" + ENTER)
    child.expect("Application · 2 of 2")
    child.send(DOWN + ENTER)  # linux
    child.expect("Tech stack · 1 of 1")
    child.send(SPACE + DOWN + SPACE + ENTER)  # python, go
    child.expect("Team · 1 of 4")  # the orchestrator question applies until experience is known
    child.send("u" + ENTER)  # operations engineers: don't know
    child.expect("Team · 2 of 4")
    child.send(DOWN + ENTER)  # no container experience: the orchestrator question does not apply
    child.expect("Team · 3 of 3")
    child.send(DOWN + DOWN + ENTER)  # no image pipeline
    child.expect("Review the answers")
    child.send(DOWN + ENTER)  # change an answer
    child.expect("Which answer?")
    child.send("app.os")  # found by typing
    child.expect("app.os: Linux")
    child.send(ENTER)
    child.expect("Application · 2 of 2")
    child.send(DOWN + ENTER)  # windows
    child.expect("Review the answers")
    child.send(ENTER)
    assert finish(child) == 0

    saved = (tmp_path / "review.answers.yaml").read_text()
    assert "os: windows" in saved
    assert "ops_engineers: unknown" in saved
    assert "orchestrator_experience" not in saved
    assert not (tmp_path / "review.advisor-draft.yaml").exists()

    again = tmp_path / "again.md"
    assert (
        main(
            [
                "report",
                "--answers",
                str(tmp_path / "review.answers.yaml"),
                "--rules",
                str(PACK_DIR),
                "-o",
                str(again),
            ]
        )
        == 0
    )
    assert again.read_bytes() == (tmp_path / "review.md").read_bytes()
    as_json = tmp_path / "result.json"
    main(
        [
            "report",
            "--answers",
            str(tmp_path / "review.answers.yaml"),
            "--rules",
            str(PACK_DIR),
            "--format",
            "json",
            "-o",
            str(as_json),
        ]
    )
    assert json.loads(as_json.read_text())["unknown"] == ["team.ops_engineers"]


def test_prefilled_interview_asks_only_the_missing_then_ctrl_c_and_resume(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(PARTIAL)
    child = spawn(["assess", "--answers", "partial.yaml", "--rules", str(PACK_DIR), "-o", "out.md"], tmp_path)
    child.expect("Team · 1 of 3")
    assert "deployable components" not in child.before
    child.send("2" + ENTER)
    child.expect("Team · 3 of 3")
    child.expect("Do you bake machine images")  # the prompt is up: Ctrl-C is a key now
    child.send(CTRL_C)
    assert finish(child) == 130
    message = child.before
    assert "advisor: interrupted; the answers so far are saved in out.advisor-draft.yaml" in message
    assert "ops_engineers: 2" in (tmp_path / "out.advisor-draft.yaml").read_text()

    match = re.search(r"Resume with: (advisor assess .*)", message)
    assert match is not None
    words = shlex.split(match.group(1))
    assert words[:4] == ["advisor", "assess", "--resume", "out.advisor-draft.yaml"]
    child = spawn(words[1:], tmp_path)
    child.expect("Team · 3 of 3")
    assert "How many" not in child.before
    child.send(DOWN + DOWN + ENTER)  # no
    child.expect("Review the answers")
    child.send(ENTER)
    assert finish(child) == 0
    saved = (tmp_path / "out.answers.yaml").read_text()
    assert "ops_engineers: 2" in saved and "image_pipeline: false" in saved
    assert not (tmp_path / "out.advisor-draft.yaml").exists()


def test_a_new_interview_will_not_overwrite_an_earlier_draft(tmp_path: Path) -> None:
    (tmp_path / "out.advisor-draft.yaml").write_text(PARTIAL)
    child = spawn(["assess", "--rules", str(PACK_DIR), "-o", "out.md"], tmp_path)
    assert finish(child) == 2
    assert "out.advisor-draft.yaml: an earlier interview was interrupted" in child.before
    assert (tmp_path / "out.advisor-draft.yaml").read_text() == PARTIAL


def run_without_terminal(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ADVISOR), *args], cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60
    )


def test_without_a_terminal_missing_facts_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(PARTIAL)
    done = run_without_terminal(["assess", "--answers", "partial.yaml", "--rules", str(PACK_DIR)], tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "advisor: error: cannot ask questions: standard input is not a terminal and 2 facts are "
        "unanswered (team.ops_engineers, team.image_pipeline); pass --answers FILE with every fact "
        "answered ('unknown' is allowed), or run advisor assess in a terminal\n"
    )
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == [tmp_path / "partial.yaml"]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_without_a_terminal_complete_answers_give_the_report_of_advisor_report(
    tmp_path: Path, fmt: str
) -> None:
    complete = "{container_experience: none, ops_engineers: 1, image_pipeline: true}"
    (tmp_path / "full.yaml").write_text(PARTIAL.replace("{container_experience: none}", complete))
    common = ["--rules", str(PACK_DIR), "--format", fmt, "--date", "2026-11-27"]
    assessed = run_without_terminal(["assess", "--answers", "full.yaml", *common], tmp_path)
    reported = run_without_terminal(["report", "--answers", "full.yaml", *common], tmp_path)
    assert assessed.returncode == 0, assessed.stderr
    assert assessed.stdout == reported.stdout
    assert assessed.stderr == "advisor: wrote answers to assessment.answers.yaml\n"


def test_prompts_stay_off_standard_output_so_the_report_can_be_redirected(tmp_path: Path) -> None:
    (tmp_path / "partial.yaml").write_text(
        PARTIAL.replace("{container_experience: none}", "{ops_engineers: 1}")
    )
    command = (
        f"{shlex.quote(str(ADVISOR))} assess --answers partial.yaml --rules {shlex.quote(str(PACK_DIR))}"
    )
    child = spawn(["-c", command + " --date 2026-11-27 > report.md"], tmp_path, program="bash")
    child.expect("Container experience?")
    child.send(DOWN + ENTER)  # none: the orchestrator question does not apply
    child.expect("Do you bake machine images")
    child.send(DOWN + DOWN + ENTER)  # no
    child.expect("Review the answers")
    child.send(ENTER)
    assert finish(child) == 0
    report = (tmp_path / "report.md").read_text()
    assert report.startswith("# ") and "\x1b" not in report and "Review the answers" not in report


def test_a_pasted_colour_code_is_dropped_and_the_rest_of_the_paste_kept(tmp_path: Path) -> None:
    child = spawn(["assess", "--rules", str(PACK_DIR), "-o", "out.md"], tmp_path)
    child.expect("Name of the system")
    child.send("Acme\x1b[31mRed\x1b[0m North" + ENTER)  # as a terminal passes a paste through
    child.expect("Client")
    child.send(ENTER)
    child.expect("Assessor")
    child.send(ENTER)
    child.expect("Application · 1 of 2")
    child.send(CTRL_C)
    assert finish(child) == 130
    assert "Traceback" not in child.before and "Unhandled exception" not in child.before
    assert "name: AcmeRed North" in (tmp_path / "out.advisor-draft.yaml").read_text()
