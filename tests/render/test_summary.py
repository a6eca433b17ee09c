"""The terminal's few lines after a report: a tie is never printed as a recommendation."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.render.summary import summarize, summary_text
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


def _summary(pack: RulePack, example: str) -> str:
    answers = load_answers(ROOT / "examples" / f"{example}.yaml", pack.bank)
    return summary_text(summarize(evaluate(pack, answers)), str(Path("report.md")))


def test_a_tie_between_platforms_is_no_recommendation_and_names_both(pack: RulePack) -> None:
    text = _summary(pack, "render-farm-mixed")
    assert "  recommendation: none yet: Managed Kubernetes and HashiCorp Nomad tie\n" in text


def test_a_clear_recommendation_names_the_platform(pack: RulePack) -> None:
    assert "  recommendation: Serverless containers\n" in _summary(pack, "checkout-platform")
