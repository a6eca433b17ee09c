"""Fact values as the engine sees them, and the one format name of files and results."""

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
# The format of answers files and results; a change of either bumps it.
FORMAT: Final = "advisor/v1"
UNKNOWN_WORD: Final = "unknown"

Value: TypeAlias = int | bool | str | tuple[str, ...]
FactValue: TypeAlias = Value | Unknown
Facts: TypeAlias = dict[str, FactValue]


def to_plain(value: FactValue) -> int | bool | str | list[str]:
    """The value as it is written in an answers file or JSON."""
    if isinstance(value, Unknown):
        return UNKNOWN_WORD
    if isinstance(value, tuple):
        return list(value)
    return value
