"""The questions that could still change the decision: what `assess --quick` asks and skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.analysis.next_questions import outlook
from advisor.answers import Answers, Project, load_answers
from advisor.evaluate import evaluate
from advisor.facts import FactValue
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.result import Result

PACK = load_rule_pack(default_rules_dir())
QUICK_PACK = load_rule_pack(Path(__file__).parents[1] / "interview" / "data" / "quick-pack")
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
ON_GOOGLE_CLOUD = {"app.components": 8, "hosting.provider": "gcp"}


def result_of(facts: dict[str, FactValue]) -> Result:
    return evaluate(PACK, Answers(project=Project(name="Property"), facts=facts))


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


@pytest.mark.parametrize(
    ("name", "dropped"),
    [
        ("insurer-on-premises", ()),
        ("insurer-on-premises", ("org.large_enterprise", "hosting.regulated")),
        ("render-farm-mixed", ()),
        ("render-farm-mixed", ("app.architecture",)),
    ],
)
def test_the_quick_interview_and_the_report_agree_on_the_questions_while_options_tie(
    name: str, dropped: tuple[str, ...]
) -> None:
    """Profiles whose options tie, some with more left open: the interview's outlook (which
    looks only at the questions that could change the decision) and the full result ask the
    same questions in the same order, and say alike which could settle it alone."""
    folder = Path(__file__).resolve().parents[1] / "data"
    path = folder / f"{name}.yaml"
    if not path.exists():
        path = Path(__file__).resolve().parents[2] / "examples" / f"{name}.yaml"
    facts = {f: v for f, v in load_answers(path, PACK.bank).facts.items() if f not in dropped}
    report = evaluate(PACK, Answers(facts=facts)).next_questions
    quick = outlook(PACK, facts).questions
    assert [(q.fact, q.alone) for q in report] == [(q.fact, q.alone) for q in quick]
