"""Where the bundled default rule pack lives, in a wheel and in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def default_rules_dir() -> Path:
    """The wheel carries the pack as `advisor/_rules`; a checkout has it in `rules/`."""
    bundled = _PACKAGE / "_rules"
    return bundled if bundled.is_dir() else _PACKAGE.parent / "rules"
