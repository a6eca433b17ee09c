"""The Markdown report: what a review board reads and a wiki publishes.

Each audience has its sections in reading order: each entry turns a `Result` into one
block of Markdown, or "" to leave it out. Adding a section is one line here. The engineer's
report argues with rule ids, effects and the confidence arithmetic in the body; the client's
opens with an executive summary, speaks in names and questions, and keeps the ids, effects
and arithmetic in an appendix for the engineers.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.render.blocks import section
from advisor.render.brand import Brand, markdown_footer, markdown_header
from advisor.render.sections.analysis import (
    render_counterfactuals,
    render_value_of_information,
    render_what_would_change,
)
from advisor.render.sections.decision import decision_drivers_section, scores, summary, title
from advisor.render.sections.estimates import effort_and_cost, effort_details, effort_overview
from advisor.render.sections.executive import executive_summary
from advisor.render.sections.options import considered_options
from advisor.render.sections.plain import (
    APPENDIX,
    demote,
    other_options,
    what_would_change,
)
from advisor.render.sections.plain import (
    open_questions as plain_open_questions,
)
from advisor.render.sections.plan import development_environment, next_steps_section, risks_and_mitigations
from advisor.render.sections.reference import appendix, appendix_blocks, open_questions
from advisor.result import Result

Section = Callable[[Result], str]
AUDIENCES = ("engineer", "client")

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


def for_the_engineers(result: Result) -> str:
    """The client report's appendix: everything the engineer's report argues with."""
    details = effort_details(result)
    blocks = [
        "The workings behind this report, for the engineers who check it: the rules of the rule "
        "pack that decided it (by id, with what each adds to or takes from every score), what each "
        "estimate rests on, every answer, and how the confidence was computed.",
        demote(decision_drivers_section(result)),
        ("### Effort and cost in detail\n\n" + "\n\n".join(demote(block) for block in details))
        if details
        else "",
        render_value_of_information(result),
        *appendix_blocks(result),
    ]
    return section(APPENDIX, *blocks)


CLIENT_SECTIONS: tuple[Section, ...] = (
    title,
    executive_summary,
    scores,
    what_would_change,
    lambda result: considered_options(result, plain=True),
    other_options,
    lambda result: effort_overview(result, plain=True),
    risks_and_mitigations,
    lambda result: development_environment(result, plain=True),
    next_steps_section,
    plain_open_questions,
    for_the_engineers,
)


def render_markdown(result: Result, audience: str = "engineer", brand: Brand | None = None) -> str:
    """The report for `audience` (one of AUDIENCES); with a brand, its header under the title
    and its footer at the end."""
    sections = CLIENT_SECTIONS if audience == "client" else SECTIONS
    blocks = [block for block in (render_section(result) for render_section in sections) if block]
    if brand is not None:
        blocks.insert(1, markdown_header(brand))
        blocks.append(markdown_footer(brand))
    return "\n\n".join(blocks).rstrip() + "\n"
