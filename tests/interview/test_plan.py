"""Which questions the interview asks, in which order, with which defaults."""

from __future__ import annotations

from advisor.facts import UNKNOWN, Facts
from advisor.interview.plan import Questionnaire
from advisor.pack.model import RulePack


def facts_of(plan: Questionnaire, facts: Facts) -> list[str]:
    return [q.fact for q in plan.missing(facts)]


def test_a_when_condition_that_is_false_skips_the_question(pack: RulePack) -> None:
    plan = Questionnaire(pack)
    asked = facts_of(plan, {"team.container_experience": "none"})
    assert "team.orchestrator_experience" not in asked


def test_a_when_condition_that_holds_or_is_undetermined_asks(pack: RulePack) -> None:
    plan = Questionnaire(pack)
    assert "team.orchestrator_experience" in facts_of(plan, {"team.container_experience": "some"})
    assert "team.orchestrator_experience" in facts_of(plan, {})
    assert "team.orchestrator_experience" in facts_of(plan, {"team.container_experience": UNKNOWN})


def test_next_question_follows_the_bank_and_skips_what_is_done(pack: RulePack) -> None:
    plan = Questionnaire(pack)
    first = plan.next_question({}, done=())
    assert first is not None and first.fact == "app.components"
    after = plan.next_question({"app.components": 3}, done={"app.components"})
    assert after is not None and after.fact == "app.os"


def test_progress_counts_the_applicable_questions_of_the_section(pack: RulePack) -> None:
    plan = Questionnaire(pack)
    image = pack.bank.facts["team.image_pipeline"]
    assert str(plan.progress(image, {"team.container_experience": "none"})) == "Team · 3 of 3"
    assert str(plan.progress(image, {"team.container_experience": "some"})) == "Team · 4 of 4"


def test_the_offered_answer_is_the_current_one_never_the_bank_default(pack: RulePack) -> None:
    plan = Questionnaire(pack)
    ops = pack.bank.facts["team.ops_engineers"]
    languages = pack.bank.facts["stack.languages"]
    assert ops.default == 0 and plan.default(ops, {}) is None
    assert plan.default(ops, {"team.ops_engineers": 4}) == 4
    assert plan.default(ops, {"team.ops_engineers": UNKNOWN}) is UNKNOWN
    assert plan.default(languages, {}) is None


def test_the_default_pack_asks_every_fact_of_an_empty_assessment(default_pack: RulePack) -> None:
    plan = Questionnaire(default_pack)
    assert [q.fact for q in plan.missing({})] == list(default_pack.bank.facts)
