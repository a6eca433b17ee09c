"""The quick interview's steps: what to ask next, why, and when to stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.analysis.next_questions import outlook
from advisor.answers import load_answers
from advisor.facts import UNKNOWN, FactValue
from advisor.interview.quick import QuickSteps, quick_step
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.interview.interview_support import QUICK_PACK_DIR

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
ON_GOOGLE_CLOUD = {"app.components": 8, "hosting.provider": "gcp"}


def test_the_header_says_where_the_question_stands_and_why_it_is_asked() -> None:
    pack = load_rule_pack(QUICK_PACK_DIR)
    step = quick_step(pack, ON_GOOGLE_CLOUD | {"team.ops_engineers": 1})
    progress = step.progress(step.questions[0], asked=1)
    assert str(progress) == "Team · question 2 of at most 3"
    assert progress.why == "could change: Managed Kubernetes -> Golden VM images"
    assert step.stop_line() == "3 questions skipped: no answer to them could change the recommendation"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_keeping_the_search_from_step_to_step_changes_nothing(example: Path, default_pack: RulePack) -> None:
    answers = load_answers(example, default_pack.bank).facts
    steps = QuickSteps(default_pack)
    facts: dict[str, FactValue] = {}
    while (step := steps.after(facts)).questions:
        assert step.view == outlook(default_pack, facts)
        fact = step.questions[0].fact
        facts[fact] = answers.get(fact, UNKNOWN)
    assert step.view == outlook(default_pack, facts)
