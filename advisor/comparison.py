"""Before and after: what changing some answers does to a recommendation, for `advisor whatif`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from advisor.answers import Answers
from advisor.facts import to_plain
from advisor.result import FactChange, Recommendation, Result


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScoreChange(_Model):
    option: str
    name: str
    before: float
    after: float
    excluded_before: bool = False
    excluded_after: bool = False


class RuleChange(_Model):
    id: str
    because: str


class Comparison(_Model):
    """Two evaluations of the same assessment side by side."""

    project: dict[str, str | None]
    changes: list[FactChange]
    before: Recommendation
    after: Recommendation
    scores: list[ScoreChange]
    platform_scores: list[ScoreChange]
    started: list[RuleChange]
    stopped: list[RuleChange]

    @property
    def changed(self) -> bool:
        return (self.before.strategy, self.before.platform) != (self.after.strategy, self.after.platform)


def fact_changes(before: Answers, after: Answers) -> list[FactChange]:
    """The facts whose value differs, in the order the answers list them."""
    changes = []
    for fact in dict.fromkeys([*before.facts, *after.facts]):
        old, new = before.facts.get(fact), after.facts.get(fact)
        if old != new and new is not None:
            changes.append(
                FactChange(fact=fact, was=None if old is None else to_plain(old), value=to_plain(new))
            )
    return changes


def compare(before: Result, after: Result, changes: list[FactChange]) -> Comparison:
    names = {option.id: option.name for option in before.options}
    before_fired = {rule.id: rule for rule in before.fired}
    after_fired = {rule.id: rule for rule in after.fired}
    return Comparison(
        project=before.project,
        changes=changes,
        before=before.recommendation,
        after=after.recommendation,
        scores=_scores(before, after, before.scores, after.scores, names),
        platform_scores=_scores(before, after, before.platform_scores, after.platform_scores, names),
        started=[RuleChange(id=r.id, because=r.because) for r in after.fired if r.id not in before_fired],
        stopped=[RuleChange(id=r.id, because=r.because) for r in before.fired if r.id not in after_fired],
    )


def _scores(
    before: Result,
    after: Result,
    old: dict[str, float],
    new: dict[str, float],
    names: dict[str, str],
) -> list[ScoreChange]:
    excluded_before = {e.option for e in before.excluded}
    excluded_after = {e.option for e in after.excluded}
    return [
        ScoreChange(
            option=option,
            name=names.get(option, option),
            before=points,
            after=new[option],
            excluded_before=option in excluded_before,
            excluded_after=option in excluded_after,
        )
        for option, points in old.items()
    ]
