"""Typed answers from what a person types or picks, and how answers read back to them."""

from __future__ import annotations

import re

from advisor.facts import UNKNOWN_WORD, FactValue, Unknown
from advisor.pack.questions import Question
from advisor.words import format_value

_LANGUAGE = re.compile(r"^[^\x00-\x1f\x7f,]{1,40}$")


def parse_int(question: Question, text: str) -> int | str:
    """The integer typed, or the message that says what is wrong with it."""
    low = question.min if question.min is not None else 0
    try:
        value = int(text.strip())
    except ValueError:
        return f"Type {question.expectation()}, '?' for help or 'u' for don't know"
    if value < low or (question.max is not None and value > question.max):
        return f"Out of range: type {question.expectation()}"
    return value


def parse_languages(text: str) -> tuple[str, ...] | str:
    """Comma-separated runtime names as the answers file stores them (lowercase, unique)."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    bad = [name for name in names if not _LANGUAGE.match(name)]
    if bad:
        return f"Not a runtime name: {bad[0]!r} (at most 40 characters, no control characters)"
    return tuple(dict.fromkeys(names))


def is_unknown_word(text: str) -> bool:
    return text.strip().lower() in {"u", UNKNOWN_WORD, "don't know", "dont know", "dk"}


def display(question: Question, value: FactValue | None) -> str:
    """An answer as the person picked it: choice labels, yes/no, `don't know`."""
    if isinstance(value, Unknown):
        return "don't know"
    if question.type == "choice" and isinstance(value, str):
        return question.choices.get(value, value)
    if question.type == "list" and isinstance(value, tuple):
        return ", ".join(question.choices.get(item, item) for item in value) if value else "none"
    return format_value(value)
