"""The default pack's own tests run in CI: a regression in the knowledge fails the build."""

from __future__ import annotations

import json
import re

import pytest

from advisor.answers import Answers, load_answers
from advisor.checks.cases import load_test_cases, run_tests
from advisor.checks.lint import lint_pack
from advisor.cli import main
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.render import render
from advisor.render.view import cons, pros, strategy_reasons
from tests.conftest import DATA, EXAMPLES


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


def test_every_case_of_the_default_pack_passes(pack: RulePack) -> None:
    run = run_tests(pack, load_test_cases(pack))
    failed = [
        f"{r.case.where}: {r.case.name}: {[f.message for f in r.failures]}"
        for r in run.results
        if r.status == "fail"
    ]
    assert failed == []
    assert run.count("pass") >= 30


def test_every_rule_of_the_default_pack_is_fired_by_a_case(pack: RulePack) -> None:
    run = run_tests(pack, load_test_cases(pack))
    assert [rule.id for rule in run.uncovered] == []


def test_the_default_pack_is_strict_clean(pack: RulePack) -> None:
    assert [str(finding) for finding in lint_pack(pack)] == []


def test_the_command_exits_0_and_ends_with_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test", "--fail-on-uncovered"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    summary = re.fullmatch(r"(\d+) passed, 0 failed(, \d+ skipped)?", last)
    assert summary is not None and int(summary[1]) >= 30


def test_every_rule_explains_itself_and_cites_only_web_sources(pack: RulePack) -> None:
    for rule in pack.rules:
        assert rule.spec.because.strip().endswith("."), rule.id
        if rule.spec.source is not None:
            assert rule.spec.source.startswith("https://"), rule.id


def test_rules_that_cost_an_option_points_say_how_to_soften_the_blow(pack: RulePack) -> None:
    """A rule that excludes an option or takes 4+ points from one usually names a risk and needs
    a mitigation. The exceptions state a fact nothing softens (policy, where a product runs, what
    a product is: on another cloud, serverless containers are a PaaS's image deploys) or a plain
    preference rather than a risk."""
    facts_of_life = {
        "paas-not-allowed",
        "ecs-needs-aws",
        "windows-without-linux-only-platforms",
        "cost-at-scale-elsewhere",
        *(rule.id for rule in pack.rules if rule.id.startswith("image-deploys-") and rule.spec.offsets),
    }
    preferences = {
        "one-deployable",
        "single-deployable",
        "large-estate",
        "hosted-kubernetes-available",
    }
    without_remedy = facts_of_life | preferences
    missing = [
        rule.id
        for rule in pack.rules
        if (rule.spec.exclude or min(rule.spec.effects.values(), default=0) <= -4)
        and rule.spec.mitigation is None
        and rule.id not in without_remedy
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("product", "status", "words"),
    [
        ("Heroku", "sustaining", "February 2026"),
        ("AWS App Runner", "closed-to-new-customers", "30 April 2026"),
        ("DC/OS", "end-of-life", "31 October 2021"),
        ("Docker Swarm mode", "active", "Mirantis"),
        ("HashiCorp Nomad", "active", "Business Source License"),
    ],
)
def test_product_status_is_data_in_the_pack(pack: RulePack, product: str, status: str, words: str) -> None:
    found = {entry.item.name: entry.item for entry in pack.products}
    assert found[product].status == status
    assert words in found[product].note
    assert found[product].source and found[product].source.startswith("https://")
    assert found[product].as_of is not None


def _profiles(pack: RulePack) -> list[tuple[str, Answers]]:
    """Every bundled example and every case of the pack's own tests, as answers."""
    found = [(path.stem, load_answers(path, pack.bank)) for path in EXAMPLES]
    found += [(case.name, Answers(facts=case.facts)) for case in load_test_cases(pack)]
    return found


def test_every_example_and_case_carries_platform_confidence_status_and_product(pack: RulePack) -> None:
    for name, answers in _profiles(pack):
        data = json.loads(render(evaluate(pack, answers), "json"))
        recommendation = data["recommendation"]
        assert recommendation["status"] in ("clear", "close-call", "undecided"), name
        assert 0 <= recommendation["platform_confidence"] <= recommendation["confidence"], name
        assert "product" in recommendation, name


def test_no_sentence_is_shown_as_a_pro_of_an_option_it_scores_down(pack: RulePack) -> None:
    for name, answers in _profiles(pack):
        result = evaluate(pack, answers)
        for view in result.options:
            for argument in pros(result, view.id):
                whole = argument.rule.effects.get(view.id, 0.0)
                if view.strategy:
                    whole += argument.rule.effects.get(view.strategy, 0.0)
                assert whole > 0, (name, view.id, argument.rule.id)
            for argument in cons(result, view.id):
                assert argument.excludes or argument.points < 0, (name, view.id, argument.rule.id)


RENDER_SAAS = {  # ten engineers, five services on Render, nobody on operations
    "app.components": 5,
    "app.architecture": "service-oriented",
    "app.os": "linux",
    "app.self_hosted_state": False,
    "app.load_profile": "steady",
    "app.accelerators": "none",
    "app.workload_kind": "both",
    "stack.languages": ("node", "python"),
    "hosting.provider": "other-cloud",
    "hosting.paas_allowed": True,
    "hosting.managed_kubernetes": True,
    "hosting.existing_platform": "paas",
    "hosting.changing_provider": False,
    "team.engineers": 10,
    "team.ops_engineers": 0,
    "team.container_experience": "some",
    "team.orchestrator_experience": "none",
    "delivery.deploys_per_week": 25,
    "cost.sensitivity": "medium",
}


def test_a_reason_taken_back_on_the_platform_is_not_given_for_it(pack: RulePack) -> None:
    """On another cloud, serverless containers are a PaaS deploying images: the scheduler's
    discovery and rollouts that `distributed-architecture` credits the containers strategy
    with are taken back from them (`image-deploys-per-service`), so where image deploys are
    recommended that sentence is neither a reason in the summary nor a decision driver. (Its
    web services, in three runtimes, need native libraries, which images carry and the PaaS's
    builds do not: image deploys are recommended over the same PaaS building them.)"""
    native = RENDER_SAAS | {
        "hosting.existing_paas": "other",
        "stack.system_dependencies": True,
        "stack.languages": ("node", "python", "go"),
        "app.workload_kind": "services",
    }
    result = evaluate(pack, Answers(facts=native))
    assert result.recommendation.platform == "serverless-containers"
    fired = {rule.id for rule in result.fired}
    assert {"distributed-architecture", "image-deploys-per-service"} <= fired
    assert "distributed-architecture" not in result.drivers
    summary = render(result, "md").split("## Summary\n", 1)[1].split("\n## ", 1)[0]
    assert "an orchestrator builds them in" not in summary
    # On a cloud whose serverless containers are the provider's own scheduler, it is a reason.
    aws = evaluate(
        pack, Answers(facts=native | {"hosting.provider": "aws", "hosting.existing_platform": "none"})
    )
    assert "distributed-architecture" in aws.drivers


def test_an_unknown_provider_leaves_the_scale_rules_counted(pack: RulePack) -> None:
    """The rules that take a scheduler's credit back from a PaaS's image deploys read the
    provider apart from the scale rules, so a provider not known yet leaves those counted."""
    result = evaluate(pack, Answers(facts={k: v for k, v in RENDER_SAAS.items() if k != "hosting.provider"}))
    fired = {rule.id for rule in result.fired}
    assert "distributed-architecture" in fired
    assert "image-deploys-per-service" in {rule.id for rule in result.undetermined}


def test_an_exclusion_that_chose_the_platform_does_not_head_the_drivers(pack: RulePack) -> None:
    """On a cloud without ECS, ECS would have been the best container platform for a Render team
    whose limits hurt: excluding it chose the platform, not the strategy, so it weighs as far as
    ECS would have led, below the reasons for containers. An exclusion that removes the option
    of another strategy that would have won (a PaaS that policy forbids) still heads them."""
    facts = load_answers(DATA / "render-saas-unsaid.yaml", pack.bank).facts
    result = evaluate(pack, Answers(facts={**facts, "hosting.paas_fit": "limits"}))
    assert result.recommendation.platform == "managed-kubernetes"
    assert result.platform_scores["ecs"] > result.platform_scores["managed-kubernetes"]
    assert "ecs-needs-aws" in result.drivers
    assert result.drivers[0] == "many-components"
    small = {**facts, "app.components": 1, "app.architecture": "monolith", "stack.languages": ("python",)}
    forbidden = evaluate(pack, Answers(facts={**small, "hosting.paas_allowed": False}))
    assert forbidden.scores["paas"] > forbidden.scores[forbidden.recommendation.strategy or ""]
    assert forbidden.drivers[0] == "paas-not-allowed"


def test_a_reason_the_runner_up_shares_is_not_why_the_recommendation_leads(pack: RulePack) -> None:
    """Frequent deploys favour containers and a PaaS alike: for a Railway team sent to Docker
    hosts it is a pro of containers, but not a reason they lead the PaaS, so the summary's
    "because" leaves it out."""
    facts = RENDER_SAAS | {
        "app.components": 5,
        "hosting.existing_paas": "other",
        "hosting.paas_fit": "cost",
        "team.engineers": 4,
        "delivery.deploys_per_week": 30,
        "delivery.time_pressure": "high",
        "cost.sensitivity": "high",
        "scale.growth": "high",
    }
    result = evaluate(pack, Answers(facts=facts))
    assert result.recommendation.strategy == "containers"
    assert "frequent-deploys" in [argument.rule.id for argument in pros(result, "containers")]
    assert "frequent-deploys" not in [argument.rule.id for argument in strategy_reasons(result)]
    summary = render(result, "md").split("## Summary\n", 1)[1].split("\n## ", 1)[0]
    assert "30 deployments a week" not in summary
