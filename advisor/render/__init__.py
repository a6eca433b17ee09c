"""Renderers: a `Result` in, text out. They never touch files.

`pdf` is the exception that proves it: it hands the HTML page to a local browser, which
prints it in a private temporary folder, and returns the bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.result import RecordSource, Result

if TYPE_CHECKING:
    from advisor.render.brand import Brand

FORMATS = ("md", "html", "json", "adr")
# The file name ending of each format a batch writes (an ADR is Markdown).
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json", "adr": ".md", "pdf": ".pdf"}
# The formats an audience and a brand shape; the JSON and the ADR are the same for every reader.
PRESENTED = ("md", "html", "pdf")


def render(
    result: Result,
    fmt: str,
    source: RecordSource | None = None,
    *,
    audience: str = "engineer",
    brand: Brand | None = None,
) -> str:
    """The report in `fmt` (one of FORMATS) for `audience` (engineer or client), with the
    brand's header and footer in Markdown and HTML; each renderer is imported only when asked for.

    Markdown and HTML carry a stamp of what they were written from (`advisor.render.stamp`);
    an ADR records `source`, the answers file it came from, in its front matter.
    """
    if fmt == "json":
        from advisor.render.json import render_json

        return render_json(result)
    if fmt == "html":
        from advisor.render.html import render_html
        from advisor.render.stamp import stamp_html

        return stamp_html(result, render_html(result, audience, brand), audience, brand)
    if fmt == "adr":
        from advisor.render.adr import render_adr

        return render_adr(result, source)
    if fmt == "md":
        from advisor.render.markdown import render_markdown
        from advisor.render.stamp import stamp_markdown

        return stamp_markdown(result, render_markdown(result, audience, brand), audience, brand)
    raise ValueError(f"unknown report format {fmt!r}")
