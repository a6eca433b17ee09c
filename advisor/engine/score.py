"""Scoring: run every rule once and rank the platforms; the fast core under the engine.

Every platform starts at its strategy's base plus its own, and each rule whose condition
holds adds its effects: an effect on a strategy reaches every platform that carries it, an
effect on a platform that platform alone. Rules may also exclude options outright. A
strategy scores what its best platform not excluded scores, so the recommendation is the
best platform of all (ties go to the strategy, then the platform, listed first in the pack).
The what-if analysis re-scores from here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from advisor.facts import FactValue
from advisor.pack.model import Rule, RulePack

Choice = tuple[str | None, str | None]


@dataclass(frozen=True)
class Scoring:
    """The raw outcome of running every rule once: platform scores and the platforms excluded."""

    totals: dict[str, float]
    fired: tuple[Rule, ...]
    undetermined: tuple[Rule, ...]
    excluded: dict[str, tuple[Rule, ...]]


def score(pack: RulePack, facts: Mapping[str, FactValue]) -> Scoring:
    totals = pack.base_totals.copy()
    fired: list[Rule] = []
    undetermined: list[Rule] = []
    excluded: dict[str, tuple[Rule, ...]] = {}
    for test, effects, exclude, rule in pack.scoring_steps:
        outcome = test(facts)
        if outcome:
            fired.append(rule)
            for target, points in effects:
                totals[target] += points
            for target in exclude:
                excluded[target] = (*excluded.get(target, ()), rule)
        elif outcome is None:
            undetermined.append(rule)
    return Scoring(totals, tuple(fired), tuple(undetermined), excluded)


def best_platform(pack: RulePack, totals: Mapping[str, float], excluded: Collection[str]) -> str | None:
    """The highest-scoring platform not excluded; ties go to the one listed first."""
    best: str | None = None
    best_points = 0.0
    for platform in pack.platform_order:
        if platform in excluded:
            continue
        points = totals[platform]
        if best is None or points > best_points:
            best, best_points = platform, points
    return best


def choose(pack: RulePack, totals: Mapping[str, float], excluded: Collection[str]) -> Choice:
    """The winning strategy and the platform named for it (none for a self-carried strategy)."""
    platform = best_platform(pack, totals, excluded)
    if platform is None:
        return None, None
    return pack.strategy_of[platform], pack.named_platform(platform)


def top_is_tied(pack: RulePack, totals: Mapping[str, float], excluded: Collection[str]) -> bool:
    """Two platforms not excluded share the best score (of one strategy or of two): no
    recommendation on these scores. False when every platform is excluded (nothing is left)."""
    best = 0.0
    count = 0
    for platform in pack.platform_order:
        if platform in excluded:
            continue
        points = totals[platform]
        if count == 0 or points > best:
            best, count = points, 1
        elif points == best:
            count += 1
    return count > 1


def recommend(pack: RulePack, scoring: Scoring) -> Choice:
    return choose(pack, scoring.totals, scoring.excluded)


def strategy_scores(
    pack: RulePack, totals: Mapping[str, float], excluded: Collection[str]
) -> dict[str, float]:
    """Each strategy's score: its best platform not excluded, else its best platform at all."""
    scores = {}
    for strategy, platforms in pack.carriers.items():
        allowed = [totals[p] for p in platforms if p not in excluded]
        scores[strategy] = max(allowed or [totals[p] for p in platforms])
    return scores
