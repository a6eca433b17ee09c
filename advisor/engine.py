"""The engine: a pure function from a rule pack and answers to a result.

Scoring is deliberately plain: every option starts at its `base`, and each rule whose
condition holds adds its effects. Rules may also exclude options outright. The strategy
with the highest score among those not excluded wins (ties go to the option listed first
in the pack); when containers win, the best platform is named the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from advisor.answers import Answers
from advisor.conditions import Trace, trace
from advisor.errors import InputError, Location, Problem
from advisor.facts import UNKNOWN, FactValue, Unknown, to_plain
from advisor.result import (
    AnswerLine,
    AnswerStatus,
    ConfidenceLine,
    DevEnvironment,
    Exclusion,
    FiredRule,
    OptionView,
    ProductStatus,
    Recommendation,
    Result,
    RulePackRef,
    TraceNode,
    UndeterminedRule,
)
from advisor.rulepack import DEV_ENVIRONMENT, Option, Rule, RulePack, interpolate

CONTAINERS = "containers"


@dataclass(frozen=True)
class Scoring:
    """The raw outcome of running every rule once: the fast path under `evaluate`."""

    totals: dict[str, float]
    fired: tuple[Rule, ...]
    undetermined: tuple[Rule, ...]
    excluded: dict[str, tuple[Rule, ...]]


def score(pack: RulePack, facts: Mapping[str, FactValue]) -> Scoring:
    totals = pack.base_totals.copy()
    fired: list[Rule] = []
    undetermined: list[Rule] = []
    excluded: dict[str, tuple[Rule, ...]] = {}
    for test, effects, exclude, rule in pack.scoring_steps:
        outcome = test(facts)
        if outcome:
            fired.append(rule)
            for target, points in effects:
                totals[target] += points
            for target in exclude:
                excluded[target] = (*excluded.get(target, ()), rule)
        elif outcome is None:
            undetermined.append(rule)
    return Scoring(totals, tuple(fired), tuple(undetermined), excluded)


def best_of(options: tuple[Option, ...], scoring: Scoring) -> list[str]:
    """Options not excluded, best first; ties keep the pack's order."""
    allowed = [o.id for o in options if o.id not in scoring.excluded]
    return sorted(allowed, key=lambda option_id: -scoring.totals[option_id])


def recommend(pack: RulePack, scoring: Scoring) -> tuple[str | None, str | None]:
    strategies = best_of(pack.strategies, scoring)
    strategy = strategies[0] if strategies else None
    platforms = best_of(pack.platforms, scoring)
    platform = platforms[0] if strategy == CONTAINERS and platforms else None
    return strategy, platform


def applicable_facts(pack: RulePack, facts: Mapping[str, FactValue]) -> list[str]:
    """Facts whose question applies: no `when`, or a `when` that is not false."""
    return [
        fact
        for fact in pack.bank.facts
        if fact not in pack.question_conditions or pack.question_conditions[fact](facts) is not False
    ]


def require_complete(pack: RulePack, answers: Answers) -> None:
    """For --strict: every applicable fact must be answered (`unknown` counts as an answer)."""
    missing = [fact for fact in applicable_facts(pack, answers.facts) if fact not in answers.facts]
    if missing:
        raise InputError(
            [
                Problem(
                    Location(answers.source),
                    f"unanswered: {fact} ({pack.bank.facts[fact].prompt}); answer it or write 'unknown'",
                )
                for fact in missing
            ]
        )


def evaluate(pack: RulePack, answers: Answers) -> Result:
    """Weigh the answers with the pack: scores, recommendation, confidence and the why."""
    facts = answers.facts
    scoring = score(pack, facts)
    strategy, platform = recommend(pack, scoring)
    applicable = applicable_facts(pack, facts)
    unanswered = [fact for fact in applicable if fact not in facts]
    unknown = [fact for fact in applicable if isinstance(facts.get(fact), Unknown)]
    breakdown = confidence_breakdown(pack, scoring, strategy, set(unanswered) | set(unknown))
    confidence = breakdown[-1].value
    return Result(
        project=_project(answers),
        recommendation=Recommendation(
            strategy=strategy,
            platform=platform,
            confidence=confidence,
            confidence_label=confidence_label(confidence),
        ),
        scores={o.id: round(scoring.totals[o.id], 1) for o in pack.strategies},
        platform_scores={o.id: round(scoring.totals[o.id], 1) for o in pack.platforms},
        excluded=[
            Exclusion(option=option, rule=rule.id, because=interpolate(rule.spec.because, facts))
            for option, rules in scoring.excluded.items()
            for rule in rules
        ],
        fired=[_fired(rule, facts) for rule in scoring.fired],
        undetermined=[
            UndeterminedRule(
                id=rule.id,
                missing=sorted(f for f in rule.reads if f not in facts or facts[f] is UNKNOWN),
                effects=dict(rule.spec.effects),
                excludes=list(rule.spec.exclude),
            )
            for rule in scoring.undetermined
        ],
        unanswered=unanswered,
        unknown=unknown,
        dev_environment=_dev_environment(scoring, facts),
        confidence_breakdown=breakdown,
        answers=_answer_lines(pack, facts, applicable),
        options=[_option_view(o, "strategy") for o in pack.strategies]
        + [_option_view(o, "platform") for o in pack.platforms],
        products=[ProductStatus(name=p.name, status=p.status, note=p.note) for p in pack.products],
        rule_pack=RulePackRef(
            name=pack.info.name,
            version=pack.info.version,
            sha256=pack.sha256,
            knowledge_as_of=pack.info.knowledge_as_of.isoformat(),
        ),
    )


def confidence_breakdown(
    pack: RulePack, scoring: Scoring, strategy: str | None, missing: set[str]
) -> list[ConfidenceLine]:
    """confidence = lead factor × coverage factor, each explained in one line.

    lead factor = 1 − ½·e^(−lead/scale): a tie gives ½ (a coin flip between two options),
    a lead of `scale` points about 0.82, a sole option left after exclusions 1.
    coverage factor = 1 − ½·(share of the pack's rule references that read unknown or
    unanswered facts): the more of what the rules look at is missing, the less certain.
    """
    if strategy is None:
        return [
            ConfidenceLine(
                factor="confidence",
                value=0.0,
                explanation="Every strategy is excluded; there is nothing to recommend.",
            )
        ]
    scale = pack.info.confidence.margin_scale
    ranked = best_of(pack.strategies, scoring)
    if len(ranked) > 1:
        lead = scoring.totals[ranked[0]] - scoring.totals[ranked[1]]
        lead_factor = 1 - 0.5 * math.exp(-lead / scale)
        lead_text = (
            f"{ranked[0]} leads {ranked[1]} by {lead:g} points; "
            f"1 − ½·e^(−{lead:g}/{scale:g}) = {lead_factor:.2f}"
        )
    else:
        lead_factor = 1.0
        lead_text = f"{ranked[0]} is the only strategy not excluded"
    references = [fact for rule in pack.rules for fact in rule.reads]
    missing_refs = sum(1 for fact in references if fact in missing)
    share = missing_refs / len(references) if references else 0.0
    coverage = 1 - 0.5 * share
    missing_read = len({fact for fact in references if fact in missing})
    coverage_text = (
        f"{missing_read} fact(s) the rules read are unknown or unanswered, "
        f"{missing_refs} of {len(references)} rule references; 1 − ½·{share:.2f} = {coverage:.2f}"
    )
    confidence = round(lead_factor * coverage, 2)
    return [
        ConfidenceLine(factor="lead", value=round(lead_factor, 2), explanation=lead_text),
        ConfidenceLine(factor="coverage", value=round(coverage, 2), explanation=coverage_text),
        ConfidenceLine(
            factor="confidence",
            value=confidence,
            explanation=f"{lead_factor:.2f} × {coverage:.2f} = {confidence:.2f}",
        ),
    ]


def confidence_label(confidence: float) -> str:
    if confidence >= 0.8:
        return "high"
    if confidence >= 0.65:
        return "moderate"
    if confidence >= 0.5:
        return "low"
    return "very low"


def _project(answers: Answers) -> dict[str, str | None]:
    project = answers.project
    return {
        "name": project.name,
        "client": project.client,
        "assessor": project.assessor,
        "date": project.date.isoformat() if project.date else None,
    }


def _fired(rule: Rule, facts: Mapping[str, FactValue]) -> FiredRule:
    spec = rule.spec
    return FiredRule(
        id=spec.id,
        because=interpolate(spec.because, facts),
        effects=dict(spec.effects),
        excludes=list(spec.exclude),
        mitigation=interpolate(spec.mitigation, facts) if spec.mitigation else None,
        source=spec.source,
        reads=sorted(rule.reads),
        trace=_trace_node(trace(rule.condition, facts)),
    )


def _trace_node(node: Trace) -> TraceNode:
    return TraceNode(
        text=node.text,
        outcome=node.outcome,
        value=node.value,
        parts=[_trace_node(part) for part in node.parts],
    )


def _dev_environment(scoring: Scoring, facts: Mapping[str, FactValue]) -> DevEnvironment:
    points = scoring.totals[DEV_ENVIRONMENT]
    containerize = points > 0
    reasons = [
        interpolate(rule.spec.because, facts)
        for rule in scoring.fired
        if (rule.spec.effects.get(DEV_ENVIRONMENT, 0) > 0) == containerize
        and DEV_ENVIRONMENT in rule.spec.effects
    ]
    return DevEnvironment(containerize=containerize, score=round(points, 1), because=reasons)


def _answer_lines(pack: RulePack, facts: Mapping[str, FactValue], applicable: list[str]) -> list[AnswerLine]:
    lines = []
    for fact, question in pack.bank.facts.items():
        value = facts.get(fact)
        status: AnswerStatus
        if value is None:
            status = "unanswered" if fact in applicable else "not-applicable"
        else:
            status = "unknown" if isinstance(value, Unknown) else "answered"
        lines.append(
            AnswerLine(
                fact=fact,
                section=question.section,
                prompt=question.prompt,
                value=None if value is None else to_plain(value),
                status=status,
            )
        )
    return lines


def _option_view(option: Option, kind: Literal["strategy", "platform"]) -> OptionView:
    return OptionView(
        id=option.id,
        kind=kind,
        name=option.name,
        summary=option.summary.strip(),
        fits=option.fits,
        costs=option.costs,
        risks=option.risks,
        products=option.products,
        status=option.status,
        next_steps=option.next_steps,
    )
