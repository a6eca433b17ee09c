"""The question bank as Markdown, for docs and reviewers."""

from __future__ import annotations

from advisor.questions import QuestionBank


def render_questions(bank: QuestionBank) -> str:
    lines = ["# Questions", ""]
    for section in bank.sections:
        lines += [f"## {section.title}", ""]
        for question in section.questions:
            lines.append(f"### `{question.fact}`")
            lines += ["", f"**{question.prompt}**", "", question.help.strip(), ""]
            lines.append(f"- Answer: {question.expectation()}, or `unknown`")
            for value, label in question.choices.items():
                lines.append(f"  - `{value}`: {label}")
            if question.default is not None:
                lines.append(f"- Interview default: `{question.default}`")
            if question.when is not None:
                lines.append(f"- Asked when: `{question.when}`")
            lines.append("")
    return "\n".join(lines)
