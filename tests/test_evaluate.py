"""The engine on real answers: recommendations, exclusions, explanation, purity."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from advisor.answers import Answers, apply_settings, load_answers
from advisor.engine.score import score
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN
from advisor.pack.model import RulePack
from tests.conftest import EXAMPLES, ROOT


def example(pack: RulePack, name: str) -> Answers:
    return load_answers(ROOT / "examples" / f"{name}.yaml", pack.bank)


@pytest.mark.parametrize(
    ("name", "strategy", "platform"),
    [
        ("storefront-startup", "paas", None),
        ("claims-windows-onprem", "golden-image", None),
        ("checkout-platform", "containers", "serverless-containers"),
        ("inference-api-gpu", "containers", "serverless-containers"),
        ("policy-admin-dotnet-azure", "paas", None),
        ("bookings-rails-kamal", "containers", "docker-hosts"),
        ("trading-regulated-onprem", "containers", "self-managed-kubernetes"),
    ],
)
def test_archetypes_get_the_expected_recommendation(
    pack: RulePack, name: str, strategy: str, platform: str | None
) -> None:
    recommendation = evaluate(pack, example(pack, name)).recommendation
    assert (recommendation.strategy, recommendation.platform) == (strategy, platform)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_excluded_options_are_never_recommended(pack: RulePack, path: Path) -> None:
    result = evaluate(pack, load_answers(path, pack.bank))
    excluded = {exclusion.option for exclusion in result.excluded}
    assert result.recommendation.strategy not in excluded
    assert result.recommendation.platform not in excluded
    assert 0 <= result.recommendation.confidence <= 1


def test_a_platform_scores_its_strategys_part_plus_its_own(pack: RulePack) -> None:
    result = evaluate(pack, example(pack, "checkout-platform"))
    for platform in pack.platforms:
        strategy = pack.option(platform.strategy or "")
        expected = strategy.base + platform.base
        expected += sum(
            rule.effects.get(strategy.id, 0) + rule.effects.get(platform.id, 0) for rule in result.fired
        )
        assert result.scores[platform.id] == result.platform_scores[platform.id] == expected


def test_a_strategy_scores_its_best_platform_not_excluded(pack: RulePack) -> None:
    result = evaluate(pack, example(pack, "checkout-platform"))
    excluded = result.excluded_options()
    for strategy, platforms in pack.carriers.items():
        allowed = [result.scores[p] for p in platforms if p not in excluded and p != strategy]
        if allowed:
            assert result.scores[strategy] == max(allowed)


def test_because_interpolates_the_teams_facts(pack: RulePack) -> None:
    result = evaluate(pack, example(pack, "checkout-platform"))
    because = {rule.id: rule.because for rule in result.fired}
    assert because["many-components"].startswith("12 independently deployed components")
    assert "(Python, Go and Node.js)" in because["polyglot-stack"]


def test_trace_shows_the_values_that_made_a_rule_fire(pack: RulePack) -> None:
    result = evaluate(pack, example(pack, "checkout-platform"))
    fired = next(rule for rule in result.fired if rule.id == "several-components")
    assert (fired.trace.text, fired.trace.outcome, fired.trace.value) == (
        "app.components >= 3",
        True,
        "app.components = 12",
    )


def test_host_level_needs_exclude_paas_with_the_reason(pack: RulePack) -> None:
    answers = apply_settings(example(pack, "storefront-startup"), ["app.host_level_needs=true"], pack.bank)
    result = evaluate(pack, answers)
    assert result.recommendation.strategy != "paas"
    assert any(e.option == "paas" and e.rule == "host-level-access" for e in result.excluded)


def test_unknown_facts_make_rules_undetermined_and_lower_confidence(pack: RulePack) -> None:
    answers = example(pack, "checkout-platform")
    known = evaluate(pack, answers)
    unsure = evaluate(pack, answers.with_facts({"team.ops_engineers": UNKNOWN, "app.components": UNKNOWN}))
    assert unsure.unknown == ["app.components", "team.ops_engineers"]
    assert "many-components" in {rule.id for rule in unsure.undetermined}
    assert "many-components" not in {rule.id for rule in unsure.fired}
    assert unsure.recommendation.confidence < known.recommendation.confidence


def test_unanswered_facts_are_listed(pack: RulePack) -> None:
    result = evaluate(pack, Answers(facts={"app.components": 3}))
    assert "app.components" not in result.unanswered
    assert len(result.unanswered) == len(pack.bank.facts) - 1


def test_evaluate_is_pure(pack: RulePack) -> None:
    answers = example(pack, "checkout-platform")
    before = copy.deepcopy(answers.facts)
    first, second = evaluate(pack, answers), evaluate(pack, answers)
    assert first == second
    assert answers.facts == before


def test_score_fast_path_agrees_with_evaluate(pack: RulePack) -> None:
    answers = example(pack, "render-farm-mixed")
    scoring = score(pack, answers.facts)
    result = evaluate(pack, answers)
    assert [rule.id for rule in scoring.fired] == [rule.id for rule in result.fired]
    assert [rule.id for rule in scoring.undetermined] == [rule.id for rule in result.undetermined]


def test_result_names_the_rule_pack(pack: RulePack) -> None:
    ref = evaluate(pack, Answers()).rule_pack
    assert (ref.name, ref.version, ref.sha256) == (pack.info.name, pack.info.version, pack.sha256)
    assert len(ref.sha256) == 64


def test_the_development_environment_keeps_the_reasons_that_weigh_the_other_way(pack: RulePack) -> None:
    """A large organisation told to containerize still hears that Docker Desktop needs a paid
    subscription there: the reasons against the verdict are kept beside those for it."""
    answers = example(pack, "checkout-platform")
    large = Answers(facts={**answers.facts, "org.large_enterprise": True}, project=answers.project)
    dev = evaluate(pack, large).dev_environment
    assert dev.containerize and dev.because
    assert any("Docker Desktop needs a paid subscription" in reason for reason in dev.against)
    small = evaluate(pack, Answers(facts={**answers.facts, "org.large_enterprise": False})).dev_environment
    assert not any("Docker Desktop" in reason for reason in small.against)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_an_assessment_leaves_nothing_for_the_cycle_collector(pack: RulePack, path: Path) -> None:
    """Evaluating and rendering free everything they made as they go (reference counting):
    a reference cycle would leave its objects to the cycle collector, whose passes cost a
    batch of assessments about a tenth of its time. (HTML pages are left out: Python-Markdown
    leaves a few recursive closures of its own, some 170 objects a page, against some 3,000
    an assessment left before.)"""
    import gc

    from advisor.render import render

    answers = load_answers(path, pack.bank)
    render(evaluate(pack, answers), "md")  # whatever is built once per pack, built now
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for fmt in ("md", "json", "adr"):
            render(evaluate(pack, answers), fmt)
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
