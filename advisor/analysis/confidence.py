"""Confidence: how far ahead the recommendation stays, whatever the open answers turn out to be.

The formula, in words (docs/confidence.md has a worked example):

1. Take the *guaranteed lead* of a strategy: the smallest lead it keeps over any rival in
   every possible world, a world being one value for each open (unknown or unanswered) fact.
   An open fact that could exclude the strategy makes its guaranteed lead −∞.
2. confidence = g(the best guaranteed lead of any strategy), with
   g(L) = 1 − ½·e^(−L/s) for L ≥ 0 and ½·e^(L/s) for L < 0 (s = the pack's margin_scale).
   A tie gives ½; a lead of s points about 0.82; a strategy left alone 1; an open answer
   that would put a rival ahead by s points about 0.18.

Worlds are counted without blowing up: open facts that no rule reads together are
independent, so the minimum splits into one small search per group of linked facts
("component"), over the values the conditions can tell apart. A component too large to
enumerate falls back to a per-rule bound (each undetermined rule may fire or not), which
is never above the exact minimum. Because a known fact is one of the worlds of the same
fact unknown, turning a known fact into `unknown` can only lower the guaranteed lead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product

from advisor.engine.baseline import Baseline
from advisor.facts import FactValue, Value
from advisor.pack.model import Rule, RulePack
from advisor.result import ConfidenceLine
from advisor.words import format_value

MAX_WORLDS_PER_COMPONENT = 4096


def lead_factor(lead: float, scale: float) -> float:
    if lead >= 0:
        return 1 - 0.5 * math.exp(-lead / scale) if lead != math.inf else 1.0
    return 0.5 * math.exp(lead / scale) if lead != -math.inf else 0.0


@dataclass
class _Worst:
    """A component's worst case for one strategy against one rival."""

    shift: float
    values: dict[str, Value] = field(default_factory=dict)


class _Component:
    """Open facts linked by rules that read several of them, with every world enumerated."""

    def __init__(self, baseline: Baseline, facts: tuple[str, ...], rules: tuple[int, ...], max_worlds: int):
        self.facts = facts
        self.rules = rules
        pack = baseline.pack
        domains = baseline.index.domains
        base = baseline.facts
        strategies = [o.id for o in pack.strategies]
        count = math.prod(len(domains[fact].possible_values()) for fact in facts)
        self.exact = count <= max_worlds
        self.fixed: set[str] = set()
        # each world: (assignment, points per strategy relative to base, options it excludes)
        self.worlds: list[tuple[dict[str, Value], dict[str, float], frozenset[str]]] = []
        if self.exact:
            for values in product(*(domains[fact].possible_values() for fact in facts)):
                assignment = dict(zip(facts, values, strict=True))
                world = {**base, **assignment}
                self.worlds.append(self._outcome(pack.rules, baseline.firing, world, assignment, strategies))
        else:
            self.worlds = self._bounds(pack.rules, baseline, strategies)

    def _outcome(
        self,
        rules: tuple[Rule, ...],
        firing: tuple[bool, ...],
        world: Mapping[str, FactValue],
        assignment: dict[str, Value],
        strategies: list[str],
    ) -> tuple[dict[str, Value], dict[str, float], frozenset[str]]:
        shift = dict.fromkeys(strategies, 0.0)
        excluded: set[str] = set()
        for number in self.rules:
            rule = rules[number]
            fires = rule.test(world) is True
            if fires:
                excluded.update(rule.spec.exclude)
            if fires != firing[number]:
                sign = 1 if fires else -1
                for target in strategies:
                    shift[target] += sign * rule.spec.effects.get(target, 0.0)
        return assignment, shift, frozenset(excluded)

    def _bounds(
        self, rules: tuple[Rule, ...], baseline: Baseline, strategies: list[str]
    ) -> list[tuple[dict[str, Value], dict[str, float], frozenset[str]]]:
        """Too many worlds: one pseudo-world per undetermined rule, treated as independent.

        Rules that stay determined become `self.fixed`: what they exclude, they exclude always.
        """
        worlds: list[tuple[dict[str, Value], dict[str, float], frozenset[str]]] = []
        for number in self.rules:
            rule = rules[number]
            outcome = rule.test(baseline.facts)
            if outcome is None:
                effects = {target: rule.spec.effects.get(target, 0.0) for target in strategies}
                worlds.append(({}, effects, frozenset(rule.spec.exclude)))
            elif outcome:
                self.fixed.update(rule.spec.exclude)
        return worlds

    def can_exclude(self, option: str) -> dict[str, Value] | None:
        if option in self.fixed:
            return {}
        for assignment, _, excluded in self.worlds:
            if option in excluded:
                return assignment
        return None

    def always_excludes(self, option: str) -> bool:
        if not self.exact:
            return option in self.fixed
        return all(option in excluded for _, _, excluded in self.worlds)

    def worst(self, strategy: str, rival: str) -> _Worst:
        if not self.exact:
            total = sum(
                min(0.0, shift[strategy] - shift[rival])
                for _, shift, excluded in self.worlds
                if rival not in excluded
            )
            return _Worst(total)
        worst: _Worst | None = None
        for assignment, shift, excluded in self.worlds:
            if rival in excluded:
                continue
            points = shift[strategy] - shift[rival]
            if worst is None or points < worst.shift:
                worst = _Worst(points, assignment)
        return worst if worst is not None else _Worst(0.0)


@dataclass(frozen=True)
class Guarantee:
    """The guaranteed lead of one strategy and what binds it."""

    strategy: str
    lead: float
    rival: str | None = None
    base_lead: float = 0.0
    shifts: tuple[tuple[_Component, _Worst], ...] = ()
    excluded_by: tuple[_Component, dict[str, Value]] | None = None


class Guarantees:
    """Every strategy's guaranteed lead over the open facts of one profile."""

    def __init__(
        self, baseline: Baseline, open_facts: Iterable[str], max_worlds: int = MAX_WORLDS_PER_COMPONENT
    ):
        self.baseline = baseline
        readers = baseline.index.readers
        linked = [fact for fact in open_facts if fact in readers]
        self.components = [
            _Component(baseline, facts, rules, max_worlds)
            for facts, rules in _components(baseline.pack, linked, readers)
        ]
        component_rules = {number for c in self.components for number in c.rules}
        self.fixed_excluded = {
            target
            for number, rule in enumerate(baseline.pack.rules)
            if baseline.firing[number] and number not in component_rules
            for target in rule.spec.exclude
        }

    def of(self, strategy: str) -> Guarantee:
        if strategy in self.fixed_excluded:
            return Guarantee(strategy, -math.inf)
        for component in self.components:
            assignment = component.can_exclude(strategy)
            if assignment is not None:
                return Guarantee(strategy, -math.inf, excluded_by=(component, assignment))
        totals = self.baseline.scoring.totals
        best = Guarantee(strategy, math.inf)
        for option in self.baseline.pack.strategies:
            rival = option.id
            if rival == strategy or rival in self.fixed_excluded:
                continue
            if any(component.always_excludes(rival) for component in self.components):
                continue
            base_lead = totals[strategy] - totals[rival]
            shifts = tuple((c, c.worst(strategy, rival)) for c in self.components)
            lead = base_lead + sum(worst.shift for _, worst in shifts)
            if lead < best.lead:
                best = Guarantee(strategy, lead, rival, base_lead, shifts)
        return best

    def best(self) -> Guarantee:
        """The strategy with the largest guaranteed lead; ties go to the pack's order."""
        found = [self.of(option.id) for option in self.baseline.pack.strategies]
        return max(found, key=lambda guarantee: guarantee.lead)


def _components(
    pack: RulePack, open_facts: list[str], readers: Mapping[str, tuple[int, ...]]
) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    parent = {fact: fact for fact in open_facts}

    def root(fact: str) -> str:
        while parent[fact] != fact:
            parent[fact] = parent[parent[fact]]
            fact = parent[fact]
        return fact

    for rule in pack.rules:
        read = [fact for fact in rule.reads if fact in parent]
        for other in read[1:]:
            parent[root(other)] = root(read[0])
    groups: dict[str, list[str]] = {}
    for fact in open_facts:
        groups.setdefault(root(fact), []).append(fact)
    return [
        (tuple(facts), tuple(sorted({number for fact in facts for number in readers[fact]})))
        for facts in groups.values()
    ]


def confidence_breakdown(
    baseline: Baseline,
    strategy: str | None,
    status: Mapping[str, str],
    max_worlds: int = MAX_WORLDS_PER_COMPONENT,
) -> list[ConfidenceLine]:
    """The confidence of the recommendation, one line per step of the formula.

    `status` maps each open fact, in interview order, to "unknown" or "unanswered".
    """
    if strategy is None:
        return [
            ConfidenceLine(
                factor="confidence",
                value=0.0,
                explanation="Every strategy is excluded; there is nothing to recommend.",
            )
        ]
    scale = baseline.pack.info.confidence.margin_scale
    guarantees = Guarantees(baseline, status, max_worlds)
    own = guarantees.of(strategy)
    best = guarantees.best()
    if best.lead <= own.lead:
        best = own
    lines = _explain(own, scale, baseline.scoring.totals, status)
    final = lead_factor(best.lead, scale)
    if best is not own:
        lines.append(
            ConfidenceLine(
                factor="best guarantee",
                value=round(final, 2),
                points=_finite(best.lead),
                explanation=(
                    f"The best guarantee of any strategy is {best.strategy}'s: {_points(best.lead)} "
                    "whatever the open answers are. Confidence takes the best guarantee, so leaving "
                    "a question open can never raise it."
                ),
            )
        )
    lines.append(
        ConfidenceLine(
            factor="confidence",
            value=round(final, 2),
            points=_finite(best.lead),
            explanation=_formula(best.lead, scale, final),
        )
    )
    return lines


def _explain(
    guarantee: Guarantee, scale: float, totals: Mapping[str, float], status: Mapping[str, str]
) -> list[ConfidenceLine]:
    strategy = guarantee.strategy
    if guarantee.excluded_by is not None:
        component, assignment = guarantee.excluded_by
        return [
            ConfidenceLine(
                factor="open: " + ", ".join(component.facts),
                value=0.0,
                points=None,
                explanation=f"{_facts_text(component.facts, status)}; {_values_text(assignment)} "
                f"would exclude {strategy}.",
            )
        ]
    if guarantee.rival is None:
        return [
            ConfidenceLine(
                factor="lead",
                value=1.0 if guarantee.lead == math.inf else 0.0,
                points=None,
                explanation=f"{strategy} is the only strategy not excluded, whatever the open answers are."
                if guarantee.lead == math.inf
                else f"{strategy} is excluded by the answers given.",
            )
        ]
    running = guarantee.base_lead
    lines = [
        ConfidenceLine(
            factor="lead",
            value=round(lead_factor(running, scale), 2),
            points=running,
            explanation=f"On the answers given, {strategy} scores {totals[strategy]:g} and {guarantee.rival} "
            f"{totals[guarantee.rival]:g}: a lead of {running:g} points.",
        )
    ]
    quiet: list[str] = []
    for component, worst in sorted(guarantee.shifts, key=lambda item: item[1].shift):
        if worst.shift == 0:
            quiet.extend(component.facts)
            continue
        running += worst.shift
        where = (
            f"if {_values_text(worst.values)}"
            if worst.values
            else "if every rule that reads them went the wrong way"
        )
        lines.append(
            ConfidenceLine(
                factor="open: " + ", ".join(component.facts),
                value=round(lead_factor(running, scale), 2),
                points=worst.shift,
                explanation=f"{_facts_text(component.facts, status)}; {where}, the lead over "
                f"{guarantee.rival} changes by {worst.shift:+g} points, to {running:g}.",
            )
        )
    if quiet:
        lines.append(
            ConfidenceLine(
                factor="open, no effect",
                value=round(lead_factor(running, scale), 2),
                points=0.0,
                explanation=f"{_facts_text(tuple(quiet), status)}, but none of "
                f"{'its' if len(quiet) == 1 else 'their'} values changes the lead "
                f"of {strategy} over {guarantee.rival}.",
            )
        )
    return lines


def _facts_text(facts: tuple[str, ...], status: Mapping[str, str]) -> str:
    return ", ".join(f"{fact} is {status.get(fact, 'open')}" for fact in facts)


def _values_text(values: Mapping[str, Value]) -> str:
    return " and ".join(f"{fact} = {format_value(value)}" for fact, value in values.items())


def _formula(lead: float, scale: float, final: float) -> str:
    if lead == math.inf:
        return "No open answer leaves any rival standing: confidence 1.00."
    if lead == -math.inf:
        return "An open answer could exclude every candidate: confidence 0.00."
    if lead >= 0:
        return f"Guaranteed lead {lead:g} points: 1 − ½·e^(−{lead:g}/{scale:g}) = {final:.2f}."
    return (
        f"Guaranteed lead {lead:g} points (an open answer could put a rival ahead): "
        f"½·e^({lead:g}/{scale:g}) = {final:.2f}."
    )


def _points(lead: float) -> str:
    if lead == -math.inf:
        return "it could be excluded"
    return f"at worst {-lead:g} points behind" if lead < 0 else f"at least {lead:g} points ahead"


def _finite(lead: float) -> float | None:
    return lead if math.isfinite(lead) else None
