"""Hostile inputs shared by the safety tests: active characters, and packs and answers full of them.

"Active" characters act on a terminal or on how text is laid out instead of showing as
themselves: ESC and the other C0 controls (tab and newline aside), DEL, the C1 controls
(U+009B is a one-character ESC [), bidi overrides and isolates, and the Unicode line and
paragraph separators. The oracle below is written out here, independently of the code under
test, so a narrowed set in `advisor.words` would make the tests fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from advisor.pack.bundled import default_rules_dir

ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What an attacker would paste: hide the rest of the line, a CSI in one byte, reversed text,
# an isolate, a next line (a line break for YAML), a carriage return.
PAYLOAD = "\x1b[8m\x9b31m\u202e\u2066\x85\r"
ACTIVE_CHARACTERS = "".join(chr(code) for code in range(0x110) if ACTIVE.match(chr(code))) + (
    "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Pack fields that are free text shown to people (ids, choices and conditions are checked).
_TEXT_FIELDS = frozenset(
    {"title", "prompt", "help", "because", "mitigation", "name", "summary", "status", "note"}
    | {"fits", "costs", "risks", "products", "next_steps", "todo"}
)


def active_in(text: str) -> list[str]:
    """Each active character in `text`, with what stands before it, for a readable failure."""
    return [f"{text[max(0, m.start() - 30) : m.start()]!r} + {m[0]!r}" for m in ACTIVE.finditer(text)]


def escape_text() -> st.SearchStrategy[str]:
    """Text mixing printable characters with active ones (the fuzzing generator)."""
    pieces = st.one_of(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
        st.sampled_from(list(ACTIVE_CHARACTERS)),
        st.sampled_from(["\x85", "\u2028", "\u2029", "\u202e", "\x1b[8m", "\x9b"]),  # the usual suspects
        st.just(PAYLOAD),
    )
    return st.lists(pieces, min_size=1, max_size=6).map("".join)


def hostile_pack(target: Path, payload: str = PAYLOAD) -> Path:
    """A copy of the default pack with `payload` appended to its version and every free text."""
    shutil.copytree(default_rules_dir(), target)
    for path in sorted([*target.glob("*.yaml"), *target.glob("tests/*.yaml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "pack.yaml":
            data = {**data, "version": f"{data['version']}{payload}", "description": payload}
        else:
            data = _inject(data, payload)
        path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=10**6), "utf-8")
    return target


def _inject(data: Any, payload: str, field: str = "") -> Any:
    if isinstance(data, dict):
        if field == "choices":
            return {value: f"{label}{payload}" for value, label in data.items()}
        return {key: _inject(value, payload, str(key)) for key, value in data.items()}
    if isinstance(data, list):
        return [_inject(item, payload, field) for item in data]
    if isinstance(data, str) and field in _TEXT_FIELDS:
        return f"{data}{payload}"
    return data
