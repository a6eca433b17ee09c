"""A generated-Python floor for scoring a rule pack: what hand-written code would cost.

For a pack, generate one straight-line Python function that does what `engine.score` does:
every condition inlined as expressions (three-valued: an unknown or unanswered fact makes a
leaf None; all/any/not follow Kleene logic), every effect a local addition. Nothing is
looked up at run time except the facts. This is the fastest plain Python can score the
pack; the engine, which compiles rule text into closures without `exec`, is measured
against it.

The source is exec'd here, in the benchmark only: the tool itself never execs rule text.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from advisor.engine.score import Scoring
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.conditions import AllOf, AnyOf, Condition, Leaf, Not
from advisor.pack.model import RulePack

ScoreFunction = Callable[[Mapping[str, FactValue]], Scoring]


class _Source:
    def __init__(self) -> None:
        self.constants: dict[str, Any] = {}
        self.names = itertools.count()

    def constant(self, value: Any) -> str:
        name = f"C{len(self.constants)}"
        self.constants[name] = value
        return name

    def temp(self) -> str:
        return f"p{next(self.names)}"

    def expression(self, condition: Condition) -> str:
        if isinstance(condition, Leaf):
            return self.leaf(condition)
        if isinstance(condition, Not):
            part = self.temp()
            return f"(None if ({part} := {self.expression(condition.part)}) is None else not {part})"
        parts = [(self.temp(), self.expression(part)) for part in condition.parts]
        decisive = "False" if isinstance(condition, AllOf) else "True"
        assert isinstance(condition, (AllOf, AnyOf))
        if not parts:
            return "True" if isinstance(condition, AllOf) else "False"
        undecided = " or ".join(f"{name} is None" for name, _ in parts)
        otherwise = "True" if decisive == "False" else "False"
        text = f"(None if {undecided} else {otherwise})"
        for name, expression in reversed(parts):
            text = f"({decisive} if ({name} := {expression}) is {decisive} else {text})"
        return text

    def leaf(self, leaf: Leaf) -> str:
        value = f"(v := get({leaf.fact!r}, U))"
        subject = "len(v)" if leaf.count else "v"
        expected = self.constant(leaf.value)
        if leaf.op == "in":
            test = f"{subject} in {expected}"
        elif leaf.op == "not_in":
            test = f"{subject} not in {expected}"
        elif leaf.op == "contains":
            test = f"{expected} in v"
        else:
            test = f"{subject} {leaf.op} {expected}"
        return f"(None if {value} is U else {test})"


def floor_source(pack: RulePack) -> tuple[str, dict[str, Any]]:
    """The source of `score_floor(facts)` for this pack, and the constants it reads."""
    source = _Source()
    bases = pack.base_totals
    total = {option: f"t{index}" for index, option in enumerate(bases)}
    lines = [
        "def score_floor(facts):",
        "    get = facts.get",
        "    fired = []",
        "    undetermined = []",
        "    excluded = {}",
    ]
    lines += [f"    {total[option]} = {bases[option]!r}" for option in total]
    for index, rule in enumerate(pack.rules):
        expression = "True" if rule.condition is None else source.expression(rule.condition)
        lines += [
            f"    # {rule.id}",
            f"    o = {expression}",
            "    if o:",
            f"        fired.append(R[{index}])",
        ]
        lines += [f"        {total[target]} += {points!r}" for target, points in pack.deltas[index].items()]
        lines += [
            f"        excluded[{target!r}] = (*excluded.get({target!r}, ()), R[{index}])"
            for target in sorted(pack.exclusions[index])
        ]
        lines += ["    elif o is None:", f"        undetermined.append(R[{index}])"]
    totals = ", ".join(f"{option!r}: {name}" for option, name in total.items())
    lines.append(f"    return Scoring({{{totals}}}, tuple(fired), tuple(undetermined), excluded)")
    return "\n".join(lines) + "\n", source.constants


def compile_floor(pack: RulePack) -> ScoreFunction:
    source, constants = floor_source(pack)
    namespace: dict[str, Any] = {"U": UNKNOWN, "R": pack.rules, "Scoring": Scoring, **constants}
    # The benchmark execs its own generated code; the tool never execs rule text.
    exec(compile(source, "<floor>", "exec"), namespace)
    function: ScoreFunction = namespace["score_floor"]
    return function
