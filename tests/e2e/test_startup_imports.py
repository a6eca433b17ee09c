"""`advisor --version` and `--help` start fast: they import none of the heavy libraries.

Command modules import only the standard library at the top; pydantic, questionary, rich
and markdown are imported inside the functions that run a command.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEAVY = (
    "pydantic",
    "pydantic_core",
    "questionary",
    "prompt_toolkit",
    "rich",
    "markdown",
    "markdown_it",
    "pygments",
)

_LOADED_AFTER = """
import json, sys
from advisor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def loaded_after(*args: str) -> set[str]:
    """Top-level modules in a fresh interpreter after `advisor ARGS`."""
    done = subprocess.run(
        [sys.executable, "-c", _LOADED_AFTER, *args], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def commands() -> list[str]:
    from advisor.cli import build_parser

    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return sorted(subparsers.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("args", [["--version"], ["--help"], *([name, "--help"] for name in commands())])
def test_version_and_help_import_no_heavy_library(args: list[str]) -> None:
    loaded = loaded_after(*args)
    assert "advisor.cli" not in loaded  # names are top-level only
    assert "advisor" in loaded
    assert sorted(set(HEAVY) & loaded) == []


def test_the_check_sees_heavy_imports_when_a_command_runs() -> None:
    """The same probe after a real report does list pydantic, so an empty list above means something."""

    example = ROOT / "examples" / "checkout-platform.yaml"
    assert "pydantic" in loaded_after("report", "--answers", str(example))
