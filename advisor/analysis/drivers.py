"""Decision drivers: the fired rules that opened the gap between the recommendation and its
runners-up, heaviest first. The report's drivers, the ADR's and the portfolio's top driver
are all this one list, carried in the result.
"""

from __future__ import annotations

from advisor.engine.score import Scoring, best_platform
from advisor.pack.model import Rule, RulePack

DECISIVE = float("inf")
TIE = 0.5
"""The weight of excluding a platform that would have tied the recommended one: it decided
the platform, if only by the order that breaks ties."""


def decision_drivers(pack: RulePack, scoring: Scoring) -> list[Rule]:
    """Fired rules that moved the decision, heaviest first (ties keep the pack's order). A
    rule that offsets another that fired (`offsets:`) is weighed with it, as one."""
    weigh = _Weigher(pack, scoring)
    numbered = _numbered(pack, scoring.fired)
    fired = {rule.id: number for number, rule in numbered}
    offsetting: dict[int, list[int]] = {}
    for number, rule in numbered:
        if rule.spec.offsets in fired:
            offsetting.setdefault(fired[rule.spec.offsets], []).append(number)
    weighed = [
        (weigh([number, *offsetting.get(number, [])]), rule)
        for number, rule in numbered
        if rule.spec.offsets not in fired
    ]
    return [rule for weight, rule in sorted(weighed, key=lambda pair: -pair[0]) if weight > 0]


def _numbered(pack: RulePack, rules: tuple[Rule, ...]) -> list[tuple[int, Rule]]:
    index = {id(rule): number for number, rule in enumerate(pack.rules)}
    return [(index[id(rule)], rule) for rule in rules]


class _Weigher:
    """How much a rule moved the decision: the gap it opened between the recommended platform
    and the best platform of another strategy, plus the gap it opened to the best other
    platform of the same strategy (a rule that narrowed a gap is a con, not a driver).
    Excluding an option of another strategy that would otherwise have won decides outright;
    excluding a platform of the recommended strategy that would have led it weighs as far as
    that platform would have led (ECS off AWS chose the platform, not the strategy).
    Without a recommendation every effect on a strategy counts."""

    def __init__(self, pack: RulePack, scoring: Scoring):
        self.pack = pack
        self.totals = scoring.totals
        excluded = set(scoring.excluded)
        self.best = best_platform(pack, scoring.totals, excluded)
        self.rivals: list[str] = []
        if self.best is not None:
            own = pack.carriers[pack.strategy_of[self.best]]
            others = excluded | set(own)
            siblings = excluded | (set(pack.platform_order) - set(own)) | {self.best}
            for gone in (others, siblings):
                rival = best_platform(pack, scoring.totals, gone)
                if rival is not None:
                    self.rivals.append(rival)

    def __call__(self, numbers: list[int]) -> float:
        """The weight of these rules together (a rule and those offsetting it)."""
        pack = self.pack
        if self.best is None:
            return sum(
                abs(sum(pack.rules[n].spec.effects.get(strategy, 0.0) for n in numbers))
                for strategy in pack.carriers
            )
        best = self.totals[self.best]
        strategy = pack.strategy_of[self.best]
        lead = 0.0
        for number in numbers:
            for platform in pack.exclusions[number]:
                if self.totals[platform] < best:
                    continue
                if pack.strategy_of[platform] != strategy:
                    return DECISIVE
                lead = max(lead, self.totals[platform] - best, TIE)

        def moved(platform: str) -> float:
            return sum(pack.deltas[n].get(platform, 0.0) for n in numbers)

        mine = moved(self.best)
        return lead + sum(max(0.0, mine - moved(rival)) for rival in self.rivals)
