"""Making user text inert in Markdown (GitHub, GitLab and Python-Markdown alike).

Everything from an answers file (project names, free text, language names) and every text
of a rule pack passes through `md_text` before it reaches a report: it stays on one line,
cannot open a block, a link, an emphasis, an attribute list or HTML, and cannot break a
table cell. Only characters that both CommonMark and Python-Markdown accept as backslash
escapes are backslashed; the rest become entities. Links come only from `md_link`, which
accepts nothing but http(s) addresses.
"""

from __future__ import annotations

import re

_BACKSLASHED = re.compile(r"([\\`*_\[\]{}!])")
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"})
# What could open a block when the text starts a line: headings, list items, setext
# underlines, thematic breaks. Ordered-list markers only count before a space.
_BLOCK_START = re.compile(r"^(?:[#+\-=]|(\d+)([.)])(?= |$))")
_FACT_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")
_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%/+:@!$,;=?#-]*)?$")


def md_text(text: object) -> str:
    """Escape one line of user text for Markdown, tables included."""
    flat = " ".join(str(text).split())
    flat = _BACKSLASHED.sub(r"\\\1", flat)
    flat = flat.translate(_ENTITIES)
    return _BLOCK_START.sub(_escape_block_start, flat)


def _escape_block_start(match: re.Match[str]) -> str:
    if match[1] is not None:
        return f"{match[1]}\\{match[2]}"
    return "\\" + match[0]


def md_fact(quoted: str) -> str:
    """`fact.id = value` with the fact id as code; the value, which a user wrote, stays inert text."""
    fact, separator, value = quoted.partition(" = ")
    if separator and _FACT_ID.match(fact):
        return f"`{fact}` = {md_text(value)}"
    return md_text(quoted)


def md_link(url: str | None, label: str | None = None) -> str:
    """A link to an http(s) address; anything else comes out as plain, inert text."""
    if not url:
        return ""
    if not _SAFE_URL.match(url):
        return md_text(url)
    return f"[{md_text(label or url)}]({url})"


def mermaid_label(text: object) -> str:
    """A label inside a Mermaid string: one line, no quotes or backticks that could end it."""
    flat = " ".join(str(text).split())
    return re.sub(r"[\"`\\;#<>{}\[\]]", "", flat).strip() or "?"
