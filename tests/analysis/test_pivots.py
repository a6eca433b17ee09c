"""Pivots are sound: an unanswered question they leave out can never change the decision."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.analysis.next_questions import outlook
from advisor.analysis.open_facts import open_facts
from advisor.analysis.pivots import Sums, _others, _Search
from advisor.answers import Answers, Project
from advisor.engine.baseline import Baseline
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.result import Result
from tests.profiles import profiles, value_of

PACK = load_rule_pack(default_rules_dir())


def result_of(facts: dict[str, FactValue]) -> Result:
    return evaluate(PACK, Answers(project=Project(name="Property"), facts=facts))


def any_answer(fact: str) -> st.SearchStrategy[FactValue]:
    return st.one_of(value_of(PACK.bank.facts[fact], PACK), st.just(UNKNOWN))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_answering_what_quick_skipped_never_changes_the_recommendation_it_gave(data: st.DataObject) -> None:
    facts = dict(data.draw(profiles(PACK)))
    while (view := outlook(PACK, facts)).questions:  # the quick interview, answered at random
        fact = view.questions[0].fact
        facts[fact] = data.draw(any_answer(fact), label=fact)
    gave = result_of(facts).recommendation
    completed = dict(facts)
    for fact in view.skipped:  # in interview order, each while its question still applies
        if PACK.applies(fact, completed):
            completed[fact] = data.draw(any_answer(fact), label=fact)
    now = result_of(completed).recommendation
    if gave.status == "undecided":
        assert now.status == "undecided"
    else:
        assert (now.strategy, now.platform) == (gave.strategy, gave.platform)
        assert now.status != "undecided"


def test_each_part_sees_the_sums_of_all_the_others() -> None:
    parts: list[Sums | None] = [Sums((0.0, 1.0)), Sums((0.0, 2.0)), Sums(span=(-1.0, 1.0))]
    found = _others(parts)
    assert found[0] == Sums(span=(-1.0, 3.0))
    assert found[2] == Sums((0.0, 1.0, 2.0, 3.0))
    assert _others([Sums((1.0,)), None]) == [None, Sums((1.0,))]
    assert _others([]) == []


def test_unknown_is_tried_only_where_it_could_add_an_outcome() -> None:
    """`unknown` fires a rule only where every value does; `none` fires no raw-protocol rule,
    so `app.raw_protocols` unknown adds no world, while `hosting.provider` unknown does."""
    search = _Search(Baseline(PACK, {}), open_facts(PACK, {}), None, None)
    values = search._with_unknown(["app.raw_protocols", "hosting.provider"])
    assert UNKNOWN not in values["app.raw_protocols"] and "none" in values["app.raw_protocols"]
    assert UNKNOWN in values["hosting.provider"]
