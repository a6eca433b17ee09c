"""`advisor questions` and `advisor schema`: the question bank for people and for editors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.commands import summary
from advisor.commands.common import add_rules_argument, load_pack, show
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.analysis.next_questions import Outlook
    from advisor.pack.model import RulePack
    from advisor.pack.questions import QuestionBank


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    questions = subparsers.add_parser(
        "questions",
        help=summary("questions"),
        description="Every question, its fact id, values and why it matters. With --next and "
        "--answers: the unanswered questions that could still change the recommendation, in the "
        "order `advisor assess --quick` asks them, each with what it could change (none when the "
        "decision is settled).",
    )
    questions.add_argument(
        "--next",
        action="store_true",
        help="only the unanswered questions of --answers that could still change the recommendation",
    )
    questions.add_argument(
        "--answers", type=Path, metavar="FILE", help="answers file (advisor/v1), for --next"
    )
    questions.add_argument(
        "--format", choices=("md", "json"), default="md", help="output format of --next (default: md)"
    )
    add_rules_argument(questions)
    questions.set_defaults(run=run_questions)
    schema = subparsers.add_parser(
        "schema",
        help=summary("schema"),
        description="JSON Schema for editors, e.g. through yaml-language-server: "
        "# yaml-language-server: $schema=advisor.schema.json",
    )
    add_rules_argument(schema)
    schema.set_defaults(run=run_schema)


def run_questions(args: argparse.Namespace) -> int:
    from advisor.errors import InputError

    if args.next and args.answers is None:
        raise InputError("questions --next needs --answers FILE: the answers so far")
    if not args.next and (args.answers is not None or args.format != "md"):
        raise InputError("--answers and --format go with --next (advisor questions --next --answers FILE)")
    pack = load_pack(args.rules)
    if not args.next:
        show(render_questions(pack.bank))
        return ExitCode.OK
    from advisor.analysis.next_questions import outlook
    from advisor.answers import load_answers

    view = outlook(pack, load_answers(args.answers, pack.bank).facts)
    show(render_next_json(pack, view) if args.format == "json" else render_next(pack, view))
    return ExitCode.OK


def render_next(pack: RulePack, view: Outlook) -> str:
    """The questions `advisor assess --quick` would ask, in its order, as Markdown."""
    from advisor.analysis.next_questions import choice_name, why_asked
    from advisor.words import counted, skipped_line

    decided = view.status != "undecided"
    standing = (
        f"{choice_name(pack, view.choice)} ({view.status})"
        if decided
        else "no recommendation yet (undecided)"
    )
    lines = [
        "# Questions that could still change the recommendation",
        "",
        f"On these answers: {standing}.",
        "",
    ]
    if view.questions:
        lines += [
            f"{counted(len(view.questions), 'unanswered question')} could still change it, in the order "
            "`advisor assess --quick` asks them:",
            "",
        ]
        for number, item in enumerate(view.questions, 1):
            question = pack.bank.facts[item.fact]
            section = pack.bank.section_title(question.section)
            lines.append(
                f"{number}. `{item.fact}` ({section}): {question.prompt} ({why_asked(pack, view, item)})"
            )
    elif decided:
        lines.append("None: no unanswered question could change it.")
    else:
        lines.append(
            "None unanswered could settle it: answers given as `unknown`, or a tie, keep it open "
            "(`advisor report` says under Open questions what each could decide)."
        )
    if view.skipped:
        facts = ", ".join(f"`{fact}`" for fact in view.skipped)
        lines += ["", f"{skipped_line(len(view.skipped), decided=decided)}: {facts}."]
    return "\n".join(lines) + "\n"


def render_next_json(pack: RulePack, view: Outlook) -> str:
    """The same list for scripts: one object per question, `[]` when the decision is settled."""
    from advisor.analysis.next_questions import why_asked
    from advisor.render.json import json_document

    items = [
        {
            "fact": item.fact,
            "section": pack.bank.facts[item.fact].section,
            "prompt": pack.bank.facts[item.fact].prompt,
            "alone": item.alone,
            "could_lead_to": [choice.model_dump() for choice in item.could_lead_to],
            "why": why_asked(pack, view, item),
        }
        for item in view.questions
    ]
    return json_document(items)


def run_schema(args: argparse.Namespace) -> int:
    from advisor.answers import answers_model
    from advisor.render.json import json_document

    schema = answers_model(load_pack(args.rules).bank).model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    show(json_document(schema))
    return ExitCode.OK


def render_questions(bank: QuestionBank) -> str:
    """The question bank as Markdown, for docs and reviewers."""
    lines = ["# Questions", ""]
    for section in bank.sections:
        lines += [f"## {section.title}", ""]
        for question in section.questions:
            lines.append(f"### `{question.fact}`")
            lines += ["", f"**{question.prompt}**", "", question.help.strip(), ""]
            lines.append(f"- Answer: {question.expectation()}, or `unknown`")
            for value, label in question.choices.items():
                lines.append(f"  - `{value}`: {label}")
            if question.type == "list":
                lines.append(
                    "- Other names: " + ("accepted" if question.open or not question.choices else "no")
                )
            if question.default is not None:
                lines.append(f"- Starting answer of rule test cases: `{question.default}`")
            if question.when is not None:
                lines.append(f"- Asked when: {condition_text(question.when)}")
            lines.append("")
    return "\n".join(lines)


def condition_text(data: Any, nested: bool = False) -> str:
    """A question's `when` as a reader writes it: `a` and `b`, (`c` or `d`), not (`e`)."""
    if isinstance(data, str):
        return f"`{data}`"
    if isinstance(data, list):
        data = {"all": data}
    if isinstance(data, dict) and len(data) == 1:
        ((key, value),) = data.items()
        if key == "not":
            return f"not ({condition_text(value)})"
        if key in ("all", "any") and isinstance(value, list):
            text = (" and " if key == "all" else " or ").join(condition_text(item, True) for item in value)
            return f"({text})" if nested and len(value) > 1 else text
    return f"`{data}`"
