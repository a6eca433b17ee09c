"""Estimates: people, weeks until the system runs in production, and monthly platform cost per option.

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
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import product

from advisor.engine.score import Scoring, best_platform
from advisor.facts import FactValue
from advisor.pack.estimates import COST, MEASURES, Measure, Span, amount_range, round_half_up, shown_adds
from advisor.pack.model import RulePack
from advisor.result import CopiesCounted, EstimateBasis, EstimateTerm, OptionEstimate
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
    """The estimates and what they rest on (the terms and prices named, once for every option).
    An option the answers exclude is not estimated: what it would take is no question."""
    if not pack.estimates.terms:
        return {}, EstimateBasis()
    sums = _Sums(pack, facts, status)
    found = {
        platform: OptionEstimate(excluded=True) if platform in scoring.excluded else estimated
        for platform, estimated in zip(sums.data.platforms, sums.estimates(), strict=True)
    }
    result = {}
    for strategy, platforms in pack.carriers.items():
        others = set(pack.platform_order) - set(platforms)
        best = best_platform(pack, scoring.totals, set(scoring.excluded) | others)
        best = best or best_platform(pack, scoring.totals, others) or platforms[0]
        on_best = found[best]
        result[strategy] = on_best if best == strategy else on_best.model_copy(update={"platform": best})
    for option in pack.platforms:
        result[option.id] = found[option.id]
    return result, sums.basis(scoring.excluded)


class _Sums:
    """One profile's terms: those that hold, and those that wait on open facts, in groups."""

    def __init__(self, pack: RulePack, facts: Mapping[str, FactValue], status: Mapping[str, str]):
        self.pack, self.facts, self.status = pack, facts, status
        data = self.data = pack.estimates
        open_facts = status.keys()
        self.holds: set[int] = set()
        pending: list[int] = []
        for number, term in enumerate(data.counted):
            outcome = term.test(facts)
            if outcome:
                self.holds.add(number)
            elif outcome is None and not term.reads.isdisjoint(open_facts):
                pending.append(number)
        self.group_of = self._groups(pending)
        self._where: dict[tuple[str, ...], str] = {}
        self._explained: dict[str, int] = {}  # platform -> the term `unpriced` giving its reason
        fixed, monthly = data.fixed_adds, data.monthly
        self.streams, self.streams_open = self._streams()
        copies = data.settings.copies
        self.copies = copies.counted(facts) if copies and pack.applies(copies.fact, facts) else None
        counted = {copies.of: self.copies} if copies and self.copies else None
        self._running = self._runs_today()
        self.adds: dict[int, Mapping[Measure, Contribution]] = {}
        by_id: dict[str, Mapping[Measure, Contribution]] = {}  # the copies of a term add alike
        for number in sorted((*self.holds, *self.group_of)):
            same: Mapping[Measure, Contribution] | None = fixed.get(number)
            if same is None:
                term = data.counted[number]
                same = by_id.get(term.id)
                if same is None:
                    same = by_id[term.id] = {
                        m: amount_range(amount, m, facts, monthly, self.streams, counted)
                        for m, amount in term.amounts
                    }
            self.adds[number] = same

    def _runs_today(self) -> frozenset[str]:
        """The platforms of the kind the team already runs (`settings.running`), if answered."""
        running = self.data.settings.running
        value = self.facts.get(running.fact) if running else None
        if running is None or not isinstance(value, str):
            return frozenset()
        when = self.data.running_when
        return frozenset(
            platform
            for option in running.options.get(value, ())
            if option not in when or when[option](self.facts) is True
            for platform in self.pack.reach(option)
        )

    def _streams(self) -> tuple[Span, str | None]:
        """How many streams share the work `in_parallel`, fewest and most; with the headcount
        open, from one to the most the pack allows, and the fact that would narrow it."""
        settings = self.data.settings.streams
        if settings is None:
            return (1.0, 1.0), None
        found = settings.streams(self.facts)
        if found is not None:
            return found, None
        return (1.0, float(settings.at_most)), settings.fact if settings.fact in self.status else None

    def _groups(self, pending: list[int]) -> dict[int, _Group]:
        """Pending term -> its group; facts read together by one term share a group."""
        terms, open_facts = self.data.counted, self.status.keys()
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
        terms = self.data.counted
        worlds = set()
        world = dict(self.facts)
        for assignment in product(*values):
            world.update(zip(facts, assignment, strict=True))
            worlds.add(frozenset(n for n in numbers if terms[n].test(world) is True))
        return tuple(sorted(worlds, key=sorted))

    # --- every platform at once --------------------------------------------------------------

    def estimates(self) -> list[OptionEstimate]:
        """Each platform's estimate, in the order of `data.platforms`. Every term is added to
        all the platforms it reaches at once: one pass over the terms, not one per platform."""
        data, adds, holds, group_of = self.data, self.adds, self.holds, self.group_of
        count = len(data.platforms)
        low = {m: [0.0] * count for m in MEASURES}
        high = {m: [0.0] * count for m in MEASURES}
        counted = {m: [False] * count for m in MEASURES}
        missing: dict[Measure, dict[int, set[str]]] = {m: {} for m in MEASURES}
        pending: dict[tuple[_Group, Measure], list[tuple[int, Span]]] = {}
        for n, term_adds in adds.items():
            targets = data.targets[n]
            for measure, add in term_adds.items():
                reached = counted[measure]
                for i in targets:
                    reached[i] = True
                if isinstance(add, frozenset):
                    # A count not answered; where the term may not apply at all, the open facts
                    # that decide it are named too (an edge fleet's sites, or the work's kind).
                    if n not in holds:
                        add = add | (data.counted[n].reads & self.status.keys())
                    lost = missing[measure]
                    for i in targets:
                        lost.setdefault(i, set()).update(add)
                elif n in holds:
                    lows, highs = low[measure], high[measure]
                    add_low, add_high = add
                    for i in targets:
                        lows[i] += add_low
                        highs[i] += add_high
                else:
                    pending.setdefault((group_of[n], measure), []).append((n, add))
        widened: dict[Measure, dict[int, set[str]]] = {m: {} for m in MEASURES}
        for (group, measure), items in pending.items():
            self._widen(group, items, low[measure], high[measure], widened[measure])
        if self.streams_open is not None:  # the headcount that shares the work is open
            for n in adds:
                for measure, amount in data.counted[n].amounts:
                    if amount.in_parallel:
                        for i in data.targets[n]:
                            widened[measure].setdefault(i, set()).add(self.streams_open)
        covered = self._coverage(count)
        return [self._estimate(i, low, high, counted, missing, widened, covered) for i in range(count)]

    def _widen(
        self,
        group: _Group,
        items: list[tuple[int, Span]],
        low: list[float],
        high: list[float],
        widened: dict[int, set[str]],
    ) -> None:
        """Add to each platform the group's worst world at the low end and its best at the high
        end (past MAX_WORLDS, every term on its own). Platforms reached by the same terms of
        the group share one sum."""
        by_platform: dict[int, list[tuple[int, Span]]] = {}
        for item in items:
            for i in self.data.targets[item[0]]:
                by_platform.setdefault(i, []).append(item)
        found: dict[tuple[int, ...], tuple[float, float, bool]] = {}
        for i, reaching in by_platform.items():
            key = tuple(n for n, _ in reaching)
            sums = found.get(key)
            if sums is None:
                sums = found[key] = _extremes(group.worlds, reaching)
            low[i] += sums[0]
            high[i] += sums[1]
            if sums[2]:  # the open facts these terms read: others of the group move other terms
                widened.setdefault(i, set()).update(self._read_by(key, group))

    def _read_by(self, numbers: Collection[int], group: _Group) -> set[str]:
        """The facts of `group` that these terms read."""
        counted = self.data.counted
        return {fact for fact in group.facts if any(fact in counted[n].reads for n in numbers)}

    def _coverage(self, count: int) -> list[list[str] | None]:
        """Per platform: None when a price covers its instances in every world; else the open
        facts that could bring one in (empty: no list price applies to these answers)."""
        data, holds, group_of = self.data, self.holds, self.group_of
        covering = [n for n in data.covering if n in self.adds]
        result: list[list[str] | None] = [[] for _ in range(count)]
        waiting: dict[int, set[str]] = {}
        for n in covering:
            if n in holds:
                for i in data.targets[n]:
                    result[i] = None
        groups: dict[_Group, list[int]] = {}
        for n in covering:
            if n not in holds:
                groups.setdefault(group_of[n], []).append(n)
        for group, numbers in groups.items():
            for i in {i for n in numbers for i in data.targets[n]}:
                if result[i] is None:
                    continue
                inside = {n for n in numbers if i in data.targets[n]}
                if group.worlds is not None and all(not world.isdisjoint(inside) for world in group.worlds):
                    result[i] = None
                else:
                    waiting.setdefault(i, set()).update(self._read_by(inside, group))
        for i, facts in waiting.items():
            if result[i] is not None:
                result[i] = self._sorted(facts)
        return result

    def _estimate(
        self,
        i: int,
        low: Mapping[Measure, list[float]],
        high: Mapping[Measure, list[float]],
        counted: Mapping[Measure, list[bool]],
        missing: Mapping[Measure, Mapping[int, set[str]]],
        widened: Mapping[Measure, Mapping[int, set[str]]],
        covered: list[list[str] | None],
    ) -> OptionEstimate:
        data = self.data
        platform = data.platforms[i]
        priced = counted[COST][i] or platform in data.priced
        ranges: dict[Measure, Span | None] = {}
        open_facts: dict[str, list[str]] = {}
        unpriced = None
        for measure in MEASURES:
            if not (counted[measure][i] or (measure == COST and priced)):
                continue
            lost = missing[measure].get(i)
            if measure == COST and covered[i] is not None:
                ranges[measure] = None
                waiting = covered[i]
                if waiting:
                    open_facts[measure] = self._sorted({*waiting, *(lost or ())})
                else:
                    unpriced = self._unpriced(platform)
                continue
            if lost:
                ranges[measure] = None
                open_facts[measure] = self._sorted(lost)
                continue
            ranges[measure] = (max(0.0, low[measure][i]), max(0.0, high[measure][i]))
            facts = widened[measure].get(i)
            if facts:
                open_facts[measure] = self._sorted(facts)
        explained = self._explained.get(platform)
        numbers = [
            n
            for n in data.reaching.get(platform, ())
            if n in self.adds and (not data.counted[n].spec.unpriced or n == explained)
        ]
        people = _rounded(ranges.get(PEOPLE))
        return OptionEstimate(
            people_fte=people,
            weeks_to_production=_whole(ranges.get(WEEKS)),
            monthly_cost_usd=_whole(ranges.get(COST)),
            yearly_total_usd=_whole(self._yearly(ranges, open_facts)),
            open=open_facts,
            unpriced=unpriced,
            runs_today=platform in self._running,
            beyond_headcount=self._beyond(people),
            assumptions=[data.ids[n] for n in numbers],
            prices=list(self._prices(numbers)),
        )

    def _beyond(self, people: tuple[float, float] | None) -> dict[str, int]:
        """The answered headcounts that the people estimate's high end exceeds. A headcount of
        none is left out: the people figure already says the work falls to someone else."""
        if people is None:
            return {}
        counts = {fact: self.facts.get(fact) for fact in self.data.settings.headcount}
        return {
            fact: count
            for fact, count in counts.items()
            if isinstance(count, int) and not isinstance(count, bool) and 0 < count < people[1]
        }

    def _unpriced(self, platform: str) -> str:
        """Why a platform has no cost band: the first term `unpriced` that holds for it (the only
        term `unpriced` among its assumptions: where a price covers an option, such a term says
        nothing), else the answers no price applies to."""
        terms = self.data.counted
        for number in self.data.reaching.get(platform, ()):
            if number in self.holds and terms[number].spec.unpriced:
                self._explained[platform] = number
                return interpolate(terms[number].spec.because, self.facts, self.pack.bank.said)
        read = self.data.priced.get(platform, ())
        where = self._where.get(read)
        if where is None:
            where = self._where[read] = " and ".join(f"{f} = {format_value(self.facts.get(f))}" for f in read)
        name = self.pack.option(platform).name
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

    def basis(self, excluded: Collection[str] = ()) -> EstimateBasis:
        """Every term that counts for some platform not `excluded`, what it adds here and what
        it waits on, and every price those terms name (after `estimates`, which tells which terms
        `unpriced` give an estimate's reason)."""
        data, ids = self.data, self.data.ids
        numbers = [
            n
            for n in self.adds
            if any(data.platforms[i] not in excluded for i in data.targets[n])
            and (not data.counted[n].spec.unpriced or n in self._explained.values())
        ]
        kept = set(numbers)
        # By id: the copies of a term `unless_running` share it, and one that holds whatever the
        # open answers are (the copy for a platform no answer means) leaves the term waiting on none.
        held = {ids[n] for n in self.holds if n in kept}
        waiting: dict[str, set[str]] = {}
        for n, group in self.group_of.items():
            if n in kept and ids[n] not in held:
                waiting.setdefault(ids[n], set()).update(data.counted[n].reads.intersection(group.facts))
        first: dict[str, int] = {}  # one copy of each term speaks for all: they add alike
        for n in numbers:
            first.setdefault(ids[n], n)
        return EstimateBasis(
            scope=" ".join(data.settings.scope.split()),
            headcount=dict(data.settings.headcount),
            terms={term_id: self._view(n) for term_id, n in first.items()},
            prices={price_id: data.shown_prices[price_id] for price_id in self._prices(numbers)},
            adds={term_id: self._shown_adds(n) for term_id, n in first.items()},
            waiting={term_id: self._sorted(facts) for term_id, facts in waiting.items()},
            streams=_rounded(self.streams) if data.settings.streams is not None else None,
            copies=self._copies(),
            caveats={c.id: " ".join(c.spec.text.split()) for c in data.caveats if c.test(self.facts) is True},
        )

    def _copies(self) -> CopiesCounted | None:
        copies = self.data.settings.copies
        if copies is None or self.copies is None:
            return None
        builds, components = self.facts[copies.fact], self.facts[copies.of]
        assert isinstance(builds, int) and isinstance(components, int)
        low, high = self.copies
        return CopiesCounted(
            builds=builds, components=components, counted=(round_half_up(low, 1), round_half_up(high, 1))
        )

    def _shown_adds(self, number: int) -> dict[str, tuple[float, float]]:
        """What a term adds, as the result shows it: kept per pack for a term without per-unit
        amounts (the result's model copies it)."""
        found = self.data.fixed_shown.get(number)
        return found if found is not None else shown_adds(self.adds[number])

    def _view(self, number: int) -> EstimateTerm:
        """The pack's view of a term, or one with its placeholders filled for this team."""
        view = self.data.views.get(number)
        if view is None:
            term = self.data.counted[number]
            view = EstimateTerm(
                id=term.id,
                because=interpolate(term.spec.because, self.facts, self.pack.bank.said),
                source=term.spec.source,
                pack=term.origin,
                people_fte=term.shown.get("people_fte"),
                weeks_to_production=term.shown.get("weeks_to_production"),
                monthly_cost_usd=term.shown.get("monthly_cost_usd"),
                unless_running=term.spec.unless_running,
            )
        return view

    def _prices(self, numbers: list[int]) -> dict[str, None]:
        terms = self.data.counted
        return dict.fromkeys(price for n in numbers for price in terms[n].prices)

    def _sorted(self, facts: set[str] | frozenset[str]) -> list[str]:
        """Facts in interview order (every fact estimates read is a question of the bank)."""
        return sorted(facts, key=self.data.fact_order.__getitem__) if len(facts) > 1 else list(facts)


def _extremes(
    worlds: tuple[frozenset[int], ...] | None, items: list[tuple[int, Span]]
) -> tuple[float, float, bool]:
    """The lowest low end and the highest high end the terms add over the worlds, and whether
    they add anything at all."""
    moves = any(span != (0.0, 0.0) for _, span in items)
    if worlds is None:
        return sum(min(0.0, s[0]) for _, s in items), sum(max(0.0, s[1]) for _, s in items), moves
    least, most = math.inf, -math.inf
    for world in worlds:
        world_low = world_high = 0.0
        for n, (add_low, add_high) in items:
            if n in world:
                world_low += add_low
                world_high += add_high
        least = min(least, world_low)
        most = max(most, world_high)
    return least, most, moves


def _rounded(span: Span | None) -> tuple[float, float] | None:
    return None if span is None else (round_half_up(span[0], 1), round_half_up(span[1], 1))


def _whole(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (int(round_half_up(span[0], 0)), int(round_half_up(span[1], 0)))
