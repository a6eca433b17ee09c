"""Property tests on rule packs: generated rule files (random conditions and effects, many of
them invalid) either load or are refused with problems that each name a file and a line; a
pack that loads evaluates any facts without error, and its compiled conditions agree with a
plain reading of three-valued logic.

ADVISOR_FUZZ_EXAMPLES=2000 runs a longer search than the default.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from advisor.answers import Answers
from advisor.engine.score import score
from advisor.errors import InputError
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.compile import Outcome
from advisor.pack.conditions import OPERATORS, AllOf, AnyOf, Condition, Leaf, Not
from advisor.pack.load import load_rule_pack
from advisor.pack.model import DEV_ENVIRONMENT, OPTIONS_FILE, PACK_FILE, QUESTIONS_FILE, RulePack
from advisor.render import render

DEFAULT = load_rule_pack(default_rules_dir())
BANK = DEFAULT.bank
TARGETS = sorted(o.id for o in (*DEFAULT.strategies, *DEFAULT.platforms))
EXAMPLES = int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ------------------------------------------------------------------------------

facts_ids = st.sampled_from(sorted(BANK.facts))
junk_words = st.sampled_from(
    ["", "x", "team.opps_engineers", "app", "__class__", "unknown", "'unknown'", "[", "{a}", "1e9", "-", "\t"]
)


@st.composite
def leaf_text(draw: st.DrawFn) -> str:
    fact = draw(facts_ids)
    question = BANK.facts[fact]
    subject = f"count({fact})" if question.type == "list" and draw(st.booleans()) else fact
    op = draw(st.sampled_from([*OPERATORS, "=", "=>", "has"]))
    if question.type == "choice":
        one = st.sampled_from(sorted(question.choices))
    elif question.type == "int" or subject.startswith("count("):
        one = st.integers(min_value=-5, max_value=200).map(str)
    elif question.type == "bool":
        one = st.sampled_from(["true", "false", "yes", "no"])
    else:
        one = st.sampled_from([*sorted(question.choices), "go", "Go"])
    value = draw(
        st.one_of(
            one,
            st.lists(one, min_size=0, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
            junk_words,
        )
    )
    form = draw(st.integers(min_value=0, max_value=9))
    if form == 0:
        return fact
    if form == 1:
        return f"{subject} {op}"
    return f"{subject} {op} {value}"


conditions = st.recursive(
    st.one_of(leaf_text(), junk_words, st.integers(), st.none(), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.builds(lambda parts: {"all": parts}, st.lists(inner, max_size=3)),
        st.builds(lambda parts: {"any": parts}, st.lists(inner, max_size=3)),
        st.builds(lambda part: {"not": part}, inner),
        st.builds(lambda key, part: {key: part}, st.sampled_from(["al", "none", "or"]), inner),
        st.builds(lambda a, b: {"all": [a], "any": [b]}, inner, inner),
        st.builds(lambda part: {"any": part}, inner),
    ),
    max_leaves=6,
)

_VALID_OPERATORS = {
    "int": ["==", "!=", "<", "<=", ">", ">=", "in", "not_in"],
    "bool": ["==", "!="],
    "choice": ["==", "!=", "in", "not_in"],
    "list": ["contains"],
}


@st.composite
def valid_leaf_text(draw: st.DrawFn) -> str:
    """A leaf the compiler must accept."""
    fact = draw(facts_ids)
    question = BANK.facts[fact]
    kind = question.type
    subject = fact
    if kind == "list" and draw(st.booleans()):
        subject, kind = f"count({fact})", "int"
    if kind == "bool" and draw(st.booleans()):
        return fact
    op = draw(st.sampled_from(_VALID_OPERATORS[kind]))
    if kind == "int":
        one: st.SearchStrategy[str] = st.integers(min_value=0, max_value=40).map(str)
    elif kind == "bool":
        one = st.sampled_from(["true", "false"])
    elif kind == "choice":
        one = st.sampled_from(sorted(question.choices))
    else:
        one = st.sampled_from([*sorted(question.choices), "cobol"])
    if op in ("in", "not_in"):
        value = "[" + ", ".join(draw(st.lists(one, min_size=1, max_size=3))) + "]"
    else:
        value = draw(one)
    return f"{subject} {op} {value}"


valid_conditions = st.recursive(
    valid_leaf_text(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3),
        st.builds(lambda parts: {"all": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda parts: {"any": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda part: {"not": part}, inner),
    ),
    max_leaves=6,
)


@st.composite
def valid_rule_files(draw: st.DrawFn) -> list[str]:
    """Rule files that must load: unique ids, valid conditions, known targets and facts."""
    ids = draw(
        st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), min_size=1, max_size=8, unique=True)
    )
    rules_ = []
    for rule_id in ids:
        rule: dict[str, Any] = {"id": rule_id, "because": "{" + draw(facts_ids) + "} matters"}
        if draw(st.integers(0, 5)):
            rule["when"] = draw(valid_conditions)
        points = st.integers(-10, 10)
        rule["effects"] = draw(
            st.dictionaries(st.sampled_from([*TARGETS, DEV_ENVIRONMENT]), points, min_size=1, max_size=3)
        )
        if draw(st.integers(0, 4)) == 0:
            rule["exclude"] = draw(st.lists(st.sampled_from(TARGETS), max_size=2))
        rules_.append(rule)
    cut = draw(st.integers(min_value=0, max_value=len(rules_)))
    parts = [rules_[:cut], rules_[cut:]] if 0 < cut < len(rules_) else [rules_]
    return [yaml.safe_dump({"rules": part}, allow_unicode=True, sort_keys=False) for part in parts]


because_text = st.lists(
    st.one_of(
        st.text(max_size=10),
        facts_ids.map(lambda fact: "{" + fact + "}"),
        st.sampled_from(["{", "}", "{}", "{x.y}", "{app.components.__class__}"]),
    ),
    max_size=4,
).map("".join)


@st.composite
def rules(draw: st.DrawFn) -> Any:
    rule: dict[str, Any] = {
        "id": draw(st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), junk_words)),
        "because": draw(because_text),
    }
    if draw(st.integers(0, 5)):
        rule["when"] = draw(conditions)
    if draw(st.integers(0, 3)):
        points = st.one_of(st.integers(-10, 10), st.floats(-10, 10), st.just("lots"))
        keys = st.one_of(st.sampled_from([*TARGETS, DEV_ENVIRONMENT]), junk_words)
        rule["effects"] = draw(st.dictionaries(keys, points, max_size=4))
    if draw(st.integers(0, 4)) == 0:
        rule["exclude"] = draw(st.lists(st.one_of(st.sampled_from(TARGETS), junk_words), max_size=2))
    if draw(st.integers(0, 5)) == 0:
        rule["mitigation"] = draw(because_text)
    if draw(st.integers(0, 9)) == 0:
        rule[draw(st.sampled_from(["weight", "when ", "Because"]))] = 1
    if draw(st.integers(0, 19)) == 0:
        return draw(st.one_of(st.none(), st.text(max_size=5), st.lists(st.integers(), max_size=2)))
    return rule


RULE_FRAGMENTS = [
    "rules:",
    "  - id: a",
    "  - id: b",
    "    when: ",
    "team.ops_engineers >= 2",
    "{all: [",
    "]}",
    "    effects: {paas: 1}",
    "    exclude: [paas]",
    "    because: b {team.engineers}",
    "&x ",
    "*x",
    "!!python/name:os.system",
    "\t",
    "- ",
    ": ",
]


@st.composite
def rule_files(draw: st.DrawFn) -> list[str]:
    files = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if draw(st.integers(0, 4)) == 0:
            parts = draw(
                st.lists(st.one_of(st.sampled_from(RULE_FRAGMENTS), st.text(max_size=6)), max_size=20)
            )
            files.append("\n".join(parts) + "\n")
        else:
            body = {"rules": draw(st.lists(rules(), max_size=5))}
            files.append(yaml.safe_dump(body, allow_unicode=True, sort_keys=False))
    return files


def fact_value(fact: str) -> st.SearchStrategy[FactValue]:
    question = BANK.facts[fact]
    if question.type == "int":
        low = question.min or 0
        value: st.SearchStrategy[Any] = st.integers(low, question.max if question.max is not None else 10**6)
    elif question.type == "bool":
        value = st.booleans()
    elif question.type == "choice":
        value = st.sampled_from(sorted(question.choices))
    else:
        value = st.lists(st.sampled_from([*sorted(question.choices), "cobol"]), unique=True, max_size=5).map(
            tuple
        )
    return st.one_of(value, st.just(UNKNOWN))


any_facts = st.fixed_dictionaries({}, optional={fact: fact_value(fact) for fact in BANK.facts})

# --- a plain reading of the condition language, to check the compiled closures against --------


def reference(condition: Condition | None, facts: Mapping[str, FactValue]) -> Outcome:
    if condition is None:
        return True
    if isinstance(condition, Leaf):
        value: Any = facts.get(condition.fact, UNKNOWN)
        if value is UNKNOWN:
            return None
        if condition.count:
            value = len(value)
        expected, op = condition.value, condition.op
        if op == "in":
            return value in expected
        if op == "not_in":
            return value not in expected
        if op == "contains":
            return expected in value
        return {
            "==": lambda: value == expected,
            "!=": lambda: value != expected,
            "<": lambda: value < expected,
            "<=": lambda: value <= expected,
            ">": lambda: value > expected,
            ">=": lambda: value >= expected,
        }[op]()
    if isinstance(condition, Not):
        inner = reference(condition.part, facts)
        return None if inner is None else not inner
    outcomes = [reference(part, facts) for part in condition.parts]
    decisive = isinstance(condition, AnyOf)
    assert isinstance(condition, (AllOf, AnyOf))
    if decisive in outcomes:
        return decisive
    return None if None in outcomes else not decisive


# --- properties ------------------------------------------------------------------------------


def build_pack(root: Path, files: list[str]) -> None:
    for name in (PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE):
        shutil.copy(default_rules_dir() / name, root / name)
    for index, text in enumerate(files):
        (root / f"rules-{index}.yaml").write_text(text, encoding="utf-8")


def check_loaded(pack: RulePack, samples: list[dict[str, FactValue]]) -> None:
    for facts in samples:
        for rule in pack.rules:
            assert rule.test(facts) == reference(rule.condition, facts), rule.id
        scoring = score(pack, facts)
        ids = [rule.id for rule in pack.rules]
        assert {rule.id for rule in (*scoring.fired, *scoring.undetermined)} <= set(ids)
        result = evaluate(pack, Answers(facts=dict(facts)))
        render(result, "md")


@FUZZ
@given(rule_files(), st.lists(any_facts, min_size=1, max_size=3))
def test_generated_rule_packs_load_or_fail_with_located_problems(
    files: list[str], samples: list[dict[str, FactValue]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_pack(root, files)
        try:
            pack = load_rule_pack(root)
        except InputError as error:
            event(f"refused with {min(len(error.problems), 3)}+ problems")
            assert error.problems, f"unlocated: {error.text}"
            for problem in error.problems:
                assert Path(problem.where.file).parent == root, str(problem)
                assert problem.where.line >= 1, str(problem)
            return
        event(f"loaded with {min(len(pack.rules), 3)}+ rules")
        check_loaded(pack, samples)


@FUZZ
@given(valid_rule_files(), st.lists(any_facts, min_size=1, max_size=5))
def test_valid_generated_rule_packs_load_and_agree_with_three_valued_logic(
    files: list[str], samples: list[dict[str, FactValue]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_pack(root, files)
        pack = load_rule_pack(root)
        check_loaded(pack, samples)


@FUZZ
@given(st.lists(any_facts, min_size=5, max_size=20))
def test_default_pack_conditions_agree_with_three_valued_logic(samples: list[dict[str, FactValue]]) -> None:
    check_loaded(DEFAULT, samples)


def test_tagged_values_in_conditions_are_located_errors() -> None:
    """Regression: `app.components == !!int` crashed the loader with an IndexError."""
    rules = (
        "rules:\n  - id: tagged\n    when: app.components == !!int\n    effects: {paas: 1}\n    because: x\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_pack(root, [rules])
        try:
            load_rule_pack(root)
        except InputError as error:
            assert [str(p) for p in error.problems] == [
                f"{root / 'rules-0.yaml'}:3:11: app.components == !!int: expected an integer, got '!!int'"
            ]
        else:
            raise AssertionError("a tagged value in a condition loaded")
