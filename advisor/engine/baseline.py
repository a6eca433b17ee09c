"""Incremental re-evaluation: the recommendation after a few facts change, cheaply.

Analysis asks the same question hundreds of times ("and if this fact were that?"). Only
the rules that read a changed fact can come out differently, so a `Baseline` keeps one
full scoring and, for each change set, re-runs just those rules and adjusts the totals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from advisor.engine.score import Choice, Scoring, choose, score
from advisor.facts import FactValue
from advisor.pack.domains import FactDomain, fact_domains
from advisor.pack.memo import per_pack
from advisor.pack.model import RulePack


@dataclass(frozen=True)
class PackIndex:
    """What analysis needs to know about a pack once: who reads what, which values matter, and
    the rules' effects laid out by platform position (`platforms` order) for quick sums."""

    readers: dict[str, tuple[int, ...]]
    domains: dict[str, FactDomain]
    platforms: tuple[str, ...]
    moves: tuple[tuple[tuple[int, float], ...], ...]  # per rule: (platform position, points)
    excludes: tuple[tuple[int, ...], ...]  # per rule: the platform positions it excludes
    shared: tuple[tuple[int, frozenset[str]], ...]  # the rules that read two or more facts
    exact: bool  # every score a multiple of 1/1024, not huge: every sum of them is exact


# Scores that are multiples of 1/1024 below 2**40 add up exactly in floating point.
_EXACT_STEP = 1024.0
_EXACT_LIMIT = 2.0**40


@per_pack
def pack_index(pack: RulePack) -> PackIndex:
    """The index of `pack`, built on first use and kept for the last few packs."""
    readers: dict[str, list[int]] = {}
    for number, rule in enumerate(pack.rules):
        for fact in rule.reads:
            readers.setdefault(fact, []).append(number)
    platforms = pack.platform_order
    position = {platform: n for n, platform in enumerate(platforms)}
    points = [*pack.base_totals.values(), *(p for delta in pack.deltas for p in delta.values())]
    return PackIndex(
        readers={fact: tuple(rules) for fact, rules in readers.items()},
        domains=fact_domains(pack),
        platforms=platforms,
        moves=tuple(
            tuple((position[target], value) for target, value in delta.items() if target in position)
            for delta in pack.deltas
        ),
        excludes=tuple(tuple(position[target] for target in targets) for targets in pack.exclusions),
        shared=tuple((number, rule.reads) for number, rule in enumerate(pack.rules) if len(rule.reads) > 1),
        exact=all(
            (value * _EXACT_STEP).is_integer() and abs(value * _EXACT_STEP) <= _EXACT_LIMIT
            for value in points
        ),
    )


class Variant(NamedTuple):
    """The outcome of one change set: totals, exclusions, and which rules flipped, by their
    numbers (positions in the pack's rules; a named tuple: analysis makes thousands)."""

    totals: Mapping[str, float]
    excluded: frozenset[str]
    choice: Choice
    started: tuple[int, ...]
    stopped: tuple[int, ...]


class Baseline:
    """One full scoring of a profile, ready to be re-scored under changes."""

    def __init__(self, pack: RulePack, facts: Mapping[str, FactValue], scoring: Scoring | None = None):
        self.pack = pack
        self.index = pack_index(pack)
        self.facts = dict(facts)
        self.scoring = scoring if scoring is not None else score(pack, facts)
        fired = {id(rule) for rule in self.scoring.fired}
        self.firing = tuple(id(rule) in fired for rule in pack.rules)
        self._exclusions = {option: len(rules) for option, rules in self.scoring.excluded.items()}
        self._excluded = frozenset(self.scoring.excluded)
        self._readers_of: dict[tuple[str, ...], tuple[int, ...]] = {}
        self._world = dict(facts)  # the facts, with one changed while a single change is re-scored
        self.choice: Choice = choose(pack, self.scoring.totals, self.scoring.excluded)

    def rules_reading(self, facts: Iterable[str]) -> tuple[int, ...]:
        """The rules to re-run when these facts change, in pack order (memoised per fact set)."""
        key = tuple(facts)
        found = self._readers_of.get(key)
        if found is None:
            readers = self.index.readers
            found = tuple(sorted({number for fact in key for number in readers.get(fact, ())}))
            self._readers_of[key] = found
        return found

    def rescore(self, changes: Mapping[str, FactValue]) -> Variant:
        rules = self.pack.rules
        firing = self.firing
        started: list[int] = []
        stopped: list[int] = []
        if len(changes) == 1:  # the common question: one fact changed; no copy of the facts
            ((fact, value),) = changes.items()
            facts = self._world
            facts[fact] = value
            try:
                for number in self.index.readers.get(fact, ()):
                    if (rules[number].test(facts) is True) != firing[number]:
                        (stopped if firing[number] else started).append(number)
            finally:
                if fact in self.facts:
                    facts[fact] = self.facts[fact]
                else:
                    del facts[fact]
        else:
            facts = {**self.facts, **changes}
            for number in self.rules_reading(changes):
                if (rules[number].test(facts) is True) != firing[number]:
                    (stopped if firing[number] else started).append(number)
        if not started and not stopped:
            return Variant(self.scoring.totals, self._excluded, self.choice, (), ())
        totals = dict(self.scoring.totals)
        exclusions: dict[str, int] | None = None  # a copy, once a flipped rule excludes something
        deltas, excludes = self.pack.deltas, self.pack.exclusions
        for sign, flipped in ((1, started), (-1, stopped)):
            for number in flipped:
                for target, points in deltas[number].items():
                    totals[target] += sign * points
                if excludes[number]:
                    if exclusions is None:
                        exclusions = dict(self._exclusions)
                    for target in excludes[number]:
                        exclusions[target] = exclusions.get(target, 0) + sign
        excluded = (
            self._excluded
            if exclusions is None
            else frozenset(option for option, count in exclusions.items() if count > 0)
        )
        return Variant(totals, excluded, choose(self.pack, totals, excluded), tuple(started), tuple(stopped))

    def choice_with(self, changes: Mapping[str, FactValue]) -> Choice:
        return self.rescore(changes).choice
