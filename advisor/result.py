"""What the core hands to renderers: the result of an assessment (the JSON contract), the
comparison of two results, and a portfolio entry. Renderers read nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from advisor.facts import FORMAT

DIFF_FORMAT = "advisor/diff-v1"
REVISIT_FORMAT = "advisor/revisit-v1"
IMPACT_FORMAT = "advisor/impact-v1"
PlainValue = int | bool | str | list[str]
AnswerStatus = Literal["answered", "unknown", "unanswered", "not-applicable"]


class _Model(BaseModel):
    # Scores and confidences are finite: JSON has no NaN or Infinity, and a result read back
    # (advisor diff) must not bring them in. Should one get in all the same, pydantic's JSON
    # spells it out, so that the JSON renderer sees it and refuses it (advisor.render.json).
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, ser_json_inf_nan="constants")


class _Compared(_Model):
    """A model of comparisons and re-checks (diff, whatif, revisit, rules impact), which a
    report never builds: its validator is built on first use, not when advisor starts."""

    model_config = ConfigDict(defer_build=True)


Status = Literal["clear", "close-call", "undecided"]


class ProductRef(_Model):
    """A product that carries a platform, with the status the pack knows and where that is from."""

    name: str
    docs: str | None = None
    status: str
    source: str | None = None
    as_of: str | None = None
    note: str = ""
    providers: list[str] = Field(default_factory=list)
    beside: str | None = None
    """Set when the product is listed beside the named one for part of the work, not as an
    alternative to it: what it is for ("the batch work")."""


class Recommendation(_Model):
    strategy: str | None
    platform: str | None
    confidence: float = Field(ge=0, le=1)
    confidence_label: str
    platform_confidence: float | None = Field(default=None, ge=0, le=1)
    status: Status | None = None
    product: ProductRef | None = None

    @property
    def platform_less_sure(self) -> float | None:
        """The platform's confidence where it is below the strategy's (a platform named less
        surely than its strategy, which a report says beside it); None otherwise."""
        platform = self.platform_confidence
        return platform if platform is not None and platform < self.confidence else None


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
    argues: list[str] | None = None
    """The options `because` argues for or against; none: every option the rule moves."""
    offsets: str | None = None
    """The rule whose effects this one takes back in part where both fire."""


class UndeterminedRule(_Model):
    id: str
    missing: list[str]
    effects: dict[str, float]
    excludes: list[str] = Field(default_factory=list)


class Exclusion(_Model):
    option: str
    rule: str | None
    because: str


class DevEnvironment(_Model):
    containerize: bool
    score: float
    because: list[str]
    against: list[str] = Field(
        default_factory=list,
        description="the reasons that weigh the other way (a licence to buy, say), shown as caveats",
    )


class ConfidenceLine(_Model):
    """One step of the confidence formula: the confidence so far and the points behind it."""

    factor: str
    value: float = Field(ge=0, le=1)
    explanation: str
    points: float | None = None


class _FromModel(_Model):
    """`from` is a Python keyword: the field is `was` in code and `from` in JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True, allow_inf_nan=False)


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
    complete: bool = True
    """False when the search stopped at its work bound first (a pack with very many facts):
    then `found: false` means "none found", and a found change may not be the smallest.
    Written to JSON only when false, so results of ordinary packs keep their shape."""

    @model_serializer(mode="wrap")
    def _omit_complete(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.complete:
            data.pop("complete", None)
        return data


class ValueOutcome(_Model):
    """The recommendation if an open fact had this value (integers: any value low..high)."""

    value: PlainValue
    label: str
    strategy: str | None
    platform: str | None
    low: int | None = None
    high: int | None = Field(default=None, description="null with low set: no upper limit")
    tied: bool = False
    """The options would tie at the top with this value: no recommendation, whatever
    `strategy` and `platform` (the tied option listed first) say."""


class OpenFact(_Model):
    """An unknown or unanswered fact and the recommendation under each of its values."""

    fact: str
    status: Literal["unknown", "unanswered"]
    decisive: bool
    outcomes: list[ValueOutcome]


class ChoiceRef(_Model):
    """A recommendation: a strategy and the platform named for it (none for a self-carried
    strategy; both none when every option is excluded)."""

    strategy: str | None
    platform: str | None


class NextQuestion(_Model):
    """An unanswered question whose answer could still change the decision, in the order
    `advisor assess --quick` asks them (`advisor.analysis.next_questions`)."""

    fact: str
    alone: bool = Field(
        description="one answer to it, with the other open questions left open, changes the recommendation"
    )
    could_lead_to: list[ChoiceRef] = Field(
        default_factory=list,
        description="with a recommendation: the others an answer could lead to, alone or with other "
        "answers (none: it could only leave too little confidence to recommend); when undecided: "
        "where its answers would point",
    )


class AnswerLine(_Model):
    fact: str
    section: str
    prompt: str
    value: PlainValue | None
    status: AnswerStatus
    choices: dict[str, str] = Field(default_factory=dict)
    """A choice or list question's values with the words the question shows for them."""


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
    strategy: str | None = None
    """For a platform: the strategy it carries."""
    platforms: list[str] = Field(default_factory=list)
    """For a strategy: the platforms that carry it (none when it carries itself)."""
    offered: list[ProductRef] = Field(default_factory=list)
    """The products that carry it for this team (on its provider), or the candidates."""
    offered_here: bool = False
    """True when `offered` are the products on the team's provider, false for candidates."""


class RiskView(_Model):
    """A risk of an option that applies to this team, and how to mitigate it."""

    id: str
    option: str
    risk: str
    mitigation: str
    source: str | None = None


class ProductStatus(_Model):
    name: str
    status: str
    note: str
    platform: str | None = None
    docs: str | None = None
    source: str | None = None
    as_of: str | None = None


class EstimateAmount(_Model):
    """What a term adds to one measure, as the pack writes it: `add` plus `per` unit of a fact,
    for the cost in units of the `prices` named."""

    add: tuple[float, float]
    per: dict[str, tuple[float, float]] = Field(default_factory=dict)
    prices: list[str] = Field(default_factory=list)
    in_parallel: bool = False
    """The `per` part is shared among the team's streams (the pack's `settings.streams`)."""


class EstimateTerm(_Model):
    """One assumption behind an estimate: a term of the rule pack, as the pack writes it."""

    id: str
    because: str
    source: str | None = None
    pack: str
    """The pack (or layer) the term comes from."""
    people_fte: EstimateAmount | None = None
    weeks_to_production: EstimateAmount | None = None
    monthly_cost_usd: EstimateAmount | None = None
    unless_running: bool = False
    """Not counted for the kind of platform the team already runs (`OptionEstimate.runs_today`)."""


class PriceUsed(_Model):
    """A list price an estimate rests on, with its source, its date and how sure the pack is."""

    id: str
    item: str
    usd: float | tuple[float, float]
    per: str
    monthly_usd: tuple[float, float]
    source: str
    as_of: str
    verified: bool
    note: str = ""
    pack: str


class OptionEstimate(_Model):
    """People, weeks and money for one option, each `[low, high]` or null, with the why."""

    platform: str | None = None
    """For a strategy: the platform it is estimated on (its best); null for one carried by itself."""
    people_fte: tuple[float, float] | None = None
    weeks_to_production: tuple[int, int] | None = None
    monthly_cost_usd: tuple[int, int] | None = None
    yearly_total_usd: tuple[int, int] | None = None
    """People at the engineer-year rate plus twelve months of platform cost; null without the rate."""
    open: dict[str, list[str]] = Field(default_factory=dict)
    """Per measure, the open facts that widen its range, or that would fill it when it is null."""
    unpriced: str | None = None
    """Why there is no cost band when the pack has no list prices for these answers."""
    excluded: bool = False
    """The answers exclude the option: it is not estimated, and every measure is null."""
    runs_today: bool = False
    """The team already runs this kind of platform in production (the pack's `settings.running`)."""
    beyond_headcount: dict[str, int] = Field(default_factory=dict)
    """The team's headcounts (`settings.headcount`) that the high end of `people_fte` exceeds,
    by fact: the option would take hires, or time from product work."""
    assumptions: list[str] = Field(default_factory=list)
    """The terms it rests on, by id (`estimate_basis.terms`)."""
    prices: list[str] = Field(default_factory=list)
    """The list prices it rests on, by id (`estimate_basis.prices`)."""


class CopiesCounted(_Model):
    """Components that are copies of one build, as the per-component people and weeks count
    them (the pack's `settings.copies`)."""

    builds: int
    components: int
    counted: tuple[float, float]
    """How many components the per-component people and weeks count, fewest and most."""


class EstimateBasis(_Model):
    """What the estimates rest on, once for every option: the terms that apply to this team,
    the list prices they count, and what the cost covers."""

    scope: str = ""
    headcount: dict[str, str] = Field(default_factory=dict)
    """The team's headcount facts, smallest group first, each with the noun for one of them."""
    terms: dict[str, EstimateTerm] = Field(default_factory=dict)
    prices: dict[str, PriceUsed] = Field(default_factory=dict)
    adds: dict[str, dict[str, tuple[float, float]]] = Field(default_factory=dict)
    """Term id -> what it adds for this team, per measure (left out where a fact it counts is open)."""
    caveats: dict[str, str] = Field(default_factory=dict)
    """What the figures cannot show for these answers, by the pack's caveat id."""
    streams: tuple[float, float] | None = None
    """How many streams of work share the amounts `in_parallel` for this team, fewest and most
    (the pack's `settings.streams`); null when the pack shares none."""
    copies: CopiesCounted | None = None
    """Where the components come from fewer builds, how the people and weeks count them; null
    where every component counts in full."""
    waiting: dict[str, list[str]] = Field(default_factory=dict)
    """Term id -> the open facts that decide whether it applies (terms that apply on the answers
    given are not listed)."""


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

    format: str = FORMAT
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
    next_questions: list[NextQuestion] = Field(default_factory=list)
    """The unanswered questions that could still change the decision, in the order to ask them;
    the other unanswered ones cannot, whatever the answers."""
    dev_environment: DevEnvironment
    confidence_breakdown: list[ConfidenceLine]
    platform_confidence_breakdown: list[ConfidenceLine] = Field(default_factory=list)
    risks: list[RiskView] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    estimates: dict[str, OptionEstimate] = Field(default_factory=dict)
    """People, weeks to production and monthly cost per option (`advisor.analysis.estimates`)."""
    estimate_basis: EstimateBasis = Field(default_factory=EstimateBasis)
    answers: list[AnswerLine]
    options: list[OptionView]
    products: list[ProductStatus]
    rule_pack: RulePackRef
    rule_packs: list[PackUsed] = Field(default_factory=list)
    drivers: list[str] = Field(default_factory=list)
    """Ids of the fired rules that moved the decision, heaviest first (`advisor.analysis.drivers`)."""

    @cached_property
    def option_views(self) -> dict[str, OptionView]:
        """Option id -> its view: renderers look options up thousands of times per report."""
        return {option.id: option for option in self.options}

    def strategy_scores(self) -> dict[str, float]:
        """The strategies' scores (`scores` also holds the platforms that carry them)."""
        strategies = {option.id for option in self.options if option.kind == "strategy"}
        return {
            option: points for option, points in self.scores.items() if option in strategies or not strategies
        }

    def excluded_options(self) -> dict[str, list[str]]:
        """Option id -> the reasons it is excluded, in the order the rules fired."""
        reasons: dict[str, list[str]] = {}
        for exclusion in self.excluded:
            reasons.setdefault(exclusion.option, []).append(exclusion.because)
        return reasons

    def ranked(self, scores: dict[str, float]) -> list[str]:
        """Options best first: those still allowed by score (ties keep the pack's order), then
        the excluded ones."""
        excluded = self.excluded_options()
        allowed = sorted((o for o in scores if o not in excluded), key=lambda o: -scores[o])
        return allowed + [o for o in scores if o in excluded]

    def skipped(self) -> list[str]:
        """Unanswered facts no answer to which could change the decision (in interview order)."""
        asked = {item.fact for item in self.next_questions}
        return [fact for fact in self.unanswered if fact not in asked]

    def runner_up(self, scores: dict[str, float], winner: str | None) -> str | None:
        excluded = self.excluded_options()
        return next((o for o in self.ranked(scores) if o != winner and o not in excluded), None)

    def decision(self) -> Decision:
        """What this result decides, as `advisor.evaluate.decide` computes it without the rest."""
        rec = self.recommendation
        return Decision(
            strategy=rec.strategy,
            platform=rec.platform,
            status=rec.status,
            confidence=rec.confidence,
            platform_confidence=rec.platform_confidence,
            product=rec.product.name if rec.product else None,
            product_status=rec.product.status if rec.product else None,
            fired=[rule.id for rule in self.fired],
            undetermined=[rule.id for rule in self.undetermined],
        )


# --- two assessments compared (`advisor diff`, `advisor whatif`) ---------------------------


class Side(_Compared):
    """One assessment, as far as the comparison needs it."""

    source: str
    name: str | None
    date: str | None
    strategy: str | None
    platform: str | None
    confidence: float
    confidence_label: str
    scores: dict[str, float]
    rule_packs: list[str]
    platform_scores: dict[str, float] = Field(default_factory=dict)
    excluded: list[str] = Field(default_factory=list)
    names: dict[str, str] = Field(default_factory=dict)
    """Option id -> name, so that the comparison reads in words."""
    platform_confidence: float | None = None
    status: Status | None = None


class AnswerChange(_Compared):
    fact: str
    before: PlainValue | None
    after: PlainValue | None
    before_status: str
    after_status: str


class RuleChange(_Compared):
    id: str
    because: str
    effects: dict[str, float]
    excludes: list[str]


class EstimateChange(_Compared):
    """One estimate of one option that differs between the two sides (null: not estimated)."""

    option: str
    measure: str
    before: tuple[float, float] | None
    after: tuple[float, float] | None


class Diff(_Compared):
    format: str = DIFF_FORMAT
    old: Side
    new: Side
    recommendation_changed: bool
    confidence_change: float
    platform_confidence_change: float | None = None
    status_changed: bool = False
    facts: list[AnswerChange]
    started_firing: list[RuleChange]
    stopped_firing: list[RuleChange]
    reweighted: list[RuleChange]
    estimates_compared: bool = False
    """False when either side has no estimates (a result written before they existed)."""
    estimate_changes: list[EstimateChange] = Field(default_factory=list)
    answers_changed: bool = False
    """The answers given (values and `unknown`s) differ; project details do not count."""
    pack_changed: bool = False
    """The two sides were computed with different rule packs (by sha256)."""
    changed_by: list[Cause] = Field(default_factory=list)
    """What moved the recommendation (empty when it did not move): the answers, the pack, or
    advisor itself (neither differs); `separated` says whether both could be told apart."""
    separated: bool = True


# --- a batch's portfolio ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PortfolioEntry:
    """One line of the portfolio: the outcome of one answers file, or why there is none.

    A plain slotted class rather than a model: a batch holds one per file until it writes the
    index, and a model took about 3 KB each (10,000 files: 30 MB); nothing reads it back."""

    label: str
    slug: str
    source: str = ""
    outputs: tuple[str, ...] = ()
    name: str | None = None
    client: str | None = None
    strategy: str | None = None
    platform: str | None = None
    strategy_name: str | None = None
    platform_name: str | None = None
    """The options as a reader knows them (`Platform as a service`), from the rule pack."""
    confidence: float | None = None
    confidence_label: str | None = None
    top_driver: str | None = None
    error: str | None = None
    unexpected: bool = False

    @property
    def portable_error(self) -> str | None:
        """The error with the file named as in the index, not by the path it was read from."""
        if self.error is None or not self.source:
            return self.error
        return self.error.replace(self.source, self.label)


# --- decisions that stay true (`report --check`, ADRs, `revisit`, `rules impact`) -------------


class Decision(_Model):
    """What an assessment decides, without the argument: enough to tell whether a recorded
    decision still holds, and which rules could have moved it."""

    strategy: str | None
    platform: str | None
    status: Status | None
    confidence: float = Field(ge=0, le=1)
    platform_confidence: float | None = Field(default=None, ge=0, le=1)
    product: str | None = None
    product_status: str | None = None
    fired: list[str] = Field(default_factory=list)
    undetermined: list[str] = Field(default_factory=list)

    def key(self) -> tuple[str | None, ...]:
        """What must stay the same for the decision to hold: the strategy, the platform, the
        status, and the product on the team's provider with its status."""
        return (self.strategy, self.platform, self.status, self.product, self.product_status)

    def changes(self, other: Decision) -> list[DecisionPart]:
        """The parts of the decision that differ in `other`, in the order of `key`."""
        parts: list[DecisionPart] = ["strategy", "platform", "status", "product", "product"]
        found = [part for part, a, b in zip(parts, self.key(), other.key(), strict=True) if a != b]
        return list(dict.fromkeys(found))

    def reads(self) -> set[str]:
        """The rules that fired or could have fired (an open fact) for this assessment."""
        return {*self.fired, *self.undetermined}


DecisionPart = Literal["strategy", "platform", "status", "product"]
Cause = Literal["answers", "pack", "product-status", "advisor"]
"""Why a decision moved: the answers, the rule pack, the status of a product it relies on (a
pack change that only restates a product), or advisor itself (same answers, same pack)."""


class RecordSource(_Compared):
    """What an ADR records beyond the result, so that `advisor revisit` can re-check it: the
    answers file (its path relative to the record, and its sha256), the `--set` overrides, and
    the record it supersedes."""

    answers_path: str
    answers_sha256: str
    settings: list[str] = Field(default_factory=list)
    supersedes: str | None = None


RulePart = Literal["added", "removed", "condition", "effects", "excludes"]


class RuleMove(_Compared):
    """A rule that differs between two packs in what decides results."""

    id: str
    change: list[RulePart]


class ProductMove(_Compared):
    """A product whose status (or the date of its status) differs between two packs."""

    name: str
    before_status: str | None
    before_as_of: str | None = None
    after_status: str | None
    after_as_of: str | None = None


class PackMove(_Compared):
    """How one rule pack (stack) differs from another, as far as it decides results.

    `rules` and `products` are the changes that concern one assessment where a report is
    about one; `other` names the changes that are not rules or products (option bases,
    confidence settings, questions)."""

    before: str
    after: str
    rules: list[RuleMove] = Field(default_factory=list)
    products: list[ProductMove] = Field(default_factory=list)
    other: list[str] = Field(default_factory=list)


class RecordCheck(_Compared):
    """One decision record re-checked by `advisor revisit`."""

    record: str
    title: str = ""
    outcome: Literal["holds", "would-change", "skipped", "failed"]
    note: str = ""
    recorded: Decision | None = None
    now: Decision | None = None
    causes: list[Cause] = Field(default_factory=list)
    separated: bool = True
    """False when the causes could not be told apart (no copy of the old answers or pack)."""
    answers_changed: bool = False
    answers: list[AnswerChange] = Field(default_factory=list)
    pack: PackMove | None = None
    superseded_by: str | None = None


class Revisit(_Compared):
    """`advisor revisit`: every record of a folder, and whether its decision still holds."""

    format: str = REVISIT_FORMAT
    folder: str
    pack: str
    records: list[RecordCheck]
    names: dict[str, str] = Field(default_factory=dict)
    """Option id -> name, so that the table reads in words."""


class ImpactRow(_Compared):
    """One answers file under the base pack and under the new one."""

    label: str
    before: Decision | None = None
    after: Decision | None = None
    flips: list[DecisionPart] = Field(default_factory=list)
    confidence_moved: bool = False
    rules: list[str] = Field(default_factory=list)
    """The changed rules that fired, or could have fired, for this file on either side."""
    error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.flips) or self.confidence_moved


class Impact(_Compared):
    """`advisor rules impact`: what a rule pack change does to stored assessments."""

    format: str = IMPACT_FORMAT
    folder: str
    pack: PackMove
    rows: list[ImpactRow]
    names: dict[str, str] = Field(default_factory=dict)
