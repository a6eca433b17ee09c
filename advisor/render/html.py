"""The HTML report: the Markdown report through Python-Markdown, as one standalone printable page.

The page loads nothing: the stylesheet and a brand's logo are embedded, and the score bars,
text in the Markdown, are drawn as bars of the same length. Raw HTML is switched off in the
Markdown reader, so even text that escaped escaping could only ever show as text. Printed
(or made into a PDF), the page opens with a title page and numbers every page after it.
"""

from __future__ import annotations

import html
import threading
import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from advisor.render.brand import Brand, html_footer, html_header, page_css
from advisor.render.charts import bar_share
from advisor.render.markdown import render_markdown
from advisor.result import Result
from advisor.words import inert


def render_html(result: Result, audience: str = "engineer", brand: Brand | None = None) -> str:
    name = result.project.get("name") or "Unnamed system"
    return html_page(f"Deployment strategy: {name}", render_markdown(result, audience), brand)


def html_page(title: str, markdown_text: str, brand: Brand | None = None) -> str:
    """A standalone page from Markdown: embedded stylesheet, a cover (the brand, the title and
    the contents) that prints as a title page, no scripts and no linked assets."""
    reader = _page_reader().reset()
    body = reader.convert(markdown_text)
    contents: str = getattr(reader, "toc", "")
    stylesheet = _stylesheet()
    nav = _NAV.format(contents=contents.strip()) if contents else ""
    head, _, rest = body.partition("<h2")
    cover = (html_header(brand) if brand else "") + head.strip() + nav
    body = f'<header class="cover">\n{cover}\n</header>\n' + (f"<h2{rest}" if rest else "")
    if brand is not None:
        body += "\n" + html_footer(brand)
    return _PAGE.format(
        title=html.escape(inert(title)),
        stylesheet=stylesheet.strip() + "\n" + page_css(title, brand),
        body=body.strip(),
    )


def markdown_reader() -> markdown.Markdown:
    """Python-Markdown as every page here reads Markdown: tables, fenced code, contents of the
    second-level headings, no raw HTML, score bars drawn."""
    return markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            TocExtension(toc_depth="2-2", title=""),
            _StaticPage(),
        ],
        output_format="html",
    )


@cache
def _stylesheet() -> str:
    """The report's stylesheet, read once per process (a batch writes many pages)."""
    return resources.files("advisor.render").joinpath("report.css").read_text(encoding="utf-8")


_readers = threading.local()


def _page_reader() -> markdown.Markdown:
    """One reader for every page a thread writes, reset before each: a new one per page costs
    its extensions' set-up, and leaves the reference cycles between it and its processors
    (with the page's element tree) to the cycle collector. A reader converts one page at a
    time: each thread has its own."""
    reader: markdown.Markdown | None = getattr(_readers, "reader", None)
    if reader is None:
        reader = _readers.reader = markdown_reader()
    return reader


class _StaticPage(Extension):
    """No raw HTML from the Markdown, and score bars drawn as bars."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_ScoreBars(md), "advisor_score_bars", 0)


SHORT_TABLE_ROWS = 12


class _ScoreBars(Treeprocessor):
    """A table cell holding only a text bar (`████····`) gets a drawn bar of the same length;
    a table of a few rows is marked short, so that printing never splits it."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter("table"):  # a short table prints whole, on one page
            body = element.find("tbody")
            if body is not None and len(body) <= SHORT_TABLE_ROWS:
                element.set("class", "short")
        for cell in root.iter("td"):
            code = cell.find("code")
            share = bar_share(code.text or "") if code is not None and len(cell) == 1 else None
            if code is None or share is None or (cell.text or "").strip():
                continue
            code.tag = "span"
            code.attrib = {"class": "score-bar", "role": "img", "aria-label": f"{share:.0%} of the best"}
            code.text = None
            ET.SubElement(code, "span", {"class": "score-bar-fill", "style": f"width: {100 * share:.0f}%"})


_NAV = """<nav class="contents" aria-label="Contents">
<p class="contents-title">Contents</p>
{contents}
</nav>
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{stylesheet}
</style>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""
