"""Scoring: run every rule once and rank the options; the fast core under the engine.

Every option starts at its `base`, and each rule whose condition holds adds its effects.
Rules may also exclude options outright. The strategy with the highest score among those
not excluded wins (ties go to the option listed first in the pack); when containers win,
the best platform is named the same way. The what-if analysis re-scores from here.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from advisor.facts import FactValue
from advisor.pack.model import Option, Rule, RulePack

CONTAINERS = "containers"


@dataclass(frozen=True)
class Scoring:
    """The raw outcome of running every rule once."""

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


def choose(
    pack: RulePack, totals: Mapping[str, float], excluded: Collection[str]
) -> tuple[str | None, str | None]:
    """The winning strategy and, for containers, the winning platform."""
    strategy = _first(pack.strategies, totals, excluded)
    platform = _first(pack.platforms, totals, excluded) if strategy == CONTAINERS else None
    return strategy, platform


def recommend(pack: RulePack, scoring: Scoring) -> tuple[str | None, str | None]:
    return choose(pack, scoring.totals, scoring.excluded)


def _first(options: tuple[Option, ...], totals: Mapping[str, float], excluded: Collection[str]) -> str | None:
    best: str | None = None
    best_points = 0.0
    for option in options:
        if option.id in excluded:
            continue
        points = totals[option.id]
        if best is None or points > best_points:
            best, best_points = option.id, points
    return best
