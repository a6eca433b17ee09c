"""The client audience's versions of the sections that name facts and rules: questions by
their wording, options by name, and the ids, effects and arithmetic in an appendix for the
engineers who check the report."""

from __future__ import annotations

from advisor.render.blocks import section, table
from advisor.render.escape import md_text
from advisor.render.sections.analysis import (
    changed_value,
    option_label,
    value_text,
)
from advisor.render.view import choices_of, decisive_facts, open_answers, prompt_of, questions_that_matter
from advisor.result import PlainValue, Result, Sensitivity
from advisor.words import counted, list_label

APPENDIX = "Appendix: for the engineers"
MAX_CHANGES = 10


def md_question(result: Result, fact: str) -> str:
    """A fact as the question that asks for it, in quotes: “How many ...?”."""
    return f"“{md_text(prompt_of(result, fact))}”"


def md_answer(result: Result, fact: str, value: PlainValue | None) -> str:
    """An answer in the words the question shows for it: `Microsoft Azure`, not `azure`."""
    words = choices_of(result, fact)
    if isinstance(value, str) and value in words:
        return md_text(words[value])
    if isinstance(value, list) and value and words:
        return md_text(list_label([words.get(item, item) for item in value]))
    return value_text(value)


def md_changed(result: Result, item: Sensitivity) -> str:
    """The answer a single change gives: a range for numbers, the question's words otherwise."""
    if isinstance(item.value, (str, list)):
        return md_answer(result, item.fact, item.value)
    return changed_value(item)


def what_would_change(result: Result) -> str:
    """The single changes to an answer that would change the recommendation, as a table."""
    if result.recommendation.strategy is None:
        return ""
    title = "What would change this recommendation"
    if not result.sensitivity:
        return section(title, "No single change to an answer changes the recommendation.")
    rows = [
        [
            md_question(result, item.fact),
            md_answer(result, item.fact, item.was),
            md_changed(result, item),
            option_label(result, item.platform or item.strategy) if item.strategy else "no option left",
        ]
        for item in result.sensitivity[:MAX_CHANGES]
    ]
    hidden = len(result.sensitivity) - MAX_CHANGES
    more = f"{counted(hidden, 'more single change')} of this kind in the JSON result." if hidden > 0 else ""
    return section(
        title,
        "Each row is one answer that, changed on its own, would change what is recommended.",
        table(["Question", "Answer now", "If it were", "The recommendation would be"], rows),
        more,
    )


def other_options(result: Result) -> str:
    """What it would take for each option that did not win to win, in the questions' words."""
    if not result.counterfactuals:
        return ""
    lines = ["### What it would take for the other options", ""]
    for item in result.counterfactuals:
        name = f"**{option_label(result, item.strategy)}**"
        if not item.found:
            lines.append(f"- {name}: no change to up to three answers makes it the recommendation.")
            continue
        where = f" (on {option_label(result, item.platform)})" if item.platform else ""
        changes = " and ".join(
            f"{md_question(result, change.fact)} were {md_answer(result, change.fact, change.value)} "
            f"(now {md_answer(result, change.fact, change.was)})"
            for change in item.changes
        )
        lines.append(f"- {name}{where} would lead if {changes}.")
    return "\n".join(lines)


def open_questions(result: Result) -> str:
    missing = open_answers(result)
    if not missing:
        return section("Open questions", "None: every question that applies was answered.")
    decisive = set(decisive_facts(result))
    matter = set(questions_that_matter(result))
    skipped = result.skipped()

    def could_change(fact: str) -> str:
        if fact in skipped:
            return "no, whatever the other answers (skipped)"
        if fact in decisive:
            return "yes: settle it first"
        return "yes, together with other answers" if fact in matter else "no, not on its own"

    rows = [[md_text(line.prompt), line.status, could_change(line.fact)] for line in missing]
    intro = 'Questions answered "don\'t know" or not at all; each lowers the confidence until it is answered.'
    return section(
        "Open questions", intro, table(["Question", "Status", "Could it change the recommendation?"], rows)
    )


def demote(block: str) -> str:
    """A section one heading level down, to sit inside the appendix."""
    return "\n".join("#" + line if line.startswith("#") else line for line in block.split("\n"))
