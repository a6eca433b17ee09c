"""Making user text inert in Markdown (GitHub, GitLab and Python-Markdown alike).

Everything from an answers file (project names, free text, language names) passes through
`md_text` before it reaches a report: it stays on one line, cannot open a block, a link,
an emphasis or HTML, and cannot break a table cell. Only characters that both CommonMark
and Python-Markdown accept as backslash escapes are backslashed; the rest become entities.
"""

from __future__ import annotations

import re

_BACKSLASHED = re.compile(r"([\\`*_\[\]!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_BLOCK_START = re.compile(r"^([#+\-=]|\d+[.)])")


def md_text(text: object) -> str:
    """Escape one line of user text for Markdown, tables included."""
    flat = " ".join(str(text).split())
    flat = _BACKSLASHED.sub(r"\\\1", flat)
    flat = "".join(_ENTITIES.get(char, char) for char in flat)
    return _BLOCK_START.sub(
        lambda match: "\\" + match[0] if not match[0][0].isdigit() else match[0][:-1] + "\\" + match[0][-1],
        flat,
    )
