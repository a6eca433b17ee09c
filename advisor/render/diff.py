"""A reassessment diff as Markdown (for people and wikis) or JSON (for CI)."""

from __future__ import annotations

from advisor.render.blocks import signed
from advisor.render.escape import md_text
from advisor.render.json import json_document
from advisor.render.sections.estimates import MEASURE_NAMES, shown_range
from advisor.render.view import effects_text
from advisor.result import AnswerChange, Diff, EstimateChange, PlainValue, RuleChange, Side
from advisor.words import format_plain


def render_diff(diff: Diff, fmt: str, *, title: str = "Reassessment") -> str:
    if fmt == "json":
        return json_document(diff.model_dump(mode="json"))
    return render_diff_markdown(diff, title)


def render_diff_markdown(diff: Diff, title: str = "Reassessment") -> str:
    old, new = diff.old, diff.new
    verdict = (
        f"**The recommendation changed**: {_choice(old)} → {_choice(new)}."
        if diff.recommendation_changed
        else f"The recommendation did not change: {_choice(new)}."
    )
    if diff.status_changed and old.status and new.status:
        verdict += f" Its status moved from {old.status} to {new.status}."
    verdict += " " + attribution(diff)
    lines = [
        f"# {title}: {md_text(new.name or old.name or 'Unnamed system')}",
        "",
        verdict,
        "",
        "| | Before | After |",
        "| --- | --- | --- |",
        f"| Source | {md_text(old.source)} | {md_text(new.source)} |",
        f"| Date | {md_text(old.date or 'not given')} | {md_text(new.date or 'not given')} |",
        f"| Strategy | {_name(old, old.strategy) or 'none'} | {_name(new, new.strategy) or 'none'} |",
        f"| Platform | {_name(old, old.platform)} | {_name(new, new.platform)} |",
        f"| Confidence | {_confidence(old)} | {_confidence(new)}{_change(diff.confidence_change)} |",
        f"| Platform confidence | {_platform_confidence(old)} | {_platform_confidence(new)}"
        f"{_change(diff.platform_confidence_change)} |",
        f"| Status | {old.status or 'not computed'} | {new.status or 'not computed'} |",
        f"| Rule packs | {md_text(', '.join(old.rule_packs))} | {md_text(', '.join(new.rule_packs))} |",
        "",
        "## Scores",
        "",
        *_score_table("Strategy", old, new, old.scores, new.scores),
    ]
    if old.platform_scores or new.platform_scores:
        lines += [
            "",
            *_score_table("Platform (if containers)", old, new, old.platform_scores, new.platform_scores),
        ]
    lines += ["", "## Facts that changed", ""]
    lines += _facts(diff.facts)
    lines += ["", "## Rules that started firing", ""]
    lines += _rules(diff.started_firing)
    lines += ["", "## Rules that stopped firing", ""]
    lines += _rules(diff.stopped_firing)
    if diff.reweighted:
        lines += ["", "## Rules that fire on both sides with new weights (after)", ""]
        lines += _rules(diff.reweighted)
    lines += ["", "## Effort and cost that changed", ""]
    lines += _estimates(diff, new)
    return "\n".join(lines) + "\n"


def _estimates(diff: Diff, side: Side) -> list[str]:
    if not diff.estimates_compared:
        return [
            "Not compared: one side has no estimates (a result written before they existed, "
            "or a rule pack without them)."
        ]
    if not diff.estimate_changes:
        return ["No estimate changed."]
    lines = ["| Option | Estimate | Before | After |", "| --- | --- | ---: | ---: |"]
    lines += [_estimate_row(change, side) for change in diff.estimate_changes]
    return lines


def _estimate_row(change: EstimateChange, side: Side) -> str:
    before, after = (
        shown_range(change.measure, span) if span is not None else "not estimated"
        for span in (change.before, change.after)
    )
    return f"| {_name(side, change.option)} | {MEASURE_NAMES[change.measure]} | {before} | {after} |"


CAUSES = {
    "answers": "the answers",
    "pack": "the rule pack",
    "advisor": "advisor itself",
    "product-status": "a product status",
}


def attribution(diff: Diff) -> str:
    """What differs between the two sides' inputs, and what moved the recommendation."""
    inputs = [
        word
        for word, moved in (("the answers", diff.answers_changed), ("the rule pack", diff.pack_changed))
        if moved
    ]
    verb = "differs" if inputs == ["the rule pack"] else "differ"
    differ = (
        f"{' and '.join(inputs).capitalize()} {verb}."
        if inputs
        else "The answers and the rule pack are the same."
    )
    if not diff.changed_by:
        return differ
    causes = " and ".join(CAUSES[cause] for cause in diff.changed_by)
    moved = f"It moved because of {causes}"
    if not diff.separated:
        moved += " (the two cannot be told apart: neither side was computed with the rule pack in use now)"
    return f"{differ} {moved}."


def _score_table(
    heading: str, old: Side, new: Side, before: dict[str, float], after: dict[str, float]
) -> list[str]:
    lines = [f"| {heading} | Before | After | Change |", "| --- | ---: | ---: | ---: |"]
    for option in [*before, *(o for o in after if o not in before)]:
        old_points, new_points = before.get(option), after.get(option)
        moved = new_points - old_points if old_points is not None and new_points is not None else 0
        change = signed(moved) if moved else ""
        lines.append(
            f"| {_name(new, option) or _name(old, option)} | {_points(old, option, old_points)} "
            f"| {_points(new, option, new_points)} | {change} |"
        )
    return lines


def _points(side: Side, option: str, points: float | None) -> str:
    shown = "" if points is None else f"{points:g}"
    return f"{shown} (excluded)" if option in side.excluded else shown


def _name(side: Side, option: str | None) -> str:
    return "" if option is None else md_text(side.names.get(option, option))


def _choice(side: Side) -> str:
    if side.strategy is None:
        return "nothing (every strategy excluded)"
    return f"**{_name(side, side.strategy)}**" + (
        f" on **{_name(side, side.platform)}**" if side.platform else ""
    )


def _change(change: float | None) -> str:
    return f" ({'+' if change > 0 else '−'}{abs(change):.2f})" if change else ""


def _platform_confidence(side: Side) -> str:
    return "not computed" if side.platform_confidence is None else f"{side.platform_confidence:.2f}"


def _confidence(side: Side) -> str:
    return f"{side.confidence:.2f} ({side.confidence_label})"


def _facts(changes: list[AnswerChange]) -> list[str]:
    if not changes:
        return ["No answer changed."]
    lines = ["| Fact | Before | After |", "| --- | --- | --- |"]
    for change in changes:
        before = answer_text(change.before, change.before_status)
        after = answer_text(change.after, change.after_status)
        lines.append(f"| `{change.fact}` | {before} | {after} |")
    return lines


# How a fact that has no answer on one side reads.
_STATUS_WORDS = {"not-applicable": "not applicable", "not-in-pack": "not a question of that rule pack"}


def answer_text(value: PlainValue | None, status: str) -> str:
    """One side of a changed answer, in Markdown: the value, or in italics why there is none."""
    if status == "answered":
        return md_text(format_plain(value))
    return f"*{md_text(_STATUS_WORDS.get(status, status))}*"


def _rules(rules: list[RuleChange]) -> list[str]:
    if not rules:
        return ["None."]
    lines = []
    for rule in rules:
        effects = effects_text(rule.effects, rule.excludes)
        lines.append(f"- `{rule.id}` ({effects}): {md_text(rule.because)}")
    return lines
