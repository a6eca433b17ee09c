"""Making user text inert in Markdown (GitHub, GitLab and Python-Markdown alike).

Everything from an answers file (project names, free text, language names) and every text
of a rule pack passes through `md_text` before it reaches a report: it stays on one line,
cannot open a block, a link, an emphasis, an attribute list or HTML, and cannot break a
table cell. Only characters that both CommonMark and Python-Markdown accept as backslash
escapes are backslashed (`|` too, which the tables extension adds); the few that need more
become entities, and only where they would act: `&` before what reads as an entity, `<`, `~`.
A name like "R&D" stays as it is written. Links come only from `md_link` (and `md_prose`, which
links the http(s) addresses a rule pack cites in its notes), which
accepts nothing but http(s) addresses: GitHub's and GitLab's extended autolinks (`www.`
names, `https://` addresses, e-mail addresses written as plain text) are defused too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from advisor.words import inert

_BACKSLASHED = re.compile(r"([\\`*_\[\]{}!|])")
_ENTITIES = str.maketrans({"<": "&lt;", "~": "&#126;"})
# `&` acts only where it starts something that reads as an entity (`&amp;`, `&#58;`).
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What could open a block when the text starts a line: headings, list items, setext
# underlines, thematic breaks. Ordered-list markers only count before a space.
_BLOCK_START = re.compile(r"^(?:[#+\-=>]|(\d+)([.)])(?= |$))")
_FACT_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$")
_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%/+:@!$,;=?#-]*)?$")
# GFM autolinks a `www.` name, a scheme followed by `//` (or mailto:, xmpp:), and any
# `local@domain.tld` in the decoded text. Backslashing the dot after www and writing the
# colon as an entity stop the first two; an e-mail address is found after entities are
# decoded, so a word joiner (invisible, written as its entity) goes right after the `@`.
_AUTOLINK_WWW = re.compile(r"(?i)(?<![\w.-])(www)\.")
_AUTOLINK_SCHEME = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<=mailto)(:)|(?<=xmpp)(:)")
_AUTOLINK_EMAIL = re.compile(r"(?<=[\w.+-])@(?=[\w-])")
_PROSE_URL = re.compile(
    r"https?://[^\s()<>]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_MAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def md_text(text: object) -> str:
    """Escape one line of user text for Markdown, tables included; active characters
    (terminal controls, bidi overrides) are written out as escapes first, and nothing in it
    becomes a link."""
    if type(text) is str:
        return _md_text_of(text)
    return _md_text(text)


# A report escapes some 500 texts, most of them the rule pack's, the same in every report of
# a batch: they are escaped once per process.
@lru_cache(maxsize=8192)
def _md_text_of(text: str) -> str:
    return _md_text(text)


def _md_text(text: object) -> str:
    flat = _escape(text)
    if "." in flat:  # www. names and e-mail addresses have a dot
        flat = _AUTOLINK_WWW.sub(r"\1\\.", flat)
        flat = _AUTOLINK_EMAIL.sub("@&#8288;", flat) if "@" in flat else flat
    if ":" in flat:
        flat = _AUTOLINK_SCHEME.sub("&#58;", flat)
    return flat


def _escape(text: object) -> str:
    flat = inert(" ".join(str(text).split()))
    flat = _BACKSLASHED.sub(r"\\\1", flat)
    if "&" in flat:
        flat = _ENTITY_LIKE.sub("&amp;", flat)
    flat = flat.translate(_ENTITIES)
    return _BLOCK_START.sub(_escape_block_start, flat)


def _escape_block_start(match: re.Match[str]) -> str:
    if match[1] is not None:
        return f"{match[1]}\\{match[2]}"
    return "\\" + match[0]


def md_prose(text: object) -> str:
    """`md_text` for prose whose author means its addresses (a rule pack's notes, a brand's
    contact): an http(s) address becomes a link named by its host, as a source is, and an
    e-mail address a mailto link, instead of text defused against autolinking."""
    flat = " ".join(str(text).split())
    parts, last = [], 0
    for match in _PROSE_URL.finditer(flat):
        address = match[0].rstrip(".,;:!?")
        if _SAFE_URL.match(address):
            link = md_link(address, address.split("/", 3)[2])
        elif _MAIL.match(address):
            link = f"[{_escape(address)}](mailto:{address})"
        else:
            continue
        parts += [_segment(flat[last : match.start()]), link]
        last = match.start() + len(address)
    return "".join([*parts, _segment(flat[last:])]) if parts else md_text(flat)


def _segment(text: str) -> str:
    """`md_text` of a piece of a line, keeping the space at either end."""
    if not text.strip():
        return text
    return (" " if text[0] == " " else "") + md_text(text) + (" " if text[-1] == " " else "")


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
    return f"[{_escape(label or url)}]({url})"  # inside a link, nothing else links
