"""Renderers: a `Result` in, text out. They never touch files."""

from __future__ import annotations

from advisor.result import Result


def render(result: Result, fmt: str) -> str:
    if fmt == "json":
        from advisor.render.json import render_json

        return render_json(result)
    from advisor.render.markdown import render_markdown

    return render_markdown(result)
