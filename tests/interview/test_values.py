"""Typed answers from typed text, and how answers read back."""

from __future__ import annotations

from advisor.facts import UNKNOWN
from advisor.interview.values import display, is_unknown_word, parse_int, parse_languages
from advisor.pack.model import RulePack


def test_integers_are_checked_against_the_question_range(pack: RulePack) -> None:
    components = pack.bank.facts["app.components"]
    assert parse_int(components, " 12 ") == 12
    assert parse_int(components, "0") == "Out of range: type an integer from 1 to 500"
    assert parse_int(components, "501") == "Out of range: type an integer from 1 to 500"
    assert parse_int(components, "twelve") == (
        "Type an integer from 1 to 500, '?' for help or 'u' for don't know"
    )


def test_runtime_names_are_normalised_and_deduplicated() -> None:
    assert parse_languages("Scala, kotlin ,scala,") == ("scala", "kotlin")
    assert isinstance(parse_languages("x" * 41), str)


def test_dont_know_can_be_typed_several_ways() -> None:
    assert all(is_unknown_word(text) for text in ("u", "unknown", "Don't know", "dk"))
    assert not is_unknown_word("0")


def test_answers_read_back_with_their_labels(pack: RulePack) -> None:
    facts = pack.bank.facts
    assert display(facts["app.os"], "windows") == "Windows"
    assert display(facts["stack.languages"], ("java", "scala")) == "Java / JVM, scala"
    assert display(facts["team.image_pipeline"], False) == "no"
    assert display(facts["team.ops_engineers"], UNKNOWN) == "don't know"
