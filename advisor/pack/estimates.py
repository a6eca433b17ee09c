"""Estimates as pack data: list prices with their sources, and the terms that add up to each
option's people, weeks to production and monthly platform cost.

`estimates.yaml` beside the rules holds three lists:

- `settings`: the facts the arithmetic reads (the engineer-year rate, the instance count),
  hours in a month, and what the cost covers;
- `prices`: list prices, each with the public page it comes from, the date it was checked,
  and whether that page itself was seen to state it (`verified`);
- `terms`: what an option needs, as ranges: a base (no `when`), per-unit amounts (per
  component, per instance), and adjustments that hold only `when` their condition does.
  A cost amount counts units of a price (clusters, instances), so every dollar has a source.

Here: the file's models, the compiled and indexed data, and the arithmetic of one amount.
`advisor.pack.estimate_compile` checks a file with located problems, like rules;
`advisor.pack.estimate_layers` lets a layered pack add, `override:` or `disable:` prices and
terms; `advisor.analysis.estimates` adds the terms up for a team.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import InputError, Location, Problem
from advisor.pack.compile import Test, compile_condition
from advisor.pack.conditions import AllOf, AnyOf, Condition, Leaf, Not, condition_facts, parse_condition_data
from advisor.pack.domains import FactDomain, condition_domains
from advisor.pack.questions import QuestionBank
from advisor.result import EstimateAmount, EstimateTerm, PriceUsed
from advisor.source.document import Document
from advisor.words import PLACEHOLDER

ESTIMATES_FILE = "estimates.yaml"
Measure = Literal["people_fte", "weeks_to_production", "monthly_cost_usd"]
MEASURES: tuple[Measure, ...] = ("people_fte", "weeks_to_production", "monthly_cost_usd")
COST: Measure = "monthly_cost_usd"
WEEKS: Measure = "weeks_to_production"
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e9, le=1e9)]
Span = tuple[float, float]
"""A range [low, high]; low <= high is checked with the file's location."""


class RunningSettings(BaseModel):
    """What the team already runs in production: the choice fact that says so, and for each of
    its answers the options it means (`kubernetes: [managed-kubernetes, ...]`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str
    options: dict[str, list[Id]]
    when: Any = None
    """A condition that must hold for the team to run any of them where production will run
    (not while it moves to another provider), as in a term's `when`."""
    only_when: dict[Id, Any] = Field(default_factory=dict)
    """Per option, a condition that must also hold for the team to run it (a team on a hosted
    Kubernetes runs the managed kind, not the self-managed one), as in a term's `when`."""


class StreamSettings(BaseModel):
    """How many components a team moves at once: one stream per `engineers_each` engineers of
    the int `fact`, at least one and `at_most` at a time (a platform takes on so many migrating
    teams at once). The fewer streams bound a range's high end, the more its low end."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str
    engineers_each: tuple[Annotated[float, Field(gt=0, le=1000)], Annotated[float, Field(gt=0, le=1000)]]
    at_most: Annotated[int, Field(ge=1, le=100)]

    def streams(self, facts: Mapping[str, object]) -> Span | None:
        """(fewest, most) streams for this team; None when its headcount is not a number."""
        count = facts.get(self.fact)
        if not isinstance(count, int) or isinstance(count, bool):
            return None
        low, high = self.engineers_each
        return (min(max(1.0, count / high), self.at_most), min(max(1.0, count / low), self.at_most))


class CopiesSettings(BaseModel):
    """Components that are copies of one build (a site per client on one template) cost a
    fraction of a component of their own: the int `fact` says how many builds the int `of`
    components come from, and every per-unit amount of people and weeks counting `of` counts
    each copy beyond them as `each` (low, high) of a component; money counts every copy, an
    instance like any other. Unanswered, unknown, not fewer than `of`, or where the question
    does not apply: every component counts in full."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: str
    of: str
    each: tuple[Annotated[float, Field(ge=0, le=1)], Annotated[float, Field(ge=0, le=1)]]

    def counted(self, facts: Mapping[str, object]) -> Span | None:
        """(fewest, most) components as the per-unit amounts count them, or None where every
        component counts in full."""
        builds, components = facts.get(self.fact), facts.get(self.of)
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (builds, components)):
            return None
        assert isinstance(builds, int) and isinstance(components, int)
        if builds >= components:
            return None
        copies = components - builds
        return builds + copies * self.each[0], builds + copies * self.each[1]


class EstimateSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    hours_per_month: Annotated[float, Field(gt=0, le=744, allow_inf_nan=False)] = 730.0
    engineer_year_fact: str | None = None
    """The int fact holding the cost of one engineer-year; with it, a yearly total in money."""
    instances_fact: str | None = None
    """The int fact counting always-on instances: a cost band exists only where they are priced."""
    headcount: dict[str, str] = Field(default_factory=dict)
    """Int facts counting the team's people, smallest group first, each with the singular noun
    for one of them (`team.ops_engineers: operations engineer`): an option whose people
    estimate reaches above one is flagged, since it would take hires or product work's time."""
    running: RunningSettings | None = None
    """What the team already runs: terms `unless_running` do not count for it."""
    streams: StreamSettings | None = None
    """How many components move at once: amounts `in_parallel` share their per-unit part."""
    copies: CopiesSettings | None = None
    """How many builds the components come from: per-unit amounts count copies of one for less."""
    scope: str = ""
    """What the cost covers and leaves out, printed under the estimates."""


class PriceSpec(BaseModel):
    """One list price, where it comes from, and how sure the pack is of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    item: str
    usd: Number | tuple[Number, Number]
    per: Literal["hour", "month"]
    source: str
    as_of: datetime.date
    verified: bool = False
    """True only when the source page itself was seen to state the figure."""
    note: str = ""


class AmountSpec(BaseModel):
    """What a term adds to one measure: `add` plus `per` unit of an int fact; for the monthly
    cost, that many units of `price` (one price, or a list of which the cheapest bounds the
    low end and the dearest the high end)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    add: tuple[Number, Number] = (0.0, 0.0)
    per: dict[str, tuple[Number, Number]] = Field(default_factory=dict)
    price: Id | list[Id] | None = None
    in_parallel: bool = False
    """The `per` part is work the team shares out: divided among its streams (`settings.streams`)."""


class TermSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    options: Annotated[list[Id], Field(min_length=1)]
    when: Any = None
    people_fte: AmountSpec | None = None
    weeks_to_production: AmountSpec | None = None
    monthly_cost_usd: AmountSpec | None = None
    because: str
    source: str | None = None
    unless_running: bool = False
    """Work only a platform new to the team needs (evidence before its first go-live, moving
    state onto it): not counted for the option the team already runs (`settings.running`)."""
    unpriced: bool = False
    """Where it holds and no price covers an option's instances, its `because` says why there is
    no cost band (rates the pack has not confirmed, say), in place of the answers no price
    applies to. Such a term prices nothing itself."""


class CaveatSpec(BaseModel):
    """What the figures cannot show for some answers, said under the table `when` they hold
    (a second region the cost leaves out, a spiky load billed by use)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    when: Any
    text: str


class EstimatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    settings: EstimateSettings = Field(default_factory=EstimateSettings)
    prices: list[PriceSpec] = Field(default_factory=list)
    terms: list[TermSpec] = Field(default_factory=list)
    caveats: list[CaveatSpec] = Field(default_factory=list)


# --- compiled ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    add: Span
    per: tuple[tuple[str, float, float], ...]
    prices: tuple[str, ...]
    in_parallel: bool = False


@dataclass(frozen=True)
class Price:
    spec: PriceSpec
    origin: str
    where: Location


@dataclass(frozen=True)
class Term:
    """A term ready to add up: its spec, its condition compiled, and the pack it came from."""

    spec: TermSpec
    condition: Condition | None
    test: Test
    reads: frozenset[str]
    amounts: tuple[tuple[Measure, Amount], ...]
    origin: str
    where: Location
    reaches: tuple[str, ...] | None = None
    """The platforms it reaches, where not all those of its options: a term `unless_running`
    is counted as one copy per set of platforms the same answers mean the team runs."""

    @property
    def id(self) -> str:
        return self.spec.id

    @cached_property
    def shown(self) -> dict[str, EstimateAmount]:
        """The amounts as a result shows them, built once per pack rather than per evaluation."""
        return {
            measure: EstimateAmount(
                add=amount.add,
                per={fact: (low, high) for fact, low, high in amount.per},
                prices=list(amount.prices),
                in_parallel=amount.in_parallel,
            )
            for measure, amount in self.amounts
        }

    @cached_property
    def prices(self) -> tuple[str, ...]:
        """Every price its amounts count, in order."""
        return tuple(dict.fromkeys(price for _, amount in self.amounts for price in amount.prices))

    @property
    def per_facts(self) -> frozenset[str]:
        return frozenset(fact for _, amount in self.amounts for fact, _, _ in amount.per)


@dataclass(frozen=True)
class Caveat:
    """A caveat with its condition compiled, and the pack it came from."""

    spec: CaveatSpec
    test: Test
    reads: frozenset[str]
    origin: str
    where: Location

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Estimates:
    """The estimate data of a pack (or a stack of packs), indexed for the arithmetic."""

    settings: EstimateSettings = field(default_factory=EstimateSettings)
    prices: Mapping[str, Price] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()
    """The terms as the packs write them (a layer changes these)."""
    settings_where: Location | None = None
    counted: tuple[Term, ...] = ()
    """The terms as the arithmetic counts them, which the indexes below number: each term
    `unless_running` split by the platforms the same answers mean the team runs."""
    reaching: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    """Platform -> the terms that apply to it (an option's terms reach the platforms it names)."""
    monthly: Mapping[str, Span] = field(default_factory=dict)
    """Price id -> USD a month."""
    domains: Mapping[str, FactDomain] = field(default_factory=dict)
    """The values of each fact the terms' conditions can tell apart."""
    shown_prices: Mapping[str, PriceUsed] = field(default_factory=dict)
    """Each price as a result shows it."""
    ids: tuple[str, ...] = ()
    """Each term's id, by position."""
    platforms: tuple[str, ...] = ()
    """Every platform, in the pack's order."""
    targets: tuple[tuple[int, ...], ...] = ()
    """Per term: the positions in `platforms` of the platforms it reaches."""
    fixed_adds: Mapping[int, Mapping[Measure, Span]] = field(default_factory=dict)
    """What each term without a per-unit amount adds, the same for every team."""
    fixed_shown: Mapping[int, dict[str, tuple[float, float]]] = field(default_factory=dict)
    """The same, as a result shows it (`shown_adds`)."""
    views: Mapping[int, EstimateTerm] = field(default_factory=dict)
    """Each term whose text has no placeholder, as a result shows it."""
    covering: frozenset[int] = frozenset()
    """The terms that price the instances (`settings.instances_fact`): without one, no cost band."""
    priced: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The platforms some term prices, each with the facts those terms' conditions read (in
    interview order): where none applies, the estimate says for which answers."""
    fact_order: Mapping[str, int] = field(default_factory=dict)
    """Interview order, to list facts the way the questions come."""
    caveats: tuple[Caveat, ...] = ()
    """What the figures cannot show for some answers, in the pack's order."""
    running_when: Mapping[str, Test] = field(default_factory=dict)
    """Per option of `settings.running` that needs more than its answer (the map's `when`, its
    `only_when`): that condition, compiled."""
    running_reads: frozenset[str] = frozenset()
    """The facts `settings.running` reads: its fact and its conditions'."""

    @property
    def reads(self) -> frozenset[str]:
        """Every fact the estimate data reads: conditions, per-unit amounts and settings."""
        facts = {fact for term in self.counted for fact in (*term.reads, *term.per_facts)}
        facts.update(fact for caveat in self.caveats for fact in caveat.reads)
        facts.update(f for f in (self.settings.engineer_year_fact, self.settings.instances_fact) if f)
        facts.update(self.settings.headcount)
        if self.settings.streams is not None:
            facts.add(self.settings.streams.fact)
        if self.settings.copies is not None:
            facts.update((self.settings.copies.fact, self.settings.copies.of))
        facts.update(self.running_reads)
        return frozenset(facts)

    def rebuilt(self, bank: QuestionBank, reach: Mapping[str, tuple[str, ...]]) -> Estimates:
        """The same data indexed again, for a bank or platforms a layer changed."""
        return build_estimates(
            self.settings, self.prices, self.terms, bank, reach, self.settings_where, self.caveats
        )


def build_estimates(
    settings: EstimateSettings,
    prices: Mapping[str, Price],
    terms: tuple[Term, ...],
    bank: QuestionBank,
    reach: Mapping[str, tuple[str, ...]],
    settings_where: Location | None = None,
    caveats: tuple[Caveat, ...] = (),
) -> Estimates:
    platforms = tuple(dict.fromkeys(platform for reached in reach.values() for platform in reached))
    position = {platform: index for index, platform in enumerate(platforms)}
    conditions = running_conditions(settings.running, bank)
    written, terms = terms, _unless_running(terms, settings.running, reach, conditions)
    reaching: dict[str, list[int]] = {}
    targets = []
    for number, term in enumerate(terms):
        reached = dict.fromkeys(term.reaches or _platforms(term, reach))
        for platform in reached:
            reaching.setdefault(platform, []).append(number)
        targets.append(tuple(position[p] for p in reached if p in position))
    hours = settings.hours_per_month
    monthly, shown = {}, {}
    for price_id, price in prices.items():
        spec = price.spec
        low, high = span_of(spec.usd)
        factor = hours if spec.per == "hour" else 1.0
        monthly[price_id] = (low * factor, high * factor)
        shown[price_id] = PriceUsed(
            id=spec.id,
            item=spec.item,
            usd=spec.usd,
            per=spec.per,
            monthly_usd=(round(low * factor, 2), round(high * factor, 2)),
            source=spec.source,
            as_of=spec.as_of.isoformat(),
            verified=spec.verified,
            note=" ".join(spec.note.split()),
            pack=price.origin,
        )
    fixed_adds = {
        number: _fixed_adds(term, monthly)
        for number, term in enumerate(terms)
        if not term.per_facts and _priced(term, monthly)
    }
    instances = settings.instances_fact
    covering = frozenset(
        number
        for number, term in enumerate(terms)
        for measure, amount in term.amounts
        if measure == COST and (instances is None or any(fact == instances for fact, _, _ in amount.per))
    )
    return Estimates(
        settings=settings,
        prices=dict(prices),
        terms=written,
        settings_where=settings_where,
        counted=terms,
        reaching={platform: tuple(numbers) for platform, numbers in reaching.items()},
        monthly=monthly,
        shown_prices=shown,
        ids=tuple(term.id for term in terms),
        platforms=platforms,
        targets=tuple(targets),
        fixed_adds=fixed_adds,
        fixed_shown={number: shown_adds(adds) for number, adds in fixed_adds.items()},
        views=_views(terms),
        domains=condition_domains(bank, (term.condition for term in terms)),
        covering=covering,
        priced={
            platform: tuple(
                f for f in bank.facts if any(f in terms[n].reads for n in numbers if n in covering)
            )
            for platform, numbers in reaching.items()
            if not covering.isdisjoint(numbers)
        },
        fact_order={fact: index for index, fact in enumerate(bank.facts)},
        caveats=caveats,
        running_when={option: compile_condition(condition) for option, condition in conditions.items()},
        running_reads=frozenset(
            (
                settings.running.fact,
                *(f for condition in conditions.values() for f in condition_facts(condition)),
            )
        )
        if settings.running is not None
        else frozenset(),
    )


def _platforms(term: Term, reach: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The platforms a term's options reach (an option's terms reach the platforms it names)."""
    return tuple(dict.fromkeys(p for option in term.spec.options for p in reach.get(option, (option,))))


def _unless_running(
    terms: tuple[Term, ...],
    running: RunningSettings | None,
    reach: Mapping[str, tuple[str, ...]],
    conditions: Mapping[str, Condition],
) -> tuple[Term, ...]:
    """The terms with each one `unless_running` split into copies by what means the team runs
    their platforms. A platform runs when the fact holds an answer mapped to an option that
    reaches it and that option's condition (`running_conditions`) holds too; a copy holds
    where that is not so: for self-managed Kubernetes,
    `hosting.existing_platform not_in [kubernetes, openshift]` or not its conditions (a hosted
    control plane, a move to another provider); for Docker hosts on VMs, likewise; where no
    answer means a platform, wherever the term does. The copies keep the term's id, text and
    amounts, and an open answer counts in the worlds it decides, like any condition."""
    if running is None or not any(term.spec.unless_running for term in terms):
        return terms
    # Per platform: the answers that mean it with no condition, and per option with one, its answers.
    plain: dict[str, set[str]] = {}
    guarded: dict[str, dict[str, set[str]]] = {}
    for value, options in running.options.items():
        for option in options:
            for platform in reach.get(option, (option,)):
                if option in conditions:
                    guarded.setdefault(platform, {}).setdefault(option, set()).add(value)
                else:
                    plain.setdefault(platform, set()).add(value)
    counted: list[Term] = []
    for term in terms:
        if not term.spec.unless_running:
            counted.append(term)
            continue
        by_means: dict[tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]], list[str]] = {}
        for platform in _platforms(term, reach):
            key = (
                tuple(sorted(plain.get(platform, ()))),
                tuple(
                    sorted(
                        (option, tuple(sorted(values)))
                        for option, values in guarded.get(platform, {}).items()
                    )
                ),
            )
            by_means.setdefault(key, []).append(platform)
        for (values, needing), platforms in by_means.items():
            parts: list[Condition] = []
            if values:
                parts.append(_not_in(running.fact, values, term.where))
            for option, answers in needing:
                parts.append(AnyOf((_not_in(running.fact, answers, term.where), Not(conditions[option]))))
            condition = term.condition
            if parts:
                unless = parts[0] if len(parts) == 1 else AllOf(tuple(parts))
                condition = unless if condition is None else AllOf((condition, unless))
            counted.append(
                replace(
                    term,
                    condition=condition,
                    test=compile_condition(condition),
                    reads=condition_facts(condition),
                    reaches=tuple(platforms),
                )
            )
    return tuple(counted)


def _not_in(fact: str, values: tuple[str, ...], where: Location) -> Leaf:
    return Leaf(fact, "not_in", frozenset(values), f"{fact} not_in [{', '.join(values)}]", where)


def running_conditions(running: RunningSettings | None, bank: QuestionBank) -> dict[str, Condition]:
    """For each option of `settings.running`, what must hold besides the answer for the team to
    run it: the map's `when` and the option's `only_when`, parsed again here (the settings were
    checked with their file's locations when the pack loaded, so nothing can be wrong now)."""
    if running is None:
        return {}

    def parsed(data: Any) -> Condition:
        problems: list[Problem] = []
        condition = parse_condition_data(data, Document(ESTIMATES_FILE, data), (), bank, problems)
        if problems or condition is None:  # pragma: no cover - the load checked them first
            raise InputError(
                problems or [Problem(Location(ESTIMATES_FILE), "settings.running: empty condition")]
            )
        return condition

    every = parsed(running.when) if running.when is not None else None
    found: dict[str, Condition] = {}
    for option in dict.fromkeys(option for options in running.options.values() for option in options):
        own = parsed(running.only_when[option]) if option in running.only_when else None
        parts = tuple(part for part in (every, own) if part is not None)
        if parts:
            found[option] = parts[0] if len(parts) == 1 else AllOf(parts)
    return found


def amount_range(
    amount: Amount,
    measure: Measure,
    facts: Mapping[str, object],
    monthly: Mapping[str, Span],
    streams: Span = (1.0, 1.0),
    counted: Mapping[str, Span] | None = None,
) -> Span | frozenset[str]:
    """What an amount adds for these facts: `add` plus `per` unit of each fact counted (shared
    among the (fewest, most) `streams` when `in_parallel`: the most bound the low end), for the
    cost times the price (the cheapest of several at the low end, the dearest at the high
    end); or the facts it counts that have no number. `counted` holds, for a fact whose units
    do not all count in full in people and weeks (copies of one build), its (fewest, most)
    units instead; per-unit amounts are never negative, so the fewest bound the low end."""
    low, high = amount.add
    few, many = streams if amount.in_parallel else (1.0, 1.0)
    missing = []
    for fact, per_low, per_high in amount.per:
        count = facts.get(fact)
        if not isinstance(count, int) or isinstance(count, bool):
            missing.append(fact)
            continue
        span = counted.get(fact) if counted and measure != COST else None
        fewest, most = span or (count, count)
        low, high = low + per_low * fewest / many, high + per_high * most / few
    if missing:
        return frozenset(missing)
    if measure != COST:
        return low, high
    prices = [monthly[price_id] for price_id in amount.prices]
    price = (min(m[0] for m in prices), max(m[1] for m in prices))
    products = (low * price[0], low * price[1], high * price[0], high * price[1])
    return min(products), max(products)


def shown_adds(adds: Mapping[Measure, Span | frozenset[str]]) -> dict[str, tuple[float, float]]:
    """What a term adds, as a result shows it (to the cent; a missing count left out)."""
    return {
        m: (round_half_up(a[0], 2), round_half_up(a[1], 2))
        for m, a in adds.items()
        if not isinstance(a, frozenset)
    }


def round_half_up(value: float, digits: int) -> float:
    """Rounded half up to `digits`, as a person would (0.15 people is 0.2), after dropping the
    noise of float sums (the same terms added in another order, a fact answered or left open,
    must round the same way). Both steps are monotone, so rounding never narrows a range."""
    scale = 10.0**digits
    return math.floor(round(value * scale, 6) + 0.5) / scale


def _fixed_adds(term: Term, monthly: Mapping[str, Span]) -> dict[Measure, Span]:
    """What a term without per-unit amounts adds: the same for every team."""
    adds = {}
    for measure, amount in term.amounts:
        add = amount_range(amount, measure, {}, monthly)
        assert not isinstance(add, frozenset)  # it counts no fact
        adds[measure] = add
    return adds


def _priced(term: Term, monthly: Mapping[str, Span]) -> bool:
    """Every cost amount names known prices (else the loader reports it and stops)."""
    return all(a.prices and set(a.prices) <= monthly.keys() for m, a in term.amounts if m == COST)


def _views(terms: tuple[Term, ...]) -> dict[int, EstimateTerm]:
    """The result's view of every term whose text has no placeholder, built once per pack."""
    return {
        number: EstimateTerm(
            id=term.id,
            because=term.spec.because,
            source=term.spec.source,
            pack=term.origin,
            people_fte=term.shown.get("people_fte"),
            weeks_to_production=term.shown.get("weeks_to_production"),
            monthly_cost_usd=term.shown.get("monthly_cost_usd"),
            unless_running=term.spec.unless_running,
        )
        for number, term in enumerate(terms)
        if not PLACEHOLDER.search(term.spec.because)
    }


def span_of(value: float | tuple[float, float]) -> Span:
    """A price's `usd`, one figure or a range, as a range."""
    return (value, value) if isinstance(value, int | float) else (value[0], value[1])
