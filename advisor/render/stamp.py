"""The stamp on a Markdown or HTML report: what the page was written from.

`advisor report --check` compares a page with what would be written now; when they differ,
the stamp says what moved: the answers (a digest of the facts and project details the result
was computed from), the rule pack (each pack of the stack, by name, version and sha256), or
advisor itself (neither moved, yet the text did). It also keeps the audience and a digest of the
brand (a page for another reader is not stale for advisor's reasons), the decision, so a stale
page can say how the recommendation moved, and a digest of the page without the stamp, so a
page edited by hand is told apart from one written by another advisor.

In Markdown the stamp is a link reference definition, `[advisor]: # (...)`, which every
Markdown renderer (GitHub, GitLab, Python-Markdown, CommonMark) shows as nothing; in HTML it
is a comment. Its values are percent-encoded, so nothing in them can end it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from advisor.render.brand import Brand
from advisor.result import Decision, Result

STAMP_VERSION = "1"
_FIELDS = (
    "answers",
    "packs",
    "strategy",
    "platform",
    "status",
    "confidence",
    "product",
    "product_status",
    "audience",
    "brand",
)
_DECISION = ("strategy", "platform", "status", "confidence", "product", "product_status")
_MARKDOWN = re.compile(r"\n\n\[advisor\]: # \((stamp=[^()\n]*)\)\n\Z")
_HTML = re.compile(r"<!-- advisor (stamp=[^<>\n]*) -->\n")

PackLabel = tuple[str, str, str]
"""One pack of a stack: name, version, sha256."""


@dataclass(frozen=True)
class Stamp:
    """What a page was written from, as its stamp (or its own content, for JSON) says."""

    answers: str
    packs: tuple[PackLabel, ...]
    decision: Decision
    intact: bool | None = None
    """Whether the page is as advisor wrote it (its content digest matches); None: not known."""
    audience: str = "engineer"
    brand: str = ""
    """A digest of the brand the page was written with; empty without one."""


def answers_digest(result: Result) -> str:
    """sha256 of what a result was computed from on the answers' side: the project details
    and every fact given (a value or `unknown`). Comments and layout of the file do not count,
    `--set` overrides and the report date do."""
    given = {
        line.fact: line.value if line.status == "answered" else line.status
        for line in result.answers
        if line.status in ("answered", "unknown")
    }
    canonical = json.dumps({"project": result.project, "answers": given}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def pack_labels(result: Result) -> tuple[PackLabel, ...]:
    """The stack a result was computed with, bottom first."""
    if result.rule_packs:
        return tuple((pack.name, pack.version, pack.sha256) for pack in result.rule_packs)
    ref = result.rule_pack
    return ((ref.name, ref.version, ref.sha256),)


def brand_digest(brand: Brand | None) -> str:
    """The first 12 hex digits of the sha256 of everything a brand puts on a page."""
    if brand is None:
        return ""
    canonical = json.dumps(dataclasses.asdict(brand), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


def stamp_of(result: Result, audience: str = "engineer", brand: Brand | None = None) -> Stamp:
    return Stamp(
        answers_digest(result),
        pack_labels(result),
        result.decision(),
        audience=audience,
        brand=brand_digest(brand),
    )


def stamp_markdown(result: Result, body: str, audience: str = "engineer", brand: Brand | None = None) -> str:
    """The Markdown report with its stamp as the last line."""
    return f"{body}\n[advisor]: # ({_payload(stamp_of(result, audience, brand), body)})\n"


def stamp_html(result: Result, page: str, audience: str = "engineer", brand: Brand | None = None) -> str:
    """The HTML page with its stamp as a comment after the doctype."""
    doctype, newline, rest = page.partition("\n")
    return f"{doctype}{newline}<!-- advisor {_payload(stamp_of(result, audience, brand), page)} -->\n{rest}"


def read_stamp(text: str, fmt: str) -> Stamp | None:
    """The stamp of a Markdown (`md`) or HTML (`html`) page, or None when it has none."""
    found = (_MARKDOWN if fmt == "md" else _HTML).search(text)
    if found is None:
        return None
    content = text[: found.start()] + ("\n" if fmt == "md" else "") + text[found.end() :]
    fields = dict(part.partition("=")[::2] for part in found[1].split(" "))
    try:
        decision = Decision.model_validate({key: unquote(fields[key]) or None for key in _DECISION})
        packs = tuple(_pack(label) for label in fields["packs"].split(",") if label)
        intact = _digest(content) == fields.get("content")
        audience, brand = unquote(fields["audience"]), unquote(fields["brand"])
        return Stamp(fields["answers"], packs, decision, intact, audience, brand)
    except (KeyError, ValueError):
        return None


def _payload(stamp: Stamp, content: str) -> str:
    decision = stamp.decision
    values = {
        "answers": stamp.answers,
        "strategy": decision.strategy,
        "platform": decision.platform,
        "status": decision.status,
        "confidence": f"{decision.confidence:.4f}",
        "product": decision.product,
        "product_status": decision.product_status,
        "audience": stamp.audience,
        "brand": stamp.brand,
    }
    packs = ",".join("@".join(quote(part, safe="") for part in label) for label in stamp.packs)
    parts = [
        f"{key}={packs}" if key == "packs" else f"{key}={quote(values[key] or '', safe='')}"
        for key in _FIELDS
    ]
    return " ".join([f"stamp={STAMP_VERSION}", *parts, f"content={_digest(content)}"])


def _pack(label: str) -> PackLabel:
    name, version, sha256 = (unquote(part) for part in label.split("@"))
    return name, version, sha256


def _digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()
