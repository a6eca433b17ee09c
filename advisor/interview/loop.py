"""The interview loop: ask what is missing, save after every answer, review until confirmed.

The loop knows nothing about terminals: it talks to a `Prompter` (the questionary one in
`terminal.py`), so the same loop serves a fresh interview, `--answers`, `--ask-all`,
`--quick`, `--resume` and answers prefilled from a repository scan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final, Protocol

from advisor.answers import Answers, Project
from advisor.facts import Facts, FactValue
from advisor.interview.plan import Progress, Questionnaire
from advisor.interview.quick import QuickSteps
from advisor.interview.values import display
from advisor.pack.model import RulePack
from advisor.pack.questions import Question

PROJECT = "project"


class Back:
    """What a prompter returns when the person asks for the previous question again."""


BACK: Final = Back()


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review table; `key` is a fact id, or PROJECT for the project details."""

    key: str
    section: str
    label: str
    answer: str


class Prompter(Protocol):
    def ask(
        self, question: Question, default: FactValue | None, progress: Progress, *, can_go_back: bool = False
    ) -> FactValue | Back: ...

    def ask_project(self, project: Project) -> Project: ...

    def settled(self, message: str, skipped: int, *, can_go_back: bool) -> str | Back:
        """After a quick interview's last question: REVIEW, ANSWER_REST or Back."""
        ...

    def review(self, rows: list[ReviewRow]) -> str | None:
        """The key of the row to change, or None when the answers are confirmed."""
        ...


REVIEW, ANSWER_REST = "review", "answer-rest"


def needs_project(answers: Answers) -> bool:
    """Project details are asked only when the answers do not name the project.

    A draft saved before the name was given holds the placeholder name, so it counts as unnamed.
    """
    return answers.project.name == Project().name


def run_interview(
    pack: RulePack,
    prefilled: Answers,
    prompter: Prompter,
    *,
    save: Callable[[Answers], None],
    ask_all: bool = False,
    quick: bool = False,
) -> Answers:
    """Complete `prefilled` by asking, then let the user review and change any answer.

    `save` receives the answers after every change (the draft). `prefilled` may come from
    an answers file, a draft, or a scan; its answers are kept unless the user changes them.
    `quick` asks only what could still change the decision, most valuable first, and then
    offers to answer the rest.
    """
    plan = Questionnaire(pack)
    answers = prefilled
    save(answers)
    if ask_all or needs_project(answers):
        answers = replace(answers, project=prompter.ask_project(answers.project))
        save(answers)
    asked: list[str] = []  # facts asked in this run, in order: for Back, and for --ask-all
    back_to: Question | None = None
    steps = QuickSteps(pack) if quick else None
    offered: list[str] = []  # the skipped questions last offered to answer after all
    while True:
        while (step := _next(plan, answers, asked, back_to, ask_all=ask_all, quick=steps)) is not None:
            question, progress = step
            value = prompter.ask(
                question, plan.default(question, answers.facts), progress, can_go_back=bool(asked)
            )
            if isinstance(value, Back):
                back_to = pack.bank.facts[asked.pop()] if asked else question
                continue
            back_to = None
            answers = _answer(answers, question, value)
            asked.append(question.fact)
            save(answers)
        if steps is not None:
            stop = steps.after(answers.facts)
            if stop.skipped and stop.skipped != offered:
                offered = stop.skipped
                action = prompter.settled(stop.stop_line(), len(stop.skipped), can_go_back=bool(asked))
                if isinstance(action, Back) and asked:
                    back_to = pack.bank.facts[asked.pop()]
                    offered = []
                    continue
                if action == ANSWER_REST:
                    steps = None
                    continue
        choice = prompter.review(review_rows(plan, answers))
        if choice is None:
            return answers
        if choice == PROJECT:
            answers = replace(answers, project=prompter.ask_project(answers.project))
        else:
            question = pack.bank.facts[choice]
            facts = answers.facts
            value = prompter.ask(question, plan.default(question, facts), plan.progress(question, facts))
            answers = _answer(answers, question, value)
        save(answers)


def _next(
    plan: Questionnaire,
    answers: Answers,
    asked: list[str],
    back_to: Question | None,
    *,
    ask_all: bool,
    quick: QuickSteps | None,
) -> tuple[Question, Progress] | None:
    """The question to ask now and where it stands, or None when there is nothing to ask."""
    facts = answers.facts
    if quick is None:
        question = back_to or plan.next_question(facts, asked if ask_all else facts)
        return (question, plan.progress(question, facts)) if question is not None else None
    if back_to is not None:  # asked again: why it was asked, from the answers before it
        before = {fact: value for fact, value in facts.items() if fact != back_to.fact}
        return back_to, quick.after(before).progress(back_to, len(asked))
    step = quick.after(facts)
    if not step.questions:
        return None
    return step.questions[0], step.progress(step.questions[0], len(asked))


def _answer(answers: Answers, question: Question, value: FactValue | Back) -> Answers:
    if isinstance(value, Back):  # nothing to go back to from a review change: keep the answer
        return answers
    updated: Facts = {question.fact: value}
    return answers.with_facts(updated)


def review_rows(plan: Questionnaire, answers: Answers) -> list[ReviewRow]:
    project = answers.project
    details = [project.name, *(value for value in (project.client, project.assessor) if value)]
    rows = [ReviewRow(PROJECT, "Project", "name, client, assessor", " · ".join(details))]
    bank = plan.pack.bank
    for question in plan.applicable(answers.facts):
        rows.append(
            ReviewRow(
                question.fact,
                bank.section_title(question.section),
                question.fact,
                display(question, answers.facts.get(question.fact)),
            )
        )
    return rows
