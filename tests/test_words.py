"""How values, lists, rule text and file names read, for every renderer and message."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from advisor.facts import UNKNOWN
from advisor.words import (
    as_clause,
    excerpt,
    format_plain,
    format_value,
    inert,
    inert_json,
    interpolate,
    joined,
    list_label,
    plain_label,
    slug,
)
from tests.hostile import active_in, escape_text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "unanswered"),
        (UNKNOWN, "unknown"),
        (True, "yes"),
        (False, "no"),
        (("python", "go"), "python, go"),
        ((), "none"),
        (12, "12"),
    ],
)
def test_format_value_reads_each_kind_of_value(value: object, text: str) -> None:
    assert format_value(value) == text  # type: ignore[arg-type]


def test_format_plain_reads_a_list_as_written_in_a_file() -> None:
    assert format_plain(["python", "go"]) == "python, go"


def test_stand_in_list_items_read_as_others() -> None:
    assert list_label(["python", "other-1", "other-2"]) == "python + 2 others"
    assert list_label(["other-1"]) == "1 other"
    assert plain_label(["go"]) == "go" and plain_label(False) == "no"


def test_interpolate_fills_values_and_counts_nouns() -> None:
    facts = {"app.components": 1, "team.ops_engineers": 3}
    text = "{app.components|component} and {team.ops_engineers|engineer}, {team.ops_engineers}"
    assert interpolate(text, facts) == "1 component and 3 engineers, 3"
    assert interpolate("{app.os}", {}) == "unanswered"


def test_joined_names_one_two_or_more_as_a_sentence_does() -> None:
    assert [joined([]), joined(["A"]), joined(["A", "B"]), joined(["A", "B", "C"])] == [
        "",
        "A",
        "A and B",
        "A, B and C",
    ]


def test_interpolate_reads_a_list_item_by_item_as_the_bank_says() -> None:
    said = {"stack.languages": {"node": "Node.js", "dotnet": ".NET"}}
    facts = {"stack.languages": ("node", "dotnet", "zig")}
    assert interpolate("With {stack.languages}.", facts, said) == "With Node.js, .NET and zig."
    assert interpolate("With {stack.languages}.", {"stack.languages": ()}, said) == "With none."


def test_as_clause_lowers_the_first_letter_but_keeps_acronyms() -> None:
    assert as_clause("Spiky load rewards scaling") == "spiky load rewards scaling"
    assert as_clause("AWS runs it") == "AWS runs it"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Checkout Platform", "checkout-platform"),
        ("../../etc/passwd", "etc-passwd"),
        ("Ünïcode ✓", "unicode"),
        ("", "fallback"),
    ],
)
def test_slug_is_a_plain_file_name_and_never_empty(text: str, expected: str) -> None:
    assert slug(text, fallback="fallback") == expected


def test_inert_writes_out_every_active_character_and_keeps_line_breaks() -> None:
    assert inert("a\x1b[8mb\x9b31m\u202ec\u2066\r\x85") == "a\\x1b[8mb\\x9b31m\\u202ec\\u2066\\x0d\\x85"
    assert inert("two\n\tlines, ünïcödé, עברית\u200f") == "two\n\tlines, ünïcödé, עברית\u200f"


@given(escape_text())
def test_inert_text_holds_no_active_character_and_inert_is_idempotent(text: str) -> None:
    assert active_in(inert(text)) == []
    assert inert(inert(text)) == inert(text)


@given(escape_text())
def test_inert_json_keeps_the_data_and_drops_nothing_active(text: str) -> None:
    document = inert_json(json.dumps({"name": text}, ensure_ascii=False))
    assert active_in(document) == []
    assert json.loads(document) == {"name": text}


def test_an_excerpt_is_quoted_escaped_and_short() -> None:
    assert excerpt("python") == "'python'"
    assert excerpt("a\x1b[8m\u202e") == "'a\\x1b[8m\\u202e'"
    assert excerpt("x" * 990_000) == f"'{'x' * 60}'... (990,000 characters)"
