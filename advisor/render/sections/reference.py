"""Reference material: what is still open, every answer, every rule, and the confidence arithmetic."""

from __future__ import annotations

from advisor.render.blocks import section, table
from advisor.render.escape import md_fact, md_link, md_prose, md_text
from advisor.render.sections.analysis import render_confidence
from advisor.render.view import effects_text, open_answers, quoted_facts
from advisor.result import AnswerLine, Result
from advisor.words import format_plain, skipped_line


def open_questions(result: Result) -> str:
    missing = open_answers(result)
    if not missing:
        return section("Open questions", "None: every question that applies was answered.")
    settles: dict[str, list[str]] = {}
    for rule in result.undetermined:
        effect = effects_text(rule.effects, rule.excludes)
        for fact in rule.missing:
            settles.setdefault(fact, []).append(f"`{rule.id}` ({md_text(effect)})")
    skipped = result.skipped()
    rows = [
        [
            f"`{line.fact}`",
            line.status + (", skipped" if line.fact in skipped else ""),
            md_text(line.prompt),
            "; ".join(settles.get(line.fact, [])) or "none",
        ]
        for line in missing
    ]
    intro = (
        "Answers marked unknown or left unanswered lower the confidence. "
        "Each row names the rules its answer would settle."
    )
    if skipped:
        decided = result.recommendation.status != "undecided"
        intro += (
            f" {skipped_line(len(skipped), decided=decided)}, whatever the other open questions "
            "turn out to be (marked skipped)."
        )
    return section("Open questions", intro, table(["Fact", "Status", "Question", "Would settle"], rows))


def appendix(result: Result) -> str:
    return section("Appendix", *appendix_blocks(result))


def appendix_blocks(result: Result) -> list[str]:
    """Every answer, every rule that fired, the confidence arithmetic and the product status."""
    answers = table(
        ["Fact", "Answer", "Question"],
        ([f"`{line.fact}`", _answer(line), md_text(line.prompt)] for line in result.answers),
    )
    fired = table(
        ["Rule", "Facts", "Effect", "Source"],
        (
            [
                f"`{rule.id}`",
                "; ".join(md_fact(fact) for fact in quoted_facts(rule.trace)) or "always",
                md_text(effects_text(rule.effects, rule.excludes)),
                md_link(rule.source, "source") if rule.source else " ",
            ]
            for rule in result.fired
        ),
    )
    products = table(
        ["Product", "Status", "Note", "Source"],
        (
            [
                md_text(p.name),
                md_text(p.status),
                md_prose(p.note),
                md_link(p.source, "source") if p.source else " ",
            ]
            for p in result.products
        ),
    )
    return [
        "### Answers",
        answers,
        "### Rules that fired",
        fired if result.fired else "None.",
        render_confidence(result),
        f"### Product status (knowledge as of {md_text(result.rule_pack.knowledge_as_of)})",
        products if result.products else "No products listed in the rule pack.",
    ]


def _answer(line: AnswerLine) -> str:
    if line.value is None:
        return f"*{line.status.replace('-', ' ')}*"
    if line.status == "unknown":
        return "*unknown*"
    return md_text(format_plain(line.value))
