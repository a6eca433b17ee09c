"""Confidence: the guaranteed lead over every world of the open facts, explained line by line."""

from __future__ import annotations

import math
from unittest.mock import patch

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from advisor.analysis import confidence as confidence_module
from advisor.analysis.confidence import Confidences, Guarantees, confidences, lead_factor
from advisor.analysis.open_facts import open_facts
from advisor.answers import load_answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform, recommend, strategy_scores
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN, FactValue, Unknown
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.result import ConfidenceLine
from tests.conftest import DATA, ROOT
from tests.profiles import profiles

FIXTURE = load_rule_pack(DATA / "analysis-pack")
DEFAULT = load_rule_pack(default_rules_dir())


def both(pack: RulePack, facts: dict[str, FactValue], max_worlds: int = 4096) -> Confidences:
    baseline = Baseline(pack, facts)
    scoring = baseline.scoring
    platform = best_platform(pack, scoring.totals, scoring.excluded)
    return confidences(baseline, platform, open_facts(pack, facts), max_worlds)


def breakdown(pack: RulePack, facts: dict[str, FactValue]) -> list[ConfidenceLine]:
    return both(pack, facts).strategy


def confidence(pack: RulePack, facts: dict[str, FactValue]) -> float:
    return breakdown(pack, facts)[-1].value


def fixture(name: str) -> dict[str, FactValue]:
    return load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank).facts


def test_fully_answered_confidence_is_the_lead_factor() -> None:
    # containers on ECS 21, paas 8: lead 13 at scale 4
    lines = breakdown(FIXTURE, fixture("full"))
    assert [line.factor for line in lines] == ["lead", "confidence"]
    assert lines[-1].value == round(1 - 0.5 * math.exp(-13 / 4), 2) == 0.98
    assert "containers on ecs scores 21 and paas 8: a lead of 13 points" in lines[0].explanation


def test_a_one_point_platform_lead_gives_a_platform_confidence_well_below_the_strategys() -> None:
    # ECS 21 (on AWS), managed Kubernetes 20: the strategy is clear, the platform a close call
    found = both(FIXTURE, fixture("full"))
    assert found.value == 0.98
    assert found.platform_value == round(1 - 0.5 * math.exp(-1 / 4), 2) == 0.61
    assert (
        "containers on ecs scores 21 and containers on managed-kubernetes 20" in found.platform[0].explanation
    )
    result = evaluate(FIXTURE, load_answers(DATA / "analysis-full.yaml", FIXTURE.bank))
    assert result.recommendation.platform_confidence == 0.61
    assert result.recommendation.status == "close-call"


TIED = {"stack.languages": ("python", "go"), "app.components": 2}


def test_a_tie_is_undecided() -> None:
    # two components and two runtimes: paas 10 and containers on ECS 10
    answers = load_answers(DATA / "analysis-full.yaml", FIXTURE.bank)
    result = evaluate(FIXTURE, answers.with_facts(TIED))
    assert result.scores["paas"] == result.scores["containers"] == 10
    assert result.recommendation.status == "undecided"
    assert result.recommendation.confidence == 0.5


def test_an_open_fact_that_could_flip_the_lead_lowers_confidence_by_its_worst_value() -> None:
    # ops unknown: containers on ECS 15, paas 8; at ops = 0 paas gains 5 and containers loses 3
    lines = breakdown(FIXTURE, fixture("ops-unknown"))
    assert [(line.factor, line.points) for line in lines] == [
        ("lead", 7.0),
        ("open: team.ops_engineers", -8.0),
        ("confidence", -1.0),
    ]
    assert "if team.ops_engineers = 0, the lead over paas changes by -8 points, to -1" in lines[1].explanation
    assert lines[-1].value == round(0.5 * math.exp(-1 / 4), 2) == 0.39


def test_an_open_fact_that_could_exclude_the_winner_leaves_the_best_guarantee_of_another() -> None:
    # paas leads 15 to 6, but paas_allowed is unknown; golden images trail paas by 9 at worst
    lines = breakdown(FIXTURE, fixture("paas-open"))
    assert lines[0].factor == "open: hosting.paas_allowed"
    assert "hosting.paas_allowed = no would exclude paas" in lines[0].explanation
    assert lines[-1].points == -9.0
    assert lines[-1].value == round(0.5 * math.exp(-9 / 4), 2)


def test_open_facts_that_cannot_matter_are_named_without_lowering_confidence() -> None:
    facts = {**fixture("full"), "stack.notes": UNKNOWN}
    lines = breakdown(FIXTURE, facts)
    assert lines[-1].value == 0.98
    assert all("stack.notes" not in line.explanation for line in lines)  # no rule reads it
    facts = {**fixture("full"), "hosting.paas_allowed": UNKNOWN}
    quiet = [line for line in breakdown(FIXTURE, facts) if line.factor == "open, no effect"]
    assert quiet and "hosting.paas_allowed is unknown" in quiet[0].explanation


def test_evaluate_reports_the_same_confidence_and_breakdown() -> None:
    answers = load_answers(DATA / "analysis-ops-unknown.yaml", FIXTURE.bank)
    result = evaluate(FIXTURE, answers)
    assert result.recommendation.confidence == 0.39
    assert result.confidence_breakdown == breakdown(FIXTURE, answers.facts)


def test_lead_factor_is_a_half_at_a_tie_and_monotone() -> None:
    assert lead_factor(0, 8) == 0.5
    assert lead_factor(math.inf, 8) == 1.0 and lead_factor(-math.inf, 8) == 0.0
    leads = [-math.inf, -20, -1, 0, 1, 8, 20, math.inf]
    factors = [lead_factor(lead, 8) for lead in leads]
    assert factors == sorted(factors)


@st.composite
def profile_and_answered_fact(draw: st.DrawFn, pack: RulePack) -> tuple[dict[str, FactValue], str]:
    facts = draw(profiles(pack))
    answered = [fact for fact, value in facts.items() if not isinstance(value, Unknown)]
    assume(answered)
    return facts, draw(st.sampled_from(answered))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile_and_answered_fact(DEFAULT), st.booleans())
def test_turning_a_known_fact_into_unknown_never_raises_confidence(
    case: tuple[dict[str, FactValue], str], unanswered: bool
) -> None:
    facts, fact = case
    hidden = dict(facts)
    if unanswered:
        del hidden[fact]
    else:
        hidden[fact] = UNKNOWN
    before, after = both(DEFAULT, facts), both(DEFAULT, hidden)
    assert after.value <= before.value
    assert after.platform_value <= before.platform_value
    assert before.platform_value <= before.value


@settings(max_examples=60, deadline=None)
@given(profile_and_answered_fact(FIXTURE))
def test_turning_a_known_fact_into_unknown_never_raises_confidence_in_the_fixture(
    case: tuple[dict[str, FactValue], str],
) -> None:
    facts, fact = case
    assert confidence(FIXTURE, {**facts, fact: UNKNOWN}) <= confidence(FIXTURE, facts)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(DEFAULT, complete=True))
def test_a_fully_answered_profile_with_a_wide_margin_scores_at_least_0_8(facts: dict[str, FactValue]) -> None:
    baseline = Baseline(DEFAULT, facts)
    scoring = baseline.scoring
    totals = strategy_scores(DEFAULT, scoring.totals, scoring.excluded)
    allowed = [s for s, ids in DEFAULT.carriers.items() if any(p not in scoring.excluded for p in ids)]
    ranked = sorted(allowed, key=lambda option: -totals[option])
    assume(ranked)
    lead = totals[ranked[0]] - totals[ranked[1]] if len(ranked) > 1 else math.inf
    assume(lead >= DEFAULT.info.confidence.margin_scale)
    assert not open_facts(DEFAULT, facts)
    assert confidence(DEFAULT, facts) >= 0.8
    assert recommend(DEFAULT, baseline.scoring)[0] == ranked[0]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(DEFAULT))
def test_the_per_rule_bound_for_large_components_never_exceeds_the_exact_value(
    facts: dict[str, FactValue],
) -> None:
    baseline = Baseline(DEFAULT, facts)
    status = open_facts(DEFAULT, facts)
    exact = Guarantees(baseline, status)
    bounded = Guarantees(baseline, status, max_worlds=1)
    assert bounded.best_strategy()[1].lead <= exact.best_strategy()[1].lead
    assert bounded.best_platform().lead <= exact.best_platform().lead


def test_the_bound_explains_itself() -> None:
    facts = fixture("ops-unknown")
    lines = both(FIXTURE, facts, max_worlds=1).strategy
    assert "if every rule that reads them went the wrong way" in lines[1].explanation
    # no-ops may fire (-8 against paas); ops-team and ops-for-many can only help containers
    assert lines[1].points == -8.0


def test_the_worked_example_in_the_docs_is_what_the_engine_says() -> None:
    from advisor.render.sections.analysis import render_confidence

    docs = (ROOT / "docs" / "confidence.md").read_text(encoding="utf-8")
    example = docs.split("### Worked example", 1)[1].split("## What would change", 1)[0]
    documented = [line for line in example.splitlines() if line.startswith("- **")]
    answers = load_answers(DATA / "analysis-ops-unknown.yaml", FIXTURE.bank)
    rendered = render_confidence(evaluate(FIXTURE, answers)).replace("\\", "")
    assert len(documented) == 3
    for line in documented:
        assert line in rendered


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(DEFAULT))
def test_worlds_enumerated_group_by_group_are_those_enumerated_rule_by_rule(
    facts: dict[str, FactValue],
) -> None:
    """Components are enumerated group of rules by group where effects add up exactly in any
    order (the default pack's); rule by rule otherwise. Both give the same worlds, in the same
    order, with the same first assignment of each."""
    baseline = Baseline(DEFAULT, facts)
    status = open_facts(DEFAULT, facts)
    grouped = Guarantees(baseline, status).components
    with patch.object(confidence_module, "_exact_sums", lambda pack, rules: False):
        by_rule = Guarantees(baseline, status).components
    assert [(c.facts, c.worlds, c.outcome_of) for c in grouped] == [
        (c.facts, c.worlds, c.outcome_of) for c in by_rule
    ]
