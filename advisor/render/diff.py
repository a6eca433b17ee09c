"""A reassessment diff as Markdown (for people and wikis) or JSON (for CI)."""

from __future__ import annotations

import json

from advisor.diff import Diff, FactChange, RuleChange, Side
from advisor.facts import format_plain
from advisor.render.digest import effects_text
from advisor.render.escape import md_text
from advisor.result import PlainValue


def render_diff(diff: Diff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    return render_diff_markdown(diff)


def render_diff_markdown(diff: Diff) -> str:
    old, new = diff.old, diff.new
    verdict = (
        f"**The recommendation changed**: {_choice(old)} → {_choice(new)}."
        if diff.recommendation_changed
        else f"The recommendation did not change: {_choice(new)}."
    )
    lines = [
        f"# Reassessment: {md_text(new.name or old.name or 'Unnamed system')}",
        "",
        verdict,
        "",
        "| | Before | After |",
        "| --- | --- | --- |",
        f"| Source | {md_text(old.source)} | {md_text(new.source)} |",
        f"| Date | {md_text(old.date or 'not given')} | {md_text(new.date or 'not given')} |",
        f"| Strategy | {old.strategy or 'none'} | {new.strategy or 'none'} |",
        f"| Platform | {old.platform or ''} | {new.platform or ''} |",
        f"| Confidence | {_confidence(old)} | {_confidence(new)} ({diff.confidence_change:+.2f}) |",
        f"| Rule packs | {md_text(', '.join(old.rule_packs))} | {md_text(', '.join(new.rule_packs))} |",
        "",
        "## Scores",
        "",
        "| Strategy | Before | After | Change |",
        "| --- | ---: | ---: | ---: |",
    ]
    for strategy in [*old.scores, *(s for s in new.scores if s not in old.scores)]:
        before, after = old.scores.get(strategy), new.scores.get(strategy)
        change = f"{after - before:+g}" if before is not None and after is not None else ""
        lines.append(f"| {strategy} | {_number(before)} | {_number(after)} | {change} |")
    lines += ["", "## Facts that changed", ""]
    lines += _facts(diff.facts)
    lines += ["", "## Rules that started firing", ""]
    lines += _rules(diff.started_firing)
    lines += ["", "## Rules that stopped firing", ""]
    lines += _rules(diff.stopped_firing)
    if diff.reweighted:
        lines += ["", "## Rules that fire on both sides with new weights (after)", ""]
        lines += _rules(diff.reweighted)
    return "\n".join(lines) + "\n"


def _choice(side: Side) -> str:
    if side.strategy is None:
        return "nothing (every strategy excluded)"
    return f"**{side.strategy}**" + (f" on **{side.platform}**" if side.platform else "")


def _confidence(side: Side) -> str:
    return f"{side.confidence:.2f} ({side.confidence_label})"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _facts(changes: list[FactChange]) -> list[str]:
    if not changes:
        return ["No answer changed."]
    lines = ["| Fact | Before | After |", "| --- | --- | --- |"]
    for change in changes:
        before = _value(change.before, change.before_status)
        after = _value(change.after, change.after_status)
        lines.append(f"| `{change.fact}` | {before} | {after} |")
    return lines


def _value(value: PlainValue | None, status: str) -> str:
    return md_text(format_plain(value)) if status == "answered" else f"*{status}*"


def _rules(rules: list[RuleChange]) -> list[str]:
    if not rules:
        return ["None."]
    lines = []
    for rule in rules:
        effects = effects_text(rule.effects, rule.excludes)
        lines.append(f"- `{rule.id}` ({effects}): {md_text(rule.because)}")
    return lines
