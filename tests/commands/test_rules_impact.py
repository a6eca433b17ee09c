"""`advisor rules impact` on the command line: a table for a pull request, exit codes, --base."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.pack.bundled import default_rules_dir
from tests.recheck.conftest import EXAMPLES, ONE_WEIGHT, layer


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "clients")
    return tmp_path / "clients"


def test_a_markdown_table_of_what_flips_and_exit_code_1_for_ci(
    stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    house = layer(tmp_path / "house", rules=ONE_WEIGHT)
    assert main(["rules", "impact", str(house), str(stored), "--exit-code"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("# Rule pack impact on ") and out.splitlines()[0].endswith("clients")
    assert "What changed in the pack: rules `rails-with-kamal` (effects)." in out
    assert "**1 of 9 assessments change**: 1 recommendation flips; 8 unchanged." in out
    assert (
        "| bookings-rails-kamal.yaml | Containers on Docker hosts (clear; 0.73) | **Platform as a service** "
        "(**close-call**; 0.56) | 0.73 → 0.56 (platform 0.73 → 0.56) | `rails-with-kamal` |"
    ) in out
    assert main(["rules", "impact", str(house), str(stored)]) == 0


def test_base_names_the_published_pack_and_json_lists_every_file(
    stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = layer(tmp_path / "published", rules=ONE_WEIGHT)
    edited = layer(tmp_path / "edited", rules=ONE_WEIGHT.replace("-4", "2"))
    assert (
        main(["rules", "impact", str(edited), str(stored), "--base", str(published), "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "advisor/impact-v1" and len(data["rows"]) == 9
    flipped = [row for row in data["rows"] if row["flips"]]
    assert [(row["label"], row["before"]["strategy"], row["after"]["strategy"]) for row in flipped] == [
        ("bookings-rails-kamal.yaml", "paas", "containers")
    ]
    assert main(["rules", "impact", str(default_rules_dir()), str(stored), "--exit-code"]) == 0
    assert "**No assessment changes** (9 assessments compared)." in capsys.readouterr().out


def test_bad_input_exits_2(stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "impact", str(tmp_path / "nothing"), str(stored)]) == 2
    assert "no such folder" in capsys.readouterr().err
    house = layer(tmp_path / "house", rules=ONE_WEIGHT)
    (stored / "broken.yaml").write_text("format: advisor/v1\nanswers: {team: {engineers: many}}\n")
    assert main(["rules", "impact", str(house), str(stored)]) == 2
    out = capsys.readouterr().out
    assert "## Not assessed\n\n- broken.yaml: broken.yaml:2:" in out
    (tmp_path / "empty").mkdir()
    assert main(["rules", "impact", str(house), str(tmp_path / "empty")]) == 2
    assert "no answers files" in capsys.readouterr().err


def test_the_table_is_never_written_over_an_answers_file(
    stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    house = layer(tmp_path / "house", rules=ONE_WEIGHT)
    answers = stored / "storefront-startup.yaml"
    before = answers.read_text()
    assert main(["rules", "impact", str(house), str(stored), "-o", str(answers)]) == 2
    refused = f"-o names an answers file of {stored} ({answers}), which this run reads"
    assert refused in capsys.readouterr().err
    assert answers.read_text() == before
