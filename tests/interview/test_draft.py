"""Where the answers and the draft go, and that a draft reads back as the answers it holds."""

from __future__ import annotations

import argparse
import datetime
import shlex
from pathlib import Path

import pytest

from advisor.answers import Answers, Project, load_answers
from advisor.cli import main
from advisor.commands.assess import resume_command
from advisor.facts import UNKNOWN
from advisor.interview.draft import DraftStore, default_answers_path, draft_path_for
from advisor.pack.model import RulePack


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


def test_resume_and_answers_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "--resume", "a.advisor-draft.yaml", "--answers", "b.yaml"]) == 2
    assert capsys.readouterr().err == (
        "advisor: error: --resume and --answers: give one; the draft already holds the answers\n"
    )
