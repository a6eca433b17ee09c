"""The few lines a terminal shows after a report is written: the answer, how sure, the scores."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.render.charts import text_bar
from advisor.render.view import option_name, recommended_choice, tied_at_top
from advisor.result import Result
from advisor.words import confidence_label, inert, joined

SUMMARY_BAR_WIDTH = 24


@dataclass(frozen=True)
class ScoreLine:
    name: str
    score: float
    bar: str
    excluded: bool
    recommended: bool


@dataclass(frozen=True)
class Summary:
    recommendation: str
    confidence: str
    confidence_label: str
    scores: tuple[ScoreLine, ...]


def summarize(result: Result) -> Summary:
    """The summary's lines; option names come from a rule pack, so they are made inert."""
    excluded = result.excluded_options()
    allowed = [points for option, points in result.scores.items() if option not in excluded]
    top = max([*allowed, 1.0])
    rec = result.recommendation
    return Summary(
        recommendation=inert(_recommendation(result)),
        confidence=_confidence(result),
        confidence_label=rec.confidence_label
        if rec.platform_less_sure is None
        else confidence_label(rec.platform_less_sure),
        scores=tuple(
            ScoreLine(
                name=inert(option_name(result, option)),
                score=result.scores[option],
                bar=text_bar(result.scores[option], top, SUMMARY_BAR_WIDTH) if option not in excluded else "",
                excluded=option in excluded,
                recommended=option == rec.strategy,
            )
            for option in result.ranked(result.scores)
        ),
    )


def _confidence(result: Result) -> str:
    """`0.94 (high)`; where the platform named is less sure than the strategy, both:
    `0.94 (high) for the strategy, 0.39 (very low) for the platform`."""
    rec = result.recommendation
    text = f"{rec.confidence:.2f} ({rec.confidence_label})"
    platform = rec.platform_less_sure
    if platform is not None:
        text += f" for the strategy, {platform:.2f} ({confidence_label(platform)}) for the platform"
    return text


def _recommendation(result: Result) -> str:
    """The choice, or, with none made yet, what leads or ties."""
    choice = recommended_choice(result)
    if result.recommendation.status != "undecided" or result.recommendation.strategy is None:
        return choice
    tied = tied_at_top(result)
    if tied:
        return "none yet: " + joined([option_name(result, option) for option in tied]) + " tie"
    return f"none yet: {choice} leads"


def summary_text(summary: Summary, path: str) -> str:
    """The summary as plain text, for logs, pipes and NO_COLOR."""
    width = max(len(line.name) for line in summary.scores)
    lines = [
        f"advisor: wrote {path}",
        f"  recommendation: {summary.recommendation}",
        f"  confidence:     {summary.confidence}",
    ]
    for line in summary.scores:
        shown = "excluded" if line.excluded else line.bar
        lines.append(f"  {line.name.ljust(width)}  {line.score:>5g}  {shown}")
    return "\n".join(lines) + "\n"
