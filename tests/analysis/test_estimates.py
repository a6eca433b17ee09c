"""Estimates: the arithmetic on a small pack worked by hand, and properties of the default pack."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from advisor.analysis import estimates as module
from advisor.analysis.estimates import estimate, estimate_options
from advisor.analysis.open_facts import open_facts
from advisor.engine.score import score
from advisor.facts import UNKNOWN, Facts
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.result import OptionEstimate, Result
from tests.conftest import DATA
from tests.profiles import profiles

FIXTURE = load_rule_pack(DATA / "estimates-pack")
DEFAULT = load_rule_pack(default_rules_dir())
TEAM: Facts = {
    "app.components": 3,
    "hosting.provider": "aws",
    "hosting.regulated": False,
    "team.experience": "none",
    "scale.instances": 4,
    "cost.engineer_year": 100_000,
}
MEASURES = ("people_fte", "weeks_to_production", "monthly_cost_usd")
DEFAULT_TEAM: Facts = {
    fact: tuple(q.default) if isinstance(q.default, list) else q.default  # type: ignore[misc]
    for fact, q in DEFAULT.bank.facts.items()
    if q.default is not None
} | {"app.components": 6, "scale.peak_instances": 4, "team.engineers": 12, "team.ops_engineers": 1}


def estimates(facts: Facts, pack: RulePack = FIXTURE) -> dict[str, OptionEstimate]:
    return estimate_options(pack, facts, open_facts(pack, facts), score(pack, facts))


def spans(estimate: OptionEstimate) -> dict[str, Any]:
    return {m: getattr(estimate, m) for m in (*MEASURES, "yearly_total_usd")}


# --- the arithmetic -----------------------------------------------------------------------------


def test_a_platform_adds_its_terms_per_component_per_instance_and_at_list_prices() -> None:
    kubernetes = estimates(TEAM)["kubernetes"]
    # people 0.5–1 + 3 x 0.1–0.2; weeks 4–8 + 2–4 for no experience;
    # 4 instances x 1–2 VMs x $73 a month + a $10–20 fee; a year: people x $100,000 + 12 months
    assert spans(kubernetes) == {
        "people_fte": (0.8, 1.6),
        "weeks_to_production": (6, 12),
        "monthly_cost_usd": (302, 604),
        "yearly_total_usd": (83_624, 167_248),
    }
    assert kubernetes.open == {} and kubernetes.unpriced is None


def test_each_assumption_says_what_it_adds_where_it_comes_from_and_on_which_prices() -> None:
    found, basis = estimate(FIXTURE, TEAM, open_facts(FIXTURE, TEAM), score(FIXTURE, TEAM))
    kubernetes = found["kubernetes"]
    assert kubernetes.assumptions == ["kubernetes-run", "no-experience", "aws-vms", "aws-fee"]
    assert kubernetes.prices == ["vm", "fee"]
    run = basis.terms["kubernetes-run"]
    assert run.pack == "fixture"
    assert run.because == "Running Kubernetes for 3 components."
    assert run.source == "https://example.com/why"
    assert basis.adds["kubernetes-run"] == {"people_fte": (0.8, 1.6), "weeks_to_production": (4, 8)}
    assert basis.waiting == {}
    assert run.people_fte is not None and run.people_fte.per == {"app.components": (0.1, 0.2)}
    assert [(p.id, p.monthly_usd, p.verified) for p in basis.prices.values()] == [
        ("vm", (73.0, 73.0), True),
        ("fee", (10.0, 20.0), False),
    ]
    assert basis.scope == "Fixture prices only."


def test_a_strategy_is_estimated_on_the_platform_it_scores_with() -> None:
    found = estimates(TEAM | {"app.components": 8})
    assert found["containers"].platform == "kubernetes"
    assert spans(found["containers"]) == spans(found["kubernetes"])
    assert found["paas"].platform is None


def test_an_open_condition_widens_the_range_over_the_values_it_can_take() -> None:
    found = estimates(TEAM | {"hosting.regulated": UNKNOWN})["kubernetes"]
    assert found.people_fte == (0.8, 2.1)  # regulated adds 0.5 in one of the two worlds
    assert found.open["people_fte"] == ["hosting.regulated"]
    facts = TEAM | {"hosting.regulated": UNKNOWN}
    basis = estimate(FIXTURE, facts, open_facts(FIXTURE, facts), score(FIXTURE, facts))[1]
    assert basis.waiting == {"regulated": ["hosting.regulated"]}
    assert basis.adds["regulated"] == {"people_fte": (0.5, 0.5)}
    unanswered = {fact: value for fact, value in TEAM.items() if fact != "team.experience"}
    assert estimates(unanswered)["kubernetes"].weeks_to_production == (4, 12)


def test_an_open_count_leaves_the_measure_empty_and_names_the_question() -> None:
    found = estimates({fact: value for fact, value in TEAM.items() if fact != "scale.instances"})[
        "kubernetes"
    ]
    assert found.monthly_cost_usd is None and found.yearly_total_usd is None
    assert found.open["monthly_cost_usd"] == ["scale.instances"]
    assert found.open["yearly_total_usd"] == ["scale.instances"]
    assert found.people_fte == (0.8, 1.6)


def test_where_no_list_price_applies_the_cost_says_so() -> None:
    found = estimates(TEAM | {"hosting.provider": "gcp"})["kubernetes"]
    assert found.monthly_cost_usd is None and found.open.get("monthly_cost_usd") is None
    assert (
        found.unpriced
        == "The rule pack has no list price for Kubernetes instances where hosting.provider = gcp."
    )


def test_a_term_unpriced_says_why_in_place_of_the_answers() -> None:
    """On Azure, a Linux team whose hosts need no tuning is offered AKS Automatic, whose rates
    the default pack has not confirmed: the cost says so rather than listing the answers. A team
    whose hosts need tuning gets AKS Standard's node pools, priced."""
    facts = DEFAULT_TEAM | {"hosting.provider": "azure", "app.os": "linux", "app.host_level_needs": False}
    automatic = estimates(facts, DEFAULT)["managed-kubernetes"]
    assert automatic.monthly_cost_usd is None and automatic.open.get("monthly_cost_usd") is None
    assert automatic.unpriced is not None and automatic.unpriced.startswith("AKS Automatic, the product")
    assert "aks-automatic-rates-unconfirmed" in automatic.assumptions
    standard = estimates(facts | {"app.host_level_needs": True}, DEFAULT)["managed-kubernetes"]
    assert standard.monthly_cost_usd is not None and standard.unpriced is None
    assert "aks-automatic-rates-unconfirmed" not in standard.assumptions


def test_an_open_provider_leaves_the_cost_to_that_question() -> None:
    found = estimates(TEAM | {"hosting.provider": UNKNOWN})["kubernetes"]
    assert found.monthly_cost_usd is None and found.unpriced is None
    assert found.open["monthly_cost_usd"] == ["hosting.provider"]


def test_without_the_engineer_year_rate_no_money_is_put_on_people() -> None:
    found = estimates({fact: value for fact, value in TEAM.items() if fact != "cost.engineer_year"})
    assert found["kubernetes"].yearly_total_usd is None
    assert found["kubernetes"].open["yearly_total_usd"] == ["cost.engineer_year"]
    assert found["kubernetes"].monthly_cost_usd == (302, 604)


def test_an_option_the_pack_never_prices_has_people_and_weeks_only() -> None:
    serverless = estimates(TEAM)["serverless"]
    assert spans(serverless) == {
        "people_fte": (0.1, 0.2),
        "weeks_to_production": (3, 6),
        "monthly_cost_usd": None,
        "yearly_total_usd": None,
    }
    assert serverless.unpriced is None and serverless.open == {}


def test_an_option_the_answers_exclude_is_not_estimated() -> None:
    """On premises ECS is excluded (it runs on AWS): no people, weeks or money for it, and no
    assumption of its own among those the estimates rest on."""
    facts = DEFAULT_TEAM | {"hosting.provider": "on-prem"}
    found, basis = estimate(DEFAULT, facts, open_facts(DEFAULT, facts), score(DEFAULT, facts))
    assert spans(found["ecs"]) == dict.fromkeys((*MEASURES, "yearly_total_usd"))
    assert found["ecs"].assumptions == [] and "ecs-run" not in basis.terms
    assert found["nomad"].people_fte is not None


def test_people_beyond_a_headcount_are_flagged_but_not_beyond_none() -> None:
    """Two engineers, none in operations: self-managed Kubernetes needs more people than the
    whole team; the work falling to product engineers is what the people figure already says."""
    facts = DEFAULT_TEAM | {"team.engineers": 2, "team.ops_engineers": 0}
    found = estimates(facts, DEFAULT)
    assert found["self-managed-kubernetes"].beyond_headcount == {"team.engineers": 2}
    assert found["paas"].beyond_headcount == {}
    one_ops = estimates(facts | {"team.engineers": 40, "team.ops_engineers": 1}, DEFAULT)
    assert one_ops["self-managed-kubernetes"].beyond_headcount == {"team.ops_engineers": 1}


def test_too_many_worlds_fall_back_to_a_bound_that_is_never_narrower(monkeypatch: pytest.MonkeyPatch) -> None:
    facts = TEAM | {"hosting.regulated": UNKNOWN, "team.experience": UNKNOWN}
    exact = estimates(facts)["kubernetes"]
    monkeypatch.setattr(module, "MAX_WORLDS", 1)
    bound = estimates(facts)["kubernetes"]
    for measure in MEASURES:
        assert contains(getattr(bound, measure), getattr(exact, measure))


def test_a_pack_without_estimate_data_gives_none() -> None:
    pack = load_rule_pack(DATA / "analysis-pack")
    assert estimate_options(pack, {}, {}, score(pack, {})) == {}


def test_estimates_survive_the_json_round_trip() -> None:
    from advisor.answers import Answers
    from advisor.evaluate import evaluate

    result = evaluate(FIXTURE, Answers(facts=dict(TEAM)))
    again = Result.model_validate(json.loads(result.model_dump_json()))
    assert again.estimates == result.estimates
    assert again.estimate_basis == result.estimate_basis


# --- properties of the default pack ---------------------------------------------------------------

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLATFORMS = DEFAULT.platform_order
EXPERIENCE = {
    "team.container_experience": ["none", "some", "production"],
    "team.orchestrator_experience": ["none", "some", "production"],
    "team.image_pipeline": [False, True],
}


def contains(wide: tuple[float, float] | None, narrow: tuple[float, float] | None) -> bool:
    """An open answer may empty a range (null) or widen it, never narrow it."""
    if wide is None or narrow is None:
        return wide is None or narrow is None
    return wide[0] <= narrow[0] and narrow[1] <= wide[1]


def at_least(more: tuple[float, float] | None, less: tuple[float, float] | None) -> bool:
    if more is None or less is None:
        return True
    return more[0] >= less[0] and more[1] >= less[1]


@SETTINGS
@given(profiles(DEFAULT), st.integers(1, 50))
def test_more_components_never_lower_people_or_cost(facts: Facts, more: int) -> None:
    if not isinstance(facts.get("app.components"), int):
        facts = facts | {"app.components": 3}
    bigger = facts | {"app.components": facts["app.components"] + more}  # type: ignore[operator]
    before, after = estimates(facts, DEFAULT), estimates(bigger, DEFAULT)
    for platform in PLATFORMS:
        for measure in ("people_fte", "monthly_cost_usd"):
            assert at_least(getattr(after[platform], measure), getattr(before[platform], measure)), platform


@SETTINGS
@given(profiles(DEFAULT), st.integers(1, 500))
def test_more_instances_never_lower_people_or_cost(facts: Facts, more: int) -> None:
    if not isinstance(facts.get("scale.peak_instances"), int):
        facts = facts | {"scale.peak_instances": 2}
    bigger = facts | {"scale.peak_instances": facts["scale.peak_instances"] + more}  # type: ignore[operator]
    before, after = estimates(facts, DEFAULT), estimates(bigger, DEFAULT)
    for platform in PLATFORMS:
        for measure in ("people_fte", "monthly_cost_usd"):
            assert at_least(getattr(after[platform], measure), getattr(before[platform], measure)), platform


def exact(facts: Facts) -> bool:
    """Whether every group of open facts the estimates wait on was enumerated world by world."""
    sums = module._Sums(DEFAULT, facts, open_facts(DEFAULT, facts))
    return all(group.worlds is not None for group in sums.group_of.values())


@SETTINGS
@given(profiles(DEFAULT), st.sampled_from(sorted(EXPERIENCE)), st.data())
def test_more_experience_never_raises_the_weeks(facts: Facts, fact: str, data: st.DataObject) -> None:
    levels = EXPERIENCE[fact]
    low = data.draw(st.integers(0, len(levels) - 2))
    high = data.draw(st.integers(low + 1, len(levels) - 1))
    # Past MAX_WORLDS a group's terms are added each on its own (a range that holds the exact
    # one, wider): terms that exclude each other (moving onto images, or extending a pipeline)
    # may then both count, so the property is about exact ranges only.
    assume(all(exact(facts | {fact: level}) for level in (levels[low], levels[high])))
    less, more = (
        estimates(facts | {fact: levels[low]}, DEFAULT),
        estimates(facts | {fact: levels[high]}, DEFAULT),
    )
    for platform in PLATFORMS:
        assert at_least(less[platform].weeks_to_production, more[platform].weeks_to_production), platform


@SETTINGS
@given(profiles(DEFAULT), st.sampled_from(sorted(DEFAULT.estimates.reads)), st.booleans())
def test_an_unknown_or_unanswered_fact_never_narrows_a_range(
    facts: Facts, fact: str, unanswered: bool
) -> None:
    opened = {f: v for f, v in facts.items() if f != fact} if unanswered else facts | {fact: UNKNOWN}
    known, unknown = estimates(facts, DEFAULT), estimates(opened, DEFAULT)
    for platform in PLATFORMS:
        for measure in (*MEASURES, "yearly_total_usd"):
            assert contains(getattr(unknown[platform], measure), getattr(known[platform], measure)), (
                platform,
                measure,
            )


def test_the_same_terms_round_the_same_whatever_order_they_are_added_in() -> None:
    # Found by the property above: with the region question open, 0.8 people were added after the
    # others instead of among them, and the float sum fell on the other side of x.x5.
    facts: Facts = {
        "app.components": 4,
        "app.workload_kind": "services",
        "app.accelerators": "gpu",
        "app.state_can_move": False,
        "stack.runtimes_supported": False,
        "hosting.exit_plan_required": False,
        "hosting.multi_region": True,
        "team.ops_engineers": 0,
        "team.orchestrator_experience": "none",
        "cost.engineer_year_usd": 0,
        "scale.peak_instances": 1,
    } | dict.fromkeys(["app.self_hosted_state", "hosting.regulated", "team.container_experience"], UNKNOWN)
    known = estimates(facts, DEFAULT)["self-managed-kubernetes"].people_fte
    opened = estimates(facts | {"hosting.multi_region": UNKNOWN}, DEFAULT)[
        "self-managed-kubernetes"
    ].people_fte
    assert known is not None and opened is not None
    assert opened[0] <= known[0] and known[1] == opened[1]


def test_work_only_a_new_platform_needs_is_not_counted_for_the_one_the_team_runs() -> None:
    """A regulated estate with its databases on its hosts: a first go-live's evidence and data
    set-up count for Nomad as a new platform, not for the Nomad the team already runs (nor for
    Kubernetes, whatever it runs: its own copy of the term reads other answers). With the
    platform unanswered, the range spans both."""
    facts = DEFAULT_TEAM | {
        "hosting.regulated": True,
        "app.self_hosted_state": True,
        "app.state_can_move": False,
    }
    new = estimate(DEFAULT, facts, open_facts(DEFAULT, facts), score(DEFAULT, facts))
    running = facts | {"hosting.existing_platform": "nomad"}
    runs = estimate(DEFAULT, running, open_facts(DEFAULT, running), score(DEFAULT, running))
    first_go_live = ("regulated-evidence-on-a-platform-the-team-runs", "state-set-up-on-a-new-platform")
    assert all(term in new[0]["nomad"].assumptions for term in first_go_live)
    assert not any(term in runs[0]["nomad"].assumptions for term in first_go_live)
    assert all(term in runs[0]["self-managed-kubernetes"].assumptions for term in first_go_live)
    assert runs[1].adds["state-set-up-on-a-new-platform"] == {"weeks_to_production": (2.0, 4.0)}
    yearly = ("regulated-on-a-platform-the-team-runs", "state-stays-on-hosts")
    assert all(term in runs[0]["nomad"].assumptions for term in yearly)  # the yearly work stays
    assert runs[0]["self-managed-kubernetes"].people_fte == new[0]["self-managed-kubernetes"].people_fte
    del facts["hosting.existing_platform"]
    status = open_facts(DEFAULT, facts)
    either = estimate_options(DEFAULT, facts, status, score(DEFAULT, facts))["nomad"].weeks_to_production
    assert either is not None
    for answered in (new[0]["nomad"].weeks_to_production, runs[0]["nomad"].weeks_to_production):
        assert answered is not None and either[0] <= answered[0] and answered[1] <= either[1]


def test_a_team_on_hosted_kubernetes_is_quoted_the_control_plane_it_has_never_run() -> None:
    """Self-managed Kubernetes counts as the platform a team runs only where it runs its own
    control plane (or runs on premises); a team on EKS is quoted that control plane and a
    first go-live's evidence, not named as running it; left open, the range spans both."""
    facts = DEFAULT_TEAM | {
        "hosting.provider": "aws",
        "hosting.existing_platform": "kubernetes",
        "hosting.regulated": True,
        "app.components": 12,
        "team.container_experience": "production",
        "team.orchestrator_experience": "production",
    }

    def found(answers: Facts) -> tuple[Any, Any]:
        options = estimate(DEFAULT, answers, open_facts(DEFAULT, answers), score(DEFAULT, answers))[0]
        return options["self-managed-kubernetes"], options["managed-kubernetes"]

    own, _ = found(facts | {"hosting.control_plane": "self-managed"})
    hosted, managed = found(facts | {"hosting.control_plane": "hosted"})
    on_prem, _ = found(facts | {"hosting.provider": "on-prem", "hosting.control_plane": "hosted"})
    opened, _ = found({fact: value for fact, value in facts.items() if fact != "hosting.control_plane"})
    first = ("self-managed-kubernetes-control-plane", "regulated-evidence-on-a-platform-the-team-runs")
    assert all(term in hosted.assumptions for term in first) and not hosted.runs_today
    assert not any(term in own.assumptions for term in first) and own.runs_today
    assert not any(term in on_prem.assumptions for term in first) and on_prem.runs_today
    assert managed.runs_today  # the clusters around a hosted control plane are the team's
    assert own.weeks_to_production is not None and hosted.weeks_to_production is not None
    assert own.weeks_to_production[1] + 5 <= hosted.weeks_to_production[1]
    assert opened.weeks_to_production is not None
    assert opened.weeks_to_production[0] <= own.weeks_to_production[0]
    assert hosted.weeks_to_production[1] <= opened.weeks_to_production[1]


def test_nothing_counts_as_running_while_production_moves_to_another_provider() -> None:
    """A Kubernetes estate of its own leaving its data centre for Azure: AKS is a new platform
    there, set up and moved onto cluster to cluster, and the move to another provider has its own
    weeks."""
    facts = DEFAULT_TEAM | {
        "hosting.provider": "azure",
        "hosting.existing_platform": "kubernetes",
        "hosting.control_plane": "self-managed",
        "app.components": 20,
        "team.container_experience": "production",
        "team.orchestrator_experience": "production",
    }

    def managed(answers: Facts) -> Any:
        return estimate(DEFAULT, answers, open_facts(DEFAULT, answers), score(DEFAULT, answers))[0][
            "managed-kubernetes"
        ]

    stays, moves = managed(facts), managed(facts | {"hosting.changing_provider": True})
    assert stays.runs_today and not moves.runs_today
    assert "managed-kubernetes-from-own-clusters" in stays.assumptions  # moved cluster to cluster
    assert "kubernetes-setup" not in stays.assumptions
    assert {"kubernetes-setup", "kubernetes-to-another-provider", "provider-change"} <= set(moves.assumptions)
    assert stays.weeks_to_production is not None and moves.weeks_to_production is not None
    assert stays.weeks_to_production[0] < moves.weeks_to_production[0]
    assert stays.weeks_to_production[1] < moves.weeks_to_production[1]


def test_a_larger_team_moves_components_in_parallel_and_never_takes_longer() -> None:
    """Forty components: one stream of work for six engineers, up to four at once for a large
    team; more engineers never add weeks, and with the headcount open the range runs from the
    most streams to one and names the question."""
    facts = DEFAULT_TEAM | {"app.components": 40, "team.ops_engineers": 3}
    weeks: dict[int, tuple[int, int]] = {}
    for engineers in (2, 6, 12, 24, 48, 200):
        team = facts | {"team.engineers": engineers}
        found = estimate_options(DEFAULT, team, open_facts(DEFAULT, team), score(DEFAULT, team))
        span = found["managed-kubernetes"].weeks_to_production
        assert span is not None
        weeks[engineers] = span
    ordered = [weeks[n] for n in sorted(weeks)]
    for smaller, larger in pairwise(ordered):
        assert larger[0] <= smaller[0] and larger[1] <= smaller[1]
    assert weeks[2] == weeks[6] and weeks[48] == weeks[200]  # one stream; then at most four
    assert weeks[200][0] < weeks[6][0] and weeks[200][1] < weeks[6][1]
    del facts["team.engineers"]
    status = open_facts(DEFAULT, facts)
    assert "team.engineers" in status
    found = estimate_options(DEFAULT, facts, status, score(DEFAULT, facts))["managed-kubernetes"]
    assert found.weeks_to_production == (weeks[200][0], weeks[2][1])
    assert "team.engineers" in found.open["weeks_to_production"]


def test_copies_of_one_build_count_for_a_fraction_of_a_component_each() -> None:
    """Forty sites on one build: each copy counts as a tenth to a quarter of a component in the
    per-component people and weeks (the default pack's `settings.copies`), not in the money; as
    many builds as components, more, none given, or a system whose shape does not ask: every
    component counts in full."""
    copies = DEFAULT.estimates.settings.copies
    assert copies is not None and copies.each == (0.1, 0.25)
    assert copies.counted({"app.components": 40, "app.builds": 1}) == (1 + 39 * 0.1, 1 + 39 * 0.25)
    for builds in (40, 50, UNKNOWN, None):
        assert copies.counted({"app.components": 40, "app.builds": builds}) is None
    facts = DEFAULT_TEAM | {"app.components": 40, "app.architecture": "monolith", "team.ops_engineers": 3}
    full = estimates(facts, DEFAULT)
    for builds in (40, 50, UNKNOWN):
        assert estimates(facts | {"app.builds": builds}, DEFAULT) == full
    # the question is asked of separate applications only: a distributed system's answer is moot
    services = facts | {"app.architecture": "microservices"}
    assert estimates(services | {"app.builds": 1}, DEFAULT) == estimates(services, DEFAULT)
    shared = estimates(facts | {"app.builds": 1}, DEFAULT)
    for option, found in shared.items():
        for measure in ("people_fte", "weeks_to_production"):
            assert at_least(getattr(full[option], measure), getattr(found, measure)), (option, measure)
        # money counts every copy: each runs as instances of its own
        assert found.monthly_cost_usd == full[option].monthly_cost_usd, option
    less, more = (
        shared["managed-kubernetes"].weeks_to_production,
        full["managed-kubernetes"].weeks_to_production,
    )
    assert less is not None and more is not None and less[0] < more[0] and less[1] < more[1]
    with_copies = facts | {"app.builds": 1}
    basis = estimate(DEFAULT, with_copies, open_facts(DEFAULT, with_copies), score(DEFAULT, with_copies))[1]
    assert basis.copies is not None and (basis.copies.builds, basis.copies.components) == (1, 40)
    assert basis.copies.counted == (4.9, 10.8)
    assert estimate(DEFAULT, facts, open_facts(DEFAULT, facts), score(DEFAULT, facts))[1].copies is None


def test_caveats_hold_for_the_answers_they_name() -> None:
    """A second region and a spiky load are said where they hold; an open answer says nothing
    it does not know."""
    facts = DEFAULT_TEAM | {"hosting.multi_region": True, "app.load_profile": "spiky", "app.os": "linux"}
    basis = estimate(DEFAULT, facts, open_facts(DEFAULT, facts), score(DEFAULT, facts))[1]
    assert list(basis.caveats) == ["several-regions", "spiky-load"]
    assert basis.caveats["several-regions"].startswith(
        "Production runs in several regions, and the cost is for one"
    )
    del facts["hosting.multi_region"]
    basis = estimate(DEFAULT, facts, open_facts(DEFAULT, facts), score(DEFAULT, facts))[1]
    assert list(basis.caveats) == ["spiky-load"]
