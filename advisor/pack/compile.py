"""Conditions compiled once into closures, and traced for the explanation.

Unknown and unanswered facts make a leaf *undetermined* (None): neither true nor false.
`all`, `any` and `not` follow three-valued (Kleene) logic: `all` is false as soon as one
part is false, `any` is true as soon as one part is true, and otherwise undetermined parts
make the whole undetermined. A rule fires only when its condition is true; an
undetermined rule is reported so that confidence can account for it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from advisor.facts import UNKNOWN, FactValue
from advisor.pack.conditions import AllOf, Condition, Leaf, Not
from advisor.words import format_value

Outcome: TypeAlias = bool | None
Test: TypeAlias = Callable[[Mapping[str, FactValue]], Outcome]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclass(frozen=True)
class Trace:
    """How one part of a condition came out, with the value it read."""

    text: str
    outcome: Outcome
    value: str | None = None
    parts: tuple[Trace, ...] = ()


def compile_condition(condition: Condition | None) -> Test:
    """A closure that evaluates the condition on a facts mapping, in three-valued logic."""
    if condition is None:
        return _always
    if isinstance(condition, Leaf):
        return _compile_leaf(condition)
    if isinstance(condition, Not):
        inner = compile_condition(condition.part)

        def negate(facts: Mapping[str, FactValue]) -> Outcome:
            outcome = inner(facts)
            return None if outcome is None else not outcome

        return negate
    tests = tuple(compile_condition(part) for part in condition.parts)
    return _all(tests) if isinstance(condition, AllOf) else _any(tests)


def _always(facts: Mapping[str, FactValue]) -> Outcome:
    return True


def _all(tests: tuple[Test, ...]) -> Test:
    if len(tests) == 2:  # the most common shape, without the loop
        first, second = tests

        def all_of_two(facts: Mapping[str, FactValue]) -> Outcome:
            one = first(facts)
            if one is False:
                return False
            two = second(facts)
            if two is False:
                return False
            return None if one is None or two is None else True

        return all_of_two
    if len(tests) == 3:  # rules that narrow a two-part condition to one provider, say
        first, second, third = tests

        def all_of_three(facts: Mapping[str, FactValue]) -> Outcome:
            one = first(facts)
            if one is False:
                return False
            two = second(facts)
            if two is False:
                return False
            three = third(facts)
            if three is False:
                return False
            return None if one is None or two is None or three is None else True

        return all_of_three

    def all_of(facts: Mapping[str, FactValue]) -> Outcome:
        outcome: Outcome = True
        for test in tests:
            result = test(facts)
            if result is False:
                return False
            if result is None:
                outcome = None
        return outcome

    return all_of


def _any(tests: tuple[Test, ...]) -> Test:
    if len(tests) == 2:  # the most common shape, without the loop
        first, second = tests

        def any_of_two(facts: Mapping[str, FactValue]) -> Outcome:
            one = first(facts)
            if one is True:
                return True
            two = second(facts)
            if two is True:
                return True
            return None if one is None or two is None else False

        return any_of_two

    def any_of(facts: Mapping[str, FactValue]) -> Outcome:
        outcome: Outcome = False
        for test in tests:
            result = test(facts)
            if result is True:
                return True
            if result is None:
                outcome = None
        return outcome

    return any_of


def _compile_leaf(leaf: Leaf) -> Test:
    key, expected, unknown = leaf.fact, leaf.value, UNKNOWN
    if leaf.count:
        compare = _COMPARE.get(leaf.op)

        def count(facts: Mapping[str, FactValue]) -> Outcome:
            value = facts.get(key, unknown)
            if value is unknown:
                return None
            size = len(value)  # type: ignore[arg-type]
            return compare(size, expected) if compare else (size in expected) == (leaf.op == "in")

        return count
    return _LEAF_TESTS[leaf.op](key, expected)


# One closure factory per operator, with the operator written out: rules run on every
# evaluation, and calling `operator.eq` and friends through a variable cost a tenth of it.


def _equal(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value == expected

    return test


def _not_equal(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value != expected

    return test


def _less(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value < expected

    return test


def _less_equal(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value <= expected

    return test


def _greater(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value > expected

    return test


def _greater_equal(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value >= expected

    return test


def _member(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value in expected

    return test


def _non_member(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else value not in expected

    return test


def _contains(key: str, expected: Any, unknown: object = UNKNOWN) -> Test:
    def test(facts: Mapping[str, FactValue]) -> Outcome:
        value = facts.get(key, unknown)
        return None if value is unknown else expected in value  # type: ignore[operator]

    return test


_LEAF_TESTS: dict[str, Callable[[str, Any], Test]] = {
    "==": _equal,
    "!=": _not_equal,
    "<": _less,
    "<=": _less_equal,
    ">": _greater,
    ">=": _greater_equal,
    "in": _member,
    "not_in": _non_member,
    "contains": _contains,
}


def trace(condition: Condition | None, facts: Mapping[str, FactValue]) -> Trace:
    """Evaluate again, recording each part's outcome and the values it read.

    Leaves are compiled as usual; `all`, `any` and `not` combine their parts' traced
    outcomes with the same three-valued logic, so nothing is compiled twice.
    """
    if condition is None:
        return Trace("always", True)
    if isinstance(condition, Leaf):
        value = facts.get(condition.fact)
        shown = format_value(value)
        if condition.count and isinstance(value, tuple):
            shown = f"{len(value)} ({shown})"
        return Trace(condition.text, _compile_leaf(condition)(facts), f"{condition.fact} = {shown}")
    if isinstance(condition, Not):
        inner = trace(condition.part, facts)
        return Trace("not", None if inner.outcome is None else not inner.outcome, parts=(inner,))
    parts = tuple(trace(part, facts) for part in condition.parts)
    outcomes = [part.outcome for part in parts]
    if isinstance(condition, AllOf):
        outcome: Outcome = False if False in outcomes else (None if None in outcomes else True)
        return Trace("all of", outcome, parts=parts)
    outcome = True if True in outcomes else (None if None in outcomes else False)
    return Trace("any of", outcome, parts=parts)
