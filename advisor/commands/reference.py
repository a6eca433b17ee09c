"""`advisor questions` and `advisor schema`: the question bank for people and for editors."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from advisor.commands import summary
from advisor.commands.common import add_rules_argument, load_pack, show
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.pack.questions import QuestionBank


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    questions = subparsers.add_parser(
        "questions",
        help=summary("questions"),
        description="Every question, its fact id, values and why it matters.",
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
    show(render_questions(load_pack(args.rules).bank))
    return ExitCode.OK


def run_schema(args: argparse.Namespace) -> int:
    import json

    from advisor.answers import answers_model
    from advisor.words import inert_json

    schema = answers_model(load_pack(args.rules).bank).model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    show(inert_json(json.dumps(schema, indent=2, ensure_ascii=False)) + "\n")
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
                lines.append(f"- Asked when: `{question.when}`")
            lines.append("")
    return "\n".join(lines)
