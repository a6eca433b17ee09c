"""Open facts: which questions are still open, and what each of their answers would decide.

`open_facts` lists the applicable facts that are unanswered or unknown; the value of
information tries every value of each and reports the recommendation it leads to.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.analysis.confidence import confidences, decision_status
from advisor.analysis.sensitivity import alternatives
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform, tied_at_top
from advisor.facts import FactValue, Unknown, Value, to_plain
from advisor.pack.domains import FactDomain
from advisor.pack.model import RulePack
from advisor.result import OpenFact, ValueOutcome
from advisor.words import plain_label


def open_facts(pack: RulePack, facts: Mapping[str, FactValue]) -> dict[str, str]:
    """Applicable facts not answered, in interview order, each "unanswered" or "unknown"."""
    return {
        fact: "unanswered" if fact not in facts else "unknown"
        for fact in pack.applicable(facts)
        if fact not in facts or isinstance(facts[fact], Unknown)
    }


def value_of_information(baseline: Baseline, status: Mapping[str, str]) -> list[OpenFact]:
    """For each open fact, the recommendation under each value; decisive ones first.

    `status` maps each open fact, in interview order, to "unknown" or "unanswered". A fact is
    decisive when a value of it leads elsewhere, makes a tie at the top, or breaks one so that
    there is a recommendation (breaking it by a point while other answers stay open may not:
    the confidence decides, as for the report itself).
    """
    pack = baseline.pack
    tied_now = tied_at_top(pack, baseline.scoring.totals, baseline.scoring.excluded)
    found: list[tuple[tuple[bool, int, int, int], OpenFact]] = []
    for order, fact in enumerate(status):
        outcomes: list[ValueOutcome] = []
        settled = False  # a value breaks a tie at the top, with a recommendation then
        if fact in baseline.index.readers:
            domain = baseline.index.domains[fact]
            for alternative in alternatives(baseline, fact):
                value = alternative.change.value
                low, high = _interval(domain, value)
                variant = alternative.variant
                tied = tied_at_top(pack, variant.totals, variant.excluded)
                settled = settled or (tied_now and not tied and _settles(baseline, status, fact, value))
                outcomes.append(
                    ValueOutcome(
                        value=to_plain(value),
                        label=_value_label(domain, value),
                        strategy=alternative.choice[0],
                        platform=alternative.choice[1],
                        low=low,
                        high=high,
                        tied=tied,
                    )
                )
        distinct = {(o.strategy, o.platform) for o in outcomes}
        decisive = settled or any(
            (o.strategy, o.platform) != baseline.choice or (o.tied and not tied_now) for o in outcomes
        )
        item = OpenFact(
            fact=fact,
            status="unknown" if status[fact] == "unknown" else "unanswered",
            decisive=decisive,
            outcomes=outcomes,
        )
        # Among decisive facts, those whose every answer settles the question come first.
        ties = sum(o.tied for o in outcomes) if decisive else 0
        found.append(((not decisive, ties, -len(distinct), order), item))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _settles(baseline: Baseline, status: Mapping[str, str], fact: str, value: Value) -> bool:
    """With `fact` at `value` and the other open facts still open, is there a recommendation?"""
    pack = baseline.pack
    changed = Baseline(pack, {**baseline.facts, fact: value})
    rest = {other: kind for other, kind in status.items() if other != fact}
    platform = best_platform(pack, changed.scoring.totals, changed.scoring.excluded)
    found = confidences(changed, platform, rest)
    return decision_status(pack, changed.scoring, found) != "undecided"


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
