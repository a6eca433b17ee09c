"""The stamp on Markdown and HTML reports: read back exactly, shown by no renderer, never broken out of."""

from __future__ import annotations

import cmarkgfm
import markdown
import pytest
from markdown_it import MarkdownIt

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.model import RulePack
from advisor.render import render
from advisor.render.brand import Brand
from advisor.render.stamp import answers_digest, brand_digest, read_stamp, stamp_markdown, stamp_of
from advisor.result import PackUsed, Result
from tests.conftest import ROOT

HOSTILE = 'v1) -->\n<script>x</script> [a](b) "q" @,%'


@pytest.fixture(scope="module")
def result(pack: RulePack) -> Result:
    return evaluate(pack, load_answers(ROOT / "examples" / "checkout-platform.yaml", pack.bank))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_stamp_reads_back_what_the_page_was_written_from(result: Result, fmt: str) -> None:
    found = read_stamp(render(result, fmt), fmt)
    expected = stamp_of(result)
    assert found is not None and found.intact is True
    assert (found.answers, found.packs) == (expected.answers, expected.packs)
    assert found.decision.key() == expected.decision.key()
    assert found.decision.confidence == pytest.approx(result.recommendation.confidence, abs=1e-4)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_stamp_keeps_the_audience_and_a_digest_of_the_brand(result: Result, fmt: str) -> None:
    northwind, southwind = Brand("Northwind Advisory"), Brand("Southwind Advisory")
    found = read_stamp(render(result, fmt, audience="client", brand=northwind), fmt)
    assert found is not None and found.intact is True
    assert (found.audience, found.brand) == ("client", brand_digest(northwind))
    assert brand_digest(northwind) != brand_digest(southwind) and brand_digest(None) == ""
    plain = read_stamp(render(result, fmt), fmt)
    assert plain is not None and (plain.audience, plain.brand) == ("engineer", "")


def test_a_markdown_stamp_shows_in_no_renderer(result: Result) -> None:
    page = render(result, "md")
    assert page.endswith(")\n") and "\n\n[advisor]: # (stamp=1 " in page
    plain = page[: page.rindex("\n[advisor]: #")]
    for convert in (
        lambda text: MarkdownIt("commonmark").enable("table").render(text),
        lambda text: cmarkgfm.github_flavored_markdown_to_html(text),
        lambda text: markdown.markdown(text, extensions=["tables"]),
    ):
        assert convert(page) == convert(plain)


def test_values_from_packs_and_products_cannot_break_out_of_the_stamp(result: Result) -> None:
    packs = [PackUsed(name="house", version=HOSTILE, sha256="a" * 64)]
    product = result.recommendation.product
    assert product is not None
    hostile = result.model_copy(
        update={
            "rule_packs": packs,
            "recommendation": result.recommendation.model_copy(
                update={"product": product.model_copy(update={"name": HOSTILE})}
            ),
        }
    )
    for fmt in ("md", "html"):
        page = render(hostile, fmt)
        found = read_stamp(page, fmt)
        assert found is not None and found.packs == (("house", HOSTILE, "a" * 64),)
        assert found.decision.product == HOSTILE
        stamp_line = next(line for line in page.splitlines() if "stamp=1" in line)
        assert "<script>" not in stamp_line and "-->" not in stamp_line[:-3] and ")" not in stamp_line[:-1]
    tokens = MarkdownIt("commonmark").parse(render(hostile, "md"))
    assert not [token for token in tokens if token.type == "html_block"]


def test_an_edited_page_is_not_intact_and_a_page_without_a_stamp_has_none(result: Result) -> None:
    page = render(result, "md")
    edited = read_stamp(page.replace("Checkout platform", "Checkout", 1), "md")
    assert edited is not None and edited.intact is False
    assert read_stamp("# A page\n", "md") is None
    assert read_stamp(page.replace("stamp=1 answers=", "stamp=1 answer="), "md") is None


def test_the_answers_digest_follows_the_facts_and_the_project_not_the_rest(result: Result) -> None:
    line = result.answers[0]
    assert line.status == "answered"
    other = result.model_copy(
        update={"answers": [line.model_copy(update={"value": "other"}), *result.answers[1:]]}
    )
    renamed = result.model_copy(update={"project": {**result.project, "name": "Renamed"}})
    rescored = result.model_copy(update={"scores": {}})
    assert answers_digest(other) != answers_digest(result) != answers_digest(renamed)
    assert answers_digest(rescored) == answers_digest(result)
    assert stamp_markdown(result, "x\n").startswith("x\n\n[advisor]: # (stamp=1 ")
