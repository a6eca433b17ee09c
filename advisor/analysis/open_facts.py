"""Open facts: which questions are still open, and what each of their answers would decide.

`open_facts` lists the applicable facts that are unanswered or unknown; the value of
information tries every value of each and reports the recommendation it leads to.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from advisor.analysis.sensitivity import alternatives
from advisor.engine.baseline import Baseline
from advisor.engine.score import top_is_tied
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


def value_of_information(
    baseline: Baseline, status: Mapping[str, str], pivotal: Collection[str] | None = None
) -> list[OpenFact]:
    """For each open fact, the recommendation under each value; decisive ones first.

    `status` maps each open fact, in interview order, to "unknown" or "unanswered". A fact is
    decisive when a value of it puts another option ahead or makes a tie at the top; while the
    options tie, when a value breaks the tie. `pivotal`: the unanswered facts that could change
    the decision at all (`pivotal_facts`), when known: an unanswered fact outside them breaks
    a tie only by less than the open answers could take back, which decides nothing.
    """
    pack = baseline.pack
    tied_now = top_is_tied(pack, baseline.scoring.totals, baseline.scoring.excluded)
    found: list[tuple[tuple[bool, bool, int, int], OpenFact]] = []
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
                        tied=top_is_tied(pack, alternative.variant.totals, alternative.variant.excluded),
                    )
                )
        if tied_now:
            could = pivotal is None or status[fact] == "unknown" or fact in pivotal
            decisive = could and any(not o.tied for o in outcomes)
        else:
            decisive = any(o.tied or (o.strategy, o.platform) != baseline.choice for o in outcomes)
        distinct = {(o.strategy, o.platform) for o in outcomes}
        item = OpenFact(
            fact=fact,
            status="unknown" if status[fact] == "unknown" else "unanswered",
            decisive=decisive,
            outcomes=outcomes,
        )
        # Among decisive facts, those none of whose answers leaves a tie come first.
        leaves_a_tie = decisive and any(o.tied for o in outcomes)
        found.append(((not decisive, leaves_a_tie, -len(distinct), order), item))
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
