"""The HTML index writes most rows of a long assessments table itself: the page must be the
same, byte for byte, as the whole Markdown index through Python-Markdown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.render.brand import Brand
from advisor.render.html import html_page
from advisor.render.portfolio import INDEX_TITLE, joined_lines, render_index
from advisor.render.portfolio_html import FIRST_ROWS, _plain_row, render_index_html
from advisor.result import PortfolioEntry

HOSTILE = [
    "<script>alert(1)</script>",
    "a | b",
    "*bold* and _it_",
    "R&D &amp; more",
    "www.example.com",
    "ops@example.org",
    "https://example.com/x",
    "café Zürich 名前",
    "two  spaces",
    " padded ",
    "-lead",
    "1. First",
    "# heading",
    "back\\slash `tick`",
    "tilde ~~strike~~",
    "[link](javascript:alert(1))",
    "bidi \u202e override",
    "",
]


def entry(number: int, name: str | None, **overrides: object) -> PortfolioEntry:
    fields: dict[str, object] = {
        "label": f"team/client-{number:04d}.yaml",
        "slug": f"client-{number:04d}",
        "name": name,
        "client": f"Client {number % 7}",
        "strategy": "paas",
        "platform": "managed-paas",
        "strategy_name": "Platform as a service",
        "platform_name": "Managed PaaS (Heroku-style)",
        "confidence": round(0.3 + (number % 60) / 100, 2),
        "confidence_label": "moderate",
        "top_driver": "small-team-paas" if number % 3 else None,
    }
    fields.update(overrides)
    return PortfolioEntry(**fields)  # type: ignore[arg-type]


def whole(entries: list[PortfolioEntry], link_to: str = "html", brand: Brand | None = None) -> str:
    """The page as it was always made: the whole index through Python-Markdown."""
    return html_page(INDEX_TITLE, render_index(entries, link_to, "default 2026.11.4", ["x.yaml"]), brand)


def test_a_long_index_is_the_same_page_as_through_markdown_alone() -> None:
    entries = [entry(n, f"System {n}") for n in range(40)]
    entries += [entry(100 + n, text, client=text, platform_name=text) for n, text in enumerate(HOSTILE)]
    entries += [
        entry(200, "No strategy", strategy=None, platform=None),
        entry(201, None),
        entry(202, "Odd driver", top_driver="rule<x>&y"),
        entry(203, "Broken", error="bad file"),
    ]
    brand = Brand("Northwind Advisory", contact="jane@northwind.example")
    for link_to in ("html", "md"):
        assert render_index_html(entries, link_to, "default 2026.11.4", ["x.yaml"], brand) == whole(
            entries, link_to, brand
        )


def test_short_and_empty_indexes_go_through_markdown_alone() -> None:
    for count in (0, 1, FIRST_ROWS - 1, FIRST_ROWS, FIRST_ROWS + 1):
        entries = [entry(n, f"System {n}") for n in range(count)]
        assert render_index_html(entries, "html", "default 2026.11.4", ["x.yaml"]) == whole(entries)
    page = render_index_html([entry(n, f"S {n}") for n in range(FIRST_ROWS + 1)], "html", "p")
    assert '<table class="short">\n<thead>\n<tr>\n<th>Assessment</th>' not in page


def test_plain_rows_take_the_template_and_others_markdown() -> None:
    for text in ("Checkout platform (EU)", "café Zürich 名前", "www.example.com", "1. First"):
        assert _plain_row(entry(1, text), "html") is not None, text
    assert _plain_row(entry(2, "No strategy", strategy=None, platform=None), "html") is not None
    for text in ("<script>", "a | b", "*bold*", "R&D", "two  spaces", " padded", "-lead", "a@b.org"):
        assert _plain_row(entry(3, text), "html") is None, text
    assert _plain_row(entry(4, "Fine", top_driver="rule<x>"), "html") is None


cell_text = st.text(
    alphabet=st.sampled_from([*list("aZé9 .,()/'-_*|&<>#`~[]!\\:@w"), "\u202e", "\t", "名"]),
    max_size=14,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(cell_text, cell_text, cell_text, st.booleans()), min_size=FIRST_ROWS, max_size=24))
def test_any_text_gives_the_same_page(rows: list[tuple[str, str, str, bool]]) -> None:
    entries = [
        entry(n, name or None, client=client, label=f"{label}.yaml", top_driver="d-1" if driver else None)
        for n, (name, client, label, driver) in enumerate(rows)
    ]
    assert render_index_html(entries, "html", "default 2026.11.4", ["x.yaml"]) == whole(entries)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["", " ", "a", "b  ", "  c", "x\ny", "\n"]), max_size=8))
def test_lines_are_joined_piece_by_piece_as_the_whole_text_would_be(lines: list[str]) -> None:
    assert "".join(joined_lines(lines)) == "\n".join(lines).rstrip() + "\n"
