"""Decision drivers: the fired rules that opened the gap between the recommendation and its
runners-up, heaviest first. The report's drivers, the ADR's and the portfolio's top driver
are all this one list, carried in the result.
"""

from __future__ import annotations

from advisor.engine.score import Scoring, best_platform
from advisor.pack.model import Rule, RulePack

DECISIVE = float("inf")


def decision_drivers(pack: RulePack, scoring: Scoring) -> list[Rule]:
    """Fired rules that moved the decision, heaviest first (ties keep the pack's order)."""
    weigh = _Weigher(pack, scoring)
    weighed = [(weigh(number), rule) for number, rule in _numbered(pack, scoring.fired)]
    return [rule for weight, rule in sorted(weighed, key=lambda pair: -pair[0]) if weight > 0]


def _numbered(pack: RulePack, rules: tuple[Rule, ...]) -> list[tuple[int, Rule]]:
    index = {id(rule): number for number, rule in enumerate(pack.rules)}
    return [(index[id(rule)], rule) for rule in rules]


class _Weigher:
    """How much a rule moved the decision: the gap it opened between the recommended platform
    and the best platform of another strategy, plus the gap it opened to the best other
    platform of the same strategy (a rule that narrowed a gap is a con, not a driver).
    Excluding an option that would otherwise have won decides outright.
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

    def __call__(self, number: int) -> float:
        pack, spec = self.pack, self.pack.rules[number].spec
        if self.best is None:
            return sum(abs(spec.effects.get(strategy, 0.0)) for strategy in pack.carriers)
        if any(self.totals[platform] >= self.totals[self.best] for platform in pack.exclusions[number]):
            return DECISIVE
        delta = pack.deltas[number]
        mine = delta.get(self.best, 0.0)
        return sum(max(0.0, mine - delta.get(rival, 0.0)) for rival in self.rivals)
