"""Markdown building blocks. Cells and items arrive escaped; these only lay them out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """A GitHub-flavoured table; `align` has one letter per column: l (default), r or c."""
    rules = {"l": "---", "r": "---:", "c": ":---:"}
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join(rules[align[i] if i < len(align) else "l"] for i in range(len(headers))) + " |",
    ]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: Iterable[str], numbered: bool = False) -> str:
    return "\n".join(f"{index}. {item}" if numbered else f"- {item}" for index, item in enumerate(items, 1))


def section(title: str, *blocks: str) -> str:
    """A `##` section: the title, then each non-empty block as its own paragraph."""
    return "\n\n".join([f"## {title}", *(block for block in blocks if block)])


def signed(points: float) -> str:
    return f"+{points:g}" if points > 0 else f"−{abs(points):g}"
