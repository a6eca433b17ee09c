"""The condition language of rules and questions: its syntax tree and its type checks.

A condition is structured YAML: a leaf string `FACT OP VALUE`, a bare boolean fact, a list
(all of them), or a mapping with one key `all`, `any` or `not`. Leaves are checked against
the question bank when the pack loads; `advisor.compiler` then turns them into closures, so
rule text is never evaluated as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeAlias

from advisor.errors import Location, Problem, did_you_mean
from advisor.facts import UNKNOWN_WORD
from advisor.pack.questions import Question, QuestionBank
from advisor.source.document import Document, KeyPath, parse_value

OPERATORS = ("==", "!=", "<", "<=", ">", ">=", "in", "not_in", "contains")
_OPERATORS_BY_TYPE = {
    "int": ("==", "!=", "<", "<=", ">", ">=", "in", "not_in"),
    "bool": ("==", "!="),
    "choice": ("==", "!=", "in", "not_in"),
    "list": ("contains",),
}
_COUNT = re.compile(r"^count\((?P<fact>[^()\s]+)\)$")


@dataclass(frozen=True)
class Leaf:
    """`fact op value`; with `count`, the comparison is on the length of a list fact."""

    fact: str
    op: str
    value: Any
    text: str
    where: Location
    count: bool = False


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    part: Condition


Condition: TypeAlias = Leaf | AllOf | AnyOf | Not


# --- parsing and type checks -------------------------------------------------------------


def parse_condition(
    doc: Document, path: KeyPath, bank: QuestionBank, problems: list[Problem]
) -> Condition | None:
    """Parse and type-check the condition at `path`; problems are appended, not raised."""
    data: Any = doc.data
    for part in path:
        data = data[part]
    return _parse(data, doc, path, bank, problems)


def parse_condition_data(
    data: Any, doc: Document, path: KeyPath, bank: QuestionBank, problems: list[Problem]
) -> Condition | None:
    """Parse and type-check a condition held as data rather than read from `doc` (a setting,
    which a layer may have kept from the pack below), its problems located at `path` in `doc`
    or at the nearest parent found there."""
    return _parse(data, doc, path, bank, problems)


def _parse(
    data: Any, doc: Document, path: KeyPath, bank: QuestionBank, problems: list[Problem]
) -> Condition | None:
    where = doc.at(path)
    if isinstance(data, str):
        return _parse_leaf(data, where, bank, problems)
    if isinstance(data, list):
        if not data:
            problems.append(Problem(where, "empty condition list; remove it or add conditions"))
            return None
        parts = [_parse(item, doc, (*path, i), bank, problems) for i, item in enumerate(data)]
        return AllOf(tuple(p for p in parts if p is not None))
    if isinstance(data, dict) and len(data) == 1:
        ((key, inner),) = data.items()
        if key == "not":
            part = _parse(inner, doc, (*path, key), bank, problems)
            return Not(part) if part is not None else None
        if key in ("all", "any"):
            if not isinstance(inner, list) or not inner:
                problems.append(
                    Problem(doc.at((*path, key)), f"'{key}' takes a non-empty list of conditions")
                )
                return None
            parts = [_parse(item, doc, (*path, key, i), bank, problems) for i, item in enumerate(inner)]
            kept = tuple(p for p in parts if p is not None)
            return AllOf(kept) if key == "all" else AnyOf(kept)
        hint = did_you_mean(str(key), ["all", "any", "not"])
        problems.append(
            Problem(
                doc.at((*path, key), key=True),
                f"unknown condition key '{key}'{hint}; use all, any or not",
            )
        )
        return None
    problems.append(
        Problem(
            where,
            f"a condition is 'FACT OP VALUE', a list, or one of all/any/not, not {type(data).__name__}",
        )
    )
    return None


def _parse_leaf(text: str, where: Location, bank: QuestionBank, problems: list[Problem]) -> Leaf | None:
    tokens = text.split(None, 2)
    if not tokens:
        problems.append(Problem(where, "empty condition"))
        return None
    name = tokens[0]
    count_match = _COUNT.match(name)
    fact = count_match["fact"] if count_match else name
    question = bank.facts.get(fact)
    if question is None:
        problems.append(Problem(where, f"unknown fact '{fact}'{did_you_mean(fact, bank.facts)}"))
        return None
    if count_match and question.type != "list":
        problems.append(Problem(where, f"count() applies to list facts; '{fact}' is {question.type}"))
        return None
    if len(tokens) == 1:
        if question.type != "bool":
            problems.append(
                Problem(
                    where,
                    f"'{fact}' alone is a condition only for true/false facts; write '{fact} OP VALUE'",
                )
            )
            return None
        return Leaf(fact, "==", True, text.strip(), where)
    if len(tokens) == 2:
        problems.append(Problem(where, f"incomplete condition '{text.strip()}'; write 'FACT OP VALUE'"))
        return None
    op, raw = tokens[1], tokens[2].strip()
    kind = "int" if count_match else question.type
    allowed = _OPERATORS_BY_TYPE[kind]
    if op not in OPERATORS:
        problems.append(
            Problem(
                where,
                f"unknown operator '{op}'{did_you_mean(op, OPERATORS)}; use one of {' '.join(OPERATORS)}",
            )
        )
        return None
    if op not in allowed:
        problems.append(
            Problem(
                where,
                f"operator '{op}' does not apply to {name} ({kind}); use {', '.join(allowed)}",
            )
        )
        return None
    value, error = _parse_value(raw, op, kind, question)
    if error:
        problems.append(Problem(where, f"{text.strip()}: {error}"))
        return None
    return Leaf(fact, op, value, text.strip(), where, count=bool(count_match))


def _parse_value(raw: str, op: str, kind: str, question: Question) -> tuple[Any, str | None]:
    if raw.strip("'\"") == UNKNOWN_WORD:
        return (
            None,
            "conditions cannot test for 'unknown'; an unknown fact leaves a condition undetermined",
        )
    if op in ("in", "not_in"):
        items = parse_value(raw)
        if not isinstance(items, list) or not items:
            return None, f"'{op}' takes a list such as [a, b]"
        values = []
        for item in items:
            value, error = _scalar(item, str(item), kind, question)
            if error:
                return None, error
            values.append(value)
        return frozenset(values), None
    return _scalar(parse_value(raw), raw.strip("'\""), kind, question)


def _scalar(value: Any, raw: str, kind: str, question: Question) -> tuple[Any, str | None]:
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"expected an integer, got '{raw}'"
        return value, None
    if kind == "bool":
        if not isinstance(value, bool):
            return None, f"expected true or false, got '{raw}'"
        return value, None
    if kind == "choice":
        if raw not in question.choices:
            hint = did_you_mean(raw, question.choices)
            return (
                None,
                f"'{raw}' is not a choice of {question.fact} ({', '.join(question.choices)}){hint}",
            )
        return raw, None
    name = raw.lower()
    if not question.open and question.choices and name not in question.choices:
        hint = did_you_mean(name, question.choices)
        return None, f"'{raw}' is not a choice of {question.fact} ({', '.join(question.choices)}){hint}"
    return name, None


# --- reading a condition -------------------------------------------------------------------


def condition_facts(condition: Condition | None) -> frozenset[str]:
    """Every fact a condition reads."""
    if condition is None:
        return frozenset()
    if isinstance(condition, Leaf):
        return frozenset((condition.fact,))
    if isinstance(condition, Not):
        return condition_facts(condition.part)
    return frozenset().union(*(condition_facts(part) for part in condition.parts))


def leaves(condition: Condition | None) -> list[Leaf]:
    if condition is None:
        return []
    if isinstance(condition, Leaf):
        return [condition]
    if isinstance(condition, Not):
        return leaves(condition.part)
    return [leaf for part in condition.parts for leaf in leaves(part)]


def render_condition(condition: Condition | None) -> str:
    """A condition as one line of text, for listings and lint messages."""
    if condition is None:
        return "always"
    if isinstance(condition, Leaf):
        return condition.text
    if isinstance(condition, Not):
        return f"not ({render_condition(condition.part)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    return "(" + joiner.join(render_condition(part) for part in condition.parts) + ")"
