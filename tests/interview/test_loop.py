"""The interview loop with the real questionary prompts, driven through a prompt_toolkit pipe."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.answers import Answers, Project, answers_to_yaml, load_answers
from advisor.facts import UNKNOWN, Facts
from advisor.interview.loop import review_rows, run_interview
from advisor.interview.plan import Questionnaire
from advisor.interview.terminal import TerminalPrompter, review_table
from advisor.output import write_atomic
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.hostile import active_in, hostile_pack
from tests.interview.interview_support import BACKSPACE, CTRL_C, DOWN, ENTER, SPACE, ScriptedTerminal

NAMED = Answers(project=Project(name="Checkout"))
COMPLETE: Facts = {
    "app.components": 2,
    "app.os": "linux",
    "stack.languages": ("go",),
    "team.ops_engineers": 1,
    "team.container_experience": "none",
    "team.image_pipeline": False,
}


def all_but(*facts: str) -> Answers:
    return NAMED.with_facts({fact: value for fact, value in COMPLETE.items() if fact not in facts})


def interview(
    pack: RulePack, terminal: ScriptedTerminal, prefilled: Answers = NAMED, *, ask_all: bool = False
) -> tuple[Answers, list[Answers]]:
    """Run the interview on the keys typed so far; running out of keys fails instead of hanging."""
    terminal.pipe.close()
    drafts: list[Answers] = []
    answers = run_interview(pack, prefilled, TerminalPrompter(), save=drafts.append, ask_all=ask_all)
    return answers, drafts


def test_a_full_interview_asks_every_type_of_question(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type("Checkout", ENTER, "Acme", ENTER, ENTER)  # project: name, client, no assessor
    terminal.type("12", ENTER)  # app.components
    terminal.type(DOWN, DOWN, ENTER)  # app.os: from "no answer yet" down to windows
    terminal.type(SPACE, DOWN, SPACE, ENTER)  # stack.languages: python, go
    terminal.type("0", ENTER)  # team.ops_engineers
    terminal.type(DOWN, DOWN, ENTER)  # team.container_experience: some, so the orchestrator question applies
    terminal.type(DOWN * 4, ENTER)  # team.orchestrator_experience: don't know
    terminal.type(DOWN, DOWN, ENTER)  # team.image_pipeline: no
    terminal.type(ENTER)  # review: looks right
    answers, _ = interview(pack, terminal, Answers())
    assert answers.project == Project(name="Checkout", client="Acme")
    assert answers.facts == {
        "app.components": 12,
        "app.os": "windows",
        "stack.languages": ("python", "go"),
        "team.ops_engineers": 0,
        "team.container_experience": "some",
        "team.orchestrator_experience": UNKNOWN,
        "team.image_pipeline": False,
    }
    assert "Team · 3 of 4" in terminal.screen


def test_prefilled_answers_are_kept_and_only_missing_facts_asked(
    pack: RulePack, terminal: ScriptedTerminal
) -> None:
    terminal.type(DOWN, ENTER, ENTER)  # image pipeline: from "no answer yet" down to "Yes"; confirm
    prefilled = all_but("team.image_pipeline")
    answers, drafts = interview(pack, terminal, prefilled)
    assert answers.facts == {**prefilled.facts, "team.image_pipeline": True}
    assert "Orchestrator experience?" not in terminal.screen
    assert "How many deployable components?" not in terminal.screen
    assert drafts[0] == prefilled and drafts[-1] == answers


def test_ask_all_offers_known_answers_as_defaults(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(ENTER * 3)  # project details kept
    terminal.type(ENTER * 6)  # every question, the known answer taken
    terminal.type(ENTER)  # review: looks right
    answers, _ = interview(pack, terminal, all_but(), ask_all=True)
    assert answers == all_but()
    assert "How many deployable components?" in terminal.screen


def test_out_of_range_number_is_refused_until_corrected(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type("900", ENTER, BACKSPACE * 3, "40", ENTER, ENTER)  # 900 refused, 40 taken
    answers, drafts = interview(pack, terminal, all_but("app.components"))
    assert answers.facts["app.components"] == 40
    assert len(drafts) == 2  # the start, then the one answer


def test_help_is_shown_on_demand_and_the_question_asked_again(
    pack: RulePack, terminal: ScriptedTerminal
) -> None:
    terminal.type(DOWN * 4, ENTER)  # app.os: "? Show help"
    terminal.type(DOWN, DOWN, ENTER, ENTER)  # app.os: windows; confirm
    answers, _ = interview(pack, terminal, all_but("app.os"))
    assert "Containers share the host kernel." in terminal.screen
    assert answers.facts["app.os"] == "windows"


def test_typed_u_and_question_mark_on_a_number(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type("?", ENTER, "u", ENTER, ENTER)
    answers, _ = interview(pack, terminal, all_but("app.components"))
    assert "Count what you release on its own schedule." in terminal.screen
    assert answers.facts["app.components"] is UNKNOWN


def test_an_unlisted_runtime_can_be_added(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(DOWN, DOWN, SPACE, DOWN, SPACE, ENTER)  # java, "Add one that is not listed"
    terminal.type("Scala, kotlin", ENTER, ENTER)
    answers, _ = interview(pack, terminal, all_but("stack.languages"))
    assert answers.facts["stack.languages"] == ("java", "scala", "kotlin")


def test_dont_know_cannot_be_ticked_with_runtimes(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(SPACE, DOWN * 4, SPACE, ENTER)  # python and don't know: refused
    terminal.type(DOWN * 2, SPACE, ENTER)  # down past help to python, untick it: don't know alone
    terminal.type(ENTER)
    answers, _ = interview(pack, terminal, all_but("stack.languages"))
    assert answers.facts["stack.languages"] is UNKNOWN


def test_review_changes_an_answer_then_confirms(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(DOWN, DOWN, ENTER)  # image pipeline: no
    terminal.type(DOWN, ENTER, "container_exp", ENTER)  # review: change an answer, found by typing
    terminal.type(DOWN, DOWN, ENTER)  # from the current "none" to production: orchestrator applies
    terminal.type(DOWN, DOWN, ENTER)  # orchestrator experience: some
    terminal.type(ENTER)  # review: looks right
    answers, drafts = interview(pack, terminal, all_but("team.image_pipeline"))
    assert answers.facts["team.container_experience"] == "production"
    assert answers.facts["team.orchestrator_experience"] == "some"
    assert drafts[-1] == answers
    assert "Your answers" in terminal.screen


def test_ctrl_c_interrupts_with_the_answers_so_far_saved(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(BACKSPACE, "5", ENTER, CTRL_C)
    terminal.pipe.close()
    drafts: list[Answers] = []
    with pytest.raises(KeyboardInterrupt):
        run_interview(pack, NAMED, TerminalPrompter(), save=drafts.append)
    assert drafts[-1].facts == {"app.components": 5}


def test_enter_alone_never_records_an_answer_nobody_gave(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(ENTER)  # app.os: on "no answer yet": asked again
    terminal.type(DOWN, ENTER)  # linux
    terminal.type(ENTER, ENTER)  # stack.languages: nothing ticked; "record that none apply?" no: asked again
    terminal.type(ENTER, "y")  # nothing ticked, and yes: none apply
    terminal.type(BACKSPACE, ENTER)  # team.ops_engineers: an empty number is refused...
    terminal.type("1", ENTER)  # ...until one is typed
    terminal.type(ENTER, DOWN, DOWN, ENTER)  # team.image_pipeline: asked again, then no
    terminal.type(ENTER)  # review: looks right
    answers, _ = interview(
        pack, terminal, all_but("app.os", "stack.languages", "team.ops_engineers", "team.image_pipeline")
    )
    assert answers.facts == {**COMPLETE, "stack.languages": ()}
    assert "Pick an answer with the arrow keys, or Don't know." in terminal.screen
    assert "Nothing ticked: record that no languages apply?" in terminal.screen


def test_the_default_pack_interview_offers_no_answer_nobody_gave(
    default_pack: RulePack, terminal: ScriptedTerminal
) -> None:
    terminal.type(ENTER * 3)  # app.components: three times Enter on an empty number
    terminal.type(CTRL_C)
    terminal.pipe.close()
    drafts: list[Answers] = []
    with pytest.raises(KeyboardInterrupt):
        run_interview(default_pack, NAMED, TerminalPrompter(), save=drafts.append)
    assert drafts[-1].facts == {}


def test_the_review_table_shows_user_text_literally(pack: RulePack) -> None:
    answers = NAMED.with_facts(COMPLETE)
    answers = Answers(project=Project(name="[bold]Acme[/bold] checkout"), facts=answers.facts)
    table = review_table(review_rows(Questionnaire(pack), answers))
    assert "[bold]Acme[/bold] checkout" in table
    assert "app.os" in table and "Linux" in table


def test_a_draft_saved_before_the_name_was_given_asks_for_it_again(
    pack: RulePack, terminal: ScriptedTerminal, tmp_path: Path
) -> None:
    draft = tmp_path / "x.advisor-draft.yaml"
    write_atomic(draft, answers_to_yaml(Answers().with_facts(COMPLETE), pack.bank))
    terminal.type("Checkout", ENTER, ENTER, ENTER, ENTER)  # name, no client, no assessor; confirm
    answers, _ = interview(pack, terminal, load_answers(draft, pack.bank))
    assert answers.project.name == "Checkout"
    assert answers.facts == COMPLETE


def test_back_returns_to_the_previous_question_with_its_answer(
    pack: RulePack, terminal: ScriptedTerminal
) -> None:
    terminal.type(BACKSPACE, "3", ENTER)  # app.components: 3
    terminal.type(DOWN * 5, ENTER)  # app.os: "< Back to the previous question"
    terminal.type(BACKSPACE, "4", ENTER)  # app.components again, 3 offered: now 4
    terminal.type(DOWN, ENTER, ENTER)  # app.os: linux; confirm
    answers, drafts = interview(pack, terminal, all_but("app.components", "app.os"))
    assert answers.facts == {**COMPLETE, "app.components": 4}
    assert terminal.screen.count("Application · 1 of 2") == 2
    assert [draft.facts.get("app.components") for draft in drafts] == [None, 3, 4, 4]


def test_typing_less_than_on_a_number_goes_back(pack: RulePack, terminal: ScriptedTerminal) -> None:
    terminal.type(SPACE, ENTER)  # stack.languages: python
    terminal.type(BACKSPACE, "<", ENTER)  # team.ops_engineers: back to the runtimes
    terminal.type(SPACE, ENTER, "y")  # python is ticked as answered: untick it, no runtimes: confirmed
    terminal.type(BACKSPACE, "2", ENTER, ENTER)  # team.ops_engineers: 2; confirm
    answers, _ = interview(pack, terminal, all_but("stack.languages", "team.ops_engineers"))
    assert answers.facts["stack.languages"] == ()
    assert answers.facts["team.ops_engineers"] == 2


def test_pack_text_with_active_characters_reaches_the_terminal_inert(
    terminal: ScriptedTerminal, tmp_path: Path
) -> None:
    hostile = load_rule_pack(hostile_pack(tmp_path / "pack"))
    terminal.type("4", ENTER)  # app.components
    terminal.type(DOWN * 7, ENTER)  # app.architecture: "? Show help"
    terminal.type(CTRL_C)
    terminal.pipe.close()
    with pytest.raises(KeyboardInterrupt):
        run_interview(hostile, NAMED, TerminalPrompter(), save=lambda answers: None)
    assert "\\x1b[8m" in terminal.screen  # the prompts, labels and help, written out
    assert active_in(terminal.screen.replace("\r", "")) == []
