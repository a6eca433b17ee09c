"""`advisor scan` end to end: the real command, then `advisor report` on what it wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.pack.questions import QuestionBank
from advisor.scan import scan
from tests.scan.scan_repos import (
    HEROKU_APP,
    KUBERNETES_SHOP,
    POLYGLOT_COMPOSE,
    WINDOWS_DOTNET,
    Tree,
    write_tree,
)

Build = Callable[[Tree], Path]


def advisor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_scan_output_is_an_answers_file_that_report_accepts(
    repo: Build, bank: QuestionBank, tmp_path: Path
) -> None:
    root = repo(KUBERNETES_SHOP)
    answers_file = tmp_path / "out" / "scanned.yaml"
    scanned = advisor("scan", root, "-o", answers_file)
    assert scanned.returncode == 0, scanned.stderr
    assert scanned.stdout == ""
    assert "deploy/broken.yaml: skipped a YAML document" in scanned.stderr
    assert f"wrote {answers_file}: 7 of {len(bank.facts)} facts detected" in scanned.stderr

    reported = advisor("report", "--answers", answers_file, "--format", "json", "--date", "2026-11-27")
    assert reported.returncode == 0, reported.stderr
    result = json.loads(reported.stdout)
    answered = {line["fact"]: line["value"] for line in result["answers"] if line["status"] == "answered"}
    assert answered == {
        "app.components": 4,
        "app.os": "linux",
        "stack.languages": ["python", "node", "go"],
        "stack.system_dependencies": True,
        "hosting.existing_platform": "kubernetes",
        "team.container_experience": "some",
        "team.orchestrator_experience": "some",
    }
    assert "hosting.provider" in result["unanswered"]
    assert result["project"]["name"] == "repo"


def test_the_file_says_it_was_detected_and_carries_the_evidence(repo: Build, bank: QuestionBank) -> None:
    scanned = advisor("scan", repo(HEROKU_APP))
    assert scanned.returncode == 0, scanned.stderr
    lines = scanned.stdout.splitlines()
    assert lines[0].startswith("# Detected by `advisor scan ")
    assert "# Review every answer before relying on it" in lines[1]
    assert "    components: 2  # 2 Procfile process types (Procfile)" in lines
    assert "    existing_platform: paas  # PaaS configuration: Procfile, app.json" in lines


@pytest.mark.parametrize("tree", [POLYGLOT_COMPOSE, WINDOWS_DOTNET], ids=["compose", "dotnet"])
def test_standard_output_loads_back_to_the_detected_facts(
    tree: Tree, repo: Build, bank: QuestionBank, tmp_path: Path
) -> None:
    root = repo(tree)
    scanned = advisor("scan", root)
    assert scanned.returncode == 0, scanned.stderr
    written = tmp_path / "answers.yaml"
    written.write_text(scanned.stdout, encoding="utf-8")
    assert load_answers(written, bank).facts == scan(root, bank).answers.facts


def test_special_files_and_link_loops_do_not_hang_the_scan(repo: Build) -> None:
    root = repo({"Procfile": "web: run\n"})
    os.mkfifo(root / "Dockerfile")
    (root / "loop").symlink_to(root, target_is_directory=True)
    scanned = advisor("scan", root)
    assert scanned.returncode == 0, scanned.stderr
    assert "components: 1" in scanned.stdout
    assert "advisor: scan: note: 1 symbolic link was not followed" in scanned.stderr


def test_a_missing_path_exits_2_without_a_traceback(tmp_path: Path) -> None:
    scanned = advisor("scan", tmp_path / "missing")
    assert scanned.returncode == 2
    missing = tmp_path / "missing"
    assert scanned.stderr == f"advisor: error: {missing}: no such folder; give the path of a repository\n"
    assert scanned.stdout == ""


def test_nothing_detected_is_still_a_valid_answers_file(tmp_path: Path) -> None:
    answers_file = tmp_path / "empty.yaml"
    assert advisor("scan", tmp_path, "-o", answers_file).returncode == 0
    assert "answers: {}" in answers_file.read_text(encoding="utf-8")
    assert advisor("report", "--answers", answers_file).returncode == 0


def test_the_example_in_the_docs_is_real_output(tmp_path: Path) -> None:
    write_tree(tmp_path / "checkout", {".git/": "", **KUBERNETES_SHOP})
    scanned = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "checkout"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    docs = (Path(__file__).parents[2] / "docs" / "scan.md").read_text(encoding="utf-8")
    assert f"```yaml\n{scanned.stdout}```\n" in docs


def test_registering_the_command_imports_no_heavy_library() -> None:
    probe = "import sys; import advisor.commands.scan; print(sorted({'pydantic', 'yaml'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_scan_replaces_an_existing_file_only_with_force(repo: Build, tmp_path: Path) -> None:
    root = repo(HEROKU_APP)
    existing = tmp_path / "acme.yaml"
    existing.write_text("format: advisor/v1\nanswers:\n  team: {ops_engineers: 2}  # written by hand\n")
    before = existing.read_bytes()
    refused = advisor("scan", root, "-o", existing)
    assert refused.returncode == 2
    assert refused.stderr == (
        f"advisor: error: {existing}: exists; the scan would replace it, with any answers written "
        "there by hand: pass --force to replace it, or choose a new file and copy what you need\n"
    )
    assert existing.read_bytes() == before
    forced = advisor("scan", root, "-o", existing, "--force")
    assert forced.returncode == 0, forced.stderr
    assert existing.read_text().startswith("# Detected by `advisor scan")
