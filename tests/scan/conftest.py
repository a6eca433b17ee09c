"""Fixtures for the scan tests: the default question bank and a repository builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.questions import QuestionBank
from tests.scan.scan_repos import Tree, write_tree


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    return load_rule_pack(default_rules_dir()).bank


@pytest.fixture
def repo(tmp_path: Path) -> Callable[[Tree], Path]:
    """Build a repository from a tree of files and return its root."""

    def build(files: Tree) -> Path:
        root = tmp_path / "repo"
        (root / ".git").mkdir(parents=True, exist_ok=True)
        return write_tree(root, files)

    return build
