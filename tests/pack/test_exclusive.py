"""Rules that can never fire together: read from what their conditions require of one fact,
checked against every world the default pack's conditions can tell apart."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from advisor.errors import Problem
from advisor.pack.bundled import default_rules_dir
from advisor.pack.conditions import parse_condition
from advisor.pack.domains import fact_domains
from advisor.pack.exclusive import Required, exclusive, exclusive_groups, required_values
from advisor.pack.load import load_rule_pack
from advisor.source.document import parse_yaml

DEFAULT = load_rule_pack(default_rules_dir())


def required(text: str) -> Required:
    doc = parse_yaml(f"when: {text}\n", "rules/x.yaml")
    problems: list[Problem] = []
    condition = parse_condition(doc, ("when",), DEFAULT.bank, problems)
    assert problems == []
    return required_values(condition)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("[hosting.provider != other-cloud, app.components >= 7]", "[hosting.provider == other-cloud]", True),
        ("hosting.provider in [aws, gcp]", "hosting.provider not_in [aws, gcp, azure]", True),
        ("hosting.provider in [aws, azure]", "hosting.provider in [azure, gcp]", False),
        ("hosting.provider not_in [aws]", "hosting.provider not_in [gcp]", False),
        ("[hosting.regulated, app.components >= 7]", "hosting.regulated == false", True),
        # Only what every firing requires counts: one side of an `any` requires nothing.
        ("{any: [hosting.provider == aws, app.components >= 7]}", "hosting.provider == gcp", False),
        # A count is not a value of the fact.
        ("count(stack.languages) == 2", "count(stack.languages) == 1", False),
    ],
)
def test_two_conditions_exclude_each_other_when_one_fact_cannot_satisfy_both(
    first: str, second: str, expected: bool
) -> None:
    assert exclusive(required(first), required(second)) is expected
    assert exclusive(required(second), required(first)) is expected


def test_conditions_on_one_fact_combine() -> None:
    both = "\n  - hosting.provider in [aws, gcp, azure]\n  - hosting.provider != gcp"  # a block list
    assert required(both) == {"hosting.provider": (True, frozenset({"aws", "azure"}))}


def test_a_rule_and_its_twin_for_another_cloud_share_a_group() -> None:
    groups = exclusive_groups(DEFAULT)
    number = {rule.id: n for n, rule in enumerate(DEFAULT.rules)}
    for rule in ("outgrowing-paas", "cost-at-scale", "cost-sensitive"):
        assert groups[number[rule]] == groups[number[f"{rule}-elsewhere"]]


def test_no_two_rules_of_a_group_fire_in_any_world() -> None:
    """Random worlds over the values the default pack's conditions tell apart, unknowns
    included: within a group, at most one rule fires."""
    groups = exclusive_groups(DEFAULT)
    members: dict[int, list[int]] = {}
    for number, group in enumerate(groups):
        members.setdefault(group, []).append(number)
    pairs = [pair for found in members.values() for pair in combinations(found, 2)]
    assert pairs, "the default pack has rules that exclude each other"
    domains = fact_domains(DEFAULT)
    rng = random.Random(7)
    rules = DEFAULT.rules
    for _ in range(3000):
        world = {fact: rng.choice(domain.possible_values()) for fact, domain in domains.items()}
        for first, second in pairs:
            assert not (rules[first].test(world) is True and rules[second].test(world) is True), (
                rules[first].id,
                rules[second].id,
            )
