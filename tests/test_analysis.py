"""Sensitivity, counterfactuals and value of information: exact on a fixture, checked on the default pack."""

from __future__ import annotations

from itertools import combinations, product
from pathlib import Path

import pytest

from advisor.analysis.counterfactuals import counterfactuals
from advisor.analysis.open_facts import open_facts, value_of_information
from advisor.analysis.sensitivity import alternatives, sensitivity
from advisor.answers import load_answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import recommend, score
from advisor.evaluate import evaluate
from advisor.facts import FactValue, Unknown
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.words import list_label

DATA = Path(__file__).parent / "data"
FIXTURE = load_rule_pack(DATA / "analysis-pack")
DEFAULT = load_rule_pack(default_rules_dir())
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))


def fixture(name: str) -> dict[str, FactValue]:
    return load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank).facts


def test_sensitivity_lists_single_changes_that_flip_strategy_or_platform_smallest_first() -> None:
    items = sensitivity(Baseline(FIXTURE, fixture("full")))
    assert [(i.fact, i.was, i.value, i.strategy, i.platform, i.steps) for i in items] == [
        ("hosting.provider", "aws", "gcp", "containers", "managed-kubernetes", 1),
        ("hosting.provider", "aws", "on-prem", "containers", None, 1),
        ("team.ops_engineers", 3, 0, "paas", None, 2),
    ]
    assert (items[2].low, items[2].high) == (None, 0)


def test_sensitivity_gives_the_whole_range_of_integers_with_the_same_outcome() -> None:
    items = sensitivity(Baseline(FIXTURE, fixture("ops-unknown")))
    components = next(i for i in items if i.fact == "app.components")
    assert (components.was, components.value, components.low, components.high) == (8, 4, None, 4)


def test_sensitivity_json_uses_from_for_the_current_value() -> None:
    item = sensitivity(Baseline(FIXTURE, fixture("full")))[0]
    assert item.model_dump(mode="json")["from"] == "aws"


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


def test_value_of_information_gives_the_recommendation_under_each_value() -> None:
    facts = fixture("ops-unknown")
    (ops,) = value_of_information(Baseline(FIXTURE, facts), open_facts(FIXTURE, facts))
    assert ops.fact == "team.ops_engineers" and ops.status == "unknown" and ops.decisive
    assert [(o.label, o.strategy, o.platform) for o in ops.outcomes] == [
        ("0", "paas", None),
        ("1", "containers", "ecs"),
        ("2 or more", "containers", "ecs"),
    ]


def test_value_of_information_labels_list_values_by_name_and_count() -> None:
    facts = {k: v for k, v in fixture("full").items() if k != "stack.languages"}
    (languages,) = value_of_information(Baseline(FIXTURE, facts), open_facts(FIXTURE, facts))
    assert [o.label for o in languages.outcomes] == ["none", "3 others", "go", "go + 2 others"]
    assert list_label(["python", "other-1", "other-2"]) == "python + 2 others"


def test_value_of_information_lists_facts_no_rule_reads_as_not_decisive() -> None:
    facts = {k: v for k, v in fixture("full").items() if k != "stack.notes"}
    (notes,) = value_of_information(Baseline(FIXTURE, facts), open_facts(FIXTURE, facts))
    assert (notes.fact, notes.status, notes.decisive, notes.outcomes) == (
        "stack.notes",
        "unanswered",
        False,
        [],
    )


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
    facts = load_answers(EXAMPLES[0], DEFAULT.bank).facts
    assert not open_facts(DEFAULT, facts)
    _agrees_with_brute_force(DEFAULT, facts)


def _agrees_with_brute_force(pack: RulePack, facts: dict[str, FactValue]) -> None:
    for found in counterfactuals(Baseline(pack, facts), {}):
        size, steps = _brute_force(pack, facts, found.strategy, 3)
        assert len(found.changes) == size
        if found.found:
            assert sum(_steps(pack, facts, ch.fact, ch.value) for ch in found.changes) == steps


def _steps(pack: RulePack, facts: dict[str, FactValue], fact: str, value: object) -> int:
    baseline = Baseline(pack, facts)
    plain = tuple(value) if isinstance(value, list) else value
    return next(a.change.steps for a in alternatives(baseline, fact) if a.change.value == plain)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_reported_change_does_what_it_says_on_the_default_pack(path: Path) -> None:
    answers = load_answers(path, DEFAULT.bank)
    result = evaluate(DEFAULT, answers)
    base = (result.recommendation.strategy, result.recommendation.platform)

    def outcome(changes: dict[str, object]) -> tuple[str | None, str | None]:
        facts = {**answers.facts, **{f: tuple(v) if isinstance(v, list) else v for f, v in changes.items()}}
        return recommend(DEFAULT, score(DEFAULT, facts))  # type: ignore[arg-type]

    for item in result.sensitivity:
        assert outcome({item.fact: item.value}) == (item.strategy, item.platform) != base
    steps = [item.steps for item in result.sensitivity]
    assert steps == sorted(steps)
    for counterfactual in result.counterfactuals:
        assert counterfactual.strategy != base[0]
        if counterfactual.found:
            assert 1 <= len(counterfactual.changes) <= 3
            changed = outcome({c.fact: c.value for c in counterfactual.changes})
            assert changed == (counterfactual.strategy, counterfactual.platform)
    for open_fact in result.value_of_information:
        for value in open_fact.outcomes:
            assert outcome({open_fact.fact: value.value}) == (value.strategy, value.platform)
        assert open_fact.decisive == any((o.strategy, o.platform) != base for o in open_fact.outcomes)


def test_evaluate_stays_pure() -> None:
    answers = load_answers(EXAMPLES[0], DEFAULT.bank)
    before = dict(answers.facts)
    first = evaluate(DEFAULT, answers).model_dump(mode="json")
    assert evaluate(DEFAULT, answers).model_dump(mode="json") == first
    assert answers.facts == before
