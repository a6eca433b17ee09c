"""Renderers: a `Result` in, text out. They never touch files."""

from __future__ import annotations

from advisor.result import Result

FORMATS = ("md", "html", "json", "adr")
# The file name ending of each format a batch writes (an ADR is Markdown).
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json", "adr": ".md"}


def render(result: Result, fmt: str) -> str:
    """The report in `fmt` (one of FORMATS); each renderer is imported only when asked for."""
    if fmt == "json":
        from advisor.render.json import render_json

        return render_json(result)
    if fmt == "html":
        from advisor.render.html import render_html

        return render_html(result)
    if fmt == "adr":
        from advisor.render.adr import render_adr

        return render_adr(result)
    if fmt == "md":
        from advisor.render.markdown import render_markdown

        return render_markdown(result)
    raise ValueError(f"unknown report format {fmt!r}")
