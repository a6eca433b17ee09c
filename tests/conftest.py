from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def pytest_configure(config: pytest.Config) -> None:
    """Parsed pack files go to a folder of this run's, not the user's cache (subprocesses too):
    set before the test modules, some of which load the pack when imported."""
    folder = tempfile.mkdtemp(prefix="advisor-cache-")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ["ADVISOR_CACHE_DIR"] = folder


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


def run_advisor(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user or a CI job would."""
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=60,
    )
