"""Considered options: every strategy, and the platforms when containers lead, argued for this team."""

from __future__ import annotations

from advisor.render.blocks import bullets, section, signed
from advisor.render.escape import md_text
from advisor.render.view import Argument, cons, option_view, pros
from advisor.result import Result

CONTAINERS = "containers"


def considered_options(result: Result) -> str:
    blocks = [
        "Pros and cons come from the rules that fired on this team's answers; "
        "each option's typical fit and costs follow them.",
    ]
    blocks += [_option(result, option, result.scores, "###") for option in result.ranked(result.scores)]
    if result.recommendation.strategy == CONTAINERS:
        blocks.append("### Platforms for containers")
        blocks += [
            _option(result, option, result.platform_scores, "####")
            for option in result.ranked(result.platform_scores)
        ]
    else:
        blocks.append(
            "Platforms for containers are compared only when containers lead; "
            "their scores are in the table above."
        )
    return section("Considered options", *blocks)


def _option(result: Result, option: str, points: dict[str, float], level: str) -> str:
    view = option_view(result, option)
    name = view.name if view else option
    rec = result.recommendation
    standing = [f"{points[option]:g} points"]
    if option in (rec.strategy, rec.platform):
        standing.insert(0, "recommended")
    if option in result.excluded_options():
        standing.insert(0, "excluded")
    lines = [f"{level} {md_text(name)} ({', '.join(standing)})"]
    if view and view.summary:
        lines += ["", md_text(view.summary)]
    if view and view.products:
        lines += ["", "**Products:** " + ", ".join(md_text(product) for product in view.products)]
    if view and view.status:
        lines += ["", f"**Status:** {md_text(view.status)}"]
    arguments_for, arguments_against = pros(result, option), cons(result, option)
    if arguments_for or arguments_against:
        lines += ["", "**Pros for this team**", "", _arguments(arguments_for, "No rule counted for it.")]
        lines += [
            "",
            "**Cons for this team**",
            "",
            _arguments(arguments_against, "No rule counted against it."),
        ]
    else:
        lines += ["", "No rule counted for or against it on these answers."]
    general = []
    if view and view.fits:
        general.append("*Typical fit:* " + "; ".join(md_text(text) for text in view.fits) + ".")
    if view and view.costs:
        general.append("*Typical costs:* " + "; ".join(md_text(text) for text in view.costs) + ".")
    if general:
        lines += ["", "  \n".join(general)]
    return "\n".join(lines)


def _arguments(arguments: list[Argument], none: str) -> str:
    if not arguments:
        return f"- {none}"
    return bullets(
        f"{'Excluded: ' if argument.excludes else ''}{md_text(argument.text)} "
        f"(`{argument.rule.id}`{'' if argument.excludes else ', ' + signed(argument.points)})"
        for argument in arguments
    )
