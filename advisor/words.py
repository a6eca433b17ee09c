"""How values, lists, rule text and file names read: one place for every renderer and message.

Texts come back raw (unescaped); each output format escapes for itself. What came from a
file reaches a terminal or a report only through `inert` (whole texts) or `excerpt` (a
value quoted inside a message), so it can neither steer a terminal nor flood it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Final

from advisor.facts import UNKNOWN_WORD, FactValue, Unknown

# Stand-ins for "some other value" that the analysis adds to a list to reach a count threshold.
FILLER: Final = "other-{}"
_FILLER_PREFIX: Final = FILLER.split("{", 1)[0]
# `{fact.id}` is the fact's value; `{fact.id|noun}` a count with its noun: `1 component`,
# `12 components`. Nothing else in rule text is interpreted.
PLACEHOLDER: Final = re.compile(r"\{([^{}|]*)(?:\|([^{}|]*))?\}")
# Characters that act on a terminal or on how text is laid out rather than showing as
# themselves: C0 controls but tab and newline (ESC starts terminal sequences, CR overwrites
# a line), DEL, C1 controls (U+009B is a one-character ESC [; U+0085 a line break in
# YAML), bidi embeddings, overrides and isolates (they reorder what a reader sees), and the
# Unicode line and paragraph separators. The bidi marks (U+200E, U+200F, U+061C) are left
# alone: right-to-left names use them, and they reorder nothing beyond their neighbours.
_ACTIVE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
EXCERPT_LIMIT: Final = 60


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


def plain_label(value: object) -> str:
    """A value as a reader would say it; stand-in list items read as "N other(s)"."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return list_label(value)
    return str(value)


def joined(items: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def list_label(items: list[str]) -> str:
    named = [item for item in items if not is_filler(item)]
    others = len(items) - len(named)
    parts = [", ".join(named)] if named else []
    if others:
        parts.append(f"{others} other" + ("s" if others > 1 else ""))
    return " + ".join(parts) if parts else "none"


def is_filler(item: str) -> bool:
    return item.startswith(_FILLER_PREFIX) and item[len(_FILLER_PREFIX) :].isdigit()


def counted(number: float, noun: str, plural: str | None = None, *, signed: bool = False) -> str:
    """`1 point`, `2 points`, `0.5 points`, `-1 point`, `3 open questions`: a number with its
    noun, singular only for one (either sign); `signed` writes `+1 point` and `−3 points`."""
    shown = f"{number:+g}".replace("-", "−") if signed else f"{number:g}"
    return f"{shown} {plural_of(number, noun, plural)}"


def plural_of(number: float, noun: str, plural: str | None = None) -> str:
    """The noun alone, in the form that goes with `number`: `rule` for one, else `rules`."""
    return noun if abs(number) == 1 else plural or noun + "s"


def confidence_label(confidence: float) -> str:
    """How a confidence reads: high from 0.8, moderate from 0.65, low from 0.5, else very low."""
    if confidence >= 0.8:
        return "high"
    if confidence >= 0.65:
        return "moderate"
    if confidence >= 0.5:
        return "low"
    return "very low"


def skipped_line(count: int, *, decided: bool) -> str:
    """`7 questions skipped: no answer to them could change the recommendation`."""
    them = "it" if count == 1 else "them"
    change = "change the recommendation" if decided else "settle the decision"
    return f"{counted(count, 'question')} skipped: no answer to {them} could {change}"


def could_change(current: str | None, leads_to: Sequence[str], *, alone: bool) -> str:
    """Why an open question is asked now: `could change: Amazon ECS -> Platform as a service`.

    `current` names the recommendation (None: there is none yet); `leads_to`, the options an
    answer could lead to; `alone`: one answer to this question could do it by itself.
    """
    if current is None:
        options = ", ".join(leads_to[:-1]) + " or " + leads_to[-1] if len(leads_to) > 1 else "".join(leads_to)
        return "could help settle it" + (f": {options}" if options else "")
    if not leads_to:
        return f"could leave {current} too unsure to recommend"
    together = "" if alone else " (with other answers)"
    return f"could change: {current} -> {', '.join(leads_to)}{together}"


def describe(value: Any) -> str:
    """A value as it was written, for messages: 'text', 12, true, a list, a mapping."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return excerpt(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def as_sentence(clause: str) -> str:
    """A clause that starts a sentence: first letter raised."""
    return clause[:1].upper() + clause[1:]


def as_clause(sentence: str) -> str:
    """A sentence continued after "because" or a colon: first letter lowered, unless it starts an acronym."""
    if sentence[:1].isupper() and not sentence[1:2].isupper():
        return sentence[:1].lower() + sentence[1:]
    return sentence


def interpolate(
    text: str, facts: Mapping[str, FactValue], said: Mapping[str, Mapping[str, str]] | None = None
) -> str:
    """Replace `{fact.id}` with the fact's value and `{fact.id|noun}` with a counted noun; a
    choice found in `said` (fact -> value -> words) reads as those words: `on Azure`, `Ruby,
    Node.js`."""

    def value(match: re.Match[str]) -> str:
        fact, noun = match[1], match[2]
        answer = facts.get(fact)
        phrases = said.get(fact) if said else None
        if phrases and isinstance(answer, str):
            shown = phrases.get(answer, answer)
        elif isinstance(answer, tuple) and answer:  # a list reads as a sentence lists: `A, B and C`
            shown = joined([phrases.get(item, item) if phrases else item for item in answer])
        else:
            shown = format_value(answer)
        if not noun:
            return shown
        count = facts.get(fact)
        return f"{shown} {plural_of(count if isinstance(count, int) else 2, noun)}"

    return PLACEHOLDER.sub(value, text)


def slug(text: str, *, limit: int = 60, fallback: str) -> str:
    """File-name slug, one way for every file the tool names (reports, ADRs, packs): lowercase
    ASCII words joined by single hyphens, cut at a word boundary; never empty and never a path."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    joined = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.lower()):
        candidate = f"{joined}-{word}" if joined else word
        if len(candidate) > limit:
            joined = joined or word[:limit]
            break
        joined = candidate
    return joined or fallback


def inert(text: str) -> str:
    """`text` with every active character written out as an escape (ESC -> `\\x1b`, U+202E ->
    `\\u202e`): safe to print or to put in a report; tabs and line breaks are kept."""
    if text.isascii() and text.isprintable():  # the common case, at C speed
        return text
    return _ACTIVE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_inert(text: str) -> bool:
    return _ACTIVE.search(text) is None


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """A value quoted in a message: in quotes, every unprintable character escaped, and cut
    after `limit` characters, saying how long it was (`'abc...' (1,024 characters)`)."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"


def inert_json(text: str) -> str:
    """A JSON document with every active character as a `\\uXXXX` escape: the same data once
    parsed, and nothing active on a terminal that shows the file."""
    if text.isascii() and "\x7f" not in text:  # json.dumps has escaped the C0 controls already
        return text
    return _ACTIVE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
