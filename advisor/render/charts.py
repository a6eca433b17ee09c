"""Score charts: text bars for any viewer and Mermaid for the wikis that draw it.

The Mermaid source is generated here and read back by `parse_bar_chart`, so the HTML page,
which may load no script, can draw the same numbers without Mermaid.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from advisor.render.escape import mermaid_label

BAR_WIDTH = 20


@dataclass(frozen=True)
class BarChart:
    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]


def text_bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """`██████████··········`: the value as a share of `top`; negative values draw empty."""
    filled = max(0, min(width, round(width * value / top))) if top > 0 else 0
    return "█" * filled + "·" * (width - filled)


def mermaid_bar_chart(chart: BarChart) -> str:
    """A Mermaid xychart-beta bar chart, axis from zero (or the lowest score) to a round top."""
    low = min(0.0, *chart.values)
    high = max(10.0, *chart.values)
    top = math.ceil(high / 10) * 10
    bottom = math.floor(low / 10) * 10
    labels = ", ".join(f'"{mermaid_label(label)}"' for label in chart.labels)
    values = ", ".join(f"{value:g}" for value in chart.values)
    return "\n".join(
        [
            "```mermaid",
            "xychart-beta horizontal",
            f'    title "{mermaid_label(chart.title)}"',
            f"    x-axis [{labels}]",
            f'    y-axis "Score" {bottom} --> {top}',
            f"    bar [{values}]",
            "```",
        ]
    )


_TITLE = re.compile(r'^\s*title\s+"([^"]*)"\s*$', re.M)
_X_AXIS = re.compile(r"^\s*x-axis\s+\[(.*)\]\s*$", re.M)
_BAR = re.compile(r"^\s*bar\s+\[(.*)\]\s*$", re.M)


def parse_bar_chart(source: str) -> BarChart | None:
    """Read back a chart written by `mermaid_bar_chart`; None for any other diagram."""
    if not source.lstrip().startswith("xychart-beta"):
        return None
    title, axis, bar = _TITLE.search(source), _X_AXIS.search(source), _BAR.search(source)
    if not (axis and bar):
        return None
    labels = tuple(re.findall(r'"([^"]*)"', axis[1]))
    try:
        values = tuple(float(value) for value in bar[1].split(","))
    except ValueError:
        return None
    if len(labels) != len(values):
        return None
    return BarChart(title[1] if title else "", labels, values)
