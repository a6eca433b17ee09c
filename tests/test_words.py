"""How values, lists, rule text and file names read, for every renderer and message."""

from __future__ import annotations

import pytest

from advisor.facts import UNKNOWN
from advisor.words import as_clause, format_plain, format_value, interpolate, list_label, plain_label, slug


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
