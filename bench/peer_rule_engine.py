"""The default pack's conditions translated for the `rule-engine` package, a peer engine.

`rule-engine` (https://pypi.org/project/rule-engine/) parses a small expression language
and evaluates it on Python objects; it is what a team might reach for instead of writing a
condition compiler. Each of our conditions becomes one of its rules, scored by the same
loop as `engine.score`. Its logic is two-valued, so the comparison runs on fully answered
facts only, where both must fire exactly the same rules (checked before timing).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import rule_engine

from advisor.engine.score import Scoring
from advisor.facts import FactValue
from advisor.pack.conditions import AllOf, Condition, Leaf, Not
from advisor.pack.model import RulePack

_OPERATORS = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def symbol(fact: str) -> str:
    """rule-engine symbols cannot hold dots: `team.ops_engineers` -> `team__ops_engineers`."""
    return fact.replace(".", "__")


def literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (frozenset, set, tuple, list)):
        return "[" + ", ".join(literal(item) for item in sorted(value)) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)


def translate(condition: Condition | None) -> str:
    """Our condition in rule-engine's syntax."""
    if condition is None:
        return "true"
    if isinstance(condition, Leaf):
        name = symbol(condition.fact)
        subject = f"{name}.length" if condition.count else name
        if condition.op == "in":
            return f"({subject} in {literal(condition.value)})"
        if condition.op == "not_in":
            return f"(not ({subject} in {literal(condition.value)}))"
        if condition.op == "contains":
            return f"({literal(condition.value)} in {name})"
        return f"({subject} {_OPERATORS[condition.op]} {literal(condition.value)})"
    if isinstance(condition, Not):
        return f"(not {translate(condition.part)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    return "(" + joiner.join(translate(part) for part in condition.parts) + ")"


def flat_facts(facts: Mapping[str, FactValue]) -> dict[str, Any]:
    return {symbol(fact): value for fact, value in facts.items()}


def compile_peer(pack: RulePack) -> Callable[[dict[str, Any]], Scoring]:
    """A scorer with the same loop as `engine.score`, its conditions run by rule-engine."""
    context = rule_engine.Context()
    compiled = [
        (rule_engine.Rule(translate(rule.condition), context=context), rule, delta, sorted(exclusions))
        for rule, delta, exclusions in zip(pack.rules, pack.deltas, pack.exclusions, strict=True)
    ]
    bases = pack.base_totals

    def score_peer(flat: dict[str, Any]) -> Scoring:
        totals = dict(bases)
        fired = []
        excluded: dict[str, tuple[Any, ...]] = {}
        for matcher, rule, delta, exclusions in compiled:
            if matcher.matches(flat):
                fired.append(rule)
                for target, points in delta.items():
                    totals[target] += points
                for target in exclusions:
                    excluded[target] = (*excluded.get(target, ()), rule)
        return Scoring(totals, tuple(fired), (), excluded)

    return score_peer
