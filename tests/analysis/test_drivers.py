"""Decision drivers: which fired rules opened the gap, and how an exclusion weighs."""

from __future__ import annotations

from dataclasses import replace

from advisor.analysis.drivers import TIE, decision_drivers
from advisor.answers import load_answers
from advisor.engine.score import score
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from tests.conftest import DATA

PACK = load_rule_pack(default_rules_dir())


def render_team_whose_limits_hurt() -> dict[str, object]:
    facts = dict(load_answers(DATA / "render-saas-unsaid.yaml", PACK.bank).facts)
    return {**facts, "hosting.paas_fit": "limits"}


def test_excluding_a_platform_that_would_have_led_weighs_its_lead_not_the_whole_decision() -> None:
    """ECS would lead managed Kubernetes by 4 points off AWS: its exclusion chose the platform,
    so it weighs those points, below the rules that opened the gap to the PaaS."""
    scoring = score(PACK, render_team_whose_limits_hurt())  # type: ignore[arg-type]
    assert scoring.totals["ecs"] - scoring.totals["managed-kubernetes"] == 4
    ids = [rule.id for rule in decision_drivers(PACK, scoring)]
    assert "ecs-needs-aws" in ids and ids[0] != "ecs-needs-aws"


def test_excluding_a_platform_that_would_have_tied_still_counts() -> None:
    """A platform that would only have tied decided the platform by the order that breaks
    ties: its exclusion weighs a little rather than nothing."""
    scoring = score(PACK, render_team_whose_limits_hurt())  # type: ignore[arg-type]
    tied = replace(scoring, totals={**scoring.totals, "ecs": scoring.totals["managed-kubernetes"]})
    assert TIE > 0
    assert "ecs-needs-aws" in [rule.id for rule in decision_drivers(PACK, tied)]
