"""What would change the recommendation: sensitivity and value of information.

Both ask the incremental `Baseline` about alternative values from `candidates`:
sensitivity tries every single change to an answered fact, and the value of information
tries every value of each open fact. The counterfactual search, which combines changes,
lives in `advisor.counterfactuals`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from advisor.candidates import FILLER, Change, FactDomain
from advisor.facts import FactValue, Unknown, Value, to_plain
from advisor.rescore import Baseline, Choice, Variant
from advisor.result import OpenFact, Sensitivity, ValueOutcome

FILLER_PREFIX = FILLER.split("{", 1)[0]


@dataclass(frozen=True)
class Alternative:
    """One candidate change of one fact, as the searches use it."""

    fact: str
    change: Change
    variant: Variant

    @property
    def choice(self) -> Choice:
        return self.variant.choice


def open_values(baseline: Baseline, fact: str) -> list[Value]:
    """The values of an open fact that make the rules reading it come out differently here."""
    domain = baseline.index.domains[fact]
    rules = [baseline.pack.rules[n] for n in baseline.index.readers[fact]]
    seen: dict[tuple[bool | None, ...], Value] = {}
    for value in domain.possible_values():
        world = {**baseline.facts, fact: value}
        seen.setdefault(tuple(rule.test(world) for rule in rules), value)
    return list(seen.values())


def alternatives(baseline: Baseline, fact: str) -> list[Alternative]:
    """Every candidate change of `fact`, with the recommendation it leads to."""
    current = baseline.facts.get(fact)
    if current is None or isinstance(current, Unknown):
        changes = [Change(value, 1, 0.0) for value in open_values(baseline, fact)]
    else:
        changes = baseline.index.domains[fact].changes_from(current)
    return [Alternative(fact, change, baseline.rescore({fact: change.value})) for change in changes]


# --- sensitivity ---------------------------------------------------------------------------


def sensitivity(baseline: Baseline) -> list[Sensitivity]:
    """Single changes to answered facts that change the strategy or the platform, smallest first."""
    found: list[tuple[tuple[int, float, int], Sensitivity]] = []
    for order, (fact, domain) in enumerate(baseline.index.domains.items()):
        current = baseline.facts.get(fact)
        if current is None or isinstance(current, Unknown):
            continue
        flips = [a for a in alternatives(baseline, fact) if a.choice != baseline.choice]
        for alternative in _smallest_per_outcome(flips, current):
            change = alternative.change
            low, high = _range(baseline, domain, alternative) if domain.type == "int" else (None, None)
            item = Sensitivity(
                fact=fact,
                value=to_plain(change.value),
                strategy=alternative.choice[0],
                platform=alternative.choice[1],
                was=to_plain(current),
                steps=change.steps,
                low=low,
                high=high,
            )
            found.append(((change.steps, change.magnitude, order), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _smallest_per_outcome(flips: list[Alternative], current: Value) -> Iterator[Alternative]:
    """For integers and lists, only the nearest value per outcome and direction."""
    best: dict[tuple[Choice, object], Alternative] = {}
    for alternative in flips:
        value = alternative.change.value
        if isinstance(value, bool | str):
            key: object = value
        elif isinstance(value, int) and isinstance(current, int):
            key = value > current
        else:
            key = "list"
        slot = (alternative.choice, key)
        kept = best.get(slot)
        if kept is None or (alternative.change.steps, alternative.change.magnitude) < (
            kept.change.steps,
            kept.change.magnitude,
        ):
            best[slot] = alternative
    return iter(best.values())


def _range(baseline: Baseline, domain: FactDomain, alternative: Alternative) -> tuple[int | None, int | None]:
    """The run of neighbouring intervals around the new value that all give the same outcome.

    None stands for "no bound": the run reaches the fact's smallest or largest value.
    """
    value = alternative.change.value
    assert isinstance(value, int)
    outcomes = [baseline.choice_with({domain.fact: low}) for low, _ in domain.intervals]
    here = domain.intervals.index(domain.interval_of(value))
    first = last = here
    while first > 0 and outcomes[first - 1] == alternative.choice:
        first -= 1
    while last < len(outcomes) - 1 and outcomes[last + 1] == alternative.choice:
        last += 1
    low = domain.intervals[first][0] if first > 0 else None
    high = domain.intervals[last][1] if last < len(outcomes) - 1 else None
    return low, high


# --- value of information ----------------------------------------------------------------


def value_of_information(baseline: Baseline, status: Mapping[str, str]) -> list[OpenFact]:
    """For each open fact, the recommendation under each value; decisive ones first.

    `status` maps each open fact, in interview order, to "unknown" or "unanswered".
    """
    found: list[tuple[tuple[bool, int, int], OpenFact]] = []
    for order, fact in enumerate(status):
        outcomes: list[ValueOutcome] = []
        if fact in baseline.index.readers:
            domain = baseline.index.domains[fact]
            for alternative in alternatives(baseline, fact):
                value = alternative.change.value
                low, high = _interval(domain, value)
                outcomes.append(
                    ValueOutcome(
                        value=to_plain(value),
                        label=_value_label(domain, value),
                        strategy=alternative.choice[0],
                        platform=alternative.choice[1],
                        low=low,
                        high=high,
                    )
                )
        distinct = {(o.strategy, o.platform) for o in outcomes}
        decisive = any((o.strategy, o.platform) != baseline.choice for o in outcomes)
        item = OpenFact(
            fact=fact,
            status="unknown" if status[fact] == "unknown" else "unanswered",
            decisive=decisive,
            outcomes=outcomes,
        )
        found.append(((not decisive, -len(distinct), order), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _interval(domain: FactDomain, value: Value) -> tuple[int | None, int | None]:
    """An integer's interval; the last one has no upper limit (None)."""
    if domain.type != "int" or not isinstance(value, int) or isinstance(value, bool):
        return None, None
    low, high = domain.interval_of(value)
    return low, None if (low, high) == domain.intervals[-1] else high


def _value_label(domain: FactDomain, value: Value) -> str:
    low, high = _interval(domain, value)
    if low is None:
        return plain_label(to_plain(value))
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low} to {high}"


def plain_label(value: object) -> str:
    """A value as a reader would say it; stand-in list items read as "N other(s)"."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return list_label(value)
    return str(value)


def list_label(items: list[str]) -> str:
    named = [item for item in items if not is_filler(item)]
    others = len(items) - len(named)
    parts = [", ".join(named)] if named else []
    if others:
        parts.append(f"{others} other" + ("s" if others > 1 else ""))
    return " + ".join(parts) if parts else "none"


def is_filler(item: str) -> bool:
    """Stand-ins for "some other value" that candidates add to reach a count threshold."""
    return item.startswith(FILLER_PREFIX) and item[len(FILLER_PREFIX) :].isdigit()


def plain_or_none(value: FactValue | None) -> int | bool | str | list[str] | None:
    return None if value is None else to_plain(value)
