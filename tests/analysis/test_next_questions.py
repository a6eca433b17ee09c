"""The questions that could still change the decision: what `assess --quick` asks and skips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.analysis.next_questions import outlook
from advisor.answers import Answers, Project, load_answers
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN, FactValue
from advisor.interview.quick import QuickSteps
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.result import Result
from tests.profiles import profiles, value_of

PACK = load_rule_pack(default_rules_dir())
QUICK_PACK = load_rule_pack(Path(__file__).parents[1] / "interview" / "data" / "quick-pack")
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
ON_GOOGLE_CLOUD = {"app.components": 8, "hosting.provider": "gcp"}


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


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_the_report_lists_the_same_questions_in_the_same_order(example: Path) -> None:

    facts = load_answers(example, PACK.bank).facts
    half = {fact: value for index, (fact, value) in enumerate(facts.items()) if index % 2}
    for given_facts in (facts, half):
        view = outlook(PACK, given_facts)
        result = result_of(dict(given_facts))
        assert view.questions == result.next_questions
        assert view.skipped == result.skipped()
        assert (view.status, view.choice) == (
            result.recommendation.status,
            (result.recommendation.strategy, result.recommendation.platform),
        )


def test_only_the_facts_that_can_change_the_result_are_asked_most_valuable_first() -> None:
    view = outlook(QUICK_PACK, ON_GOOGLE_CLOUD)
    assert [item.fact for item in view.questions] == [
        "team.ops_engineers",
        "team.image_pipeline",
        "delivery.deploys_per_week",
    ]
    assert [item.alone for item in view.questions] == [True, True, False]
    assert view.skipped == ["app.self_hosted_state", "app.state_can_move", "delivery.environment_drift"]


def test_nothing_is_left_to_ask_once_one_answer_settles_it() -> None:
    view = outlook(QUICK_PACK, ON_GOOGLE_CLOUD | {"team.ops_engineers": 3})
    assert view.questions == []
    assert "team.image_pipeline" in view.skipped


def test_an_answer_can_make_the_other_questions_moot() -> None:
    view = outlook(QUICK_PACK, ON_GOOGLE_CLOUD | {"team.ops_engineers": 1, "team.image_pipeline": False})
    assert view.questions == []
    assert view.skipped == [
        "app.self_hosted_state",
        "app.state_can_move",
        "delivery.deploys_per_week",
        "delivery.environment_drift",
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_keeping_the_search_from_step_to_step_changes_nothing(example: Path) -> None:

    answers = load_answers(example, PACK.bank).facts
    steps = QuickSteps(PACK)
    facts: dict[str, FactValue] = {}
    while (step := steps.after(facts)).questions:
        assert step.view == outlook(PACK, facts)
        fact = step.questions[0].fact
        facts[fact] = answers.get(fact, UNKNOWN)
    assert step.view == outlook(PACK, facts)
