"""Counterfactuals: the smallest set of changed answers that makes each other strategy win."""

from __future__ import annotations

import time
from itertools import combinations, product
from pathlib import Path

import pytest

from advisor.analysis.counterfactuals import MAX_COUNTERFACTUAL_WORK, counterfactuals
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


def wide_pack(folder: Path, facts: int) -> tuple[RulePack, dict[str, FactValue]]:
    """A pack whose every rule reads two facts: the optimistic bound lets almost every set of
    three facts through, and almost none works, so the search would look at millions."""
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: wide\nversion: '1'\nknowledge_as_of: 2026-11-27\n")
    (folder / "options.yaml").write_text(
        "strategies:\n"
        "  - {id: paas, name: PaaS, summary: p, base: 20}\n"
        "  - {id: containers, name: Containers, summary: c, base: 12}\n"
        "  - {id: golden-image, name: Golden images, summary: g, base: 12}\n"
    )
    questions = [
        f"      - {{id: f{n}, type: int, min: 0, max: 100, prompt: 'F{n}?', help: h}}" for n in range(facts)
    ]
    (folder / "questions.yaml").write_text(
        "sections:\n  - id: x\n    title: X\n    questions:\n" + "\n".join(questions)
    )
    rules = []
    for n in range(facts):
        after = (n + 1) % facts
        rules.append(
            f"  - {{id: c{n}, when: [x.f{n} >= 50, x.f{after} >= 50], effects: {{containers: 3}}, "
            "because: b}"
        )
        rules.append(
            f"  - {{id: g{n}, when: [x.f{n} >= 20, x.f{n} < 30, x.f{after} >= 70], "
            "effects: {golden-image: 3}, because: b}"
        )
    (folder / "rules.yaml").write_text("rules:\n" + "\n".join(rules) + "\n")
    return load_rule_pack(folder), {f"x.f{n}": 0 for n in range(facts)}


def test_the_search_on_a_pack_with_many_facts_is_bounded_and_says_so(tmp_path: Path) -> None:
    pack, facts = wide_pack(tmp_path / "wide", 120)
    start = time.perf_counter()
    first = counterfactuals(Baseline(pack, facts), {})
    seconds = time.perf_counter() - start
    assert [(c.strategy, c.found, c.complete) for c in first] == [
        ("containers", False, False),
        ("golden-image", False, False),
    ]
    assert f"stopped at its bound ({MAX_COUNTERFACTUAL_WORK:,} steps" in first[0].explanation
    assert counterfactuals(Baseline(pack, facts), {}) == first  # a count, not a clock: the same every time
    assert seconds < 20  # unbounded, 100 such facts took over a minute


def test_an_ordinary_search_is_complete_and_its_json_has_no_complete_key() -> None:
    facts = load_answers(EXAMPLES[0], DEFAULT.bank).facts
    found = counterfactuals(Baseline(DEFAULT, facts), {})
    assert all(item.complete for item in found)
    assert all("complete" not in item.model_dump(mode="json") for item in found)
