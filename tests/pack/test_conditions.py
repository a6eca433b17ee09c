"""The condition language: every operator, three-valued logic, and every type error."""

from __future__ import annotations

import pytest

from advisor.errors import Problem
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.compile import compile_condition, trace
from advisor.pack.conditions import Condition, parse_condition
from advisor.pack.model import RulePack
from advisor.pack.questions import QuestionBank
from advisor.source.document import parse_yaml


def parse(text: str, bank: QuestionBank) -> tuple[Condition | None, list[str]]:
    doc = parse_yaml(f"when: {text}\n", "rules/x.yaml")
    problems: list[Problem] = []
    condition = parse_condition(doc, ("when",), bank, problems)
    return condition, [str(problem) for problem in problems]


def check(text: str, bank: QuestionBank, facts: dict[str, FactValue]) -> bool | None:
    condition, problems = parse(text, bank)
    assert problems == []
    return compile_condition(condition)(facts)


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("team.ops_engineers == 2", {"team.ops_engineers": 2}, True),
        ("team.ops_engineers != 2", {"team.ops_engineers": 2}, False),
        ("team.ops_engineers < 2", {"team.ops_engineers": 1}, True),
        ("team.ops_engineers <= 2", {"team.ops_engineers": 2}, True),
        ("team.ops_engineers > 2", {"team.ops_engineers": 2}, False),
        ("team.ops_engineers >= 2", {"team.ops_engineers": 3}, True),
        ("team.ops_engineers in [1, 2]", {"team.ops_engineers": 2}, True),
        ("team.ops_engineers not_in [1, 2]", {"team.ops_engineers": 2}, False),
        ("hosting.provider in [aws, gcp]", {"hosting.provider": "gcp"}, True),
        ("hosting.provider not_in [aws, gcp]", {"hosting.provider": "on-prem"}, True),
        ("hosting.provider == on-prem", {"hosting.provider": "on-prem"}, True),
        ("stack.languages contains go", {"stack.languages": ("python", "go")}, True),
        ("stack.languages contains Go", {"stack.languages": ("python",)}, False),
        ("count(stack.languages) >= 2", {"stack.languages": ("python", "go")}, True),
        ("hosting.regulated", {"hosting.regulated": True}, True),
        ("hosting.regulated == false", {"hosting.regulated": True}, False),
    ],
)
def test_operators(pack: RulePack, text: str, facts: dict[str, FactValue], expected: bool) -> None:
    assert check(text, pack.bank, facts) is expected


def test_unknown_and_unanswered_facts_leave_a_leaf_undetermined(pack: RulePack) -> None:
    assert check("team.ops_engineers < 2", pack.bank, {"team.ops_engineers": UNKNOWN}) is None
    assert check("team.ops_engineers < 2", pack.bank, {}) is None
    assert check("count(stack.languages) >= 2", pack.bank, {}) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{all: [team.ops_engineers < 2, hosting.regulated]}", False),  # false beats undetermined
        ("{all: [team.ops_engineers > 2, hosting.regulated]}", None),
        ("{any: [team.ops_engineers < 2, hosting.regulated]}", None),
        ("{any: [team.ops_engineers > 2, hosting.regulated]}", True),  # true beats undetermined
        ("{not: hosting.regulated}", None),
        ("{not: team.ops_engineers > 2}", False),
        ("[team.ops_engineers > 2, team.engineers >= 1]", True),
    ],
)
def test_all_any_not_follow_three_valued_logic(pack: RulePack, text: str, expected: bool | None) -> None:
    assert check(text, pack.bank, {"team.ops_engineers": 3, "team.engineers": 4}) is expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "team.opps_engineers < 2",
            "unknown fact 'team.opps_engineers' (did you mean 'team.ops_engineers'?)",
        ),
        (
            "hosting.provider < aws",
            "operator '<' does not apply to hosting.provider (choice); use ==, !=, in, not_in",
        ),
        (
            "hosting.provider == amazon",
            "hosting.provider == amazon: 'amazon' is not a choice of "
            "hosting.provider (aws, gcp, azure, other-cloud, on-prem, hybrid, "
            "undecided)",
        ),
        (
            "hosting.provider == awz",
            "hosting.provider == awz: 'awz' is not a choice of hosting.provider "
            "(aws, gcp, azure, other-cloud, on-prem, hybrid, undecided) "
            "(did you mean 'aws'?)",
        ),
        ("team.ops_engineers < many", "team.ops_engineers < many: expected an integer, got 'many'"),
        ("hosting.regulated == maybe", "hosting.regulated == maybe: expected true or false, got 'maybe'"),
        ("team.ops_engineers =~ 2", "unknown operator '=~'; use one of == != < <= > >= in not_in contains"),
        (
            "team.ops_engineers",
            "'team.ops_engineers' alone is a condition only for true/false facts; "
            "write 'team.ops_engineers OP VALUE'",
        ),
        ("team.ops_engineers <", "incomplete condition 'team.ops_engineers <'; write 'FACT OP VALUE'"),
        ("stack.languages == go", "operator '==' does not apply to stack.languages (list); use contains"),
        ("count(app.components) > 2", "count() applies to list facts; 'app.components' is int"),
        ("team.ops_engineers in 2", "team.ops_engineers in 2: 'in' takes a list such as [a, b]"),
        (
            "team.ops_engineers == unknown",
            "team.ops_engineers == unknown: conditions cannot test for "
            "'unknown'; an unknown fact leaves a condition undetermined",
        ),
        ("{either: [hosting.regulated]}", "unknown condition key 'either'; use all, any or not"),
        ("{all: []}", "'all' takes a non-empty list of conditions"),
    ],
)
def test_type_errors_are_located_and_explained(pack: RulePack, text: str, message: str) -> None:
    condition, problems = parse(text, pack.bank)
    assert condition is None or problems
    assert len(problems) == 1
    where, _, found = problems[0].partition(": ")
    assert where.startswith("rules/x.yaml:1:")
    assert found == message


def test_all_problems_of_a_condition_are_reported(pack: RulePack) -> None:
    _, problems = parse("{all: [team.opps < 2, hosting.provider == amazon, hosting.regulated]}", pack.bank)
    assert len(problems) == 2


def test_rule_text_is_data_not_code(pack: RulePack) -> None:
    _, problems = parse("\"__import__('os').system('true') == 1\"", pack.bank)
    assert problems and "unknown fact" in problems[0]
    _, problems = parse("app.components.__class__ == 1", pack.bank)
    assert problems and "unknown fact 'app.components.__class__'" in problems[0]


def test_trace_records_values_and_outcomes(pack: RulePack) -> None:
    condition, _ = parse("{all: [team.ops_engineers >= 2, count(stack.languages) >= 2]}", pack.bank)
    traced = trace(condition, {"team.ops_engineers": 3, "stack.languages": ("go",)})
    assert traced.outcome is False
    assert [(p.text, p.outcome, p.value) for p in traced.parts] == [
        ("team.ops_engineers >= 2", True, "team.ops_engineers = 3"),
        ("count(stack.languages) >= 2", False, "stack.languages = 1 (go)"),
    ]


def test_trace_agrees_with_the_compiled_condition_on_every_rule(pack: RulePack) -> None:
    from advisor.answers import load_answers
    from tests.conftest import EXAMPLES

    for path in EXAMPLES:
        facts = load_answers(path, pack.bank).facts
        for rule in pack.rules:
            assert trace(rule.condition, facts).outcome is rule.test(facts), (path.name, rule.id)
