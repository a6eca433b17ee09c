"""The quick interview: the question that matters most next, why, and when to stop.

`advisor assess --quick` asks, after every answer, the unanswered question with the highest
value of information among those that could still change the decision, in the order
`advisor questions --next` lists them (`advisor.analysis.next_questions`). When none is left,
no answer to the remaining questions could change the recommendation (or, with none yet,
settle it), however they are answered together.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from advisor.analysis.confidence import Component
from advisor.analysis.next_questions import Outlook, outlook, why_asked
from advisor.facts import FactValue
from advisor.interview.plan import Progress
from advisor.pack.model import RulePack
from advisor.pack.questions import Question
from advisor.words import skipped_line


@dataclass(frozen=True)
class QuickStep:
    """Where a quick interview stands after the answers so far."""

    pack: RulePack
    view: Outlook

    @property
    def questions(self) -> list[Question]:
        """The questions that could still change the decision, the one to ask first first."""
        return [self.pack.bank.facts[item.fact] for item in self.view.questions]

    @property
    def skipped(self) -> list[str]:
        return self.view.skipped

    def why(self, fact: str) -> str:
        item = next((item for item in self.view.questions if item.fact == fact), None)
        return why_asked(self.pack, self.view, item) if item is not None else ""

    def progress(self, question: Question, asked: int) -> Progress:
        """`asked`: how many questions this interview has asked already."""
        section = self.pack.bank.section_title(question.section)
        total = asked + max(len(self.view.questions), 1)
        return Progress(section, asked + 1, total, why=self.why(question.fact), at_most=True)

    def stop_line(self) -> str:
        """`7 questions skipped: no answer to them could change the recommendation`."""
        return skipped_line(len(self.skipped), decided=self.view.status != "undecided")


def quick_step(pack: RulePack, facts: Mapping[str, FactValue]) -> QuickStep:
    return QuickStep(pack, outlook(pack, facts))


class QuickSteps:
    """The steps of one quick interview. An answer changes only the parts of the search whose
    rules read it, so the rest is kept from step to step (and is what makes a step cheap)."""

    MAX_KEPT = 4096

    def __init__(self, pack: RulePack):
        self.pack = pack
        self._kept: dict[Hashable, Component] = {}

    def after(self, facts: Mapping[str, FactValue]) -> QuickStep:
        """The step on these answers."""
        if len(self._kept) > self.MAX_KEPT:
            self._kept.clear()
        return QuickStep(self.pack, outlook(self.pack, facts, self._kept))
