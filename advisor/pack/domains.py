"""The values of a fact worth trying: the ones the pack's conditions can tell apart.

Blind ranges would waste time and hide the point: `team.ops_engineers < 2` only separates
1 from 2, so the integers fall into *intervals* between the thresholds the conditions use,
and every value inside one interval makes every rule come out the same. A fact's domain
is therefore a handful of intervals (integers, and the length of a list under `count()`),
its choices, both booleans, or for lists the names that `contains` leaves look for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, NamedTuple

from advisor.facts import Value
from advisor.pack.conditions import Condition, Leaf, leaves
from advisor.pack.questions import QuestionBank
from advisor.words import FILLER

if TYPE_CHECKING:  # the pack model holds estimates, whose worlds are built from these domains
    from advisor.pack.model import RulePack

MAX_NAMED_FOR_SUBSETS = 6
Interval = tuple[int, int | None]


class Change(NamedTuple):
    """One alternative value for a fact, and how big a change it is from the current one.

    `steps` counts intervals crossed (integers), items added or removed (lists), or 1;
    `magnitude` breaks ties between equal steps by relative size (3 → 2 before 30 → 20).
    """

    value: Value
    steps: int
    magnitude: float


@dataclass(frozen=True)
class FactDomain:
    fact: str
    type: str
    intervals: tuple[Interval, ...] = ()
    choices: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def possible_values(self) -> tuple[Value, ...]:
        """One value per class the conditions can tell apart; for facts nobody answered."""
        if self.type == "bool":
            return (True, False)
        if self.type == "choice":
            return self.choices
        if self.type == "int":
            return tuple(_beside_a_cut(index, interval) for index, interval in enumerate(self.intervals))
        return tuple(dict.fromkeys(self._lists()))

    def changes_from(self, current: Value) -> list[Change]:
        """The alternatives to an answered value, each the smallest change into its class."""
        if self.type == "bool":
            return [Change(not current, 1, 1.0)]
        if self.type == "choice":
            return [Change(choice, 1, 1.0) for choice in self.choices if choice != current]
        if self.type == "int":
            assert isinstance(current, int)
            return list(_int_changes(self.intervals, current))
        assert isinstance(current, tuple)
        return self._list_changes(current)

    def interval_of(self, value: int) -> Interval:
        return self.intervals[_index(self.intervals, value)]

    def _lists(self) -> Iterator[tuple[str, ...]]:
        named = self.named
        sizes = range(len(named) + 1) if len(named) <= MAX_NAMED_FOR_SUBSETS else range(2)
        for size in sizes:
            for subset in combinations(named, size):
                for low, high in self.intervals:
                    length = max(low, size)
                    if high is None or length <= high:
                        yield subset + _fillers(length - size, named)

    def _list_changes(self, current: tuple[str, ...]) -> list[Change]:
        changes = []
        for name in self.named:
            toggled = tuple(item for item in current if item != name) if name in current else (*current, name)
            changes.append(Change(toggled, 1, 1 / max(len(current), 1)))
        for length, magnitude in _int_changes_raw(self.intervals, len(current)):
            if length < len(current):
                unnamed = [item for item in reversed(current) if item not in self.named]
                drop = (unnamed + [item for item in reversed(current) if item in self.named])[
                    : len(current) - length
                ]
                value = tuple(item for item in current if item not in drop)
            else:
                value = current + _fillers(length - len(current), (*current, *self.named))
            changes.append(Change(value, abs(length - len(current)), magnitude))
        unique: dict[tuple[str, ...], Change] = {}
        for change in changes:
            assert isinstance(change.value, tuple)
            if change.value != current and change.value not in unique:
                unique[change.value] = change
        return list(unique.values())


def fact_domains(pack: RulePack) -> dict[str, FactDomain]:
    """The domain of every fact some rule reads, in question-bank order."""
    return condition_domains(pack.bank, (rule.condition for rule in pack.rules))


def condition_domains(bank: QuestionBank, conditions: Iterable[Condition | None]) -> dict[str, FactDomain]:
    """The domain of every fact the conditions read, in question-bank order."""
    by_fact: dict[str, list[Leaf]] = {}
    for condition in conditions:
        for leaf in leaves(condition):
            by_fact.setdefault(leaf.fact, []).append(leaf)
    domains = {}
    for fact, question in bank.facts.items():
        if fact not in by_fact:
            continue
        found = by_fact[fact]
        if question.type == "int":
            low = question.min if question.min is not None else 0
            domains[fact] = FactDomain(fact, "int", intervals=_intervals(found, low, question.max))
        elif question.type == "list":
            counted = [leaf for leaf in found if leaf.count]
            named = tuple(dict.fromkeys(str(leaf.value) for leaf in found if leaf.op == "contains"))
            domains[fact] = FactDomain(fact, "list", intervals=_intervals(counted, 0, None), named=named)
        else:
            domains[fact] = FactDomain(fact, question.type, choices=tuple(question.choices))
    return domains


def _intervals(found: list[Leaf], low: int, high: int | None) -> tuple[Interval, ...]:
    cuts: set[int] = set()
    for leaf in found:
        values = leaf.value if isinstance(leaf.value, frozenset) else {leaf.value}
        for value in values:
            if leaf.op in ("<", ">="):
                cuts.add(value)
            elif leaf.op in ("<=", ">"):
                cuts.add(value + 1)
            else:
                cuts.update((value, value + 1))
    inside = sorted(cut for cut in cuts if cut > low and (high is None or cut <= high))
    starts = [low, *inside]
    ends: list[int | None] = [cut - 1 for cut in inside]
    ends.append(high)
    return tuple(zip(starts, ends, strict=True))


def _beside_a_cut(index: int, interval: Interval) -> int:
    """The first interval's top end and the others' bottom ends: `x < 2` gives 1 and 2."""
    low, high = interval
    return high if index == 0 and high is not None else low


def _index(intervals: tuple[Interval, ...], value: int) -> int:
    for index, (low, high) in enumerate(intervals):
        if value >= low and (high is None or value <= high):
            return index
    return 0 if value < intervals[0][0] else len(intervals) - 1


def _int_changes_raw(intervals: tuple[Interval, ...], current: int) -> Iterator[tuple[int, float]]:
    here = _index(intervals, current)
    for index, (low, high) in enumerate(intervals):
        if index == here:
            continue
        value = low if index > here else (high if high is not None else low)
        yield value, abs(value - current) / max(abs(current), 1)


def _int_changes(intervals: tuple[Interval, ...], current: int) -> Iterator[Change]:
    here = _index(intervals, current)
    for value, magnitude in _int_changes_raw(intervals, current):
        yield Change(value, abs(_index(intervals, value) - here), magnitude)


def _fillers(count: int, taken: tuple[str, ...]) -> tuple[str, ...]:
    names: list[str] = []
    number = 1
    while len(names) < count:
        name = FILLER.format(number)
        if name not in taken:
            names.append(name)
        number += 1
    return tuple(names)
