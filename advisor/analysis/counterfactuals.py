"""Counterfactuals: the smallest set of changed answers (up to three facts) that makes each
strategy that did not win the recommendation, or the statement that none exists.

The search is exhaustive in what it can return, but prunes: fact sets by an optimistic
gain bound (depth first), value combinations by what single changes already showed, and
anything that cannot beat the cheapest set found so far.

Its work is bounded, by a count rather than a clock so that the output stays the same on any
machine: at most MAX_COUNTERFACTUAL_WORK steps (branches of the fact-set search, fact sets and
value combinations looked at). The default pack needs fewer than 4,000 on its examples and
test cases (at most 734 on an example); a pack with a hundred facts whose rules read them in
pairs can need millions. When the bound is reached, what was found is kept, and a
counterfactual the search could not finish says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor.analysis.change_search import search
from advisor.analysis.sensitivity import alternatives, plain_or_none
from advisor.engine.baseline import Baseline
from advisor.facts import Unknown, to_plain
from advisor.result import Counterfactual, FactChange
from advisor.words import plain_label

MAX_COUNTERFACTUAL_FACTS = 3
MAX_COUNTERFACTUAL_WORK = 100_000


def counterfactuals(baseline: Baseline, open_facts: Iterable[str]) -> list[Counterfactual]:
    """For each strategy that did not win, the smallest set of changes that makes it win."""
    pack = baseline.pack
    winner = baseline.choice[0]
    wanted = [o.id for o in pack.strategies if o.id != winner]
    if not wanted:
        return []
    open_set = set(open_facts)
    facts = [
        fact
        for fact in baseline.index.domains
        if fact in open_set or (fact in baseline.facts and not isinstance(baseline.facts[fact], Unknown))
    ]
    options = {fact: alternatives(baseline, fact) for fact in facts}
    outcome = search(baseline, facts, options, wanted, MAX_COUNTERFACTUAL_FACTS, MAX_COUNTERFACTUAL_WORK)
    exhausted = outcome.stopped_at is not None
    stopped_at = outcome.stopped_at or MAX_COUNTERFACTUAL_FACTS + 1
    results = []
    for strategy in wanted:
        if strategy not in outcome.found:
            results.append(
                Counterfactual(
                    strategy=strategy,
                    found=False,
                    explanation=(
                        f"No change to up to {MAX_COUNTERFACTUAL_FACTS} answers makes {strategy} win."
                        if not exhausted
                        else f"No change to up to {MAX_COUNTERFACTUAL_FACTS} answers that makes {strategy} "
                        f"win was found before the search stopped at its bound {_BOUND_WORDS}; "
                        "one may exist."
                    ),
                    complete=not exhausted,
                )
            )
            continue
        kept = outcome.found[strategy]
        combo, choice = kept.combo, kept.choice
        smallest = kept.size < stopped_at  # that size was searched to the end
        changes = [
            FactChange(
                fact=a.fact, was=plain_or_none(baseline.facts.get(a.fact)), value=to_plain(a.change.value)
            )
            for a in combo
        ]
        results.append(
            Counterfactual(
                strategy=strategy,
                found=True,
                changes=changes,
                platform=choice[1],
                explanation=f"{strategy} would win with "
                + " and ".join(f"{c.fact} = {plain_label(c.value)}" for c in changes)
                + "."
                + (
                    ""
                    if smallest
                    else f" The search stopped at its bound {_BOUND_WORDS}: a smaller change may exist."
                ),
                complete=smallest,
            )
        )
    return results


_BOUND_WORDS = f"({MAX_COUNTERFACTUAL_WORK:,} steps: sets and combinations of answers looked at)"
