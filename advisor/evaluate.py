"""`evaluate`: the pure function from a rule pack and answers to the result.

Scoring lives in `advisor.engine` (bases plus the effects of the rules that hold); the
analysis around it (confidence, what would change the recommendation, decision drivers)
in `advisor.analysis`. Here they are assembled into the `Result` every renderer reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple

from advisor.analysis import analyse
from advisor.analysis.advice import next_steps, offered, product_ref, risks
from advisor.analysis.confidence import confidences, decision_status
from advisor.analysis.estimates import estimate
from advisor.analysis.open_facts import open_facts
from advisor.answers import Answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import Scoring, best_platform, recommend, score, strategy_scores
from advisor.errors import InputError, Location, Problem
from advisor.facts import UNKNOWN, FactValue, Unknown, to_plain
from advisor.pack.compile import Trace, trace
from advisor.pack.memo import per_pack
from advisor.pack.model import DEV_ENVIRONMENT, Option, Product, Rule, RulePack
from advisor.result import (
    AnswerLine,
    AnswerStatus,
    Decision,
    DevEnvironment,
    Exclusion,
    FiredRule,
    OptionView,
    PackUsed,
    ProductStatus,
    Recommendation,
    Result,
    RulePackRef,
    TraceNode,
    UndeterminedRule,
)
from advisor.words import confidence_label, interpolate


def require_complete(pack: RulePack, answers: Answers) -> None:
    """For --strict: every applicable fact must be answered (`unknown` counts as an answer)."""
    missing = [fact for fact in pack.applicable(answers.facts) if fact not in answers.facts]
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
    applicable = pack.applicable(facts)
    status = open_facts(pack, facts)
    unanswered = [fact for fact, state in status.items() if state == "unanswered"]
    unknown = [fact for fact, state in status.items() if state == "unknown"]
    analysis = analyse(Baseline(pack, facts, scoring), status)
    confidence = analysis.confidence
    best = best_platform(pack, scoring.totals, scoring.excluded)
    product = offered(pack, best, facts).product if best else None
    strategies = strategy_scores(pack, scoring.totals, scoring.excluded)
    estimates, basis = estimate(pack, facts, status, scoring)
    described = _described(pack)
    return Result(
        project=_project(answers),
        recommendation=Recommendation(
            strategy=strategy,
            platform=platform,
            confidence=confidence.value,
            confidence_label=confidence_label(confidence.value),
            platform_confidence=confidence.platform_value,
            status=analysis.status,
            product=product_ref(pack, product) if product else None,
        ),
        scores={o: round(points, 1) for o, points in strategies.items()}
        | {o.id: round(scoring.totals[o.id], 1) for o in pack.platforms},
        platform_scores={o.id: round(scoring.totals[o.id], 1) for o in pack.platforms},
        excluded=_exclusions(pack, scoring, facts),
        fired=[_fired(rule, facts, pack.bank.said) for rule in scoring.fired],
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
        dev_environment=_dev_environment(scoring, facts, pack.bank.said),
        confidence_breakdown=confidence.strategy,
        platform_confidence_breakdown=confidence.platform,
        sensitivity=analysis.sensitivity,
        counterfactuals=analysis.counterfactuals,
        value_of_information=analysis.value_of_information,
        next_questions=analysis.next_questions,
        risks=risks(pack, facts),
        next_steps=next_steps(pack, (strategy, best) if strategy and best else (), facts, product),
        estimates=estimates,
        estimate_basis=basis,
        answers=_answer_lines(pack, facts, applicable),
        options=[_option_view(pack, o, "strategy", facts) for o in pack.strategies]
        + [_option_view(pack, o, "platform", facts) for o in pack.platforms],
        products=described.products,
        rule_pack=described.rule_pack,
        rule_packs=described.rule_packs,
        drivers=[rule.id for rule in analysis.drivers],
    )


def decide(pack: RulePack, answers: Answers) -> Decision:
    """What `evaluate` decides, without the explanation around it (sensitivity, counterfactuals,
    the value of information, texts): the same strategy, platform, status, confidences and
    product, at a fraction of the cost, for re-checking many recorded decisions at once."""
    facts = answers.facts
    scoring = score(pack, facts)
    strategy, platform = recommend(pack, scoring)
    best = best_platform(pack, scoring.totals, scoring.excluded)
    found = confidences(Baseline(pack, facts, scoring), best, open_facts(pack, facts))
    product = offered(pack, best, facts).product if best else None
    return Decision(
        strategy=strategy,
        platform=platform,
        status=decision_status(pack, scoring, found),
        confidence=found.value,
        platform_confidence=found.platform_value,
        product=product.name if product else None,
        product_status=product.status if product else None,
        fired=[rule.id for rule in scoring.fired],
        undetermined=[rule.id for rule in scoring.undetermined],
    )


def _exclusions(pack: RulePack, scoring: Scoring, facts: Mapping[str, FactValue]) -> list[Exclusion]:
    """What each firing rule excludes, as the rule names it; then every strategy left with no
    platform to carry it."""
    found = [
        Exclusion(option=option, rule=rule.id, because=interpolate(rule.spec.because, facts, pack.bank.said))
        for rule in scoring.fired
        for option in rule.spec.exclude
    ]
    named = {exclusion.option for exclusion in found}
    for strategy, platforms in pack.carriers.items():
        if strategy not in named and all(platform in scoring.excluded for platform in platforms):
            because = "Every platform that could carry it is excluded."
            found.append(Exclusion(option=strategy, rule=None, because=because))
    return found


class _PackParts(NamedTuple):
    """The parts of every result that only the pack decides (frozen: shared by the results)."""

    products: list[ProductStatus]
    rule_pack: RulePackRef
    rule_packs: list[PackUsed]


@per_pack
def _described(pack: RulePack) -> _PackParts:
    return _PackParts(
        products=[_product_status(entry.item) for entry in pack.products],
        rule_pack=RulePackRef(
            name=pack.info.name,
            version=pack.info.version,
            sha256=pack.sha256,
            knowledge_as_of=pack.info.knowledge_as_of.isoformat(),
        ),
        rule_packs=[
            PackUsed(
                name=ref.name,
                version=ref.version,
                sha256=ref.sha256,
                knowledge_as_of=ref.knowledge_as_of.isoformat() if ref.knowledge_as_of else None,
            )
            for ref in pack.stack
        ],
    )


def _product_status(product: Product) -> ProductStatus:
    return ProductStatus(
        name=product.name,
        status=product.status,
        note=product.note,
        platform=product.platform,
        docs=product.docs,
        source=product.source,
        as_of=product.as_of.isoformat() if product.as_of else None,
    )


def _project(answers: Answers) -> dict[str, str | None]:
    project = answers.project
    return {
        "name": project.name,
        "client": project.client,
        "assessor": project.assessor,
        "date": project.date.isoformat() if project.date else None,
    }


def _fired(rule: Rule, facts: Mapping[str, FactValue], said: Mapping[str, Mapping[str, str]]) -> FiredRule:
    spec = rule.spec
    return FiredRule(
        id=spec.id,
        because=interpolate(spec.because, facts, said),
        effects=dict(spec.effects),
        excludes=list(spec.exclude),
        mitigation=interpolate(spec.mitigation, facts, said) if spec.mitigation else None,
        source=spec.source,
        reads=sorted(rule.reads),
        trace=_trace_node(trace(rule.condition, facts)),
        argues=spec.argues,
        offsets=spec.offsets,
    )


def _trace_node(node: Trace) -> TraceNode:
    return TraceNode(
        text=node.text,
        outcome=node.outcome,
        value=node.value,
        parts=[_trace_node(part) for part in node.parts],
    )


def _dev_environment(
    scoring: Scoring, facts: Mapping[str, FactValue], said: Mapping[str, Mapping[str, str]]
) -> DevEnvironment:
    points = scoring.totals[DEV_ENVIRONMENT]
    containerize = points > 0
    reasons: dict[bool, list[str]] = {True: [], False: []}
    for rule in scoring.fired:
        effect = rule.spec.effects.get(DEV_ENVIRONMENT)
        if effect:
            reasons[(effect > 0) == containerize].append(interpolate(rule.spec.because, facts, said))
    return DevEnvironment(
        containerize=containerize, score=round(points, 1), because=reasons[True], against=reasons[False]
    )


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
                choices=dict(question.choices),
            )
        )
    return lines


def _option_view(
    pack: RulePack, option: Option, kind: Literal["strategy", "platform"], facts: Mapping[str, FactValue]
) -> OptionView:
    carried = pack.carriers.get(option.id, ())
    offer = offered(pack, option.id, facts) if option.id in pack.strategy_of else None
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
        strategy=option.strategy,
        platforms=[platform for platform in carried if platform != option.id],
        offered=(
            [product_ref(pack, item) for item in offer.listed]
            + [product_ref(pack, item, beside=True) for item in offer.beside]
            if offer
            else []
        ),
        offered_here=offer.here if offer else False,
    )
