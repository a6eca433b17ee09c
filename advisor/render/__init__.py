"""Renderers: a `Result` in, text out. They never touch files.

`pdf` is the exception that proves it: it hands the HTML page to a local browser, which
prints it in a private temporary folder, and returns the bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.result import Result

if TYPE_CHECKING:
    from advisor.render.brand import Brand

FORMATS = ("md", "html", "json", "adr")
# The file name ending of each format a batch writes (an ADR is Markdown).
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json", "adr": ".md", "pdf": ".pdf"}
# The formats an audience and a brand shape; the JSON and the ADR are the same for every reader.
PRESENTED = ("md", "html", "pdf")


def render(result: Result, fmt: str, *, audience: str = "engineer", brand: Brand | None = None) -> str:
    """The report in `fmt` (one of FORMATS) for `audience` (engineer or client), with the
    brand's header and footer in Markdown and HTML; each renderer is imported only when asked for."""
    if fmt == "json":
        from advisor.render.json import render_json

        return render_json(result)
    if fmt == "html":
        from advisor.render.html import render_html

        return render_html(result, audience, brand)
    if fmt == "adr":
        from advisor.render.adr import render_adr

        return render_adr(result)
    if fmt == "md":
        from advisor.render.markdown import render_markdown

        return render_markdown(result, audience, brand)
    raise ValueError(f"unknown report format {fmt!r}")
