"""A loaded rule pack: the pack description, its options, its rules, compiled once.

A pack is a folder: `pack.yaml` (name, version, knowledge date), `questions.yaml` (the
question bank), `options.yaml` (strategies, platforms, products and their status), and any
number of rule files `*.yaml` with a `rules:` list. Test cases live in `tests/`.
`advisor.pack.load` reads a folder into a `RulePack`; `advisor.pack.layers` stacks packs.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from advisor.errors import Location
from advisor.facts import FactValue
from advisor.pack.compile import Test
from advisor.pack.conditions import Condition
from advisor.pack.questions import QuestionBank

PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE = "pack.yaml", "questions.yaml", "options.yaml"
DEV_ENVIRONMENT = "dev-environment"
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
# Scores are plain sums; NaN or infinity would make the winner arbitrary and the JSON invalid.
Points = Annotated[float, Field(allow_inf_nan=False, ge=-1000, le=1000)]
# One rule as the engine's inner loop reads it: test, (target, points)..., excluded ids, rule.
ScoringStep = tuple[Test, tuple[tuple[str, float], ...], tuple[str, ...], "Rule"]


class ConfidenceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    margin_scale: float = Field(
        default=8.0,
        gt=0,
        allow_inf_nan=False,
        description="points of guaranteed lead for a confidence of about 0.82 (1 - e^-1 / 2)",
    )


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Id
    version: str
    knowledge_as_of: datetime.date
    description: str = ""
    confidence: ConfidenceSettings = Field(default_factory=ConfidenceSettings)


class Product(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    status: str
    note: str = ""


class Option(BaseModel):
    """A strategy or a platform: what it is, when it fits, what it costs."""

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


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[RuleSpec]


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
class PackRef:
    """One pack of a stack, as a result names it so that it can be reproduced."""

    name: str
    version: str
    sha256: str
    knowledge_as_of: datetime.date | None


@dataclass(frozen=True)
class RulePack:
    info: PackInfo
    bank: QuestionBank
    strategies: tuple[Option, ...]
    platforms: tuple[Option, ...]
    products: tuple[Product, ...]
    rules: tuple[Rule, ...]
    question_conditions: dict[str, Test]
    sha256: str
    root: Path
    layers: tuple[PackRef, ...] = ()

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

    @cached_property
    def base_totals(self) -> dict[str, float]:
        """Every option's starting score, and the development-environment tally at 0."""
        return {o.id: o.base for o in (*self.strategies, *self.platforms)} | {DEV_ENVIRONMENT: 0.0}

    @cached_property
    def scoring_steps(self) -> tuple[ScoringStep, ...]:
        """The rules flattened once for `engine.score`, which runs them on every evaluation.

        Looking up `rule.test` and `rule.spec.effects.items()` for every rule on every call
        was most of the gap to hand-written code (bench/engine.py); these tuples are built
        on first use and kept with the pack.
        """
        return tuple(
            (rule.test, tuple(rule.spec.effects.items()), tuple(rule.spec.exclude), rule)
            for rule in self.rules
        )
