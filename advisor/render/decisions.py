"""Re-checked decisions as Markdown (fit for a wiki or a pull-request comment) or JSON:
`advisor revisit` (recorded decisions, holds or would change, and why) and `advisor rules
impact` (stored assessments under a pack change).
"""

from __future__ import annotations

from advisor.render.blocks import table
from advisor.render.diff import answer_text
from advisor.render.escape import md_text
from advisor.render.json import json_document
from advisor.result import (
    AnswerChange,
    Cause,
    Decision,
    Impact,
    ImpactRow,
    PackMove,
    RecordCheck,
    Revisit,
)
from advisor.words import counted

FACTS_SHOWN = 3
RULES_SHOWN = 5
CAUSE_WORDS: dict[Cause, str] = {
    "answers": "the answers",
    "pack": "the rule pack",
    "product-status": "a product status",
    "advisor": "advisor itself",
}


def render_revisit(revisit: Revisit, fmt: str) -> str:
    if fmt == "json":
        bare = {"fired", "undetermined"}
        return json_document(
            revisit.model_dump(mode="json", exclude={"records": {"__all__": {"recorded": bare, "now": bare}}})
        )
    checked = [r for r in revisit.records if r.outcome in ("holds", "would-change")]
    moving = [r for r in checked if r.outcome == "would-change"]
    lines = [f"# Revisit: {md_text(revisit.folder)}", "", f"Rule pack now: {md_text(revisit.pack)}.", ""]
    lines.append(_revisit_verdict(revisit, checked, moving))
    if checked:
        rows = [_record_row(revisit.names, record) for record in checked]
        lines += ["", table(["Record", "Recorded", "Now", "Verdict", "Why"], rows)]
    failed = [r for r in revisit.records if r.outcome == "failed"]
    if failed:
        lines += ["", "## Not checked", "", *(f"- {md_text(r.record)}: {md_text(r.note)}" for r in failed)]
    skipped = [r for r in revisit.records if r.outcome == "skipped"]
    if skipped:
        lines += ["", "## Skipped", "", *(f"- {md_text(r.record)}: {md_text(r.note)}" for r in skipped)]
    return "\n".join(lines) + "\n"


def _revisit_verdict(revisit: Revisit, checked: list[RecordCheck], moving: list[RecordCheck]) -> str:
    if not revisit.records:
        return "No decision records (`NNNN-title.md`) in this folder."
    if not checked:
        return "No decision written by advisor to re-check."
    if not moving:
        return f"**Every decision holds** ({counted(len(checked), 'record')})."
    by: dict[str, int] = {}
    for record in moving:
        key = " and ".join(CAUSE_WORDS[cause] for cause in record.causes)
        by[key] = by.get(key, 0) + 1
    causes = ", ".join(f"{count} by {key}" for key, count in by.items())
    holding = len(checked) - len(moving)
    return (
        f"**{len(moving)} of {counted(len(checked), 'decision')} would change** ({causes}); "
        f"{holding} {'holds' if holding == 1 else 'hold'}."
    )


def _record_row(names: dict[str, str], record: RecordCheck) -> list[str]:
    now = record.now
    verdict = "**would change**" if record.outcome == "would-change" else "holds"
    if record.superseded_by:
        verdict += f", superseded by {md_text(record.superseded_by)}"
    return [
        md_text(record.record),
        decision_cell(names, record.recorded),
        decision_cell(names, now, record.recorded),
        verdict,
        _why(record),
    ]


def _why(record: RecordCheck) -> str:
    parts = []
    for cause in record.causes:
        if cause == "answers":
            parts.append(
                "the answers: " + _facts(record.answers) if record.answers else "the answers file changed"
            )
        elif cause == "pack" and record.pack is not None:
            parts.append(
                f"the rule pack ({md_text(record.pack.before)} → {md_text(record.pack.after)})"
                + _pack_detail(record.pack)
            )
        elif cause == "product-status" and record.pack is not None:
            parts.append("a product status: " + _products(record.pack))
        elif cause == "advisor":
            parts.append("advisor itself: the same answers and rule pack now decide otherwise")
    text = "; ".join(parts)
    if not record.separated:
        text += (
            " (no copy of the old answers or rule pack beside the records, so the two cannot be told apart)"
        )
    if record.outcome == "holds":
        moved = [
            word
            for word, flag in (("the answers", record.answers_changed), ("the rule pack", record.pack))
            if flag
        ]
        if moved:
            text = " and ".join(moved) + " changed; the decision did not"
        if (
            record.recorded
            and record.now
            and f"{record.recorded.confidence:.2f}" != f"{record.now.confidence:.2f}"
        ):
            text += (
                "; " if text else ""
            ) + f"confidence {record.recorded.confidence:.2f} → {record.now.confidence:.2f}"
    return text


def _facts(changes: list[AnswerChange]) -> str:
    shown = [
        f"`{c.fact}` {answer_text(c.before, c.before_status)} → {answer_text(c.after, c.after_status)}"
        for c in changes[:FACTS_SHOWN]
    ]
    more = len(changes) - FACTS_SHOWN
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _pack_detail(move: PackMove) -> str:
    parts = []
    if move.rules:
        rules = [f"`{rule.id}` ({', '.join(rule.change)})" for rule in move.rules[:RULES_SHOWN]]
        more = len(move.rules) - RULES_SHOWN
        parts.append("rules " + ", ".join(rules) + (f" and {more} more" if more > 0 else ""))
    if move.products:
        parts.append("products: " + _products(move))
    if move.other:
        parts.append("also " + ", ".join(move.other))
    return (": " + "; ".join(parts)) if parts else ""


def _products(move: PackMove) -> str:
    return ", ".join(
        f"{md_text(p.name)} {_status(p.before_status, p.before_as_of)} → "
        f"{_status(p.after_status, p.after_as_of)}"
        for p in move.products
    )


def _status(status: str | None, as_of: str | None) -> str:
    if status is None:
        return "not in the pack"
    return md_text(status) + (f" (as of {md_text(as_of)})" if as_of else "")


def decision_cell(names: dict[str, str], decision: Decision | None, before: Decision | None = None) -> str:
    """`**PaaS** (close-call, 0.41)`: the option by name, its status and confidence; what
    differs from `before` in bold."""
    if decision is None:
        return ""
    if decision.strategy is None:
        return "nothing (every strategy excluded)"
    changed = set(before.changes(decision)) if before is not None else set()
    option = decision.platform or decision.strategy
    name = md_text(names.get(option, option))
    if changed & {"strategy", "platform"}:
        name = f"**{name}**"
    status = decision.status or "status not computed"
    details = [f"**{status}**" if "status" in changed else status, f"{decision.confidence:.2f}"]
    if decision.product:
        product = md_text(decision.product) + (
            f", {md_text(decision.product_status)}" if decision.product_status else ""
        )
        details.append(f"**{product}**" if "product" in changed else product)
    return f"{name} ({'; '.join(details)})"


# --- rules impact ----------------------------------------------------------------------------


def render_impact(impact: Impact, fmt: str) -> str:
    if fmt == "json":
        bare = {"fired", "undetermined"}
        return json_document(
            impact.model_dump(mode="json", exclude={"rows": {"__all__": {"before": bare, "after": bare}}})
        )
    move = impact.pack
    assessed = [row for row in impact.rows if row.error is None]
    changed = [row for row in assessed if row.changed]
    flipped = [row for row in changed if row.flips]
    lines = [
        f"# Rule pack impact on {md_text(impact.folder)}",
        "",
        f"Base: {md_text(move.before)}. New: {md_text(move.after)}.",
        "",
        _pack_summary(move),
        "",
    ]
    if not changed:
        lines.append(f"**No assessment changes** ({counted(len(assessed), 'assessment')} compared).")
    else:
        moved = len(changed) - len(flipped)
        parts = [f"{counted(len(flipped), 'recommendation')} {'flips' if len(flipped) == 1 else 'flip'}"]
        if moved:
            parts.append(
                f"{counted(moved, 'confidence')} {'moves' if moved == 1 else 'move'} by more than 0.1 "
                "with the recommendation as it was"
            )
        lines.append(
            f"**{len(changed)} of {counted(len(assessed), 'assessment')} change**: {', '.join(parts)}; "
            f"{len(assessed) - len(changed)} unchanged."
        )
        rows = [_impact_row(impact.names, row) for row in changed]
        lines += ["", table(["Assessment", "Before", "After", "Confidence", "Changed by"], rows)]
    failed = [row for row in impact.rows if row.error is not None]
    if failed:
        lines += [
            "",
            "## Not assessed",
            "",
            *(f"- {md_text(row.label)}: {md_text(row.error)}" for row in failed),
        ]
    return "\n".join(lines) + "\n"


def _pack_summary(move: PackMove) -> str:
    detail = _pack_detail(move)
    if not detail:
        return "The two packs decide alike: no rule, product status, option base or setting differs."
    return "What changed in the pack" + detail + "."


def _impact_row(names: dict[str, str], row: ImpactRow) -> list[str]:
    before, after = row.before, row.after
    assert before is not None and after is not None
    confidence = f"{before.confidence:.2f} → {after.confidence:.2f}"
    if before.platform_confidence is not None and after.platform_confidence is not None:
        confidence += f" (platform {before.platform_confidence:.2f} → {after.platform_confidence:.2f})"
    rules = ", ".join(f"`{rule}`" for rule in row.rules) or "other pack changes"
    return [
        md_text(row.label),
        decision_cell(names, before),
        decision_cell(names, after, before),
        confidence,
        rules,
    ]
