"""User text in reports stays text: for GitHub/GitLab (CommonMark) and for Python-Markdown."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import cmarkgfm
import markdown
import pytest
from markdown_it import MarkdownIt

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.render import render
from advisor.render.escape import md_fact, md_link, md_prose, md_text
from tests.conftest import DATA

HOSTILE = DATA / "hostile-project.yaml"
ATTACKS = [
    "a | b",
    "line one\nline two\n\n# heading",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![img](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "{: onclick=alert(1)}",
    "```\nfence",
    "~~~",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "***",
    "&lt;script&gt;",
    "back\\slash | pipe",
]


def commonmark(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "fenced_code"])


@pytest.mark.parametrize("attack", ATTACKS)
def test_escaped_text_stays_one_inert_paragraph(attack: str) -> None:
    source = "Project: " + md_text(attack)
    for rendered in (commonmark(source), python_markdown(source)):
        assert rendered.count("<p>") == 1
        for element in ("<script", "<img", "<a ", "<h1", "<li", "<blockquote", "<pre", "<code", "<hr", "<em"):
            assert element not in rendered, (attack, rendered)


@pytest.mark.parametrize("attack", ATTACKS)
def test_escaped_text_at_the_start_of_a_line_opens_no_block(attack: str) -> None:
    for rendered in (commonmark(md_text(attack)), python_markdown(md_text(attack))):
        assert rendered.startswith("<p>"), (attack, rendered)


@pytest.mark.parametrize("attack", ATTACKS)
def test_escaped_text_keeps_a_table_cell_whole(attack: str) -> None:
    source = f"| name | value |\n| --- | --- |\n| {md_text(attack)} | end |\n"
    for rendered in (commonmark(source), python_markdown(source)):
        body = rendered.split("<tbody>")[1]
        assert body.count("<td") == 2, (attack, rendered)
        assert "end</td>" in body


def test_escaping_keeps_the_words_a_reader_sees() -> None:
    rendered = commonmark(md_text("Acme | <Corp> [x](y) *not em* 1. 2026.11.0"))
    assert "Acme | &lt;Corp&gt; [x](y) *not em* 1. 2026.11.0" in rendered


def test_ordinary_text_is_left_readable_in_the_markdown_source() -> None:
    assert md_text("version 2026.11.0 of the pack") == "version 2026.11.0 of the pack"
    assert md_text("12. item") == "12\\. item"


def test_links_are_made_only_for_web_addresses() -> None:
    assert md_link("https://12factor.net/dev-prod-parity", "source") == (
        "[source](https://12factor.net/dev-prod-parity)"
    )
    for hostile in ("javascript:alert(1)", "data:text/html,<script>", "https://x.org/a b)(", "file:///etc"):
        rendered = commonmark(md_link(hostile, "source"))
        assert "<a" not in rendered, hostile


def test_fact_ids_become_code_and_user_values_stay_text() -> None:
    assert md_fact("stack.languages = 2 (py`thon, <go>)") == "`stack.languages` = 2 (py\\`thon, &lt;go>)"
    assert md_fact("`evil` = 1") == "\\`evil\\` = 1"


def test_a_packs_prose_links_what_it_cites_and_nothing_else() -> None:
    text = md_prose("A guide (https://www.example.com/a_b/c); see javascript:alert(1) or ops@example.com.")
    assert "([www.example.com](https://www.example.com/a_b/c))" in text
    assert "[ops@example.com](mailto:ops@example.com)." in text and "](javascript" not in text


def test_names_with_ampersands_stay_as_written() -> None:
    assert md_text("R&D | Smith & Sons") == "R&D \\| Smith & Sons"
    assert md_text("&amp;") == "&amp;amp;"


@pytest.fixture(scope="module")
def hostile_result():  # type: ignore[no-untyped-def]
    pack = load_rule_pack(default_rules_dir())
    return evaluate(pack, load_answers(HOSTILE, pack.bank))


def test_hostile_project_renders_as_text_in_markdown(hostile_result) -> None:  # type: ignore[no-untyped-def]
    source = render(hostile_result, "md")
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    kinds = {token.type for token in tokens}
    assert "html_block" not in kinds
    inline = [child for token in tokens for child in (token.children or [])]
    assert not [child for child in inline if child.type in ("html_inline", "link_open", "image")] or all(
        child.attrs.get("href", "").startswith("https://") for child in inline if child.type == "link_open"
    )
    title = next(tokens[i + 1] for i, token in enumerate(tokens) if token.type == "heading_open")
    shown = "".join(child.content for child in title.children or [])
    assert shown.startswith("Deployment strategy: <script>alert('name')</script> | pipe [click](javascript:")
    assert sum(1 for token in tokens if token.tag == "h1") == 2  # one open, one close: a single title


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def test_hostile_project_renders_as_text_in_html(hostile_result) -> None:  # type: ignore[no-untyped-def]
    page = render(hostile_result, "html")
    parser = _Elements()
    parser.feed(page)
    tags = {tag for tag, _ in parser.elements}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link"}
    assert not [name for _, attrs in parser.elements for name in attrs if name.startswith("on")]
    hrefs = [attrs["href"] for tag, attrs in parser.elements if tag == "a"]
    assert all(href and (href.startswith("#") or href.startswith("https://")) for href in hrefs)
    assert "&lt;script&gt;alert('name')&lt;/script&gt;" in page


def test_hostile_project_keeps_every_table_row_whole(hostile_result) -> None:  # type: ignore[no-untyped-def]
    source = render(hostile_result, "md")
    rendered = commonmark(source)
    for table in rendered.split("<table>")[1:]:
        header_cells = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
        rows = table.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
        assert all(len(re.findall(r"<td[ >]", row)) == header_cells for row in rows)


@pytest.mark.parametrize(
    "text",
    [
        "www.acme.example",
        "see WWW.acme.example/path",
        "https://evil.example/x and http://a.example",
        "ftp://files.example/a",
        "j.doe+ops@acme.example",
        "mailto:j.doe@acme.example",
        "xmpp:j.doe@acme.example",
        "(www.acme.example)",
    ],
)
def test_addresses_users_wrote_do_not_become_links_on_github(text: str) -> None:
    rendered = cmarkgfm.github_flavored_markdown_to_html(f"Client: {md_text(text)}")
    assert "<a " not in rendered, rendered
    shown = re.sub(r"<[^>]+>", "", html.unescape(rendered)).replace("\u2060", "").strip()
    assert shown == f"Client: {text}"
    assert "<a " not in python_markdown(md_text(text))


def test_cited_sources_still_link_on_github() -> None:
    rendered = cmarkgfm.github_flavored_markdown_to_html(md_link("https://12factor.net/"))
    assert rendered.count('<a href="https://12factor.net/">') == 1
