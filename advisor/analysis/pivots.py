"""Which unanswered questions could still change the decision, however all of them are answered.

`advisor assess --quick` stops asking when no unanswered question could change the decision,
and the report lists the rest as skipped. "Could change" is sound for every combination of
answers to the remaining questions together, `unknown` among them: a question left out can
never change the decision, however the others are answered. It may keep a question that
cannot in fact change it (some bounds below are conservative), never the other way round.

The decision that must hold:

- With a recommendation (status clear or close call): the recommended platform keeps a
  strict lead over every other platform in every completion, so it stays the recommendation
  and no tie makes it undecided; and every completion keeps enough confidence to recommend.
- Without one yet (undecided): every completion stays undecided.

It is found in the worlds of `Component`s (`advisor.analysis.confidence`), where each
unanswered fact takes every value the conditions can tell apart and `unknown`:

1. **The recommendation.** The facts answered `unknown` stay unknown. Against each rival,
   the lead of the recommended platform is the answers' lead plus what each component adds.
   A fact is pivotal when, along some line of its component (the component's other facts
   held), the lead can end up on both sides of zero for some sum the other components can
   add. A component too large to enumerate is bounded rule by rule, as confidence does.
2. **The confidence.** A completion's confidence is never below the best guaranteed lead
   over the worlds of every open fact, where a fact whose question has a `when` may also be
   left without an answer (its question may stop applying). When that bound is too low,
   every fact that moves a score in some world may matter.
3. **Settling an undecided case.** An upper bound on the best guaranteed lead any completion
   could give: for each value of the facts answered `unknown`, the best the others can do.
   When even that is too low to recommend, nothing can settle it; otherwise every fact that
   moves a score in some world, or decides whether another question applies, may.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from advisor.analysis.confidence import (
    MAX_WORLDS_PER_COMPONENT,
    Component,
    Components,
    Guarantees,
    fact_groups,
    lead_factor,
)
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform
from advisor.facts import UNKNOWN, FactValue, Unknown

MAX_WORLDS = 1024
"""Worlds per component these searches enumerate; larger ones are bounded rule by rule."""
MAX_SUMS = 4096
"""Distinct sums of the other components' leads kept exactly; more are kept as a range."""
EPSILON = 1e-9
"""Points sums may differ by through rounding, whatever order they are added in."""
_FACT_NAME = re.compile(r"[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*")
Range = tuple[float, float]


def pivotal_facts(
    baseline: Baseline,
    status: Mapping[str, str],
    decided: bool,
    guarantees: Guarantees | None = None,
    reuse: Components | None = None,
) -> dict[str, frozenset[str]]:
    """The unanswered facts that could change the decision, in interview order.

    `status` maps each open fact, in interview order, to "unknown" or "unanswered"; `decided`
    says whether there is a recommendation (status clear or close call); `guarantees`, the
    confidence's own search over the open facts, when it was made already; `reuse`, components
    kept from earlier profiles (`Guarantees`). Each fact maps to
    the platforms it could help bring level with or ahead of the recommended one: none when
    it could only settle an undecided case, or take away the confidence to recommend.
    """
    search = _Search(baseline, status, guarantees, reuse)
    found: dict[str, set[str]] = {}
    if decided:
        best = best_platform(baseline.pack, baseline.scoring.totals, baseline.scoring.excluded)
        assert best is not None
        found = search.rivals_of(best)
        left = [
            p
            for p in baseline.pack.platform_order
            if p != best and p not in search.choice_space.fixed_excluded
        ]
        for fact in search.excluders_of(best):
            found.setdefault(fact, set()).update(left)
        if not search.confidence_holds():
            for fact in search.movers():
                found.setdefault(fact, set())
    elif search.could_settle():
        found = {fact: set() for fact in search.movers()}
    return {fact: frozenset(found[fact]) for fact in status if fact in found}


class _Search:
    def __init__(
        self,
        baseline: Baseline,
        status: Mapping[str, str],
        guarantees: Guarantees | None,
        reuse: Components | None,
    ):
        self.baseline = baseline
        self.reuse = reuse
        self.status = status
        self.unanswered = [fact for fact, state in status.items() if state == "unanswered"]
        readers = baseline.index.readers
        self.conditional = [
            f for f in status if baseline.pack.bank.facts[f].when is not None and f in readers
        ]
        self._given = guarantees
        self._choice: Guarantees | None = None
        self._confidence: Guarantees | None = None

    def _with_unknown(self, facts: Iterable[str]) -> dict[str, tuple[FactValue, ...]]:
        domains = self.baseline.index.domains
        found: dict[str, tuple[FactValue, ...]] = {}
        for fact in facts:
            if fact in domains:
                values = domains[fact].possible_values()
                found[fact] = values if self._unknown_adds_nothing(fact, values) else (*values, UNKNOWN)
        return found

    def _unknown_adds_nothing(self, fact: str, values: tuple[FactValue, ...]) -> bool:
        """A rule fires with a fact `unknown` only where it fires with every value of the fact
        (three-valued logic). So where one value keeps every rule reading the fact from firing,
        whatever the other answers, `unknown` fires none of them either: its worlds repeat that
        value's, and trying it would only add worlds (`app.raw_protocols` unknown is `none`)."""
        pack, readers = self.baseline.pack, self.baseline.index.readers.get(fact, ())
        return any(all(pack.rules[n].test({fact: value}) is False for n in readers) for value in values)

    @property
    def choice_space(self) -> Guarantees:
        """The unanswered facts, each with every value and `unknown`; the unknown ones held."""
        if self._choice is None:
            unanswered = self.unanswered
            self._choice = Guarantees(
                self.baseline, unanswered, MAX_WORLDS, self._with_unknown(unanswered), reuse=self.reuse
            )
        return self._choice

    @property
    def confidence_space(self) -> Guarantees:
        """Every open fact as confidence counts it, a fact whose question has a `when` also
        without an answer: every completion's confidence counts a subset of these worlds."""
        if self._confidence is None:
            if self.conditional:
                values = self._with_unknown(self.conditional)
                self._confidence = Guarantees(
                    self.baseline, self.status, MAX_WORLDS, values, like=self._given, reuse=self.reuse
                )
            else:
                self._confidence = self._given or Guarantees(self.baseline, self.status, reuse=self.reuse)
        return self._confidence

    # --- 1. the recommendation ---------------------------------------------------------------

    def rivals_of(self, best: str) -> dict[str, set[str]]:
        """Unanswered facts that could bring a rival level with or ahead of `best`, with those rivals."""
        space = self.choice_space
        totals = self.baseline.scoring.totals
        found: dict[str, set[str]] = {}
        lines = {id(c): [_lines(c, position) for position in range(len(c.facts))] for c in space.components}
        for rival in self.baseline.pack.platform_order:
            if rival == best or rival in space.fixed_excluded:
                continue
            base = totals[best] - totals[rival]
            parts = [self._finite_sums(c, best, rival) for c in space.components]
            for component, rest in zip(space.components, _others(parts), strict=True):
                if rest is None:  # another component always excludes one of the two
                    continue
                if component.exact:
                    points = component.leads(best, rival)
                    for position, fact in enumerate(component.facts):
                        if any(
                            _crosses(base, [points[o] for o in line], rest)
                            for line in lines[id(component)][position]
                        ):
                            found.setdefault(fact, set()).add(rival)
                else:
                    movers, low, high = self._bounded(component, best, rival)
                    if _crosses(base, [low, high], rest):
                        for fact in movers:
                            found.setdefault(fact, set()).add(rival)
        return found

    def excluders_of(self, best: str) -> set[str]:
        """Unanswered facts that could exclude `best` (whatever is left then wins)."""
        pack = self.baseline.pack
        found: set[str] = set()
        for component in self.choice_space.components:
            if component.exact:
                out = [best in excluded for _, _, excluded in component.worlds]
                found.update(
                    fact
                    for position, fact in enumerate(component.facts)
                    if any(len({out[o] for o in line}) > 1 for line in _lines(component, position))
                )
                continue
            for number in component.rules:
                if best in pack.exclusions[number] and pack.rules[number].test(self.baseline.facts) is None:
                    found.update(fact for fact in component.facts if fact in pack.rules[number].reads)
        return found

    def _finite_sums(self, component: Component, best: str, rival: str) -> Sums | None:
        """What the component can add to the lead in worlds where both are in the race; None
        when it excludes one of them in every world."""
        if component.exact:
            points = component.leads(best, rival)
            finite = [p for p in points if math.isfinite(p)]
            return Sums(tuple(sorted(set(finite)))) if finite else None
        if rival in component.fixed or best in component.fixed:
            return None
        _, low, high = self._bounded(component, best, rival, finite=True)
        return Sums(span=(low, high))

    def _bounded(
        self, component: Component, best: str, rival: str, *, finite: bool = False
    ) -> tuple[set[str], float, float]:
        """A component bounded rule by rule: the facts of the undetermined rules that move the
        contest, and the range of what they add (infinite where one may exclude either)."""
        pack = self.baseline.pack
        movers: set[str] = set()
        low = high = 0.0
        for number in component.rules:
            if pack.rules[number].test(self.baseline.facts) is not None:
                continue  # determined now, so in every completion
            deltas, excludes = pack.deltas[number], pack.exclusions[number]
            move = deltas.get(best, 0.0) - deltas.get(rival, 0.0)
            low, high = low + min(0.0, move), high + max(0.0, move)
            if not finite and best in excludes:
                low = -math.inf
            if not finite and rival in excludes:
                high = math.inf
            if move or best in excludes or rival in excludes:
                movers.update(fact for fact in component.facts if fact in pack.rules[number].reads)
        return movers, low, high

    # --- 2. the confidence -------------------------------------------------------------------

    def confidence_holds(self) -> bool:
        """Whether every completion keeps the confidence to recommend (a sufficient test, for a
        profile that has it now)."""
        if not self.conditional:
            return True  # the confidence's own worlds already cover every completion
        settings = self.baseline.pack.info.confidence
        space = self.confidence_space
        leads = (space.best_strategy()[1].lead, space.best_platform().lead)
        worst = min(round(lead_factor(lead - EPSILON, settings.margin_scale), 2) for lead in leads)
        return worst >= settings.recommend_from

    # --- 3. settling -------------------------------------------------------------------------

    def movers(self) -> set[str]:
        """Unanswered facts that may move the decision: read by a rule that is undetermined now
        and moves a score or excludes, deciding whether a question the rules read applies, or
        in a group of facts the confidence bounds rule by rule (answering them may let it count
        exactly)."""
        pack = self.baseline.pack
        readers = self.baseline.index.readers
        found: set[str] = set()
        for number, rule in enumerate(pack.rules):
            moves = any(p in pack.deltas[number] for p in pack.platform_order) or pack.exclusions[number]
            if moves and rule.test(self.baseline.facts) is None:
                found.update(rule.reads)
        for fact in self.conditional:
            found.update(_mentioned(pack.bank.facts[fact].when))
        domains = self.baseline.index.domains
        linked = [fact for fact in self.status if fact in readers]
        for facts, _ in fact_groups(pack, linked, readers):
            if math.prod(len(domains[fact].possible_values()) for fact in facts) > MAX_WORLDS_PER_COMPONENT:
                found.update(facts)
        return found & set(self.unanswered)

    def could_settle(self) -> bool:
        """Whether some completion could have the confidence to recommend (a necessary test).

        For each platform and rival: whatever values the facts answered `unknown` take, the
        largest lead the other facts can give; the smallest of those, over the values, is at
        least every completion's guaranteed lead.
        """
        pack = self.baseline.pack
        settings = pack.info.confidence
        space = self.confidence_space
        groups = {
            id(c): _groups(c, [i for i, fact in enumerate(c.facts) if self._stays_open(fact)])
            for c in space.components
            if c.exact
        }
        platforms = [p for p in pack.platform_order if p not in space.fixed_excluded]
        for platform in platforms:
            lead = math.inf
            for rival in platforms:
                if rival != platform:
                    lead = min(lead, self._upper(space, groups, platform, rival))
                if round(lead_factor(lead + EPSILON, settings.margin_scale), 2) < settings.recommend_from:
                    break
            else:
                return True
        return False

    def _stays_open(self, fact: str) -> bool:
        """Answered unknown, and its question applies whatever else is answered."""
        return self.status[fact] == "unknown" and self.baseline.pack.bank.facts[fact].when is None

    def _upper(
        self, space: Guarantees, groups: Mapping[int, list[frozenset[int]]], platform: str, rival: str
    ) -> float:
        totals = self.baseline.scoring.totals
        parts: list[float] = []
        for component in space.components:
            if component.exact:
                points = component.leads(platform, rival)
                parts.append(min(max(points[o] for o in group) for group in groups[id(component)]))
            elif platform in component.fixed:
                parts.append(-math.inf)
            elif rival in component.fixed:
                parts.append(math.inf)
            else:
                _, _, high = self._bounded(component, platform, rival)
                parts.append(high)
        if -math.inf in parts:
            return -math.inf
        return totals[platform] - totals[rival] + sum(parts)


@dataclass(frozen=True)
class Sums:
    """The values a sum of independent parts can take: exactly (`points`, sorted) while they
    are few, else a range that holds them all (`span`)."""

    points: tuple[float, ...] = ()
    span: Range | None = None

    def plus(self, other: Sums) -> Sums:
        if self.span is None and other.span is None and len(self.points) * len(other.points) <= MAX_SUMS:
            return Sums(tuple(sorted({a + b for a in self.points for b in other.points})))
        (low, high), (other_low, other_high) = self.bounds(), other.bounds()
        return Sums(span=(low + other_low, high + other_high))

    def bounds(self) -> Range:
        return self.span if self.span is not None else (self.points[0], self.points[-1])

    def meets(self, low: float, high: float) -> bool:
        """Whether some value lies in (low, high]."""
        if self.span is not None:
            return self.span[0] <= high and self.span[1] > low
        index = bisect_right(self.points, low)
        return index < len(self.points) and self.points[index] <= high


NOTHING = Sums((0.0,))


def _others(parts: list[Sums | None]) -> list[Sums | None]:
    """For each part, the sum of all the others (None when one of them is None)."""
    if not parts:
        return []
    before: list[Sums | None] = [NOTHING]
    for part in parts[:-1]:
        last = before[-1]
        before.append(None if last is None or part is None else last.plus(part))
    after: list[Sums | None] = [NOTHING]
    for part in reversed(parts[1:]):
        last = after[-1]
        after.append(None if last is None or part is None else last.plus(part))
    after.reverse()
    return [None if a is None or b is None else a.plus(b) for a, b in zip(before, after, strict=True)]


def _crosses(base: float, points: list[float], rest: Sums) -> bool:
    """Whether leads from `points`, with the answers' `base` and some value of `rest` added,
    can fall on both sides of zero: above it with the largest, at or below it with the
    smallest. Within EPSILON of zero counts as both, so that rounding never hides a tie."""
    low, high = min(points), max(points)
    return low < high and rest.meets(-base - high - EPSILON, -base - low + EPSILON)


def _lines(component: Component, position: int) -> list[frozenset[int]]:
    """The distinct sets of outcomes along the fact's lines (the component's other facts held)
    that hold more than one outcome: where the fact's answer makes a difference."""
    if not component.exact:
        return []
    stride = component.strides()[position]
    digits = component.digits(position)
    lines: dict[int, set[int]] = {}
    for world, outcome in enumerate(component.outcome_of):
        lines.setdefault(world - digits[world] * stride, set()).add(outcome)
    return list({frozenset(line) for line in lines.values() if len(line) > 1})


def _groups(component: Component, positions: list[int]) -> list[frozenset[int]]:
    """The outcomes reachable for each combination of known values of the facts at `positions`
    (`unknown` left out), distinct."""
    if not positions:
        return [frozenset(range(len(component.worlds)))]
    digits = [component.digits(position) for position in positions]
    values = [component.values[position] for position in positions]
    groups: dict[tuple[int, ...], set[int]] = {}
    for world, outcome in enumerate(component.outcome_of):
        key = tuple(column[world] for column in digits)
        if not any(isinstance(choices[d], Unknown) for d, choices in zip(key, values, strict=True)):
            groups.setdefault(key, set()).add(outcome)
    return list({frozenset(group) for group in groups.values()})


def _mentioned(condition: object) -> set[str]:
    """Every fact id a `when` condition (as written in the question bank) mentions."""
    if isinstance(condition, str):
        return set(_FACT_NAME.findall(condition))
    if isinstance(condition, Mapping):
        return {fact for key, value in condition.items() for fact in _mentioned(key) | _mentioned(value)}
    if isinstance(condition, list | tuple):
        return {fact for part in condition for fact in _mentioned(part)}
    return set()
