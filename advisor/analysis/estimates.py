"""Estimates: people, weeks to a first production deploy and monthly platform cost per option.

Each measure of a platform is the sum of the pack's terms that reach it and hold: ranges
added end to end, per-unit amounts times the fact they count, cost amounts times their
price. A strategy is estimated on its best platform, the one it scores with.

Ranges are honest about what is open, the way confidence is (docs/estimates.md):

- A term whose condition holds or fails whatever the open facts are counts or not. One
  that depends on open facts counts in some *worlds* (one value for each open fact it
  reads, among the values the terms' conditions can tell apart). Terms reading disjoint
  open facts are independent, so the worlds split into small groups, and the range runs
  from the lowest sum of low ends to the highest sum of high ends over each group's worlds.
  The answered value is one of those worlds, so an open fact never narrows a range.
- A per-unit amount whose fact is open (how many components, how many instances) has no
  bound: the measure is null, and says which question would fill it.
- A cost band exists only where a price covers the instances (`settings.instances_fact`) in
  every world; otherwise it is null, with the open facts to settle or the reason no list
  price applies.

Nothing is guessed: without `settings.engineer_year_fact` answered, no money is put on people.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import product

from advisor.engine.score import Scoring, best_platform
from advisor.facts import FactValue
from advisor.pack.estimates import COST, MEASURES, Measure, Span, amount_range, shown_adds
from advisor.pack.model import RulePack
from advisor.result import EstimateBasis, EstimateTerm, OptionEstimate
from advisor.words import format_value, interpolate

MAX_WORLDS = 4096
PEOPLE: Measure = "people_fte"
WEEKS: Measure = "weeks_to_production"
YEARLY = "yearly_total_usd"
Contribution = Span | frozenset[str]
"""What a term adds to one measure, or the facts it counts that are not answered."""


@dataclass(frozen=True, eq=False)
class _Group:
    """Open facts linked by terms that read several of them, and which of those terms hold in
    each world (None: too many worlds, so each term may count or not on its own)."""

    facts: tuple[str, ...]
    worlds: tuple[frozenset[int], ...] | None


def estimate_options(
    pack: RulePack, facts: Mapping[str, FactValue], status: Mapping[str, str], scoring: Scoring
) -> dict[str, OptionEstimate]:
    """Every strategy's and platform's estimate; `status` maps each open fact to its state."""
    return estimate(pack, facts, status, scoring)[0]


def estimate(
    pack: RulePack, facts: Mapping[str, FactValue], status: Mapping[str, str], scoring: Scoring
) -> tuple[dict[str, OptionEstimate], EstimateBasis]:
    """The estimates and what they rest on (the terms and prices named, once for every option)."""
    if not pack.estimates.terms:
        return {}, EstimateBasis()
    sums = _Sums(pack, facts, status)
    found = {platform: sums.estimate(platform) for platform in pack.platform_order}
    result = {}
    for strategy, platforms in pack.carriers.items():
        others = set(pack.platform_order) - set(platforms)
        best = best_platform(pack, scoring.totals, set(scoring.excluded) | others)
        best = best or best_platform(pack, scoring.totals, others) or platforms[0]
        estimate = found[best]
        result[strategy] = estimate if best == strategy else estimate.model_copy(update={"platform": best})
    for option in pack.platforms:
        result[option.id] = found[option.id]
    return result, sums.basis()


class _Sums:
    """One profile's terms: those that hold, and those that wait on open facts, in groups."""

    def __init__(self, pack: RulePack, facts: Mapping[str, FactValue], status: Mapping[str, str]):
        self.pack, self.facts, self.status = pack, facts, status
        data = self.data = pack.estimates
        open_facts = status.keys()
        self.holds: set[int] = set()
        pending: list[int] = []
        for number, term in enumerate(data.terms):
            outcome = term.test(facts)
            if outcome:
                self.holds.add(number)
            elif outcome is None and not term.reads.isdisjoint(open_facts):
                pending.append(number)
        self.group_of = self._groups(pending)
        self.adds: dict[int, dict[Measure, Contribution]] = {
            number: {
                measure: amount_range(amount, measure, facts, data.monthly)
                for measure, amount in term.amounts
            }
            for number, term in enumerate(data.terms)
            if number in self.holds or number in self.group_of
        }
        self._views: dict[int, EstimateTerm] = {}

    def _groups(self, pending: list[int]) -> dict[int, _Group]:
        """Pending term -> its group; facts read together by one term share a group."""
        terms, open_facts = self.data.terms, self.status.keys()
        parent: dict[str, str] = {}

        def root(fact: str) -> str:
            while parent.setdefault(fact, fact) != fact:
                fact = parent[fact]
            return fact

        reads = {number: self._sorted(terms[number].reads & open_facts) for number in pending}
        for read in reads.values():
            for other in read[1:]:
                parent[root(other)] = root(read[0])
        members: dict[str, list[int]] = {}
        for number in pending:
            members.setdefault(root(reads[number][0]), []).append(number)
        group_of = {}
        for numbers in members.values():
            group_facts = self._sorted({fact for number in numbers for fact in reads[number]})
            group = _Group(tuple(group_facts), self._worlds(group_facts, numbers))
            group_of.update(dict.fromkeys(numbers, group))
        return group_of

    def _worlds(self, facts: list[str], numbers: list[int]) -> tuple[frozenset[int], ...] | None:
        values = [self.data.domains[fact].possible_values() for fact in facts]
        if math.prod(len(v) for v in values) > MAX_WORLDS:
            return None
        terms = self.data.terms
        worlds = set()
        for assignment in product(*values):
            world = {**self.facts, **dict(zip(facts, assignment, strict=True))}
            worlds.add(frozenset(n for n in numbers if terms[n].test(world) is True))
        return tuple(sorted(worlds, key=sorted))

    # --- one platform ----------------------------------------------------------------------

    def estimate(self, platform: str) -> OptionEstimate:
        holds, group_of, adds = self.holds, self.group_of, self.adds
        numbers = [n for n in self.data.reaching.get(platform, ()) if n in adds]
        low: dict[Measure, float] = {}
        high: dict[Measure, float] = {}
        missing: dict[Measure, set[str]] = {}
        pending: dict[Measure, dict[_Group, list[tuple[int, Span]]]] = {}
        for n in numbers:
            for measure, add in adds[n].items():
                if measure not in low:
                    low[measure] = high[measure] = 0.0
                if isinstance(add, frozenset):
                    missing.setdefault(measure, set()).update(add)
                elif n in holds:
                    low[measure] += add[0]
                    high[measure] += add[1]
                else:
                    pending.setdefault(measure, {}).setdefault(group_of[n], []).append((n, add))
        ranges: dict[Measure, Span | None] = {}
        open_facts: dict[str, list[str]] = {}
        unpriced = None
        if COST not in low and not self.data.covering.isdisjoint(self.data.reaching.get(platform, ())):
            low[COST] = high[COST] = 0.0  # priced somewhere, so say why not here
        for measure in MEASURES:
            if measure not in low:
                continue
            if measure == COST:
                uncovered = self._uncovered(numbers)
                if uncovered is not None:
                    ranges[measure] = None
                    if uncovered:
                        open_facts[measure] = self._sorted({*uncovered, *missing.get(COST, ())})
                    else:
                        unpriced = self._unpriced(platform)
                    continue
            if measure in missing:
                ranges[measure] = None
                open_facts[measure] = self._sorted(missing[measure])
                continue
            span, widened = _widen(low[measure], high[measure], pending.get(measure, {}))
            ranges[measure] = span
            if widened:
                open_facts[measure] = self._sorted(widened)
        return OptionEstimate(
            people_fte=_rounded(ranges.get(PEOPLE)),
            weeks_to_production=_whole(ranges.get(WEEKS)),
            monthly_cost_usd=_whole(ranges.get(COST)),
            yearly_total_usd=_whole(self._yearly(ranges, open_facts)),
            open=open_facts,
            unpriced=unpriced,
            assumptions=[self.data.terms[n].id for n in numbers],
            prices=list(self._prices(numbers)),
        )

    def _uncovered(self, numbers: list[int]) -> list[str] | None:
        """None when a price covers the instances in every world; else the open facts that
        could bring one in (empty: no list price applies to these answers)."""
        covering = [n for n in numbers if n in self.data.covering]
        if any(n in self.holds for n in covering):
            return None
        groups: dict[_Group, set[int]] = {}
        for n in covering:
            groups.setdefault(self.group_of[n], set()).add(n)
        for group, inside in groups.items():
            if group.worlds is not None and all(not world.isdisjoint(inside) for world in group.worlds):
                return None
        return self._sorted({fact for group in groups for fact in group.facts})

    def _unpriced(self, platform: str) -> str:
        name = self.pack.option(platform).name
        terms, covering = self.data.terms, self.data.covering
        numbers = self.data.reaching.get(platform, ())
        read = self._sorted({fact for n in numbers if n in covering for fact in terms[n].reads})
        where = " and ".join(f"{fact} = {format_value(self.facts.get(fact))}" for fact in read)
        return f"The rule pack has no list price for {name} instances" + (
            f" where {where}." if where else "."
        )

    def _yearly(self, ranges: Mapping[Measure, Span | None], open_facts: dict[str, list[str]]) -> Span | None:
        """People at the engineer-year rate plus twelve months of platform cost."""
        rate_fact = self.data.settings.engineer_year_fact
        if rate_fact is None or PEOPLE not in ranges or COST not in ranges:
            return None
        people, cost, rate = ranges[PEOPLE], ranges[COST], self.facts.get(rate_fact)
        known_rate = isinstance(rate, int) and not isinstance(rate, bool)
        if people is None or cost is None or not known_rate:
            waiting = {f for m in (PEOPLE, COST) if ranges[m] is None for f in open_facts.get(m, ())}
            if not known_rate and rate_fact in self.status:
                waiting.add(rate_fact)
            if waiting:
                open_facts[YEARLY] = self._sorted(waiting)
            return None
        assert isinstance(rate, int)
        return people[0] * rate + 12 * cost[0], people[1] * rate + 12 * cost[1]

    # --- what the estimate rests on ----------------------------------------------------------

    def basis(self) -> EstimateBasis:
        """Every term that counts for some platform, and every price those terms name."""
        numbers = sorted(self.adds)
        return EstimateBasis(
            scope=" ".join(self.data.settings.scope.split()),
            terms={self.data.terms[n].id: self._view(n) for n in numbers},
            prices={price_id: self.data.shown_prices[price_id] for price_id in self._prices(numbers)},
        )

    def _view(self, number: int) -> EstimateTerm:
        group = self.group_of.get(number)
        view = self.data.fixed_views.get(number) if group is None else None
        if view is None:
            view = self._views.get(number)
        if view is None:
            term = self.data.terms[number]
            view = self._views[number] = EstimateTerm(
                id=term.id,
                because=interpolate(term.spec.because, self.facts),
                source=term.spec.source,
                pack=term.origin,
                open=[fact for fact in group.facts if fact in term.reads] if group else [],
                adds=shown_adds(self.adds[number]),
                people_fte=term.shown.get("people_fte"),
                weeks_to_production=term.shown.get("weeks_to_production"),
                monthly_cost_usd=term.shown.get("monthly_cost_usd"),
            )
        return view

    def _prices(self, numbers: list[int]) -> dict[str, None]:
        terms = self.data.terms
        return dict.fromkeys(price for n in numbers for price in terms[n].prices)

    def _sorted(self, facts: set[str] | frozenset[str]) -> list[str]:
        """Facts in interview order (every fact estimates read is a question of the bank)."""
        return sorted(facts, key=self.data.fact_order.__getitem__) if len(facts) > 1 else list(facts)


def _widen(
    low: float, high: float, pending: Mapping[_Group, list[tuple[int, Span]]]
) -> tuple[Span, set[str]]:
    """The range with every group's worst and best world added, and the facts that widened it."""
    widened: set[str] = set()
    for group, items in pending.items():
        worlds = group.worlds
        if worlds is None:
            low += sum(min(0.0, span[0]) for _, span in items)
            high += sum(max(0.0, span[1]) for _, span in items)
        else:
            least, most = math.inf, -math.inf
            for world in worlds:
                world_low = world_high = 0.0
                for n, span in items:
                    if n in world:
                        world_low += span[0]
                        world_high += span[1]
                least = min(least, world_low)
                most = max(most, world_high)
            low, high = low + least, high + most
        if any(span != (0.0, 0.0) for _, span in items):
            widened.update(group.facts)
    return (max(0.0, low), max(0.0, high)), widened


def _rounded(span: Span | None) -> tuple[float, float] | None:
    return None if span is None else (_round(span[0], 1), _round(span[1], 1))


def _whole(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (int(_round(span[0], 0)), int(_round(span[1], 0)))


def _round(value: float, digits: int) -> float:
    """Rounded half up to `digits`, as a person would (0.15 people is 0.2), after dropping the
    noise of float sums: the same terms added in another order (a fact answered, or left
    open) must round the same way."""
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
