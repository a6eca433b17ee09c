"""Where the answers and the draft go, and that a draft reads back as the answers it holds."""

from __future__ import annotations

import argparse
import datetime
import shlex
import subprocess
import threading
from pathlib import Path

import pytest

from advisor.answers import Answers, Project, load_answers
from advisor.cli import main
from advisor.commands.assess import resume_command
from advisor.facts import UNKNOWN
from advisor.interview.draft import DraftStore, default_answers_path, draft_path_for
from advisor.pack.model import RulePack
from tests.conftest import run_advisor


def test_the_answers_file_goes_beside_the_report_else_into_the_current_folder() -> None:
    assert default_answers_path("wiki/page.md") == Path("wiki/page.answers.yaml")
    assert default_answers_path("-") == Path("assessment.answers.yaml")


def test_a_resumed_interview_without_a_report_file_saves_beside_the_draft() -> None:
    assert default_answers_path("-", Path("d/x.advisor-draft.yaml")) == Path("d/x.answers.yaml")
    assert default_answers_path("r.md", Path("d/x.advisor-draft.yaml")) == Path("r.answers.yaml")


def test_the_draft_goes_beside_the_answers_file() -> None:
    assert draft_path_for(Path("wiki/page.answers.yaml")) == Path("wiki/page.advisor-draft.yaml")
    assert draft_path_for(Path("acme.yaml")) == Path("acme.advisor-draft.yaml")


def test_a_draft_is_an_answers_file_with_how_to_resume(pack: RulePack, tmp_path: Path) -> None:
    answers = Answers(
        project=Project(name="Checkout: v2", client="Acme"),
        facts={"app.components": 3, "stack.languages": ("go", "scala"), "team.ops_engineers": UNKNOWN},
    )
    store = DraftStore(
        tmp_path / "x.advisor-draft.yaml", pack.bank, "advisor assess --resume x.advisor-draft.yaml"
    )
    store.save(answers)
    assert "# Resume with: advisor assess --resume x.advisor-draft.yaml" in store.path.read_text()
    again = load_answers(store.path, pack.bank)
    assert (again.project, again.facts) == (answers.project, answers.facts)
    store.discard()
    assert not store.path.exists()


def test_the_resume_command_repeats_the_options_quoted() -> None:
    args = argparse.Namespace(
        rules=[Path("my rules")],
        ask_all=False,
        quick=False,
        output="out dir/r.md",
        format="json",
        date=datetime.date(2026, 1, 2),
    )
    command = resume_command(args, Path("out dir/r.advisor-draft.yaml"), Path("out dir/r.answers.yaml"))
    assert shlex.split(command) == [
        "advisor",
        "assess",
        "--resume",
        "out dir/r.advisor-draft.yaml",
        "--rules",
        "my rules",
        "--save-answers",
        "out dir/r.answers.yaml",
        "-o",
        "out dir/r.md",
        "--format",
        "json",
        "--date",
        "2026-01-02",
    ]


def test_the_resume_command_keeps_the_quick_mode() -> None:
    args = argparse.Namespace(rules=[], ask_all=False, quick=True, output="r.md", format="md", date=None)
    command = resume_command(args, Path("r.advisor-draft.yaml"), Path("r.answers.yaml"))
    assert shlex.split(command) == [
        "advisor",
        "assess",
        "--resume",
        "r.advisor-draft.yaml",
        "--quick",
        "--save-answers",
        "r.answers.yaml",
        "-o",
        "r.md",
        "--format",
        "md",
    ]


def test_quick_and_ask_all_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--quick", "--ask-all"]) == 2
    assert capsys.readouterr().err == (
        "advisor: error: --quick and --ask-all: give one; --quick asks only what could change the result\n"
    )


def test_resume_and_answers_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--resume", "a.advisor-draft.yaml", "--answers", "b.yaml"]) == 2
    assert capsys.readouterr().err == (
        "advisor: error: --resume and --answers: give one; the draft already holds the answers\n"
    )


def test_a_draft_stays_loadable_when_its_path_holds_odd_characters(pack: RulePack, tmp_path: Path) -> None:
    folder = tmp_path / "client\x85north\x9b\u2028"
    folder.mkdir()
    args = argparse.Namespace(
        rules=[], ask_all=False, quick=False, output=str(folder / "r.md"), format="md", date=None
    )
    draft = folder / "r.advisor-draft.yaml"
    store = DraftStore(draft, pack.bank, resume_command(args, draft, folder / "r.answers.yaml"))
    answers = Answers(project=Project(name="Acme\x85North"), facts={"app.components": 3})
    store.save(answers)
    again = load_answers(draft, pack.bank)
    assert (again.project, again.facts) == (answers.project, answers.facts)
    hint = next(line for line in draft.read_text("utf-8").splitlines() if "Resume with" in line)
    command = hint.split("Resume with: ", 1)[1]
    shown = subprocess.run(["bash", "-c", f"printf '%s\\n' {command}"], capture_output=True, check=True)
    assert shown.stdout.decode().split("\n")[3] == str(draft)  # the command runs as it reads


def test_two_interviews_racing_for_one_draft_get_it_once(pack: RulePack, tmp_path: Path) -> None:
    store = DraftStore(
        tmp_path / "r.advisor-draft.yaml", pack.bank, "advisor assess --resume r.advisor-draft.yaml"
    )
    outcomes: list[str] = []

    def start(name: str) -> None:
        try:
            store.create(Answers(project=Project(name=name)))
            outcomes.append(name)
        except FileExistsError:
            outcomes.append("refused")

    racers = [threading.Thread(target=start, args=(f"interview {n}",)) for n in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    winners = [outcome for outcome in outcomes if outcome != "refused"]
    assert len(winners) == 1 and len(outcomes) == 8
    assert load_answers(store.path, pack.bank).project.name == winners[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--save-answers", "x.yaml", "-o", "x.yaml"],
            "x.yaml: --save-answers and -o name the same file; one would overwrite the other: "
            "give them different names",
        ),
        (
            ["--resume", "d.advisor-draft.yaml", "--save-answers", "d.advisor-draft.yaml"],
            "d.advisor-draft.yaml: --resume and --save-answers name the same file; "
            "one would overwrite the other: give them different names",
        ),
        (
            ["--answers", "d.advisor-draft.yaml", "--save-answers", "d.advisor-draft.yaml"],
            "d.advisor-draft.yaml: --save-answers names the answers file (d.advisor-draft.yaml), which "
            "this run reads; writing there would destroy it: choose another file",
        ),
    ],
)
def test_the_interview_never_writes_its_answers_where_they_would_be_lost(
    args: list[str], message: str, tmp_path: Path
) -> None:
    draft = tmp_path / "d.advisor-draft.yaml"
    draft.write_text("format: advisor/v1\nproject: {name: Kept}\nanswers: {}\n")
    before = draft.read_bytes()
    done = run_advisor("assess", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == f"advisor: error: {message}\n"
    assert draft.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["d.advisor-draft.yaml"]
