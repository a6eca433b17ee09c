"""Hypothesis strategies for random profiles of any rule pack (shared by the analysis tests)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from advisor.facts import UNKNOWN, FactValue
from advisor.pack.domains import fact_domains
from advisor.pack.model import RulePack
from advisor.pack.questions import Question

ABSENT = object()


def value_of(question: Question, pack: RulePack) -> st.SearchStrategy[Any]:
    """Any valid answer, with the values the pack's thresholds use made likely."""
    if question.type == "bool":
        return st.booleans()
    if question.type == "choice":
        return st.sampled_from(sorted(question.choices))
    if question.type == "int":
        low = question.min or 0
        high = question.max if question.max is not None else low + 1000
        domain = fact_domains(pack).get(question.fact)
        near = [v for v in (domain.possible_values() if domain else ()) if isinstance(v, int)]
        return st.one_of(st.integers(low, min(high, low + 60)), st.sampled_from(near or [low]))
    domain = fact_domains(pack).get(question.fact)
    names = sorted({*(domain.named if domain else ()), "python", "go", "rust", "cobol", "elixir"})
    return st.lists(st.sampled_from(names), unique=True, max_size=5).map(tuple)


def profiles(pack: RulePack, *, complete: bool = False) -> st.SearchStrategy[dict[str, FactValue]]:
    """Random facts; unless `complete`, some unknown and some left unanswered."""
    parts = {}
    for fact, question in pack.bank.facts.items():
        answer = value_of(question, pack)
        parts[fact] = (
            answer if complete else st.one_of(answer, answer, answer, st.just(UNKNOWN), st.just(ABSENT))
        )
    return st.fixed_dictionaries(parts).map(
        lambda drawn: {fact: value for fact, value in drawn.items() if value is not ABSENT}
    )
