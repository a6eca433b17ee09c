"""`advisor whatif` output: a before/after comparison as Markdown or JSON."""

from __future__ import annotations

import json

from advisor.comparison import Comparison, RuleChange, ScoreChange
from advisor.facts import format_plain
from advisor.render.escape import md_text
from advisor.result import Recommendation


def render_comparison(comparison: Comparison, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(comparison.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    return render_comparison_markdown(comparison)


def render_comparison_markdown(comparison: Comparison) -> str:
    names = {row.option: row.name for row in (*comparison.scores, *comparison.platform_scores)}
    name = md_text(comparison.project.get("name") or "Unnamed system")
    verdict = "The recommendation changes." if comparison.changed else "The recommendation stays the same."
    lines = [f"# What if: {name}", "", "Changed answers:", ""]
    for change in comparison.changes:
        was = "unanswered" if change.was is None else _value(change.was)
        lines.append(f"- `{change.fact}`: {was} → {_value(change.value)}")
    lines += [
        "",
        f"**{verdict}**",
        "",
        "| | Before | After |",
        "| --- | --- | --- |",
        f"| Recommendation | {_choice(comparison.before, names)} | {_choice(comparison.after, names)} |",
        f"| Confidence | {_confidence(comparison.before)} | {_confidence(comparison.after)} |",
    ]
    lines += [_score_row(row) for row in comparison.scores]
    lines += ["", "| Platform (if containers) | Before | After |", "| --- | ---: | ---: |"]
    lines += [_score_row(row) for row in comparison.platform_scores]
    lines += ["", *_rules("Rules that started firing", comparison.started)]
    lines += ["", *_rules("Rules that stopped firing", comparison.stopped)]
    return "\n".join(lines).rstrip() + "\n"


def _choice(recommendation: Recommendation, names: dict[str, str]) -> str:
    if recommendation.strategy is None:
        return "nothing (every strategy excluded)"
    text = md_text(names.get(recommendation.strategy, recommendation.strategy))
    if recommendation.platform:
        text += " on " + md_text(names.get(recommendation.platform, recommendation.platform))
    return text


def _confidence(recommendation: Recommendation) -> str:
    return f"{recommendation.confidence:.2f} ({recommendation.confidence_label})"


def _score_row(row: ScoreChange) -> str:
    delta = row.after - row.before
    before = f"{row.before:g}" + (" (excluded)" if row.excluded_before else "")
    after = (
        f"{row.after:g}" + (f" ({delta:+g})" if delta else "") + (" (excluded)" if row.excluded_after else "")
    )
    return f"| {md_text(row.name)} | {before} | {after} |"


def _rules(title: str, rules: list[RuleChange]) -> list[str]:
    if not rules:
        return [f"{title}: none."]
    return [f"{title}:", "", *(f"- `{rule.id}`: {md_text(rule.because)}" for rule in rules)]


def _value(value: int | bool | str | list[str] | None) -> str:
    return md_text(format_plain(value))
