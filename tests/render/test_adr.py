"""The ADR: MADR headings, status proposed, and a slug that names the decision."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.render import render
from advisor.render.adr import adr_slug, adr_title, render_adr
from advisor.render.markdown import render_markdown
from advisor.result import Result
from tests.conftest import ROOT
from tests.hostile import active_in

EXAMPLES = ROOT / "examples"
MADR_HEADINGS = [
    "Context and Problem Statement",
    "Decision Drivers",
    "Considered Options",
    "Decision Outcome",
    "Pros and Cons of the Options",
    "Revisit When",
    "More Information",
]


@pytest.fixture(scope="module")
def claims() -> Result:
    pack = load_rule_pack(default_rules_dir())
    return evaluate(pack, load_answers(EXAMPLES / "claims-windows-onprem.yaml", pack.bank))


def test_the_adr_has_madr_front_matter_and_headings(claims: Result) -> None:
    adr = render_adr(claims)
    head = '---\nstatus: proposed\ndate: 2026-11-27\ndecision-makers: "B. Reviewer"\nadvisor:\n'
    assert adr.startswith(head)
    assert re.findall(r"^## (.+)$", adr, re.M) == MADR_HEADINGS
    assert "### Consequences" in adr and "### Confirmation" in adr


def test_the_outcome_names_the_choice_and_its_reasons(claims: Result) -> None:
    adr = render_adr(claims)
    assert "# Use Golden VM images for Claims processing\n" in adr
    outcome = adr.split("## Decision Outcome\n", 1)[1]
    assert outcome.lstrip().startswith(
        'Chosen option: "Golden VM images" (Packer-built VM templates for your hypervisor), because '
    )
    assert "Confidence: " in outcome


def test_consequences_carry_the_risks_of_the_choice_with_their_mitigations(claims: Result) -> None:
    risks = [risk for risk in claims.risks if risk.option == "golden-image"]
    consequences = render_adr(claims).split("### Consequences", 1)[1].split("###", 1)[0]
    assert risks
    for risk in risks:
        assert f"Mitigation: {risk.mitigation}" in consequences


def test_every_strategy_is_a_considered_option_with_its_arguments(claims: Result) -> None:
    options = render_adr(claims).split("## Pros and Cons of the Options", 1)[1]
    for name in ("Golden VM images", "Containers", "Platform as a service"):
        assert f"### {name}" in options
    because = next(e.because for e in claims.excluded if e.rule == "paas-not-allowed")
    assert f"- Bad, because it is excluded: {because[0].lower()}{because[1:]}" in options


def test_the_slug_and_title_come_from_the_decision(claims: Result) -> None:
    assert adr_slug(claims) == "use-golden-image-for-claims-processing"
    assert adr_title(claims) == "Use Golden VM images for Claims processing"


@pytest.mark.parametrize(
    "assessor",
    ['<img src=x onerror=alert(1)> & "quotes"', "A. Reviewer\u202e\x9b\nstatus: accepted", "Müller, J."],
)
def test_the_front_matter_is_valid_yaml_with_no_markup_or_active_character(
    claims: Result, assessor: str
) -> None:
    project = {**claims.project, "assessor": assessor}
    front = render_adr(claims.model_copy(update={"project": project})).split("---\n")[1]
    data = yaml.safe_load(front)
    assert {key: value for key, value in data.items() if key != "advisor"} == {
        "status": "proposed",
        "date": datetime.date(2026, 11, 27),
        "decision-makers": assessor,
    }
    assert set(data["advisor"]) == {"pack", "recommendation", "revisit_when"}
    assert "<" not in front and "&" not in front and active_in(front) == []


def test_a_tie_is_no_choice_and_names_the_options_tied() -> None:
    pack = load_rule_pack(default_rules_dir())
    tied = evaluate(pack, load_answers(EXAMPLES / "render-farm-mixed.yaml", pack.bank))
    outcome = render_adr(tied).split("## Decision Outcome\n", 1)[1]
    assert outcome.lstrip().startswith(
        'No option is chosen yet: "Containers" (Managed Kubernetes, AKS enabled by Azure Arc) ties with '
        '"HashiCorp Nomad" on the '
        "answers given"
    )
    assert "Chosen option" not in outcome


def test_no_reason_given_for_a_platform_counts_against_it() -> None:
    """At 20 service-oriented components the large-estate rule argues for containers but
    against hand-run Docker hosts: where Docker hosts are recommended all the same, it is not
    among the reasons."""
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(EXAMPLES / "bookings-rails-kamal.yaml", pack.bank)
    result = evaluate(
        pack, answers.with_facts({"app.components": 20, "app.architecture": "service-oriented"})
    )
    assert result.recommendation.platform == "docker-hosts"
    assert "large-estate" in {rule.id for rule in result.fired}
    outcome = render_adr(result).split("## Decision Outcome\n", 1)[1].split("\n\n", 1)[0]
    summary = render_markdown(result).split("## Summary\n", 1)[1].split("\n## ", 1)[0]
    client = render(result, "md", audience="client")
    client = client.split("## Executive summary\n", 1)[1].split("\n## ", 1)[0]
    for text in (outcome, summary, client):
        assert "hand-run Docker hosts run out" not in text


def test_the_record_relies_on_the_product_beside_the_named_one_and_flags_people_beyond_the_team() -> None:
    """Web and batch work on AWS: revisit must watch AWS Batch on Fargate too. A trading firm's
    own Kubernetes with one operations engineer: the consequence says the people exceed him."""
    pack = load_rule_pack(default_rules_dir())
    answers = load_answers(EXAMPLES / "checkout-platform.yaml", pack.bank)
    both = evaluate(pack, answers.with_facts({"app.workload_kind": "both"}))
    front = yaml.safe_load(render_adr(both).split("---\n")[1])
    watched = [product["name"] for product in front["advisor"]["revisit_when"]["products"]]
    assert watched == ["Amazon ECS Express Mode", "AWS Batch on Fargate"]
    trading = load_answers(EXAMPLES / "trading-regulated-onprem.yaml", pack.bank)
    stretched = evaluate(pack, trading.with_facts({"team.ops_engineers": 1}))
    assert "to run it (more than the team's 1 operations engineer)" in render_adr(stretched)
