"""Score bars: one text bar per score, which every Markdown viewer shows and the HTML page
draws as a bar of the same length.

`text_bar` writes a bar as filled and empty cells; `bar_share` reads one back, so the HTML
page, which may load no script, draws exactly what the Markdown shows.
"""

from __future__ import annotations

BAR_WIDTH = 20
FILLED, EMPTY = "█", "·"


def text_bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """`██████████··········`: the value as a share of `top`; negative values draw empty."""
    filled = max(0, min(width, round(width * value / top))) if top > 0 else 0
    return FILLED * filled + EMPTY * (width - filled)


def bar_share(text: str) -> float | None:
    """The share (0 to 1) a bar written by `text_bar` stands for; None for any other text."""
    if not text or text.strip(FILLED + EMPTY) or text.rstrip(EMPTY).count(EMPTY):
        return None
    return text.count(FILLED) / len(text)
