"""Incremental re-scoring gives exactly what a full scoring gives, re-running only what it must."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.engine.baseline import Baseline
from advisor.engine.score import recommend, score
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from tests.profiles import profiles, value_of

PACK = load_rule_pack(default_rules_dir())
FACTS = list(PACK.bank.facts)


@st.composite
def changes(draw: st.DrawFn) -> dict[str, FactValue]:
    chosen = draw(st.lists(st.sampled_from(FACTS), min_size=1, max_size=3, unique=True))
    return {fact: draw(st.one_of(value_of(PACK.bank.facts[fact], PACK), st.just(UNKNOWN))) for fact in chosen}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(PACK), changes())
def test_rescoring_matches_a_full_scoring(facts: dict[str, FactValue], change: dict[str, FactValue]) -> None:
    baseline = Baseline(PACK, facts)
    variant = baseline.rescore(change)
    full = score(PACK, {**facts, **change})
    assert dict(variant.totals) == full.totals
    assert variant.excluded == frozenset(full.excluded)
    assert variant.choice == recommend(PACK, full)
    before = {rule.id for rule in baseline.scoring.fired}
    after = {rule.id for rule in full.fired}
    assert {PACK.rules[number].id for number in variant.started} == after - before
    assert {PACK.rules[number].id for number in variant.stopped} == before - after


def test_only_rules_that_read_a_changed_fact_are_rerun() -> None:
    baseline = Baseline(PACK, {})
    rerun = {PACK.rules[number].id for number in baseline.rules_reading({"team.ops_engineers": 1})}
    assert rerun == {rule.id for rule in PACK.rules if "team.ops_engineers" in rule.reads}
    assert 0 < len(rerun) < len(PACK.rules)


def test_a_change_that_flips_no_rule_reuses_the_base_totals() -> None:
    baseline = Baseline(PACK, {"team.ops_engineers": 2})
    variant = baseline.rescore({"team.ops_engineers": 3})
    assert variant.totals is baseline.scoring.totals
    assert variant.started == variant.stopped == ()


def test_rescoring_one_change_leaves_the_baseline_as_it_was() -> None:
    facts: dict[str, FactValue] = {"team.ops_engineers": 3}
    baseline = Baseline(PACK, facts)
    baseline.rescore({"team.ops_engineers": 0})
    baseline.rescore({"hosting.provider": "on-prem"})  # a fact the baseline does not have
    variant = baseline.rescore({"team.engineers": 40})
    assert dict(variant.totals) == score(PACK, {**facts, "team.engineers": 40}).totals
    assert facts == {"team.ops_engineers": 3}
