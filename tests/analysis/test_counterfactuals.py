"""Counterfactuals: the smallest set of changed answers that makes each other strategy win."""

from __future__ import annotations

from itertools import combinations, product

import pytest

from advisor.analysis.counterfactuals import counterfactuals
from advisor.analysis.open_facts import open_facts
from advisor.analysis.sensitivity import alternatives
from advisor.answers import load_answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import recommend, score
from advisor.facts import FactValue, Unknown
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.conftest import DATA, ROOT

FIXTURE = load_rule_pack(DATA / "analysis-pack")
DEFAULT = load_rule_pack(default_rules_dir())
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def fixture(name: str) -> dict[str, FactValue]:
    return load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank).facts


def _steps(pack: RulePack, facts: dict[str, FactValue], fact: str, value: object) -> int:
    baseline = Baseline(pack, facts)
    plain = tuple(value) if isinstance(value, list) else value
    return next(a.change.steps for a in alternatives(baseline, fact) if a.change.value == plain)


def test_counterfactuals_find_the_smallest_set_of_changes_per_losing_strategy() -> None:
    found = counterfactuals(Baseline(FIXTURE, fixture("full")), {})
    assert [(c.strategy, [(ch.fact, ch.was, ch.value) for ch in c.changes]) for c in found] == [
        ("paas", [("team.ops_engineers", 3, 0)]),
        # windows alone leaves golden images at 14 against 19; fewer components close the gap
        ("golden-image", [("app.components", 8, 4), ("app.windows", False, True)]),
    ]


def test_counterfactuals_may_answer_open_facts() -> None:
    found = counterfactuals(
        Baseline(FIXTURE, fixture("paas-open")), open_facts(FIXTURE, fixture("paas-open"))
    )
    golden = next(c for c in found if c.strategy == "golden-image")
    assert [(ch.fact, ch.was, ch.value) for ch in golden.changes] == [
        ("hosting.paas_allowed", "unknown", False)
    ]


def test_counterfactual_says_so_when_no_three_changes_are_enough() -> None:
    pack = load_rule_pack(DATA / "budget-pack")
    facts: dict[str, FactValue] = {"x.a": False, "x.b": False, "x.c": False, "x.d": False}
    (golden,) = counterfactuals(Baseline(pack, facts), {})
    assert golden.strategy == "golden-image" and not golden.found and golden.changes == []
    assert "up to 3 answers" in golden.explanation


def _brute_force(pack: RulePack, facts: dict[str, FactValue], strategy: str, budget: int) -> tuple[int, int]:
    """(number of facts, total steps) of the cheapest winning change set, with no pruning."""
    baseline = Baseline(pack, facts)
    options = {fact: alternatives(baseline, fact) for fact in baseline.index.domains if fact in facts}
    for size in range(1, budget + 1):
        costs = [
            sum(a.change.steps for a in combo)
            for chosen in combinations(options, size)
            for combo in product(*(options[f] for f in chosen))
            if recommend(pack, score(pack, {**facts, **{a.fact: a.change.value for a in combo}}))[0]
            == strategy
        ]
        if costs:
            return size, min(costs)
    return 0, 0


@pytest.mark.parametrize("name", ["full", "ops-unknown"])
def test_pruned_counterfactual_search_finds_what_brute_force_finds(name: str) -> None:
    facts = {k: v for k, v in fixture(name).items() if not isinstance(v, Unknown)}
    _agrees_with_brute_force(FIXTURE, facts)


def test_pruned_counterfactual_search_finds_what_brute_force_finds_on_the_default_pack() -> None:
    facts = load_answers(ROOT / "examples" / "checkout-platform.yaml", DEFAULT.bank).facts
    assert not open_facts(DEFAULT, facts)
    _agrees_with_brute_force(DEFAULT, facts)


def _agrees_with_brute_force(pack: RulePack, facts: dict[str, FactValue]) -> None:
    for found in counterfactuals(Baseline(pack, facts), {}):
        size, steps = _brute_force(pack, facts, found.strategy, 3)
        assert len(found.changes) == size
        if found.found:
            assert sum(_steps(pack, facts, ch.fact, ch.value) for ch in found.changes) == steps
