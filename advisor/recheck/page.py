"""`advisor report --check`: is a written page exactly what would be written now?

When it is not, the page's stamp (`advisor.render.stamp`; for JSON the result itself, for an
ADR its front matter) says what it was written from, and so what moved: the answers, the rule
pack, or, when neither did, advisor itself (or a hand edit, which the stamp's content digest
tells apart). A short summary says how the page would change: the recommendation, the
confidence, and the sections that differ.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from advisor import __version__
from advisor.errors import InputError
from advisor.recheck.records import RecordInputs, front_matter
from advisor.render.brand import Brand
from advisor.render.stamp import PackLabel, Stamp, read_stamp, stamp_of
from advisor.result import Decision, RecordSource, Result
from advisor.source.document import parse_yaml, read_bounded
from advisor.source.validation import validate_document

SECTIONS_SHOWN = 6
HEADING_LIMIT = 60
_MD_HEADING = re.compile(r"^#{1,2} (.+)$", re.M)
_HTML_HEADING = re.compile(r"<h[12][^>]*>(.*?)</h[12]>", re.S)
_MD_STAMP = re.compile(r"\n\[advisor\]: # \(stamp=[^()\n]*\)\n\Z")
_HTML_STAMP = re.compile(r"<!-- advisor stamp=[^<>\n]* -->\n")


@dataclass(frozen=True)
class PageCheck:
    """The outcome: fresh, or stale with what moved (`reason`) and how the page would change."""

    fresh: bool
    reason: str = ""
    summary: str = ""


def check_page(
    page: Path,
    text: str,
    result: Result,
    fmt: str,
    source: RecordSource | None,
    audience: str = "engineer",
    brand: Brand | None = None,
) -> PageCheck:
    """Compare `page` with `text`, what would be written there now from `result` (for
    `audience`, under `brand`)."""
    try:
        old = read_bounded(page, "a page written by advisor").decode("utf-8")
    except InputError as error:
        if not page.exists():
            return PageCheck(
                False, "it does not exist yet", "run the same command without --check to write it"
            )
        raise error from None
    except UnicodeDecodeError:
        return PageCheck(False, "it is not a UTF-8 text file, so not a page advisor wrote", "")
    if old == text:
        return PageCheck(True)
    before, after = _stamp(old, fmt), _current(result, fmt, source, audience, brand)
    return PageCheck(False, _reason(before, after), _summary(before, after, old, text, fmt, result))


def _current(
    result: Result, fmt: str, source: RecordSource | None, audience: str, brand: Brand | None
) -> Stamp:
    if fmt != "adr":
        return stamp_of(result, audience, brand)
    pack = result.rule_pack
    return Stamp(_adr_answers(source), ((pack.name, pack.version, pack.sha256),), result.decision())


def _stamp(old: str, fmt: str) -> Stamp | None:
    """What the old page says it was written from, or None when it says nothing readable."""
    if fmt in ("md", "html"):
        return read_stamp(old, fmt)
    if fmt == "json":
        try:
            return stamp_of(Result.model_validate(json.loads(old)))
        except (ValueError, RecursionError):
            return None
    head = front_matter(old)
    try:
        doc = parse_yaml(head or "", "<front matter>")
        inputs = validate_document(RecordInputs, doc, ("advisor",))
    except (InputError, KeyError, TypeError, ValidationError):
        return None
    source = RecordSource(
        answers_path=inputs.answers.path, answers_sha256=inputs.answers.sha256, settings=inputs.set
    )
    pack = inputs.pack
    return Stamp(_adr_answers(source), ((pack.name, pack.version, pack.sha256),), inputs.decision())


def _adr_answers(source: RecordSource | None) -> str:
    """What identifies the answers of an ADR: the answers file's sha256 and the overrides."""
    return "" if source is None else json.dumps([source.answers_sha256, source.settings])


def _reason(before: Stamp | None, after: Stamp) -> str:
    if before is None:
        return "it says nothing of what it was written from (written by hand, or by an older advisor)"
    moved = []
    if before.answers != after.answers:
        moved.append("the answers changed")
    if [sha for *_, sha in before.packs] != [sha for *_, sha in after.packs]:
        moved.append(f"the rule pack changed ({_packs(before.packs, after.packs)})")
    if before.audience != after.audience:
        moved.append(f"the audience changed ({before.audience} → {after.audience})")
    if before.brand != after.brand:
        moved.append(_brand_change(before.brand, after.brand))
    if not moved:
        if before.intact is False:
            return "it was edited after advisor wrote it (the answers and the rule pack are as they were)"
        return (
            f"advisor itself changed: the same answers and rule pack now give a different page "
            f"(this is advisor {__version__})"
        )
    edited = "; the page was also edited by hand" if before.intact is False else ""
    return " and ".join(moved) + edited


def _brand_change(before: str, after: str) -> str:
    if not before:
        return "a brand was added"
    return "the brand changed" if after else "the brand was taken away"


def _packs(before: tuple[PackLabel, ...], after: tuple[PackLabel, ...]) -> str:
    old, new = _stack(before), _stack(after)
    if old == new:  # same names and versions, other contents
        old, new = _stack(before, digest=True), _stack(after, digest=True)
    return f"{old} → {new}"


def _stack(packs: tuple[PackLabel, ...], *, digest: bool = False) -> str:
    return " + ".join(
        f"{name} {version}" + (f" ({sha[:12]})" if digest else "") for name, version, sha in packs
    )


def _summary(before: Stamp | None, after: Stamp, old: str, new: str, fmt: str, result: Result) -> str:
    names = {option.id: option.name for option in result.options}
    parts = []
    if before is not None:
        parts.append(_recommendation(before.decision, after.decision, names))
        was, now = before.decision.confidence, after.decision.confidence
        parts.append(
            f"confidence {was:.2f} → {now:.2f}" if f"{was:.2f}" != f"{now:.2f}" else f"confidence {now:.2f}"
        )
    changed = _changed_sections(old, new, fmt)
    if changed:
        shown = [name if len(name) <= HEADING_LIMIT else name[:HEADING_LIMIT] + "…" for name in changed]
        more = len(shown) - SECTIONS_SHOWN
        parts.append(
            "sections that differ: "
            + ", ".join(shown[:SECTIONS_SHOWN])
            + (f" and {more} more" if more > 0 else "")
        )
    return "; ".join(parts)


def _recommendation(before: Decision, after: Decision, names: dict[str, str]) -> str:
    if before.key() == after.key():
        return f"recommendation unchanged: {choice_text(after, names)}"
    return f"recommendation {choice_text(before, names)} → {choice_text(after, names)}"


def choice_text(decision: Decision, names: dict[str, str]) -> str:
    """`Serverless containers (clear; Amazon ECS Express Mode, active)`: a decision in words."""
    if decision.strategy is None:
        return "nothing (every strategy excluded)"
    option = decision.platform or decision.strategy
    details: list[str] = [decision.status or "status not computed"]
    if decision.product:
        details.append(decision.product + (f", {decision.product_status}" if decision.product_status else ""))
    return f"{names.get(option, option)} ({'; '.join(details)})"


def _changed_sections(old: str, new: str, fmt: str) -> list[str]:
    """The headings (top-level keys, for JSON) whose section differs between the two pages."""
    before, after = _sections(old, fmt), _sections(new, fmt)
    changed = [name for name, body in after.items() if before.get(name) != body]
    return changed + [name for name in before if name not in after]


def _sections(text: str, fmt: str) -> dict[str, str]:
    if fmt == "json":
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return {"(not JSON)": text}
        if not isinstance(data, dict):
            return {"(not a result)": text}
        return {str(key): json.dumps(value, sort_keys=True) for key, value in data.items()}
    if fmt == "html":
        text = _HTML_STAMP.sub("", text)
        headings = [(found, _html_heading(found[1])) for found in _HTML_HEADING.finditer(text)]
    else:
        text = _MD_STAMP.sub("\n", text)
        headings = [(found, found[1].strip()) for found in _MD_HEADING.finditer(text)]
    sections: dict[str, str] = {}
    start, name = 0, "front matter" if fmt == "adr" else "(before the title)"
    for found, heading in headings:
        _add(sections, name, text[start : found.start()])
        start, name = found.end(), heading
    _add(sections, name, text[start:])
    return sections


def _html_heading(inner: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()


def _add(sections: dict[str, str], name: str, body: str) -> None:
    """One section; a heading met again is numbered, an empty preamble left out."""
    if not body.strip() and name in ("front matter", "(before the title)"):
        return
    key, number = name, 2
    while key in sections:
        key, number = f"{name} ({number})", number + 1
    sections[key] = body
