"""A loaded rule pack: the pack description, its options, its rules, compiled once.

A pack is a folder: `pack.yaml` (name, version, knowledge date), `questions.yaml` (the
question bank), `options.yaml` (strategies, platforms, products and their status), an
optional `estimates.yaml` (list prices and what each option takes, `advisor.pack.estimates`),
and any number of rule files `*.yaml` with a `rules:` list. Test cases live in `tests/`.
`advisor.pack.load` reads a folder into a `RulePack`; `advisor.pack.layers` stacks packs.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from advisor.errors import Location
from advisor.facts import FactValue
from advisor.pack.compile import Test
from advisor.pack.conditions import Condition
from advisor.pack.estimates import Estimates
from advisor.pack.questions import QuestionBank

PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE = "pack.yaml", "questions.yaml", "options.yaml"
DEV_ENVIRONMENT = "dev-environment"
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
# Scores are plain sums; NaN or infinity would make the winner arbitrary and the JSON invalid.
Points = Annotated[float, Field(allow_inf_nan=False, ge=-1000, le=1000)]
# One rule as the engine's inner loop reads it: test, (platform, points)..., excluded
# platforms, rule. A strategy's effect and exclusion reach every platform that carries it.
ScoringStep = tuple[Test, tuple[tuple[str, float], ...], tuple[str, ...], "Rule"]
T = TypeVar("T")


class ConfidenceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    margin_scale: float = Field(
        default=8.0,
        gt=0,
        allow_inf_nan=False,
        description="points of guaranteed lead for a confidence of about 0.82 (1 - e^-1 / 2)",
    )
    close_call_margin: float = Field(
        default=3.0,
        ge=0,
        allow_inf_nan=False,
        description="a guaranteed lead under this many points is a close call (strategy or platform)",
    )
    recommend_from: float = Field(
        default=0.35,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="below this confidence (strategy or platform) there is no recommendation yet",
    )


class ProviderMoves(BaseModel):
    """Where production cannot stay with its provider on some platforms (a team on a PaaS-only
    vendor choosing Kubernetes or VMs), `when` holds: the provider those platforms would run on
    is still to choose, so their products are listed as candidates of the providers in `to`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    when: Any
    platforms: Annotated[list[Id], Field(min_length=1)]
    to: Annotated[list[str], Field(min_length=1)]

    @model_validator(mode="after")
    def _has_a_condition(self) -> ProviderMoves:
        if self.when is None:
            raise ValueError("give 'when': the answers under which production cannot stay with its provider")
        return self


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Id
    version: str
    knowledge_as_of: datetime.date
    description: str = ""
    confidence: ConfidenceSettings = Field(default_factory=ConfidenceSettings)
    provider_fact: str | None = None
    """The choice fact that says where production runs; products name its values in `providers`."""
    provider_moves: ProviderMoves | None = None
    many_vendors: list[str] = Field(default_factory=list)
    """Values of `provider_fact` that stand for many vendors (another cloud): the products
    offered there are each one vendor's, so they are listed as candidates, not as the team's
    provider's."""


class Product(BaseModel):
    """A product that carries a platform, where it applies (`when`, e.g. on the user's cloud),
    and its status, each status claim with its source and date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    status: str
    note: str = ""
    beside: str = ""
    """For a product that complements the platform's main one instead of competing with it (a
    batch service beside a web one): what it is for, e.g. "the batch work". It is listed
    beside the main product, and named itself only when no main product applies."""
    platform: Id | None = None
    providers: list[str] = Field(default_factory=list)
    when: Any = None
    docs: str | None = None
    source: str | None = None
    as_of: datetime.date | None = None


class Option(BaseModel):
    """A strategy or a platform: what it is, when it fits, what it costs.

    A platform names the strategy it carries; its `base` is its offset from that strategy's.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    _where: Location = PrivateAttr(default=Location(OPTIONS_FILE))

    id: Id
    name: str
    summary: str
    fits: list[str] = Field(default_factory=list)
    costs: list[str] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)
    status: str = ""
    next_steps: list[str] = Field(default_factory=list)
    base: Points = 0.0
    strategy: Id | None = None

    @property
    def where(self) -> Location:
        """Where the option is defined (its `id:`), recorded when the pack loads."""
        return self._where

    def placed(self, where: Location) -> Option:
        self._where = where
        return self


class OptionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    strategies: list[Option]
    platforms: list[Option] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    when: Any = None
    effects: dict[str, Points] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    because: str
    mitigation: str | None = None
    source: str | None = None
    argues: list[Id] | None = None
    """Where `because` is an argument: a pro of these options where the rule raises them, a
    con where it lowers them. Without it, every option the rule moves."""
    offsets: Id | None = None
    """A rule whose effects this one takes back in part where both fire: the decision drivers
    weigh the two together, so a reason taken back is not listed as opening the gap."""


class RiskSpec(BaseModel):
    """A risk of choosing an option, shown when the option is chosen and `when` holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    option: Id
    when: Any = None
    risk: str
    mitigation: str
    source: str | None = None


class StepSpec(BaseModel):
    """A next step after choosing an option, for the teams where `when` holds.

    `{product}` names the product chosen for the user's provider; `{fact.id}` a fact's value.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    option: Id
    when: Any = None
    step: str
    after_platform: bool = False
    """For a strategy's step: listed after its platform's own steps (components move onto a
    platform once it exists)."""
    first: bool = False
    """Listed before every other step: a decision the rest depends on (the cloud to move to)."""

    @model_validator(mode="after")
    def _one_place(self) -> StepSpec:
        if self.first and self.after_platform:
            raise ValueError("a step is listed either first or after its platform's, not both")
        return self


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[RuleSpec] = Field(default_factory=list)
    risks: list[RiskSpec] = Field(default_factory=list)
    next_steps: list[StepSpec] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: its spec, its parsed condition and that condition compiled."""

    spec: RuleSpec
    condition: Condition | None
    test: Test
    reads: frozenset[str]
    file: str
    line: int
    col: int = 1

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Guarded(Generic[T]):
    """Pack data that applies only where its `when` holds: a risk, a next step, a product."""

    item: T
    test: Test
    reads: frozenset[str] = frozenset()
    where: Location | None = None


@dataclass(frozen=True)
class PackRef:
    """One pack of a stack, as a result names it so that it can be reproduced."""

    name: str
    version: str
    sha256: str
    knowledge_as_of: datetime.date | None


def carriers_of(strategies: Sequence[Option], platforms: Sequence[Option]) -> dict[str, tuple[str, ...]]:
    """Strategy -> the platforms that carry it, in pack order, or the strategy itself."""
    declared = {s.id: tuple(p.id for p in platforms if p.strategy == s.id) for s in strategies}
    return {strategy: ids or (strategy,) for strategy, ids in declared.items()}


def reach_of(strategies: Sequence[Option], platforms: Sequence[Option]) -> dict[str, tuple[str, ...]]:
    """Every option -> the platforms a term or an effect on it reaches: a strategy's all, or one."""
    carriers = carriers_of(strategies, platforms)
    return carriers | {p.id: (p.id,) for p in platforms}


@dataclass(frozen=True)
class RulePack:
    info: PackInfo
    bank: QuestionBank
    strategies: tuple[Option, ...]
    platforms: tuple[Option, ...]
    products: tuple[Guarded[Product], ...]
    rules: tuple[Rule, ...]
    question_conditions: dict[str, Test]
    sha256: str
    root: Path
    layers: tuple[PackRef, ...] = ()
    risks: tuple[Guarded[RiskSpec], ...] = ()
    next_steps: tuple[Guarded[StepSpec], ...] = ()
    estimates: Estimates = field(default_factory=Estimates)
    provider_moves: Guarded[ProviderMoves] | None = None
    """`info.provider_moves` with its condition compiled."""

    @property
    def stack(self) -> tuple[PackRef, ...]:
        """Every pack this one was built from, bottom first; a plain pack is its own stack."""
        own = PackRef(self.info.name, self.info.version, self.sha256, self.info.knowledge_as_of)
        return self.layers or (own,)

    @property
    def own_rules(self) -> tuple[Rule, ...]:
        """The rules this pack's own folder defines or overrides (all of them without layers).

        What a layer's tests and lint should hold it to: the packs below have their own.
        """
        return tuple(rule for rule in self.rules if Path(rule.file).parent == self.root)

    def applies(self, fact: str, facts: Mapping[str, FactValue]) -> bool:
        """A question applies unless its `when` is false; undetermined still asks."""
        test = self.question_conditions.get(fact)
        return test is None or test(facts) is not False

    def applicable(self, facts: Mapping[str, FactValue]) -> list[str]:
        """Facts whose question applies, in interview order: the engine and the interview agree."""
        return [fact for fact in self.bank.facts if self.applies(fact, facts)]

    def option(self, option_id: str) -> Option:
        return next(o for o in (*self.strategies, *self.platforms) if o.id == option_id)

    # --- strategies carried by platforms ---------------------------------------------------

    @cached_property
    def carriers(self) -> dict[str, tuple[str, ...]]:
        """Strategy -> the platforms that carry it, in pack order; a strategy that declares
        no platform is carried by itself (`paas`, `golden-image`)."""
        return carriers_of(self.strategies, self.platforms)

    @cached_property
    def strategy_of(self) -> dict[str, str]:
        """Platform -> the strategy it carries (a self-carried strategy maps to itself)."""
        return {platform: strategy for strategy, ids in self.carriers.items() for platform in ids}

    @cached_property
    def platform_order(self) -> tuple[str, ...]:
        """Every platform, strategies in pack order and their platforms in pack order: the
        order that breaks ties."""
        return tuple(platform for ids in self.carriers.values() for platform in ids)

    @cached_property
    def providers_named(self) -> frozenset[str]:
        """The providers some product serves: a team on one of them gets that provider's
        products, never another provider's as candidates."""
        return frozenset(provider for entry in self.products for provider in entry.item.providers)

    def named_platform(self, platform: str | None) -> str | None:
        """The platform a recommendation names: none for a strategy carried by itself."""
        return None if platform is None or platform in self.carriers else platform

    def reach(self, target: str) -> tuple[str, ...]:
        """The platforms an effect or exclusion on `target` moves: a strategy's all, or one."""
        return self.carriers.get(target, (target,))

    @cached_property
    def base_totals(self) -> dict[str, float]:
        """Every platform's starting score (its strategy's base plus its own), and the
        development-environment tally at 0."""
        bases = {o.id: o.base for o in (*self.strategies, *self.platforms)}
        totals = {
            platform: bases[strategy] + (bases[platform] if platform != strategy else 0.0)
            for platform, strategy in self.strategy_of.items()
        }
        return totals | {DEV_ENVIRONMENT: 0.0}

    @cached_property
    def deltas(self) -> tuple[dict[str, float], ...]:
        """Per rule (in pack order): what it adds to each platform's score and to the
        development environment when it fires."""
        found = []
        for rule in self.rules:
            delta: dict[str, float] = {}
            for target, points in rule.spec.effects.items():
                for platform in (target,) if target == DEV_ENVIRONMENT else self.reach(target):
                    delta[platform] = delta.get(platform, 0.0) + points
            found.append({platform: points for platform, points in delta.items() if points})
        return tuple(found)

    @cached_property
    def exclusions(self) -> tuple[frozenset[str], ...]:
        """Per rule: the platforms it excludes when it fires."""
        return tuple(
            frozenset(platform for target in rule.spec.exclude for platform in self.reach(target))
            for rule in self.rules
        )

    @cached_property
    def rivalries(self) -> tuple[tuple[str, str], ...]:
        """Every pair of platforms of different strategies: the contests that decide a strategy."""
        return tuple(
            (p, q)
            for p in self.platform_order
            for q in self.platform_order
            if self.strategy_of[p] != self.strategy_of[q]
        )

    @cached_property
    def pair_moves(self) -> tuple[dict[tuple[str, str], float], ...]:
        """Per rule: how much it moves each rivalry's lead (p over q) when it fires; zeros left out."""
        found = []
        for delta in self.deltas:
            touched = set(delta)
            found.append(
                {
                    (p, q): move
                    for p, q in self.rivalries
                    if (p in touched or q in touched) and (move := delta.get(p, 0.0) - delta.get(q, 0.0))
                }
            )
        return tuple(found)

    @cached_property
    def scoring_steps(self) -> tuple[ScoringStep, ...]:
        """The rules flattened once for `engine.score`, which runs them on every evaluation.

        Looking up `rule.test` and the effects for every rule on every call was most of the
        gap to hand-written code (bench/engine.py); these tuples are built on first use and
        kept with the pack.
        """
        return tuple(
            (rule.test, tuple(delta.items()), tuple(sorted(excluded)), rule)
            for rule, delta, excluded in zip(self.rules, self.deltas, self.exclusions, strict=True)
        )
