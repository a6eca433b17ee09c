"""The default pack's own tests run in CI: a regression in the knowledge fails the build."""

from __future__ import annotations

import re

import pytest

from advisor.checks.cases import load_test_cases, run_tests
from advisor.checks.lint import lint_pack
from advisor.cli import main
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack


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
    a mitigation. The exceptions state a fact nothing softens (policy, where a product runs) or a
    plain preference rather than a risk."""
    facts_of_life = {"paas-not-allowed", "ecs-needs-aws", "windows-without-linux-only-platforms"}
    preferences = {"single-deployable", "large-estate", "hosted-kubernetes-available"}
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
        ("DC/OS", "end-of-life", "Nomad or Kubernetes"),
        ("Docker Swarm mode", "maintenance", "Maintenance mode"),
        ("Nomad", "active", "Business Source License since 2023"),
    ],
)
def test_product_status_is_data_in_the_pack(pack: RulePack, product: str, status: str, words: str) -> None:
    found = {entry.item.name: entry.item for entry in pack.products}
    assert found[product].status == status
    assert words in found[product].note
