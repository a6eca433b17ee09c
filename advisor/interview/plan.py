"""Which question comes next: the questionnaire as pure logic, shared by every mode.

One path for all modes: a fact answered in the file is kept, then the user is asked for
the rest. `when` conditions are re-evaluated after every answer, because an answer can
make a later question apply or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from advisor.facts import FactValue
from advisor.pack.model import RulePack
from advisor.pack.questions import Question


@dataclass(frozen=True)
class Progress:
    """Where a question sits in its section, e.g. "Team · 3 of 5"; in a quick interview, where
    it sits among the questions that could still matter ("Team · question 3 of at most 7")
    and what its answer could change (`why`)."""

    section: str
    position: int
    total: int
    why: str = ""
    at_most: bool = False

    def __str__(self) -> str:
        if self.at_most:
            return f"{self.section} · question {self.position} of at most {self.total}"
        return f"{self.section} · {self.position} of {self.total}"


@dataclass(frozen=True)
class Questionnaire:
    """The question bank of one pack, walked in bank order with its `when` conditions."""

    pack: RulePack

    def applicable(self, facts: Mapping[str, FactValue]) -> list[Question]:
        return [self.pack.bank.facts[fact] for fact in self.pack.applicable(facts)]

    def missing(self, facts: Mapping[str, FactValue]) -> list[Question]:
        """Applicable questions without an answer (`unknown` is an answer)."""
        return [q for q in self.applicable(facts) if q.fact not in facts]

    def next_question(self, facts: Mapping[str, FactValue], done: Iterable[str]) -> Question | None:
        """The first applicable question not in `done`.

        `done` is the answered facts normally; with --ask-all it is the facts asked so far, so the
        known answers become defaults instead of being skipped.
        """
        skip = set(done)
        for question in self.applicable(facts):
            if question.fact not in skip:
                return question
        return None

    def progress(self, question: Question, facts: Mapping[str, FactValue]) -> Progress:
        siblings = [q for q in self.applicable(facts) if q.section == question.section]
        position = next(i for i, q in enumerate(siblings, 1) if q.fact == question.fact)
        return Progress(self.pack.bank.section_title(question.section), position, len(siblings))

    def default(self, question: Question, facts: Mapping[str, FactValue]) -> FactValue | None:
        """The answer to offer: the current one (from a file, a draft, a scan or this
        interview), else none. The bank's `default` is not offered: Enter on a question
        nobody answered must not record an answer the person never gave."""
        return facts.get(question.fact)
