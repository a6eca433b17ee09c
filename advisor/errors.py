"""The one user-facing error type, and the located problems it carries.

Core modules raise these; only the command line turns them into messages and exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in an input file; line and column count from 1, 0 means unknown."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, where it is and what to do about it."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class AdvisorError(Exception):
    """Base of every error the tool expects; carries its exit code."""

    exit_code = 1


class InputError(AdvisorError):
    """Bad input from the user (answers, rules, command line): exit code 2.

    Holds every problem found in one pass, sorted by where they are in files; problems
    without a line (command-line arguments) keep the order they were given in.
    """

    exit_code = 2

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            self.text = problems
        else:
            located = sorted(problem for problem in problems if problem.where.line)
            self.problems = located + [problem for problem in problems if not problem.where.line]
            self.text = "\n".join(str(problem) for problem in self.problems)
        super().__init__(self.text)

    def __str__(self) -> str:
        return self.text


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise InputError(problems)
