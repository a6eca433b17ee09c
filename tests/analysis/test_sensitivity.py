"""Sensitivity: single changes that flip the recommendation, on a fixture and the default pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.analysis.sensitivity import sensitivity
from advisor.answers import load_answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import recommend, score, top_is_tied
from advisor.evaluate import evaluate
from advisor.facts import FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from tests.conftest import DATA, ROOT

FIXTURE = load_rule_pack(DATA / "analysis-pack")
DEFAULT = load_rule_pack(default_rules_dir())
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def fixture(name: str) -> dict[str, FactValue]:
    return load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank).facts


def test_sensitivity_lists_single_changes_that_flip_strategy_or_platform_smallest_first() -> None:
    items = sensitivity(Baseline(FIXTURE, fixture("full")))
    assert [(i.fact, i.was, i.value, i.strategy, i.platform, i.steps) for i in items] == [
        ("hosting.provider", "aws", "gcp", "containers", "managed-kubernetes", 1),
        ("hosting.provider", "aws", "on-prem", "containers", "self-managed", 1),
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

    def tied(changes: dict[str, object]) -> bool:
        facts = {**answers.facts, **{f: tuple(v) if isinstance(v, list) else v for f, v in changes.items()}}
        scoring = score(DEFAULT, facts)  # type: ignore[arg-type]
        return top_is_tied(DEFAULT, scoring.totals, scoring.excluded)

    tied_now = tied({})
    for open_fact in result.value_of_information:
        for value in open_fact.outcomes:
            assert outcome({open_fact.fact: value.value}) == (value.strategy, value.platform)
            assert tied({open_fact.fact: value.value}) == value.tied
        # Decisive: a value leads elsewhere or makes a tie; while the options tie, a value that
        # breaks the tie with a recommendation then (which the confidence decides), never a
        # value that leaves it, whatever option it lists first.
        if tied_now:
            assert not open_fact.decisive or any(not o.tied for o in open_fact.outcomes)
        else:
            moves = any((o.strategy, o.platform) != base or o.tied for o in open_fact.outcomes)
            assert open_fact.decisive == moves


def test_evaluate_stays_pure() -> None:
    answers = load_answers(EXAMPLES[0], DEFAULT.bank)
    before = dict(answers.facts)
    first = evaluate(DEFAULT, answers).model_dump(mode="json")
    assert evaluate(DEFAULT, answers).model_dump(mode="json") == first
    assert answers.facts == before
