"""Fact values as the engine sees them, and how they read in text."""

from __future__ import annotations

from typing import Final, TypeAlias


class Unknown:
    """The answer "don't know": neither true nor false in any condition."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "unknown"

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()
UNKNOWN_WORD: Final = "unknown"

Value: TypeAlias = int | bool | str | tuple[str, ...]
FactValue: TypeAlias = Value | Unknown
Facts: TypeAlias = dict[str, FactValue]


def format_value(value: FactValue | None) -> str:
    """How a value reads in a sentence: `12`, `yes`, `on-prem`, `python, go`, `unknown`."""
    if value is None:
        return "unanswered"
    if isinstance(value, Unknown):
        return UNKNOWN_WORD
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    return str(value)


def format_plain(value: int | bool | str | list[str] | None) -> str:
    """`format_value` for a value as written in a file or JSON (lists rather than tuples)."""
    return format_value(tuple(value) if isinstance(value, list) else value)


def to_plain(value: FactValue) -> int | bool | str | list[str]:
    """The value as it is written in an answers file or JSON."""
    if isinstance(value, Unknown):
        return UNKNOWN_WORD
    if isinstance(value, tuple):
        return list(value)
    return value
