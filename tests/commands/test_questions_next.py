"""`advisor questions --next`: the questions `assess --quick` would ask, for scripts and follow-up calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.pack.load import load_rule_pack
from tests.interview.interview_support import QUICK_PACK_DIR, QUICK_PARTIAL


def questions_next(tmp_path: Path, answers: str, *options: str) -> list[str]:
    (tmp_path / "partial.yaml").write_text(answers)
    return [
        "questions",
        "--next",
        "--answers",
        str(tmp_path / "partial.yaml"),
        "--rules",
        str(QUICK_PACK_DIR),
        *options,
    ]


def test_markdown_lists_them_in_the_order_quick_asks_with_what_each_could_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(questions_next(tmp_path, QUICK_PARTIAL)) == 0
    assert capsys.readouterr().out == (
        "# Questions that could still change the recommendation\n"
        "\n"
        "On these answers: Managed Kubernetes (close-call).\n"
        "\n"
        "3 unanswered questions could still change it, in the order `advisor assess --quick` asks them:\n"
        "\n"
        "1. `team.ops_engineers` (Team): How many operations engineers? "
        "(could change: Managed Kubernetes -> Platform as a service, Golden VM images)\n"
        "2. `team.image_pipeline` (Team): Do you bake machine images? "
        "(could change: Managed Kubernetes -> Golden VM images)\n"
        "3. `delivery.deploys_per_week` (Delivery): How many deployments a week? "
        "(could change: Managed Kubernetes -> Platform as a service, Golden VM images (with other answers))\n"
        "\n"
        "3 questions skipped: no answer to them could change the recommendation: "
        "`app.self_hosted_state`, `app.state_can_move`, `delivery.environment_drift`.\n"
    )


def test_json_gives_each_question_with_what_it_could_lead_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(questions_next(tmp_path, QUICK_PARTIAL, "--format", "json")) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(item["fact"], item["alone"]) for item in found] == [
        ("team.ops_engineers", True),
        ("team.image_pipeline", True),
        ("delivery.deploys_per_week", False),
    ]
    assert found[1]["could_lead_to"] == [{"strategy": "golden-image", "platform": None}]
    assert found[1]["why"] == "could change: Managed Kubernetes -> Golden VM images"


def test_a_settled_decision_has_nothing_left_to_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settled = QUICK_PARTIAL + "  team: {ops_engineers: 3}\n"
    assert main(questions_next(tmp_path, settled, "--format", "json")) == 0
    assert capsys.readouterr().out == "[]\n"
    assert main(questions_next(tmp_path, settled)) == 0
    assert "None: no unanswered question could change it.\n" in capsys.readouterr().out


def test_answers_left_unknown_are_not_called_a_settled_decision(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every question answered `unknown`: nothing is unanswered, and nothing is decided either."""
    pack = load_rule_pack(QUICK_PACK_DIR)
    sections: dict[str, list[str]] = {}
    for fact in pack.bank.facts:
        section, key = fact.split(".")
        sections.setdefault(section, []).append(f"{key}: unknown")
    text = "format: advisor/v1\nanswers:\n" + "".join(
        f"  {section}: {{{', '.join(keys)}}}\n" for section, keys in sections.items()
    )
    assert main(questions_next(tmp_path, text)) == 0
    out = capsys.readouterr().out
    assert "no recommendation yet (undecided)" in out
    assert "settled" not in out and "None unanswered could settle it" in out


def test_next_needs_the_answers_so_far(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--next"]) == 2
    assert (
        capsys.readouterr().err
        == "advisor: error: questions --next needs --answers FILE: the answers so far\n"
    )


def test_answers_without_next_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "--answers", str(tmp_path / "a.yaml"), "--format", "json"]) == 2
    assert "--answers and --format go with --next" in capsys.readouterr().err


def test_a_bad_answer_names_the_file_line_and_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(questions_next(tmp_path, QUICK_PARTIAL.replace("components: 8", "components: many"))) == 2
    assert capsys.readouterr().err == (
        f"{tmp_path / 'partial.yaml'}:4:21: answers.app.components: expected an integer from 1 to 500, "
        "or 'unknown'; got 'many'\n"
    )
