"""The HTML report: the Markdown report through Python-Markdown, as one standalone printable page.

The page loads nothing: the stylesheet is embedded and Mermaid charts, which would need a
script, are drawn as plain bar charts from the same numbers. Raw HTML is switched off in
the Markdown reader, so even text that escaped escaping could only ever show as text.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from importlib import resources

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.preprocessors import Preprocessor

from advisor.render.charts import BarChart, parse_bar_chart
from advisor.render.markdown import render_markdown
from advisor.result import Result
from advisor.words import inert

_FENCE_OPEN, _FENCE_CLOSE = "```mermaid", "```"


def render_html(result: Result) -> str:
    name = result.project.get("name") or "Unnamed system"
    return html_page(f"Deployment strategy: {name}", render_markdown(result))


def html_page(title: str, markdown_text: str) -> str:
    """A standalone page from Markdown: embedded stylesheet, contents box, no scripts or assets."""
    reader = markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            TocExtension(toc_depth="2-2", title=""),
            _StaticPage(),
        ],
        output_format="html",
    )
    body = reader.convert(markdown_text)
    contents: str = getattr(reader, "toc", "")
    stylesheet = resources.files("advisor.render").joinpath("report.css").read_text(encoding="utf-8")
    nav = _NAV.format(contents=contents.strip()) if contents else ""
    head, _, rest = body.partition("<h2")
    body = f"{head}{nav}<h2{rest}" if rest else body
    return _PAGE.format(
        title=html.escape(inert(title)),
        stylesheet=stylesheet.strip(),
        body=body.strip(),
    )


class _StaticPage(Extension):
    """No raw HTML from the Markdown, and Mermaid charts drawn without a script."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Before fenced_code (priority 25), which would otherwise show the chart's source.
        md.preprocessors.register(_ChartFallback(md), "advisor_chart_fallback", 30)


class _ChartFallback(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        chart: list[str] | None = None
        for line in lines:
            if chart is None and line.strip() == _FENCE_OPEN:
                chart = []
            elif chart is not None and line.strip() == _FENCE_CLOSE:
                output += ["", self.md.htmlStash.store(_chart_html("\n".join(chart))), ""]
                chart = None
            elif chart is not None:
                chart.append(line)
            else:
                output.append(line)
        if chart is not None:  # an unclosed fence: keep it as it was
            output += [_FENCE_OPEN, *chart]
        return output


def _chart_html(source: str) -> str:
    chart = parse_bar_chart(source)
    if chart is None:
        pre = ET.Element("pre", {"class": "diagram-source"})
        pre.text = source
        return ET.tostring(pre, encoding="unicode", method="html")
    return ET.tostring(_bar_figure(chart), encoding="unicode", method="html")


def _bar_figure(chart: BarChart) -> ET.Element:
    figure = ET.Element("figure", {"class": "chart", "aria-label": chart.title})
    caption = ET.SubElement(figure, "figcaption")
    caption.text = chart.title
    top = max([*chart.values, 1.0])
    for label, value in zip(chart.labels, chart.values, strict=True):
        row = ET.SubElement(figure, "div", {"class": "chart-row"})
        name = ET.SubElement(row, "span", {"class": "chart-label"})
        name.text = label
        track = ET.SubElement(row, "span", {"class": "chart-track"})
        share = max(0.0, min(100.0, 100 * value / top))
        kind = "chart-bar excluded" if label.endswith("(excluded)") else "chart-bar"
        ET.SubElement(track, "span", {"class": kind, "style": f"width: {share:.1f}%"})
        number = ET.SubElement(row, "span", {"class": "chart-value"})
        number.text = f"{value:g}"
    return figure


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
