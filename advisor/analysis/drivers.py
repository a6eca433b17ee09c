"""Decision drivers: the fired rules that opened the gap between the recommendation and the
runner-up, heaviest first. The report's drivers, the ADR's and the portfolio's top driver
are all this one list, carried in the result.
"""

from __future__ import annotations

from advisor.result import FiredRule, Result

DECISIVE = float("inf")


def decision_weight(result: Result, rule: FiredRule) -> float:
    """How much a rule moved the decision: the gap it opened between the winner and the runner-up.

    Excluding a strategy, or the leading platform's rival, decides outright. Without a
    recommendation every strategy effect counts.
    """
    rec = result.recommendation
    if any(option in result.scores for option in rule.excludes):
        return DECISIVE
    if rec.strategy is None:
        return sum(abs(rule.effects.get(option, 0)) for option in result.scores)
    weight = _gap(rule, rec.strategy, result.runner_up(result.scores, rec.strategy))
    if rec.platform:
        if any(option in result.platform_scores for option in rule.excludes):
            return DECISIVE
        weight += _gap(rule, rec.platform, result.runner_up(result.platform_scores, rec.platform))
    return weight


def _gap(rule: FiredRule, winner: str, second: str | None) -> float:
    return abs(rule.effects.get(winner, 0) - (rule.effects.get(second, 0) if second else 0))


def decision_drivers(result: Result) -> list[FiredRule]:
    """Fired rules that moved the decision, heaviest first (ties keep the pack's order)."""
    weighed = [(decision_weight(result, rule), rule) for rule in result.fired]
    return [rule for weight, rule in sorted(weighed, key=lambda pair: -pair[0]) if weight > 0]
