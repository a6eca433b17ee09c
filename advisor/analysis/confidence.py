"""Confidence: how far ahead the recommendation stays, whatever the open answers turn out to be.

The formula, in words (docs/confidence.md has a worked example):

1. Take the *guaranteed lead* of a platform over a rival platform: the smallest lead it keeps
   in every possible world, a world being one value for each open (unknown or unanswered)
   fact. An open fact that could exclude the platform makes its guaranteed lead −∞.
2. A strategy's guaranteed lead is the best, over the platforms that carry it, of that
   platform's smallest guaranteed lead over every platform of every other strategy: one of
   its platforms keeps at least that lead in every world (a bound that is exact for a
   strategy carried by one platform). A platform's guaranteed lead is its smallest
   guaranteed lead over every other platform.
3. confidence = g(the best guaranteed lead of any strategy) and platform_confidence =
   g(the best guaranteed lead of any platform), with g(L) = 1 − ½·e^(−L/s) for L ≥ 0 and
   ½·e^(L/s) for L < 0 (s = the pack's margin_scale). A tie gives ½; a lead of s points
   about 0.82; an option left alone 1; an open answer that would put a rival ahead by s
   points about 0.18. Because a platform's rivals include its strategy's, the platform
   confidence is never above the strategy's.

Worlds are counted without blowing up: open facts that no rule reads together are
independent, so the minimum splits into one small search per group of linked facts
("component"), over the values the conditions can tell apart. A component too large to
enumerate falls back to a per-rule bound (each undetermined rule may fire or not), which
is never above the exact minimum. Because a known fact is one of the worlds of the same
fact unknown, turning a known fact into `unknown` can only lower a guaranteed lead.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from operator import add, mul, sub
from typing import TypeVar

from advisor.engine.baseline import Baseline
from advisor.engine.score import Scoring, best_platform, top_is_tied
from advisor.facts import FactValue
from advisor.pack.model import RulePack
from advisor.result import ConfidenceLine, Status
from advisor.words import counted, format_value, plural_of

MAX_WORLDS_PER_COMPONENT = 4096
World = tuple[dict[str, FactValue], dict[str, float], frozenset[str]]
"""One world of a component: its assignment, the platform scores' shift from the answers
given, and the platforms excluded in it."""
_Outcome = tuple[tuple[float, ...], tuple[bool, ...], frozenset[str]]
"""What the rules do in a world (or, within one group of rules, on one combination): each
platform's shift, whether each excluding rule fires, and the platforms excluded."""
Components = MutableMapping[Hashable, "Component"]
"""Components kept from one evaluation for the next of the same pack (`Guarantees(reuse=)`)."""
_ABSENT = object()
_T = TypeVar("_T")


def lead_factor(lead: float, scale: float) -> float:
    if lead >= 0:
        return 1 - 0.5 * math.exp(-lead / scale) if lead != math.inf else 1.0
    return 0.5 * math.exp(lead / scale) if lead != -math.inf else 0.0


@dataclass
class _Worst:
    """A component's worst case for one platform against one rival."""

    shift: float
    values: dict[str, FactValue] = field(default_factory=dict)


class Component:
    """Open facts linked by rules that read several of them, with every world enumerated.

    Worlds come in `itertools.product` order over `values` (by default the values the
    conditions can tell apart). Each rule is tried once per combination of the facts it reads
    (or of its rule group's facts), not once per world; worlds in which every rule comes out
    alike share an outcome, and `worlds` holds each outcome once, with the first assignment
    that leads to it.
    """

    def __init__(
        self,
        baseline: Baseline,
        facts: tuple[str, ...],
        rules: tuple[int, ...],
        max_worlds: int,
        values: Mapping[str, Sequence[FactValue]] | None = None,
    ):
        self.facts = facts
        self.rules = rules
        domains = baseline.index.domains
        self.values: tuple[tuple[FactValue, ...], ...] = tuple(
            tuple(values[fact]) if values is not None and fact in values else domains[fact].possible_values()
            for fact in facts
        )
        self.count = math.prod(len(choices) for choices in self.values)
        self.exact = self.count <= max_worlds
        self.fixed: set[str] = set()
        self.outcome_of: list[int] = []
        """Exact components only: for each world, in product order, its index in `worlds`."""
        self._columns: dict[str, list[float]] = {}
        self._ever_excluded: frozenset[str] = frozenset()
        self._worst: dict[tuple[str, str], _Worst] = {}
        self._leads: dict[tuple[str, str], tuple[float, ...]] = {}
        self.worlds = self._enumerate(baseline) if self.exact else self._bounds(baseline)

    def strides(self) -> list[int]:
        """How many worlds apart two neighbouring values of each fact are (the last varies fastest)."""
        strides = [1] * len(self.values)
        for position in range(len(self.values) - 2, -1, -1):
            strides[position] = strides[position + 1] * len(self.values[position + 1])
        return strides

    def digits(self, position: int) -> list[int]:
        """World by world, the index of the value the fact at `position` takes."""
        stride, radix = self.strides()[position], len(self.values[position])
        return [(world // stride) % radix for world in range(self.count)]

    def _enumerate(self, baseline: Baseline) -> list[World]:
        """Every world's outcome. Worlds in which the rules that move a platform or exclude
        one come out alike share a key; worlds whose keys give the same shifts and the same
        excluding rules firing share an outcome, held by the first of them."""
        pack = baseline.pack
        order = pack.platform_order
        rules = [
            number
            for number in self.rules
            if pack.exclusions[number] or any(platform in pack.deltas[number] for platform in order)
        ]
        by_groups = _exact_sums(pack, rules)
        key_of, outcomes = self._by_groups(baseline, rules) if by_groups else self._by_rules(baseline, rules)
        # For each key, the first world that has it (keys are numbered by first world): a
        # dict from the worlds taken last to first keeps each key's earliest.
        earliest = dict(zip(reversed(key_of), range(self.count - 1, -1, -1), strict=True))
        first = [earliest[index] for index in range(len(outcomes))]
        found: dict[tuple[tuple[float, ...], tuple[bool, ...]], int] = {}
        outcome_of_key: list[int] = []
        worlds: list[World] = []
        strides = self.strides()
        for (points, excluding, excluded), world in zip(outcomes, first, strict=True):
            signature = (points, excluding)
            if signature not in found:
                found[signature] = len(worlds)
                assignment = {
                    fact: choices[(world // stride) % len(choices)]
                    for fact, choices, stride in zip(self.facts, self.values, strides, strict=True)
                }
                worlds.append((assignment, dict(zip(order, points, strict=True)), excluded))
            outcome_of_key.append(found[signature])
        self.outcome_of = list(map(outcome_of_key.__getitem__, key_of))
        self._columns = {platform: [world[1][platform] for world in worlds] for platform in order}
        self._ever_excluded = frozenset().union(*(excluded for _, _, excluded in worlds))
        return worlds

    def _by_groups(self, baseline: Baseline, rules: list[int]) -> tuple[list[int], list[_Outcome]]:
        """Each world's key, and each key's outcome, rule group by rule group: rules that read
        the same facts of the component (or some of one group's facts) are tried together on
        each combination of those facts' values only, and the groups' outcomes are added up
        world by world (`_merged`), so a world's key is the index of its summed outcome, and
        keys are already distinct outcomes. Exact only where sums come out alike in any order
        (`_exact_sums`)."""
        pack = baseline.pack
        order = pack.platform_order
        position = {fact: index for index, fact in enumerate(self.facts)}
        reads = {
            number: frozenset(position[fact] for fact in pack.rules[number].reads if fact in position)
            for number in rules
        }
        widest: list[frozenset[int]] = []
        for read in sorted(set(reads.values()), key=len, reverse=True):
            if not any(read <= group for group in widest):
                widest.append(read)
        members: dict[frozenset[int], list[int]] = {group: [] for group in widest}
        for number in rules:
            members[next(group for group in widest if reads[number] <= group)].append(number)
        key_of = [0] * self.count
        outcomes: list[_Outcome] = [((0.0,) * len(order), (), frozenset())]
        for group, numbers in members.items():
            positions = sorted(group)
            local, ids = self._group_outcomes(baseline, positions, numbers)
            key_of, outcomes = _merged(key_of, outcomes, self._spread(positions, ids), local)
        return key_of, outcomes

    def _group_outcomes(
        self, baseline: Baseline, positions: list[int], numbers: list[int]
    ) -> tuple[list[_Outcome], list[int]]:
        """The distinct outcomes of one group of rules, and for each combination of the values
        of the facts at `positions` (in product order), the index of its outcome."""
        pack = baseline.pack
        order = pack.platform_order
        world = dict(baseline.facts)
        firing, moves = baseline.firing, baseline.index.moves
        excluding = [number for number in numbers if pack.exclusions[number]]
        found: dict[_Outcome, int] = {}
        ids: list[int] = []
        for combination in itertools.product(*(self.values[index] for index in positions)):
            for index, value in zip(positions, combination, strict=True):
                world[self.facts[index]] = value
            fires = {number: pack.rules[number].test(world) is True for number in numbers}
            shift = [0.0] * len(order)
            for number in numbers:
                if fires[number] != firing[number]:
                    sign = 1.0 if fires[number] else -1.0
                    for at, points in moves[number]:
                        shift[at] += sign * points
            flags = tuple(fires[number] for number in excluding)
            excluded = frozenset(
                target for number in excluding if fires[number] for target in pack.exclusions[number]
            )
            ids.append(found.setdefault((tuple(shift), flags, excluded), len(found)))
        return list(found), ids

    def _spread(self, positions: list[int], per_combination: list[_T]) -> list[_T]:
        """World by world (in product order), the entry of `per_combination` (one for each
        combination of the values of the facts at `positions`, in product order) that the world
        takes: repeated, not looked up, along the facts not among `positions`."""
        return self._spread_from(0, 0, set(positions), per_combination)

    def _spread_from(
        self, position: int, index: int, inside: set[int], per_combination: list[_T]
    ) -> list[_T]:
        """`_spread` from the fact at `position` on, `index` being the combination so far."""
        if position == len(self.facts):
            return [per_combination[index]]
        radix = len(self.values[position])
        if position not in inside:
            return self._spread_from(position + 1, index, inside, per_combination) * radix
        column: list[_T] = []
        for digit in range(radix):
            column += self._spread_from(position + 1, index * radix + digit, inside, per_combination)
        return column

    def _by_rules(self, baseline: Baseline, rules: list[int]) -> tuple[list[int], list[_Outcome]]:
        """Each world's key (which rules fire in it), and each key's outcome, rule by rule."""
        pack = baseline.pack
        columns = [self._column(baseline, number) for number in rules]
        index_of: dict[tuple[bool, ...], int] = {}
        key_of = [
            index_of.setdefault(key, len(index_of))
            for key in (zip(*columns, strict=True) if columns else [()] * self.count)
        ]
        keys = list(index_of)
        fired = [list(column) for column in zip(*keys, strict=True)] if rules else []
        shifts = _shifts(baseline, rules, fired, len(keys))
        excluding = [
            (position, pack.exclusions[number])
            for position, number in enumerate(rules)
            if pack.exclusions[number]
        ]
        outcomes: list[_Outcome] = [
            (
                points,
                tuple(key[position] for position, _ in excluding),
                frozenset(target for position, targets in excluding if key[position] for target in targets),
            )
            for key, points in zip(keys, zip(*shifts, strict=True), strict=True)
        ]
        return key_of, outcomes

    def _column(self, baseline: Baseline, number: int) -> list[bool]:
        """Whether the rule fires, world by world: one test per combination of the values of
        the facts it reads, spread over the worlds (`_spread`)."""
        rule = baseline.pack.rules[number]
        positions = [index for index, fact in enumerate(self.facts) if fact in rule.reads]
        world = dict(baseline.facts)
        fires = []
        for combination in itertools.product(*(self.values[index] for index in positions)):
            world.update(
                (self.facts[index], value) for index, value in zip(positions, combination, strict=True)
            )
            fires.append(rule.test(world) is True)
        return self._spread(positions, fires)

    def _bounds(self, baseline: Baseline) -> list[World]:
        """Too many worlds: one pseudo-world per undetermined rule, treated as independent.

        Rules that stay determined become `self.fixed`: what they exclude, they exclude always.
        """
        pack = baseline.pack
        worlds: list[World] = []
        for number in self.rules:
            outcome = pack.rules[number].test(baseline.facts)
            if outcome is None:
                shift = {p: pack.deltas[number].get(p, 0.0) for p in pack.platform_order}
                worlds.append(({}, shift, pack.exclusions[number]))
            elif outcome:
                self.fixed.update(pack.exclusions[number])
        return worlds

    def leads(self, best: str, rival: str) -> tuple[float, ...]:
        """Exact components only: world by world, what the component adds to the lead of `best`
        over `rival`, −∞ where the world excludes `best`, +∞ where it excludes only the rival
        (kept per pair)."""
        if not self.exact:
            raise ValueError("a component past its bound of worlds has no leads world by world")
        found = self._leads.get((best, rival))
        if found is None:
            columns = self._columns
            points = list(map(sub, columns[best], columns[rival]))
            if best in self._ever_excluded or rival in self._ever_excluded:
                for at, (_, _, excluded) in enumerate(self.worlds):
                    if best in excluded:
                        points[at] = -math.inf
                    elif rival in excluded:
                        points[at] = math.inf
            found = self._leads[best, rival] = tuple(points)
        return found

    def can_exclude(self, platform: str) -> dict[str, FactValue] | None:
        if platform in self.fixed:
            return {}
        for assignment, _, excluded in self.worlds:
            if platform in excluded:
                return assignment
        return None

    def always_excludes(self, platform: str) -> bool:
        if not self.exact:
            return platform in self.fixed
        return all(platform in excluded for _, _, excluded in self.worlds)

    def worst(self, platform: str, rival: str) -> _Worst:
        key = (platform, rival)
        found = self._worst.get(key)
        if found is None:
            found = self._worst[key] = self._find_worst(platform, rival)
        return found

    def _find_worst(self, platform: str, rival: str) -> _Worst:
        if not self.exact:
            total = sum(
                min(0.0, shift[platform] - shift[rival])
                for _, shift, excluded in self.worlds
                if rival not in excluded
            )
            return _Worst(total)
        # The first world (in product order) with the smallest lead, among those the rival is in.
        columns = self._columns
        points = list(map(sub, columns[platform], columns[rival]))
        if rival in self._ever_excluded:
            points = [
                math.inf if rival in w[2] else lead for lead, w in zip(points, self.worlds, strict=True)
            ]
        smallest = min(points)
        if smallest == math.inf:
            return _Worst(0.0)
        return _Worst(smallest, self.worlds[points.index(smallest)][0])


def _merged(
    left: list[int], left_outcomes: list[_Outcome], right: list[int], right_outcomes: list[_Outcome]
) -> tuple[list[int], list[_Outcome]]:
    """Two groups' outcomes world by world, as one: each pair of outcomes that occurs is
    added up once, pairs that add up alike share an index, and indices go by first world."""
    width = len(right_outcomes)
    if len(left) != len(right):
        raise ValueError("the two groups' worlds differ in number")
    codes = list(map(add, map(mul, left, itertools.repeat(width)), right))  # a pair as one number
    found: dict[_Outcome, int] = {}
    index_of_code: dict[int, int] = {}
    for code in dict.fromkeys(codes):  # each pair once, in the order of its first world
        points_a, flags_a, excluded_a = left_outcomes[code // width]
        points_b, flags_b, excluded_b = right_outcomes[code % width]
        outcome = (
            tuple(map(add, points_a, points_b)),
            flags_a + flags_b,
            excluded_a | excluded_b,
        )
        index_of_code[code] = found.setdefault(outcome, len(found))
    return list(map(index_of_code.__getitem__, codes)), list(found)


def _exact_sums(pack: RulePack, rules: Iterable[int]) -> bool:
    """Whether every effect of these rules is a multiple of 1/1024, so that their sums come
    out exact, and the same, in any order."""
    return all(
        (points * 1024).is_integer()
        for number in rules
        for points in pack.rules[number].spec.effects.values()
    )


def _shifts(baseline: Baseline, rules: list[int], fired: list[list[bool]], count: int) -> list[list[float]]:
    """Each platform's shift (in platform order) in each of `count` worlds, where `fired` says,
    rule by rule, whether the rule fires in each world.

    Used where effects do not add up exactly in any order (`_exact_sums`): each platform's
    shift adds the rules up in pack order, as one world would (platforms the rules move alike
    sharing a column), so that rounding comes out the same.
    """
    pack = baseline.pack
    order = pack.platform_order
    alike: dict[tuple[float, ...], list[int]] = {}
    for index, platform in enumerate(order):
        alike.setdefault(tuple(pack.deltas[number].get(platform, 0.0) for number in rules), []).append(index)
    found: list[list[float]] = [[] for _ in order]
    for moves, platforms in alike.items():
        shift = [0.0] * count
        for number, column, move in zip(rules, fired, moves, strict=True):
            if move:
                shift = _moved(shift, column, move, baseline.firing[number])
        for index in platforms:
            found[index] = shift
    return found


def _moved(shift: list[float], column: list[bool], points: float, firing: bool) -> list[float]:
    """A platform's shift in every world after one rule: its points where it fires and did not
    on the answers given, minus them where it fired and no longer does."""
    if firing:
        return [a if fires else a - points for a, fires in zip(shift, column, strict=True)]
    return [a + points if fires else a for a, fires in zip(shift, column, strict=True)]


@dataclass(frozen=True)
class Guarantee:
    """The guaranteed lead of one platform over a set of rivals, and what binds it."""

    platform: str
    lead: float
    rival: str | None = None
    base_lead: float = 0.0
    shifts: tuple[tuple[Component, _Worst], ...] = ()
    excluded_by: tuple[Component, dict[str, FactValue]] | None = None


class Guarantees:
    """Every platform's guaranteed lead over its rivals, for the open facts of one profile."""

    def __init__(
        self,
        baseline: Baseline,
        open_facts: Iterable[str],
        max_worlds: int = MAX_WORLDS_PER_COMPONENT,
        values: Mapping[str, Sequence[FactValue]] | None = None,
        like: Guarantees | None = None,
        reuse: Components | None = None,
    ):
        """`values`: the values to try for some open facts, instead of those the conditions
        tell apart (e.g. with `unknown` among them). `like`: a search over the same profile
        whose components are taken over where they hold the same facts with the same values
        (enumerated or bounded as they were there). `reuse`: components kept from searches
        over other profiles of the same pack (an interview's earlier steps); one is taken
        over when the answers its rules read are the same, and every new one is added."""
        self.baseline = baseline
        pack = baseline.pack
        readers = baseline.index.readers
        linked = [fact for fact in open_facts if fact in readers]
        known = {c.facts: c for c in like.components} if like is not None else {}
        self.components: list[Component] = []
        for facts, rules in fact_groups(pack, linked, readers):
            same = known.get(facts)
            if same is None or (values is not None and any(fact in values for fact in facts)):
                same = self._component(baseline, facts, rules, max_worlds, values, reuse)
            self.components.append(same)
        component_rules = {number for c in self.components for number in c.rules}
        self.fixed_excluded = {
            target
            for number in range(len(pack.rules))
            if baseline.firing[number] and number not in component_rules
            for target in pack.exclusions[number]
        }
        self._pairs: dict[tuple[str, str], Guarantee] = {}
        self._gone = {
            platform
            for platform in pack.platform_order
            if platform in self.fixed_excluded or any(c.always_excludes(platform) for c in self.components)
        }

    @staticmethod
    def _component(
        baseline: Baseline,
        facts: tuple[str, ...],
        rules: tuple[int, ...],
        max_worlds: int,
        values: Mapping[str, Sequence[FactValue]] | None,
        reuse: Components | None,
    ) -> Component:
        """A component depends on the profile only through the answers its rules read (a
        rule's outcome depends on nothing else), so those answers key it in `reuse`."""
        if reuse is None:
            return Component(baseline, facts, rules, max_worlds, values)
        domains = baseline.index.domains
        tried = tuple(
            tuple(values[fact]) if values is not None and fact in values else domains[fact].possible_values()
            for fact in facts
        )
        read = sorted({fact for number in rules for fact in baseline.pack.rules[number].reads})
        key = (
            facts,
            rules,
            tried,
            math.prod(len(choices) for choices in tried) <= max_worlds,
            tuple(baseline.facts.get(fact, _ABSENT) for fact in read),
        )
        found = reuse.get(key)
        if found is None:
            found = reuse[key] = Component(baseline, facts, rules, max_worlds, values)
        return found

    def of_platform(self, platform: str, rivals: Iterable[str]) -> Guarantee:
        """`platform`'s smallest guaranteed lead over the rivals still in the race in some world."""
        if platform in self.fixed_excluded:
            return Guarantee(platform, -math.inf)
        for component in self.components:
            assignment = component.can_exclude(platform)
            if assignment is not None:
                return Guarantee(platform, -math.inf, excluded_by=(component, assignment))
        best = Guarantee(platform, math.inf)
        for rival in rivals:
            if rival == platform or rival in self._gone:
                continue
            against = self._against(platform, rival)
            if against.lead < best.lead:
                best = against
        return best

    def _against(self, platform: str, rival: str) -> Guarantee:
        """`platform`'s guaranteed lead over one rival (asked again and again: kept)."""
        found = self._pairs.get((platform, rival))
        if found is None:
            base_lead = self.baseline.scoring.totals[platform] - self.baseline.scoring.totals[rival]
            shifts = tuple((c, c.worst(platform, rival)) for c in self.components)
            lead = base_lead + sum(worst.shift for _, worst in shifts)
            found = self._pairs[(platform, rival)] = Guarantee(platform, lead, rival, base_lead, shifts)
        return found

    def of_strategy(self, strategy: str) -> Guarantee:
        """The best of the strategy's platforms, each against every platform of another strategy."""
        pack = self.baseline.pack
        own = pack.carriers[strategy]
        rivals = [platform for platform in pack.platform_order if platform not in own]
        found = [self.of_platform(platform, rivals) for platform in own]
        return max(found, key=lambda guarantee: guarantee.lead)

    def best_strategy(self) -> tuple[str, Guarantee]:
        """The strategy with the largest guaranteed lead; ties go to the pack's order."""
        pack = self.baseline.pack
        candidates = [
            (platform, [rival for rival in pack.platform_order if rival not in own])
            for own in pack.carriers.values()
            for platform in own
        ]
        found = self._first_best(candidates)
        return pack.strategy_of[found.platform], found

    def best_platform(self) -> Guarantee:
        order = self.baseline.pack.platform_order
        return self._first_best([(platform, order) for platform in order])

    def _first_best(self, candidates: Sequence[tuple[str, Sequence[str]]]) -> Guarantee:
        """The largest guaranteed lead of a platform over its rivals, the first of equals. A
        candidate is given up as soon as one rival holds it to the best lead found so far."""
        found: Guarantee | None = None
        for platform, rivals in candidates:
            if found is not None and self._held_to(platform, rivals, found.lead):
                continue
            guarantee = self.of_platform(platform, rivals)
            if found is None or guarantee.lead > found.lead:
                found = guarantee
        assert found is not None
        return found

    def _held_to(self, platform: str, rivals: Sequence[str], level: float) -> bool:
        """Whether the platform's guaranteed lead is `level` or less (rivals closest on the
        answers given tried first)."""
        if platform in self.fixed_excluded or any(
            c.can_exclude(platform) is not None for c in self.components
        ):
            return True
        totals = self.baseline.scoring.totals
        for rival in sorted(rivals, key=lambda rival: totals[platform] - totals[rival]):
            if rival != platform and rival not in self._gone and self._against(platform, rival).lead <= level:
                return True
        return False


def fact_groups(
    pack: RulePack, open_facts: list[str], readers: Mapping[str, tuple[int, ...]]
) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """The open facts in groups linked by rules that read several of them, each with the rules
    that read its facts."""
    parent = {fact: fact for fact in open_facts}

    def root(fact: str) -> str:
        while parent[fact] != fact:
            parent[fact] = parent[parent[fact]]
            fact = parent[fact]
        return fact

    for rule in pack.rules:
        read = [fact for fact in rule.reads if fact in parent]
        for other in read[1:]:
            parent[root(other)] = root(read[0])
    groups: dict[str, list[str]] = {}
    for fact in open_facts:
        groups.setdefault(root(fact), []).append(fact)
    return [
        (tuple(facts), tuple(sorted({number for fact in facts for number in readers[fact]})))
        for facts in groups.values()
    ]


@dataclass(frozen=True)
class Confidences:
    """The confidence in the strategy and in the platform, each explained line by line."""

    strategy: list[ConfidenceLine]
    platform: list[ConfidenceLine]

    @property
    def value(self) -> float:
        return self.strategy[-1].value

    @property
    def platform_value(self) -> float:
        return self.platform[-1].value


def confidences(
    baseline: Baseline,
    platform: str | None,
    status: Mapping[str, str],
    max_worlds: int = MAX_WORLDS_PER_COMPONENT,
    guarantees: Guarantees | None = None,
) -> Confidences:
    """The confidence in the recommended strategy and platform (`platform`: the best platform,
    a self-carried strategy's included). `status` maps each open fact, in interview order,
    to "unknown" or "unanswered"; `guarantees`, the search over them when made already."""
    if platform is None:
        none = [
            ConfidenceLine(
                factor="confidence",
                value=0.0,
                explanation="Every strategy is excluded; there is nothing to recommend.",
            )
        ]
        return Confidences(none, none)
    pack = baseline.pack
    scale = pack.info.confidence.margin_scale
    guarantees = guarantees or Guarantees(baseline, status, max_worlds)
    strategy = pack.strategy_of[platform]
    own = guarantees.of_strategy(strategy)
    best_strategy, best = guarantees.best_strategy()
    if best.lead <= own.lead:
        best_strategy, best = strategy, own
    explain = _Explainer(pack, baseline.scoring.totals, status, scale)
    strategy_lines = explain.lines(own, best, best_strategy, "strategy")
    own_platform = guarantees.of_platform(platform, pack.platform_order)
    best_platform = guarantees.best_platform()
    if best_platform.lead <= own_platform.lead:
        best_platform = own_platform
    platform_lines = explain.lines(own_platform, best_platform, best_platform.platform, "platform")
    return Confidences(strategy_lines, platform_lines)


def decision_status(pack: RulePack, scoring: Scoring, found: Confidences) -> Status:
    """`undecided` on a tie or below the pack's `recommend_from`; `close-call` when a guaranteed
    lead (strategy or platform) is under the pack's `close_call_margin`; else `clear`."""
    settings = pack.info.confidence
    best = best_platform(pack, scoring.totals, scoring.excluded)
    if best is None or top_is_tied(pack, scoring.totals, scoring.excluded):
        return "undecided"
    lowest = min(found.value, found.platform_value)
    if lowest < settings.recommend_from:
        return "undecided"
    if lowest < lead_factor(settings.close_call_margin, settings.margin_scale):
        return "close-call"
    return "clear"


class _Explainer:
    def __init__(self, pack: RulePack, totals: Mapping[str, float], status: Mapping[str, str], scale: float):
        self.pack, self.totals, self.status, self.scale = pack, totals, status, scale

    def name(self, platform: str) -> str:
        """`containers on ecs`, or `paas` for a strategy carried by itself."""
        strategy = self.pack.strategy_of[platform]
        return strategy if platform == strategy else f"{strategy} on {platform}"

    def lines(self, own: Guarantee, best: Guarantee, best_name: str, kind: str) -> list[ConfidenceLine]:
        lines = self.explain(own)
        final = lead_factor(best.lead, self.scale)
        if best is not own:
            lines.append(
                ConfidenceLine(
                    factor="best guarantee",
                    value=round(final, 2),
                    points=_finite(best.lead),
                    explanation=(
                        f"The best guarantee of any {kind} is {self.label(best_name)}'s: "
                        f"{_points(best.lead)} whatever the open answers are. Confidence takes the best "
                        "guarantee, so leaving a question open can never raise it."
                    ),
                )
            )
        lines.append(
            ConfidenceLine(
                factor="confidence",
                value=round(final, 2),
                points=_finite(best.lead),
                explanation=_formula(best.lead, self.scale, final),
            )
        )
        return lines

    def label(self, option: str) -> str:
        return self.name(option) if option in self.pack.strategy_of else option

    def explain(self, guarantee: Guarantee) -> list[ConfidenceLine]:
        subject = self.name(guarantee.platform)
        if guarantee.excluded_by is not None:
            component, assignment = guarantee.excluded_by
            return [
                ConfidenceLine(
                    factor="open: " + ", ".join(component.facts),
                    value=0.0,
                    points=None,
                    explanation=f"{_facts_text(component.facts, self.status)}; {_values_text(assignment)} "
                    f"would exclude {subject}.",
                )
            ]
        if guarantee.rival is None:
            alone = guarantee.lead == math.inf
            return [
                ConfidenceLine(
                    factor="lead",
                    value=1.0 if alone else 0.0,
                    points=None,
                    explanation=f"{subject} is the only option not excluded, whatever the open answers are."
                    if alone
                    else f"{subject} is excluded by the answers given.",
                )
            ]
        rival = self.name(guarantee.rival)
        running = guarantee.base_lead
        lines = [
            ConfidenceLine(
                factor="lead",
                value=round(lead_factor(running, self.scale), 2),
                points=running,
                explanation=f"On the answers given, {subject} scores {self.totals[guarantee.platform]:g} and "
                f"{rival} {self.totals[guarantee.rival]:g}: a lead of {counted(running, 'point')}.",
            )
        ]
        quiet: list[str] = []
        for component, worst in sorted(guarantee.shifts, key=lambda item: item[1].shift):
            if worst.shift == 0:
                quiet.extend(component.facts)
                continue
            running += worst.shift
            where = (
                f"if {_values_text(worst.values)}"
                if worst.values
                else "if every rule that reads them went the wrong way"
            )
            lines.append(
                ConfidenceLine(
                    factor="open: " + ", ".join(component.facts),
                    value=round(lead_factor(running, self.scale), 2),
                    points=worst.shift,
                    explanation=f"{_facts_text(component.facts, self.status)}; {where}, the lead over "
                    f"{rival} changes by {_signed_points(worst.shift)}, to {running:g}.",
                )
            )
        if quiet:
            lines.append(
                ConfidenceLine(
                    factor="open, no effect",
                    value=round(lead_factor(running, self.scale), 2),
                    points=0.0,
                    explanation=f"{_facts_text(tuple(quiet), self.status)}, but none of "
                    f"{'its' if len(quiet) == 1 else 'their'} values changes the lead "
                    f"of {subject} over {rival}.",
                )
            )
        return lines


def _facts_text(facts: tuple[str, ...], status: Mapping[str, str]) -> str:
    return ", ".join(f"{fact} is {status.get(fact, 'open')}" for fact in facts)


def _values_text(values: Mapping[str, FactValue]) -> str:
    return " and ".join(f"{fact} = {format_value(value)}" for fact, value in values.items())


def _formula(lead: float, scale: float, final: float) -> str:
    if lead == math.inf:
        return "No open answer leaves any rival standing: confidence 1.00."
    if lead == -math.inf:
        return "An open answer could exclude every candidate: confidence 0.00."
    if lead >= 0:
        return f"Guaranteed lead {counted(lead, 'point')}: 1 − ½·e^(−{lead:g}/{scale:g}) = {final:.2f}."
    return (
        f"Guaranteed lead {counted(lead, 'point')} (an open answer could put a rival ahead): "
        f"½·e^({lead:g}/{scale:g}) = {final:.2f}."
    )


def _points(lead: float) -> str:
    if lead == -math.inf:
        return "it could be excluded"
    if lead < 0:
        return f"at worst {counted(-lead, 'point')} behind"
    return f"at least {counted(lead, 'point')} ahead"


def _signed_points(points: float) -> str:
    """`+3 points`, `-1 point`: a change of lead, with its sign as the JSON has always written it."""
    return f"{points:+g} {plural_of(points, 'point')}"


def _finite(lead: float) -> float | None:
    return lead if math.isfinite(lead) else None
