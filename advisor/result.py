"""The result of an assessment: what the JSON carries and every report renders."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

RESULT_FORMAT = "advisor/v1"
PlainValue = int | bool | str | list[str]
AnswerStatus = Literal["answered", "unknown", "unanswered", "not-applicable"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recommendation(_Model):
    strategy: str | None
    platform: str | None
    confidence: float = Field(ge=0, le=1)
    confidence_label: str


class TraceNode(_Model):
    text: str
    outcome: bool | None
    value: str | None = None
    parts: list[TraceNode] = Field(default_factory=list)


class FiredRule(_Model):
    id: str
    because: str
    effects: dict[str, float]
    excludes: list[str] = Field(default_factory=list)
    mitigation: str | None = None
    source: str | None = None
    reads: list[str] = Field(default_factory=list)
    trace: TraceNode


class UndeterminedRule(_Model):
    id: str
    missing: list[str]
    effects: dict[str, float]
    excludes: list[str] = Field(default_factory=list)


class Exclusion(_Model):
    option: str
    rule: str
    because: str


class DevEnvironment(_Model):
    containerize: bool
    score: float
    because: list[str]


class ConfidenceLine(_Model):
    """One step of the confidence formula: the confidence so far and the points behind it."""

    factor: str
    value: float = Field(ge=0, le=1)
    explanation: str
    points: float | None = None


class _FromModel(_Model):
    """`from` is a Python keyword: the field is `was` in code and `from` in JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)


class Sensitivity(_FromModel):
    """One single-fact change that changes the recommendation (strategy or platform)."""

    fact: str
    value: PlainValue
    strategy: str | None
    platform: str | None
    was: PlainValue | None = Field(validation_alias=AliasChoices("from", "was"), serialization_alias="from")
    steps: int = Field(ge=1, description="intervals crossed, items added or removed, or 1")
    low: int | None = Field(
        default=None, description="integers: smallest value with this outcome; null: down to the minimum"
    )
    high: int | None = Field(
        default=None, description="integers: largest value with this outcome; null: no limit"
    )


class FactChange(_FromModel):
    fact: str
    was: PlainValue | None = Field(validation_alias=AliasChoices("from", "was"), serialization_alias="from")
    value: PlainValue


class Counterfactual(_Model):
    """What it would take for a strategy that did not win to win."""

    strategy: str
    found: bool
    changes: list[FactChange] = Field(default_factory=list)
    platform: str | None = None
    explanation: str


class ValueOutcome(_Model):
    """The recommendation if an open fact had this value (integers: any value low..high)."""

    value: PlainValue
    label: str
    strategy: str | None
    platform: str | None
    low: int | None = None
    high: int | None = Field(default=None, description="null with low set: no upper limit")


class OpenFact(_Model):
    """An unknown or unanswered fact and the recommendation under each of its values."""

    fact: str
    status: Literal["unknown", "unanswered"]
    decisive: bool
    outcomes: list[ValueOutcome]


class AnswerLine(_Model):
    fact: str
    section: str
    prompt: str
    value: PlainValue | None
    status: AnswerStatus


class OptionView(_Model):
    id: str
    kind: Literal["strategy", "platform"]
    name: str
    summary: str
    fits: list[str]
    costs: list[str]
    risks: list[str]
    products: list[str]
    status: str
    next_steps: list[str]


class ProductStatus(_Model):
    name: str
    status: str
    note: str


class RulePackRef(_Model):
    name: str
    version: str
    sha256: str
    knowledge_as_of: str


class PackUsed(_Model):
    """One rule pack of the stack a result was computed with (the default, then layers)."""

    name: str
    version: str
    sha256: str
    knowledge_as_of: str | None = None


class Result(_Model):
    """Everything a renderer needs; renderers read nothing else."""

    format: str = RESULT_FORMAT
    project: dict[str, str | None]
    recommendation: Recommendation
    scores: dict[str, float]
    platform_scores: dict[str, float]
    excluded: list[Exclusion]
    fired: list[FiredRule]
    undetermined: list[UndeterminedRule]
    unanswered: list[str]
    unknown: list[str]
    sensitivity: list[Sensitivity] = Field(default_factory=list)
    counterfactuals: list[Counterfactual] = Field(default_factory=list)
    value_of_information: list[OpenFact] = Field(default_factory=list)
    dev_environment: DevEnvironment
    confidence_breakdown: list[ConfidenceLine]
    answers: list[AnswerLine]
    options: list[OptionView]
    products: list[ProductStatus]
    rule_pack: RulePackRef
    rule_packs: list[PackUsed] = Field(default_factory=list)
