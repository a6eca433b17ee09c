"""The way forward: risks of the recommended path, the development environment, next steps."""

from __future__ import annotations

from advisor.render.blocks import bullets, section, table
from advisor.render.escape import md_link, md_prose, md_text
from advisor.render.view import (
    chosen_options,
    option_name,
    option_view,
    questions_that_matter,
    recommended_choice,
    risks,
    tied_at_top,
)
from advisor.result import Result
from advisor.words import as_sentence, counted, joined


def risks_and_mitigations(result: Result) -> str:
    rec = result.recommendation
    if rec.strategy is None:
        return ""
    found = risks(result)
    mitigated = [
        [md_text(as_sentence(risk.risk)), md_text(risk.mitigation)] for risk in found if risk.mitigation
    ]
    unmitigated = [md_text(as_sentence(risk.risk)) for risk in found if not risk.mitigation]
    blocks = [
        f"The risks of {md_text(recommended_choice(result, product=True))} that apply to this team, "
        "and how to mitigate each."
    ]
    if mitigated:
        blocks.append(table(["Risk", "Mitigation"], mitigated))
    if unmitigated:
        lead = "Also against it, with no ready mitigation:\n\n" if mitigated else ""
        blocks.append(lead + bullets(unmitigated))
    if not found:
        blocks = [
            f"The rule pack records no risk of {md_text(recommended_choice(result))} for these answers."
        ]
    status = _product_status(result)
    if status:
        blocks.append(
            f"Product status as of {md_text(result.rule_pack.knowledge_as_of)}:\n\n" + bullets(status)
        )
    return section("Risks and mitigations", *blocks)


def _product_status(result: Result) -> list[str]:
    """The status of the chosen options and of their products that are not simply active."""
    views = [view for view in (option_view(result, o) for o in chosen_options(result)) if view]
    lines = [f"**{md_text(view.name)}:** {md_text(view.status)}" for view in views if view.status]
    named = {name for view in views for name in view.products} | {
        product.name for view in views for product in view.offered
    }
    lines += [
        f"**{md_text(product.name)}** ({md_text(product.status)}): {md_prose(product.note)}"
        + (f" ({md_link(product.source, 'source')})" if product.source else "")
        for product in result.products
        if product.name in named and product.status != "active"
    ]
    return lines


def development_environment(result: Result, *, plain: bool = False) -> str:
    dev = result.dev_environment
    if dev.containerize:
        verdict = "**Containerize the development environment and CI**"
    else:
        verdict = "**Keep the development environment native for now**"
    score = "" if plain else f" (score {dev.score:g})"
    blocks = [f"{verdict}{score}. This advice stands apart from the production decision."]
    if dev.because:
        blocks.append(bullets(md_text(reason) for reason in dev.because))
    if dev.against:
        blocks += ["Weighed against it:", bullets(md_text(reason) for reason in dev.against)]
    strategy = result.recommendation.strategy
    carried = option_view(result, strategy) if strategy else None
    if dev.containerize and carried is not None and not carried.platforms:
        blocks.append(
            f"It applies even though production goes to {md_text(option_name(result, strategy))}: "
            "every developer and every CI job start from the same images."
        )
    return section("Development environment and CI", *blocks)


def next_steps_section(result: Result) -> str:
    steps = [md_text(step) for step in result.next_steps]
    missing = len(questions_that_matter(result))
    if missing:
        answer = (
            f"Answer the {counted(missing, 'open question')} below and run the assessment again "
            "before committing."
        )
        # With no recommendation yet, settling the questions comes before any other step.
        steps.insert(0 if result.recommendation.status == "undecided" else len(steps), answer)
    if result.recommendation.status == "undecided" and steps:
        choice = md_text(recommended_choice(result))
        tied = [option for option in tied_at_top(result) if option not in chosen_options(result)]
        others = joined([md_text(option_name(result, option)) for option in tied])
        lead = (
            f"These steps assume {choice}, which ties with {others}; they change with the choice "
            "between them:"
            if tied
            else f"These steps assume {choice}, which leads but is not decided yet:"
        )
        return section("Next steps", lead, bullets(steps, numbered=True))
    if not steps:
        return ""
    return section("Next steps", bullets(steps, numbered=True))
