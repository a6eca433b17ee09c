"""The JSON result: the machine-readable contract (docs/reports.md, docs/architecture.md).

The result is written as `json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)`
writes it, byte for byte (tests hold `dumps_indented` to that). With `indent`, the json
module uses its pure-Python encoder, a generator per container, and a report's result holds
thousands of values: that was about a quarter of a batch's time per file. `dumps_indented`
writes the same text directly, with the json module's own string encoder and number forms,
and leaves anything else (a key that is not a string, a number JSON cannot hold) to
`json.dumps`, which encodes it or says why not.

A result is serialized by pydantic's own JSON writer, four times faster again, whose text is
the same but for numbers below 10^-4 (`0.00001` where the json module writes `1e-05`) and the
numbers JSON cannot hold (written as `NaN`, `Infinity`): a text with either, or anything that
looks like them, is written the json module's way instead.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring

from pydantic_core import PydanticSerializationError

from advisor.result import Result
from advisor.words import inert_json

INDENT = "  "


class _Unusual(Exception):
    """A value the direct writer leaves to json.dumps."""


def render_json(result: Result) -> str:
    try:
        text = result.model_dump_json(indent=2)
    except PydanticSerializationError:  # a lone surrogate, say: as the json module handles it
        text = None
    if text is None or _spelled_otherwise(text):
        return json_document(result.model_dump(mode="json"))
    return inert_json(text) + "\n"


def _spelled_otherwise(text: str) -> bool:
    """Whether pydantic's text may hold a number the json module writes otherwise (below
    10^-4: `0.00001`, `1e-7`) or one it refuses (`NaN`, `Infinity`). A number in the indented
    text stands after a space (`"key": 0.00001`, or an array item's indentation), so `$0.00001`
    in a note does not count; anything else that only looks like one (`NaN` in a name) sends
    the result the json module's way, which is slower, never wrong. Plain substring searches:
    a regular expression took 3 ms on a 100 KB result."""
    if "NaN" in text or "Infinity" in text:
        return True
    at = text.find("0.0000")
    while at != -1:
        start = at - 1 if at and text[at - 1] == "-" else at
        if start and text[start - 1] == " ":
            return True
        at = text.find("0.0000", at + 6)
    at = text.find("e-")
    while at != -1:
        if at and text[at - 1].isdigit():
            return True
        at = text.find("e-", at + 2)
    return False


def json_document(data: object) -> str:
    """A JSON document as advisor writes every one: indented by two, nothing active in it."""
    return inert_json(dumps_indented(data)) + "\n"


def dumps_indented(data: object) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)`, written directly."""
    parts: list[str] = []
    try:
        _write(data, parts, "\n")
    except _Unusual:
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    return "".join(parts)


def _write(value: object, parts: list[str], newline: str) -> None:
    """Append `value`; `newline` is a line break and the indentation of the current level."""
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + INDENT
        separator = "{" + inner
        for key, item in value.items():  # type: ignore[attr-defined]
            name = _NAMES.get(key)
            if name is None:
                name = _name(key)
            text = _PLAIN.get(type(item))
            if text is not None:  # a string or a whole number, written here: most values are
                parts += (separator, name, text(item))
            else:
                parts += (separator, name)
                _write(item, parts, inner)
            separator = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + INDENT
        separator = "[" + inner
        for item in value:  # type: ignore[attr-defined]
            text = _PLAIN.get(type(item))
            if text is not None:
                parts += (separator, text(item))
            else:
                parts.append(separator)
                _write(item, parts, inner)
            separator = "," + inner
        parts.append(newline + "]")
    else:
        parts.append(_scalar(value))


def _name(key: object) -> str:
    """`"key": `, remembered: results repeat the same few hundred keys."""
    if type(key) is not str:
        raise _Unusual
    name = f"{encode_basestring(key)}: "
    if len(_NAMES) < _NAMES_KEPT:
        _NAMES[key] = name
    return name


def _scalar(value: object) -> str:
    """A boolean, null, finite float or anything else as the json module writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return str(encode_basestring(value))
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    raise _Unusual


# Exactly these types, written as the json module writes them (floats may be NaN or infinite,
# so they go through `_scalar`, as do booleans, None and subclasses).
_PLAIN = {str: encode_basestring, int: int.__repr__}
_NAMES: dict[str, str] = {}
_NAMES_KEPT = 4096
