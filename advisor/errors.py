"""The one error vocabulary: exit codes, located problems, and the errors that carry them.

Core modules raise these; only the command line turns them into messages and exit codes.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass

# No line of a message is longer than this: a message quotes short excerpts of an input
# (advisor.words.excerpt), and this bound holds even where a quote was not cut.
MAX_MESSAGE_LINE = 1_000


class ExitCode(enum.IntEnum):
    """What a run of advisor ends with; scripts and CI jobs rely on these numbers."""

    OK = 0
    FAILED = 1  # a check found something (a stale page, a failing case), or an unexpected error
    BAD_INPUT = 2
    INTERRUPTED = 130


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

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", bounded(self.message))

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def bounded(text: str) -> str:
    """`text` with every line cut to MAX_MESSAGE_LINE characters, saying so."""
    if len(text) <= MAX_MESSAGE_LINE:
        return text
    return "\n".join(
        line if len(line) <= MAX_MESSAGE_LINE else f"{line[:MAX_MESSAGE_LINE]}... (cut)"
        for line in text.split("\n")
    )


class AdvisorError(Exception):
    """Base of every error the tool expects; carries its exit code."""

    exit_code: ExitCode = ExitCode.FAILED


class InputError(AdvisorError):
    """Bad input from the user (answers, rules, command line): exit code 2.

    Holds every problem found in one pass, sorted by where they are in files; problems
    without a line (command-line arguments) keep the order they were given in.
    """

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            self.text = bounded(problems)
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


class Interrupted(AdvisorError):
    """The person stopped the run (Ctrl-C); the message says what was kept and how to go on."""

    exit_code = ExitCode.INTERRUPTED


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """` (did you mean 'x'?)` for the closest candidate, or an empty string."""
    options = list(candidates)
    matches = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    if not matches:
        lowered = {option.lower(): option for option in options}
        matches = [lowered[word.lower()]] if word.lower() in lowered else []
    if not matches and word:
        matches = [option for option in options if option.startswith(word)][:2]
        matches = matches if len(matches) == 1 else []
    return f" (did you mean '{matches[0]}'?)" if matches else ""
