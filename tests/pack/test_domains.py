"""The values analysis tries: the classes the pack's conditions can tell apart."""

from __future__ import annotations

import pytest

from advisor.pack.domains import fact_domains
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.conftest import DATA


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack(DATA / "analysis-pack")


def test_integer_values_sit_on_both_sides_of_each_threshold(pack: RulePack) -> None:
    # `team.ops_engineers < 1` and `>= 2` cut 0..100 into [0], [1], [2..100]
    domain = fact_domains(pack)["team.ops_engineers"]
    assert domain.intervals == ((0, 0), (1, 1), (2, 100))
    assert domain.possible_values() == (0, 1, 2)


def test_threshold_below_the_minimum_is_ignored(pack: RulePack) -> None:
    # `app.components >= 5` with min 1: values 4 and 5, nothing below 1
    assert fact_domains(pack)["app.components"].possible_values() == (4, 5)


def test_integer_changes_go_to_the_nearest_value_of_each_other_interval(pack: RulePack) -> None:
    changes = fact_domains(pack)["team.ops_engineers"].changes_from(3)
    assert [(c.value, c.steps) for c in changes] == [(0, 2), (1, 1)]


def test_bool_and_choice_changes_are_the_other_values(pack: RulePack) -> None:
    domains = fact_domains(pack)
    assert [c.value for c in domains["app.windows"].changes_from(False)] == [True]
    assert [c.value for c in domains["hosting.provider"].changes_from("aws")] == ["gcp", "on-prem"]


def test_list_changes_toggle_named_values_and_cross_count_thresholds(pack: RulePack) -> None:
    domain = fact_domains(pack)["stack.languages"]
    assert domain.named == ("go",)
    assert domain.intervals == ((0, 2), (3, None))
    changes = domain.changes_from(("python", "go", "node"))
    # drop go (a named value), or shrink to 2 by dropping an unnamed runtime first
    assert [(c.value, c.steps) for c in changes] == [(("python", "node"), 1), (("python", "go"), 1)]
    grown = domain.changes_from(("python",))
    assert [(c.value, c.steps) for c in grown] == [
        (("python", "go"), 1),
        (("python", "other-1", "other-2"), 2),
    ]


def test_facts_no_rule_reads_have_no_domain(pack: RulePack) -> None:
    assert "stack.notes" not in fact_domains(pack)


def test_list_values_cover_every_combination_of_named_values_and_counts(pack: RulePack) -> None:
    values = fact_domains(pack)["stack.languages"].possible_values()
    assert set(values) == {(), ("go",), ("other-1", "other-2", "other-3"), ("go", "other-1", "other-2")}
