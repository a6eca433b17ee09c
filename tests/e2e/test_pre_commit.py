"""The shipped pre-commit hooks, run by pre-commit itself on a temporary repository.

`.pre-commit-hooks.yaml` is read as it ships and each hook is declared in the repository's
`.pre-commit-config.yaml` as a local hook with the same entry, arguments, file filter and
`pass_filenames`; only the install step differs (`language: system`, the advisor of this
environment, where pre-commit would install the hook repository into an environment of its
own). pre-commit then decides whether the hook runs, builds its command line and reports its
exit code, as on a developer's commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN))
pytestmark = pytest.mark.skipif(
    PRE_COMMIT is None, reason="pre-commit is not installed (pip install -e '.[test]')"
)


def local_hook(hook_id: str, args: list[str]) -> dict[str, object]:
    """The hook as it ships, run from this environment instead of an environment of its own."""
    hook = dict(HOOKS[hook_id])
    assert hook["language"] == "python"
    return {**hook, "language": "system", "args": args}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def pre_commit(repo: Path, tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit run` on every file, or on `files` as a commit that touches only them."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(PRE_COMMIT), "run", *(["--files", *files] if files else ["--all-files"]), "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def advisor(repo: Path, *args: str) -> None:
    subprocess.run([str(BIN / "advisor"), *args, "-q"], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of answers files, a wiki page and a decision record, as advisor wrote them."""
    repo = tmp_path / "decisions"
    (repo / "answers").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "storefront-startup.yaml", repo / "answers" / "storefront.yaml")
    git(repo, "init", "-q")
    advisor(repo, "report", "--answers", "answers/storefront.yaml", "-o", "wiki/storefront.md")
    advisor(repo, "report", "--answers", "answers/storefront.yaml", "--format", "adr", "-o", "docs/adr/")
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    local_hook(
                        "advisor-report-check",
                        ["--answers", "answers/storefront.yaml", "-o", "wiki/storefront.md"],
                    ),
                    local_hook("advisor-revisit", ["docs/adr"]),
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    git(repo, "add", "-A")
    return repo


def test_the_hooks_pass_while_pages_and_records_are_current(repo: Path, tmp_path: Path) -> None:
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "advisor page is up to date" in done.stdout and "advisor decisions still hold" in done.stdout
    assert done.stdout.count("Passed") == 2


def test_an_answers_edit_fails_both_hooks_saying_what_moved(repo: Path, tmp_path: Path) -> None:
    answers = repo / "answers" / "storefront.yaml"
    answers.write_text(answers.read_text().replace("paas_allowed: true", "paas_allowed: false"))
    git(repo, "add", "-A")
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 1
    assert done.stdout.count("Failed") == 2
    assert "advisor: wiki/storefront.md: stale: the answers changed" in done.stdout
    assert "recommendation Platform as a service (clear) → Serverless containers (close-call)" in done.stdout
    assert "| **would change** | the answers: `hosting.paas_allowed` yes → no |" in done.stdout
    advisor(repo, "report", "--answers", "answers/storefront.yaml", "-o", "wiki/storefront.md")
    advisor(repo, "revisit", "docs/adr", "--supersede")
    git(repo, "add", "-A")
    done = pre_commit(repo, tmp_path)
    assert done.returncode == 0, done.stdout


def test_a_change_to_no_file_it_watches_skips_the_hooks(repo: Path, tmp_path: Path) -> None:
    (repo / "notes.txt").write_text("nothing advisor reads\n")
    git(repo, "add", "notes.txt")
    done = pre_commit(repo, tmp_path, "notes.txt")
    assert done.returncode == 0
    assert done.stdout.count("Skipped") == 2
