"""Confidence: how far ahead the recommendation stays, whatever the open answers turn out to be.

The formula, in words (docs/confidence.md has a worked example):

1. Take the *guaranteed lead* of a platform over a rival platform: the smallest lead it keeps
   in every possible world, a world being one value for each open (unknown or unanswered)
   fact. An open fact that could exclude the platform makes its guaranteed lead −∞.
2. A strategy's guaranteed lead is the best, over the platforms that carry it, of that
   platform's smallest guaranteed lead over every platform of every other strategy: one of
   its platforms keeps at least that lead in every world (a bound that is exact for a
   strategy carried by one platform). A platform's guaranteed lead is its smallest
   guaranteed lead over every other platform.
3. confidence = g(the best guaranteed lead of any strategy) and platform_confidence =
   g(the best guaranteed lead of any platform), with g(L) = 1 − ½·e^(−L/s) for L ≥ 0 and
   ½·e^(L/s) for L < 0 (s = the pack's margin_scale). A tie gives ½; a lead of s points
   about 0.82; an option left alone 1; an open answer that would put a rival ahead by s
   points about 0.18. Because a platform's rivals include its strategy's, the platform
   confidence is never above the strategy's.

Worlds are counted without blowing up: open facts that no rule reads together are
independent, so the minimum splits into one small search per group of linked facts
("component"), over the values the conditions can tell apart. A component too large to
enumerate falls back to a per-rule bound (each undetermined rule may fire or not), which
is never above the exact minimum. Because a known fact is one of the worlds of the same
fact unknown, turning a known fact into `unknown` can only lower a guaranteed lead.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product

from advisor.engine.baseline import Baseline
from advisor.engine.score import Scoring, best_platform
from advisor.facts import Value
from advisor.pack.model import RulePack
from advisor.result import ConfidenceLine, Status
from advisor.words import counted, format_value, plural_of

MAX_WORLDS_PER_COMPONENT = 4096
World = tuple[dict[str, Value], dict[str, float], frozenset[str]]
"""One world of a component: its assignment, the platform scores' shift from the answers
given, and the platforms excluded in it."""


def lead_factor(lead: float, scale: float) -> float:
    if lead >= 0:
        return 1 - 0.5 * math.exp(-lead / scale) if lead != math.inf else 1.0
    return 0.5 * math.exp(lead / scale) if lead != -math.inf else 0.0


@dataclass
class _Worst:
    """A component's worst case for one platform against one rival."""

    shift: float
    values: dict[str, Value] = field(default_factory=dict)


class _Component:
    """Open facts linked by rules that read several of them, with every world enumerated."""

    def __init__(self, baseline: Baseline, facts: tuple[str, ...], rules: tuple[int, ...], max_worlds: int):
        self.facts = facts
        self.rules = rules
        domains = baseline.index.domains
        count = math.prod(len(domains[fact].possible_values()) for fact in facts)
        self.exact = count <= max_worlds
        self.fixed: set[str] = set()
        self._worst: dict[tuple[str, str], _Worst] = {}
        if self.exact:
            self.worlds = [
                self._outcome(baseline, dict(zip(facts, values, strict=True)))
                for values in product(*(domains[fact].possible_values() for fact in facts))
            ]
        else:
            self.worlds = self._bounds(baseline)

    def _outcome(self, baseline: Baseline, assignment: dict[str, Value]) -> World:
        pack = baseline.pack
        world = {**baseline.facts, **assignment}
        shift = dict.fromkeys(pack.platform_order, 0.0)
        excluded: set[str] = set()
        for number in self.rules:
            fires = pack.rules[number].test(world) is True
            if fires:
                excluded.update(pack.exclusions[number])
            if fires != baseline.firing[number]:
                sign = 1 if fires else -1
                for platform, points in pack.deltas[number].items():
                    if platform in shift:
                        shift[platform] += sign * points
        return assignment, shift, frozenset(excluded)

    def _bounds(self, baseline: Baseline) -> list[World]:
        """Too many worlds: one pseudo-world per undetermined rule, treated as independent.

        Rules that stay determined become `self.fixed`: what they exclude, they exclude always.
        """
        pack = baseline.pack
        worlds: list[World] = []
        for number in self.rules:
            outcome = pack.rules[number].test(baseline.facts)
            if outcome is None:
                shift = {p: pack.deltas[number].get(p, 0.0) for p in pack.platform_order}
                worlds.append(({}, shift, pack.exclusions[number]))
            elif outcome:
                self.fixed.update(pack.exclusions[number])
        return worlds

    def can_exclude(self, platform: str) -> dict[str, Value] | None:
        if platform in self.fixed:
            return {}
        for assignment, _, excluded in self.worlds:
            if platform in excluded:
                return assignment
        return None

    def always_excludes(self, platform: str) -> bool:
        if not self.exact:
            return platform in self.fixed
        return all(platform in excluded for _, _, excluded in self.worlds)

    def worst(self, platform: str, rival: str) -> _Worst:
        key = (platform, rival)
        found = self._worst.get(key)
        if found is None:
            found = self._worst[key] = self._find_worst(platform, rival)
        return found

    def _find_worst(self, platform: str, rival: str) -> _Worst:
        if not self.exact:
            total = sum(
                min(0.0, shift[platform] - shift[rival])
                for _, shift, excluded in self.worlds
                if rival not in excluded
            )
            return _Worst(total)
        worst: _Worst | None = None
        for assignment, shift, excluded in self.worlds:
            if rival in excluded:
                continue
            points = shift[platform] - shift[rival]
            if worst is None or points < worst.shift:
                worst = _Worst(points, assignment)
        return worst if worst is not None else _Worst(0.0)


@dataclass(frozen=True)
class Guarantee:
    """The guaranteed lead of one platform over a set of rivals, and what binds it."""

    platform: str
    lead: float
    rival: str | None = None
    base_lead: float = 0.0
    shifts: tuple[tuple[_Component, _Worst], ...] = ()
    excluded_by: tuple[_Component, dict[str, Value]] | None = None


class Guarantees:
    """Every platform's guaranteed lead over its rivals, for the open facts of one profile."""

    def __init__(
        self, baseline: Baseline, open_facts: Iterable[str], max_worlds: int = MAX_WORLDS_PER_COMPONENT
    ):
        self.baseline = baseline
        pack = baseline.pack
        readers = baseline.index.readers
        linked = [fact for fact in open_facts if fact in readers]
        self.components = [
            _Component(baseline, facts, rules, max_worlds)
            for facts, rules in _components(pack, linked, readers)
        ]
        component_rules = {number for c in self.components for number in c.rules}
        self.fixed_excluded = {
            target
            for number in range(len(pack.rules))
            if baseline.firing[number] and number not in component_rules
            for target in pack.exclusions[number]
        }
        self._gone = {
            platform
            for platform in pack.platform_order
            if platform in self.fixed_excluded or any(c.always_excludes(platform) for c in self.components)
        }

    def of_platform(self, platform: str, rivals: Iterable[str]) -> Guarantee:
        """`platform`'s smallest guaranteed lead over the rivals still in the race in some world."""
        if platform in self.fixed_excluded:
            return Guarantee(platform, -math.inf)
        for component in self.components:
            assignment = component.can_exclude(platform)
            if assignment is not None:
                return Guarantee(platform, -math.inf, excluded_by=(component, assignment))
        totals = self.baseline.scoring.totals
        best = Guarantee(platform, math.inf)
        for rival in rivals:
            if rival == platform or rival in self._gone:
                continue
            base_lead = totals[platform] - totals[rival]
            shifts = tuple((c, c.worst(platform, rival)) for c in self.components)
            lead = base_lead + sum(worst.shift for _, worst in shifts)
            if lead < best.lead:
                best = Guarantee(platform, lead, rival, base_lead, shifts)
        return best

    def of_strategy(self, strategy: str) -> Guarantee:
        """The best of the strategy's platforms, each against every platform of another strategy."""
        pack = self.baseline.pack
        own = pack.carriers[strategy]
        rivals = [platform for platform in pack.platform_order if platform not in own]
        found = [self.of_platform(platform, rivals) for platform in own]
        return max(found, key=lambda guarantee: guarantee.lead)

    def best_strategy(self) -> tuple[str, Guarantee]:
        """The strategy with the largest guaranteed lead; ties go to the pack's order."""
        found = [(strategy, self.of_strategy(strategy)) for strategy in self.baseline.pack.carriers]
        return max(found, key=lambda pair: pair[1].lead)

    def best_platform(self) -> Guarantee:
        order = self.baseline.pack.platform_order
        return max((self.of_platform(platform, order) for platform in order), key=lambda g: g.lead)


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


@dataclass(frozen=True)
class Confidences:
    """The confidence in the strategy and in the platform, each explained line by line."""

    strategy: list[ConfidenceLine]
    platform: list[ConfidenceLine]

    @property
    def value(self) -> float:
        return self.strategy[-1].value

    @property
    def platform_value(self) -> float:
        return self.platform[-1].value


def confidences(
    baseline: Baseline,
    platform: str | None,
    status: Mapping[str, str],
    max_worlds: int = MAX_WORLDS_PER_COMPONENT,
) -> Confidences:
    """The confidence in the recommended strategy and platform (`platform`: the best platform,
    a self-carried strategy's included). `status` maps each open fact, in interview order,
    to "unknown" or "unanswered"."""
    if platform is None:
        none = [
            ConfidenceLine(
                factor="confidence",
                value=0.0,
                explanation="Every strategy is excluded; there is nothing to recommend.",
            )
        ]
        return Confidences(none, none)
    pack = baseline.pack
    scale = pack.info.confidence.margin_scale
    guarantees = Guarantees(baseline, status, max_worlds)
    strategy = pack.strategy_of[platform]
    own = guarantees.of_strategy(strategy)
    best_strategy, best = guarantees.best_strategy()
    if best.lead <= own.lead:
        best_strategy, best = strategy, own
    explain = _Explainer(pack, baseline.scoring.totals, status, scale)
    strategy_lines = explain.lines(own, best, best_strategy, "strategy")
    own_platform = guarantees.of_platform(platform, pack.platform_order)
    best_platform = guarantees.best_platform()
    if best_platform.lead <= own_platform.lead:
        best_platform = own_platform
    platform_lines = explain.lines(own_platform, best_platform, best_platform.platform, "platform")
    return Confidences(strategy_lines, platform_lines)


def decision_status(pack: RulePack, scoring: Scoring, found: Confidences) -> Status:
    """`undecided` on a tie or below the pack's `recommend_from`; `close-call` when a guaranteed
    lead (strategy or platform) is under the pack's `close_call_margin`; else `clear`."""
    settings = pack.info.confidence
    best = best_platform(pack, scoring.totals, scoring.excluded)
    if best is None or _tied(pack, scoring, best):
        return "undecided"
    lowest = min(found.value, found.platform_value)
    if lowest < settings.recommend_from:
        return "undecided"
    if lowest < lead_factor(settings.close_call_margin, settings.margin_scale):
        return "close-call"
    return "clear"


def _tied(pack: RulePack, scoring: Scoring, best: str) -> bool:
    """The best platform scores the same as the best of another strategy, or of its own."""
    own = set(pack.carriers[pack.strategy_of[best]])
    excluded = set(scoring.excluded)
    for rivals in (set(pack.platform_order) - own, own - {best}):
        rival = best_platform(pack, scoring.totals, excluded | (set(pack.platform_order) - rivals))
        if rival is not None and scoring.totals[rival] == scoring.totals[best]:
            return True
    return False


class _Explainer:
    def __init__(self, pack: RulePack, totals: Mapping[str, float], status: Mapping[str, str], scale: float):
        self.pack, self.totals, self.status, self.scale = pack, totals, status, scale

    def name(self, platform: str) -> str:
        """`containers on ecs`, or `paas` for a strategy carried by itself."""
        strategy = self.pack.strategy_of[platform]
        return strategy if platform == strategy else f"{strategy} on {platform}"

    def lines(self, own: Guarantee, best: Guarantee, best_name: str, kind: str) -> list[ConfidenceLine]:
        lines = self.explain(own)
        final = lead_factor(best.lead, self.scale)
        if best is not own:
            lines.append(
                ConfidenceLine(
                    factor="best guarantee",
                    value=round(final, 2),
                    points=_finite(best.lead),
                    explanation=(
                        f"The best guarantee of any {kind} is {self.label(best_name)}'s: "
                        f"{_points(best.lead)} whatever the open answers are. Confidence takes the best "
                        "guarantee, so leaving a question open can never raise it."
                    ),
                )
            )
        lines.append(
            ConfidenceLine(
                factor="confidence",
                value=round(final, 2),
                points=_finite(best.lead),
                explanation=_formula(best.lead, self.scale, final),
            )
        )
        return lines

    def label(self, option: str) -> str:
        return self.name(option) if option in self.pack.strategy_of else option

    def explain(self, guarantee: Guarantee) -> list[ConfidenceLine]:
        subject = self.name(guarantee.platform)
        if guarantee.excluded_by is not None:
            component, assignment = guarantee.excluded_by
            return [
                ConfidenceLine(
                    factor="open: " + ", ".join(component.facts),
                    value=0.0,
                    points=None,
                    explanation=f"{_facts_text(component.facts, self.status)}; {_values_text(assignment)} "
                    f"would exclude {subject}.",
                )
            ]
        if guarantee.rival is None:
            alone = guarantee.lead == math.inf
            return [
                ConfidenceLine(
                    factor="lead",
                    value=1.0 if alone else 0.0,
                    points=None,
                    explanation=f"{subject} is the only option not excluded, whatever the open answers are."
                    if alone
                    else f"{subject} is excluded by the answers given.",
                )
            ]
        rival = self.name(guarantee.rival)
        running = guarantee.base_lead
        lines = [
            ConfidenceLine(
                factor="lead",
                value=round(lead_factor(running, self.scale), 2),
                points=running,
                explanation=f"On the answers given, {subject} scores {self.totals[guarantee.platform]:g} and "
                f"{rival} {self.totals[guarantee.rival]:g}: a lead of {counted(running, 'point')}.",
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
                    value=round(lead_factor(running, self.scale), 2),
                    points=worst.shift,
                    explanation=f"{_facts_text(component.facts, self.status)}; {where}, the lead over "
                    f"{rival} changes by {_signed_points(worst.shift)}, to {running:g}.",
                )
            )
        if quiet:
            lines.append(
                ConfidenceLine(
                    factor="open, no effect",
                    value=round(lead_factor(running, self.scale), 2),
                    points=0.0,
                    explanation=f"{_facts_text(tuple(quiet), self.status)}, but none of "
                    f"{'its' if len(quiet) == 1 else 'their'} values changes the lead "
                    f"of {subject} over {rival}.",
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
        return f"Guaranteed lead {counted(lead, 'point')}: 1 − ½·e^(−{lead:g}/{scale:g}) = {final:.2f}."
    return (
        f"Guaranteed lead {counted(lead, 'point')} (an open answer could put a rival ahead): "
        f"½·e^({lead:g}/{scale:g}) = {final:.2f}."
    )


def _points(lead: float) -> str:
    if lead == -math.inf:
        return "it could be excluded"
    if lead < 0:
        return f"at worst {counted(-lead, 'point')} behind"
    return f"at least {counted(lead, 'point')} ahead"


def _signed_points(points: float) -> str:
    """`+3 points`, `-1 point`: a change of lead, with its sign as the JSON has always written it."""
    return f"{points:+g} {plural_of(points, 'point')}"


def _finite(lead: float) -> float | None:
    return lead if math.isfinite(lead) else None
