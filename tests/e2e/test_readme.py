"""The README's first screen: the two commands a new user copies, and CI runs the same tests."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
FIRST_SCREEN = README.split("\n## ", 1)[0]


def commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", FIRST_SCREEN, flags=re.S)


def test_the_first_screen_sets_up_and_runs_an_example_and_the_tests() -> None:
    run, test = commands()
    assert run.startswith("python3 -m venv .venv && ") and "advisor report --answers examples/" in run
    example = run.split("--answers ", 1)[1].split()[0]
    assert (ROOT / example).is_file()
    assert test.startswith("python3 -m venv .venv && ") and "-e '.[test]'" in test


def test_ci_runs_exactly_the_test_command_of_the_readme() -> None:
    test_command = commands()[1].split(" && ")[-1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()
    assert ci[-1] == test_command
    assert "pip install --quiet -e '.[test]'" in "\n".join(ci)
