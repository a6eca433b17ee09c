"""Sensitivity: the single changes to an answered fact that would change the recommendation.

Every search here asks the incremental `Baseline` about alternative values from the fact's
domain (`advisor.pack.domains`); `alternatives` is shared with the value of information
(`advisor.analysis.open_facts`) and the counterfactual search (`advisor.analysis.counterfactuals`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple
from weakref import WeakKeyDictionary

from advisor.engine.baseline import Baseline, Variant
from advisor.engine.score import Choice
from advisor.facts import FactValue, Unknown, Value, to_plain
from advisor.pack.domains import Change, FactDomain
from advisor.result import Sensitivity


class Alternative(NamedTuple):
    """One candidate change of one fact, as the searches use it."""

    fact: str
    change: Change
    variant: Variant

    @property
    def choice(self) -> Choice:
        return self.variant.choice


def open_values(baseline: Baseline, fact: str) -> list[Value]:
    """The values of an open fact that make the rules reading it come out differently here."""
    domain = baseline.index.domains[fact]
    rules = [baseline.pack.rules[n] for n in baseline.index.readers[fact]]
    seen: dict[tuple[bool | None, ...], Value] = {}
    for value in domain.possible_values():
        world = {**baseline.facts, fact: value}
        seen.setdefault(tuple(rule.test(world) for rule in rules), value)
    return list(seen.values())


# Sensitivity, the value of information and the counterfactual search ask for the same
# alternatives of one profile: each fact's are found and re-scored once per baseline.
_found: WeakKeyDictionary[Baseline, dict[str, list[Alternative]]] = WeakKeyDictionary()


def alternatives(baseline: Baseline, fact: str) -> list[Alternative]:
    """Every candidate change of `fact`, with the recommendation it leads to (the same list
    for the same baseline: do not change it)."""
    kept = _found.get(baseline)
    if kept is None:
        kept = _found[baseline] = {}
    found = kept.get(fact)
    if found is None:
        current = baseline.facts.get(fact)
        if current is None or isinstance(current, Unknown):
            changes = [Change(value, 1, 0.0) for value in open_values(baseline, fact)]
        else:
            changes = baseline.index.domains[fact].changes_from(current)
        found = kept[fact] = [
            Alternative(fact, change, baseline.rescore({fact: change.value})) for change in changes
        ]
    return found


def sensitivity(baseline: Baseline) -> list[Sensitivity]:
    """Single changes to answered facts that change the strategy or the platform, smallest first."""
    found: list[tuple[tuple[int, float, int], Sensitivity]] = []
    for order, (fact, domain) in enumerate(baseline.index.domains.items()):
        current = baseline.facts.get(fact)
        if current is None or isinstance(current, Unknown):
            continue
        flips = [a for a in alternatives(baseline, fact) if a.choice != baseline.choice]
        for alternative in _smallest_per_outcome(flips, current):
            change = alternative.change
            low, high = _range(baseline, domain, alternative) if domain.type == "int" else (None, None)
            item = Sensitivity(
                fact=fact,
                value=to_plain(change.value),
                strategy=alternative.choice[0],
                platform=alternative.choice[1],
                was=to_plain(current),
                steps=change.steps,
                low=low,
                high=high,
            )
            found.append(((change.steps, change.magnitude, order), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _smallest_per_outcome(flips: list[Alternative], current: Value) -> Iterator[Alternative]:
    """For integers and lists, only the nearest value per outcome and direction."""
    best: dict[tuple[Choice, object], Alternative] = {}
    for alternative in flips:
        value = alternative.change.value
        if isinstance(value, bool | str):
            key: object = value
        elif isinstance(value, int) and isinstance(current, int):
            key = value > current
        else:
            key = "list"
        slot = (alternative.choice, key)
        kept = best.get(slot)
        if kept is None or (alternative.change.steps, alternative.change.magnitude) < (
            kept.change.steps,
            kept.change.magnitude,
        ):
            best[slot] = alternative
    return iter(best.values())


def _range(baseline: Baseline, domain: FactDomain, alternative: Alternative) -> tuple[int | None, int | None]:
    """The run of neighbouring intervals around the new value that all give the same outcome.

    None stands for "no bound": the run reaches the fact's smallest or largest value.
    """
    value = alternative.change.value
    assert isinstance(value, int)
    outcomes = [baseline.choice_with({domain.fact: low}) for low, _ in domain.intervals]
    here = domain.intervals.index(domain.interval_of(value))
    first = last = here
    while first > 0 and outcomes[first - 1] == alternative.choice:
        first -= 1
    while last < len(outcomes) - 1 and outcomes[last + 1] == alternative.choice:
        last += 1
    low = domain.intervals[first][0] if first > 0 else None
    high = domain.intervals[last][1] if last < len(outcomes) - 1 else None
    return low, high


def plain_or_none(value: FactValue | None) -> int | bool | str | list[str] | None:
    return None if value is None else to_plain(value)
