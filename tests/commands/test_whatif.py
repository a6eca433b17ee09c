"""`advisor whatif`: before and after, end to end through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from tests.conftest import DATA

BASE = ["whatif", "--rules", str(DATA / "analysis-pack"), "--answers", str(DATA / "analysis-full.yaml")]


def test_markdown_shows_before_and_after_side_by_side(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--set", "team.ops_engineers=0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# What if: Fixture A\n")
    assert (
        "**The recommendation changed**: **Containers** on **Amazon ECS** → **Platform as a service**." in out
    )
    assert "| `team.ops_engineers` | 3 | 0 |" in out
    assert "| Confidence | 0.98 (high) | 0.61 (low) (−0.37) |" in out
    assert "| Containers | 21 | 12 | −9 |" in out
    assert "- `no-ops` (paas +5, containers −3): Nobody runs operations." in out
    assert "- `ops-team` (containers +4, managed-kubernetes +1): 3 ops engineers." in out


def test_json_carries_changes_recommendations_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--set", "hosting.provider=on-prem", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["fact"], c["before"], c["after"]) for c in data["facts"]] == [
        ("hosting.provider", "aws", "on-prem")
    ]
    assert (data["old"]["platform"], data["new"]["platform"]) == ("ecs", "self-managed")
    assert data["new"]["source"].endswith("--set hosting.provider=on-prem")
    assert [rule["id"] for rule in data["started_firing"]] == ["on-prem"]
    assert [rule["id"] for rule in data["stopped_firing"]] == ["aws"]
    assert ("paas" in data["old"]["excluded"], "paas" in data["new"]["excluded"]) == (False, True)


def test_unchanged_recommendation_is_said_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--set", "team.ops_engineers=4"]) == 0
    out = capsys.readouterr().out
    assert "The recommendation did not change: **Containers** on **Amazon ECS**." in out
    assert "## Rules that started firing\n\nNone." in out


def test_writes_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "whatif.md"
    assert main([*BASE, "--set", "app.windows=true", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# What if: Fixture A")


def test_without_changes_it_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(BASE) == 2
    assert "give at least one change" in capsys.readouterr().err


def test_a_bad_setting_names_the_setting(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--set", "team.ops_engineer=2"]) == 2
    err = capsys.readouterr().err
    assert "--set team.ops_engineer=2: unknown fact 'team.ops_engineer'" in err
    assert "did you mean 'team.ops_engineers'" in err
