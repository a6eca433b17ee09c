"""Properties of the default pack over generated complete profiles.

Monotone where common sense says so, and sensible at the extremes. Each extreme names the
conditions under which it must hold; outside them another answer can be right.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.score import recommend, score, strategy_scores
from advisor.facts import Facts
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.pack.questions import Question

PACK = load_rule_pack(default_rules_dir())
# Generated ints stay in the range where rules draw their lines (and a little beyond).
INT_LIMITS = {
    "app.components": 120,
    "team.engineers": 400,
    "team.ops_engineers": 40,
    "delivery.deploys_per_week": 300,
}
CLOUDS = ["aws", "gcp", "azure"]
BUSINESS_RUNTIMES = ["dotnet", "java", "cpp"]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _value(fact: str, question: Question) -> st.SearchStrategy[Any]:
    if question.type == "int":
        low = question.min or 0
        return st.integers(low, INT_LIMITS.get(fact, low + 100))
    if question.type == "bool":
        return st.booleans()
    if question.type == "choice":
        return st.sampled_from(list(question.choices))
    return st.lists(st.sampled_from(list(question.choices)), max_size=5, unique=True).map(tuple)


def profiles(pack: RulePack = PACK, **fixed: Any) -> st.SearchStrategy[Facts]:
    """Complete profiles: every fact answered; `fixed` facts (section__name=value or a strategy)."""
    pinned = {
        key.replace("__", "."): value if isinstance(value, st.SearchStrategy) else st.just(value)
        for key, value in fixed.items()
    }
    parts = {fact: pinned.get(fact, _value(fact, question)) for fact, question in pack.bank.facts.items()}
    return st.fixed_dictionaries(parts)  # type: ignore[arg-type]


def total(facts: Facts, option: str) -> float:
    """A strategy's score (its best platform not excluded) or a platform's."""
    scoring = score(PACK, facts)
    if option in PACK.carriers:
        return strategy_scores(PACK, scoring.totals, scoring.excluded)[option]
    return scoring.totals[option]


def chosen(facts: Facts) -> tuple[str | None, str | None]:
    return recommend(PACK, score(PACK, facts))


# --- monotone --------------------------------------------------------------------------------


@SETTINGS
@given(profiles(), st.integers(1, 60))
def test_more_components_never_lower_the_containers_score(facts: Facts, more: int) -> None:
    bigger = {**facts, "app.components": facts["app.components"] + more}
    assert total(bigger, "containers") >= total(facts, "containers")


@SETTINGS
@given(profiles(), st.sampled_from(list(PACK.bank.facts["stack.languages"].choices)))
def test_another_language_never_lowers_the_containers_score(facts: Facts, language: str) -> None:
    languages = facts["stack.languages"]
    assert isinstance(languages, tuple)
    if language in languages:
        return
    more = {**facts, "stack.languages": (*languages, language)}
    assert total(more, "containers") >= total(facts, "containers")


ORCHESTRATORS = ("managed-kubernetes", "self-managed-kubernetes", "ecs", "nomad", "swarm")


@SETTINGS
@given(profiles(), st.integers(1, 20), st.sampled_from(ORCHESTRATORS))
def test_more_ops_engineers_never_lower_an_orchestrator_platform(
    facts: Facts, more: int, platform: str
) -> None:
    bigger = {**facts, "team.ops_engineers": facts["team.ops_engineers"] + more}  # type: ignore[operator]
    assert total(bigger, platform) >= total(facts, platform)


@SETTINGS
@given(profiles(), st.sampled_from(PACK.platform_order))
def test_excluding_a_platform_never_raises_its_strategys_score(facts: Facts, platform: str) -> None:
    scoring = score(PACK, facts)
    strategy = PACK.strategy_of[platform]
    before = strategy_scores(PACK, scoring.totals, scoring.excluded)[strategy]
    allowed = [p for p in PACK.carriers[strategy] if p not in scoring.excluded and p != platform]
    after = strategy_scores(PACK, scoring.totals, {*scoring.excluded, platform})[strategy]
    if allowed:
        assert after <= before


@SETTINGS
@given(profiles())
def test_host_level_needs_never_raise_the_paas_score(facts: Facts) -> None:
    without = {**facts, "app.host_level_needs": False}
    with_needs = {**facts, "app.host_level_needs": True}
    assert total(with_needs, "paas") <= total(without, "paas")
    assert chosen(with_needs)[0] != "paas"


@SETTINGS
@given(profiles(hosting__paas_allowed=False))
def test_a_policy_against_paas_is_never_overruled(facts: Facts) -> None:
    assert chosen(facts)[0] != "paas"


@SETTINGS
@given(profiles(app__os="windows"))
def test_windows_workloads_never_land_on_linux_only_serverless_containers(facts: Facts) -> None:
    if facts["hosting.provider"] != "aws":
        assert chosen(facts)[1] != "serverless-containers"


# --- extremes --------------------------------------------------------------------------------


@SETTINGS
@given(
    profiles(
        app__components=1,
        team__ops_engineers=0,
        stack__languages=("ruby",),
        delivery__time_pressure="high",
        team__container_experience="none",
        stack__runtimes_supported=True,
        app__workload_kind="services",
        app__accelerators="none",
        hosting__exit_plan_required=False,
        team__engineers=st.integers(1, 20),
        hosting__paas_allowed=True,
        app__host_level_needs=False,
        app__os="linux",
        app__self_hosted_state=False,
        hosting__mixed_workloads=False,
        team__image_pipeline=False,
        hosting__provider=st.sampled_from([*CLOUDS, "other-cloud", "undecided"]),
        hosting__regulated=False,
        hosting__existing_platform=st.sampled_from(["none", "paas"]),
        app__architecture=st.sampled_from(["monolith", "modular-monolith"]),
        app__raw_protocols="none",  # a web app: raw TCP or UDP is a reason to leave PaaS
    )
)
def test_one_ruby_app_without_ops_under_time_pressure_never_clearly_leaves_paas(facts: Facts) -> None:
    # Serverless containers can come within a close call (spiky load, several regions, native
    # dependencies), but PaaS is never behind by a clear margin.
    scoring = score(PACK, facts)
    scores = strategy_scores(PACK, scoring.totals, scoring.excluded)
    assert max(scores.values()) - scores["paas"] < PACK.info.confidence.close_call_margin


@SETTINGS
@given(
    profiles(
        app__components=60,
        app__architecture="microservices",
        stack__languages=("go", "java", "python"),
        team__ops_engineers=6,
        team__engineers=st.integers(30, 400),
        team__orchestrator_experience=st.sampled_from(["some", "production"]),
        app__os="linux",
        app__host_level_needs=False,
        app__workload_kind=st.sampled_from(["services", "both"]),
        hosting__managed_kubernetes=True,
        hosting__mixed_workloads=False,
        hosting__provider=st.sampled_from(CLOUDS),
        hosting__existing_platform=st.sampled_from(["none", "paas", "vms", "kubernetes"]),
    )
)
def test_sixty_polyglot_microservices_with_an_sre_team_go_to_managed_kubernetes(facts: Facts) -> None:
    assert chosen(facts) == ("containers", "managed-kubernetes")


@SETTINGS
@given(
    profiles(
        app__os="windows",
        hosting__provider="on-prem",
        team__image_pipeline=True,
        app__components=st.integers(1, 3),
        app__architecture=st.sampled_from(["monolith", "modular-monolith"]),
        stack__languages=st.lists(st.sampled_from(BUSINESS_RUNTIMES), max_size=2, unique=True).map(tuple),
        hosting__existing_platform=st.sampled_from(["none", "vms"]),
        team__orchestrator_experience=st.sampled_from(["none", "some"]),
        delivery__deploys_per_week=st.integers(0, 10),
        app__load_profile=st.sampled_from(["steady", "seasonal"]),
        app__accelerators="none",
        app__workload_kind="services",
    )
)
def test_a_windows_business_app_on_premises_with_an_image_pipeline_stays_on_golden_images(
    facts: Facts,
) -> None:
    """A line-of-business app: services on CPUs, a few deployables, one or two runtimes, no
    orchestrator yet, released weekly at most, on a steady or seasonal load. Golden images
    lead, or tie for the lead (a team of one that already runs containers on its own VMs,
    say), where the report recommends nothing; containers never lead alone."""
    scoring = score(PACK, facts)
    strategies = strategy_scores(PACK, scoring.totals, scoring.excluded)
    top = max(strategies[o.id] for o in PACK.strategies if o.id not in scoring.excluded)
    assert chosen(facts) == ("golden-image", None) or strategies["golden-image"] == top


@pytest.mark.parametrize("option", ["paas", "containers", "golden-image"])
def test_every_strategy_is_reachable(option: str) -> None:
    """Guards against a pack so lopsided that one strategy can never win."""
    examples = {
        "paas": {"app.components": 1, "team.ops_engineers": 0, "stack.languages": ("ruby",)},
        "containers": {"app.components": 40, "team.ops_engineers": 4, "app.architecture": "microservices"},
        "golden-image": {"app.os": "windows", "hosting.provider": "on-prem", "team.image_pipeline": True},
    }
    defaults = {fact: q.default for fact, q in PACK.bank.facts.items()}
    facts = {**defaults, "stack.languages": (), **examples[option]}
    assert chosen(facts)[0] == option  # type: ignore[arg-type]


# --- graded, not cliffs -------------------------------------------------------------------------


def _largest_move(before: Facts, after: Facts) -> float:
    old, new = score(PACK, before).totals, score(PACK, after).totals
    return max(abs(new[option] - old[option]) for option in PACK.platform_order)


@SETTINGS
@given(profiles())
def test_one_more_operations_engineer_moves_no_option_by_more_than_six_points(facts: Facts) -> None:
    more = {**facts, "team.ops_engineers": facts["team.ops_engineers"] + 1}  # type: ignore[operator]
    assert _largest_move(facts, more) <= 6


@SETTINGS
@given(profiles())
def test_one_more_engineer_moves_no_option_by_more_than_four_points(facts: Facts) -> None:
    more = {**facts, "team.engineers": facts["team.engineers"] + 1}  # type: ignore[operator]
    assert _largest_move(facts, more) <= 4


@SETTINGS
@given(
    profiles(
        team__engineers=st.integers(1, 6),
        team__ops_engineers=0,
        team__image_pipeline=False,
        app__os="linux",
        app__host_level_needs=False,
        app__accelerators=st.sampled_from(["none", "gpu"]),
        app__workload_kind=st.sampled_from(["services", "batch", "both"]),
        hosting__provider=st.sampled_from([*CLOUDS, "other-cloud", "undecided"]),
        hosting__existing_platform=st.sampled_from(["none", "paas", "vms"]),
    )
)
def test_a_small_team_without_ops_or_an_image_pipeline_is_never_sent_to_golden_images(facts: Facts) -> None:
    assert chosen(facts)[0] != "golden-image"
