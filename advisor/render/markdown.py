"""The Markdown report: what a review board reads and a wiki publishes.

`SECTIONS` is the report, in reading order: each entry turns a `Result` into one block of
Markdown, or "" to leave it out. Adding a section is one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.render.sections.analysis import (
    render_counterfactuals,
    render_value_of_information,
    render_what_would_change,
)
from advisor.render.sections.decision import decision_drivers_section, scores, summary, title
from advisor.render.sections.estimates import effort_and_cost
from advisor.render.sections.options import considered_options
from advisor.render.sections.plan import development_environment, next_steps_section, risks_and_mitigations
from advisor.render.sections.reference import appendix, open_questions
from advisor.result import Result

Section = Callable[[Result], str]

SECTIONS: tuple[Section, ...] = (
    title,
    summary,
    scores,
    decision_drivers_section,
    render_what_would_change,
    considered_options,
    render_counterfactuals,
    effort_and_cost,
    risks_and_mitigations,
    development_environment,
    next_steps_section,
    open_questions,
    render_value_of_information,
    appendix,
)


def render_markdown(result: Result) -> str:
    blocks = (render_section(result) for render_section in SECTIONS)
    return "\n\n".join(block for block in blocks if block).rstrip() + "\n"
