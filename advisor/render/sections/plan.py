"""The way forward: risks of the recommended path, the development environment, next steps."""

from __future__ import annotations

from advisor.render.blocks import bullets, section, table
from advisor.render.escape import md_text
from advisor.render.view import next_steps, open_answers, option_name, option_view, recommended_choice, risks
from advisor.result import Result

NO_MITIGATION = "None in the rule pack; agree one at the review."


def risks_and_mitigations(result: Result) -> str:
    rec = result.recommendation
    if rec.strategy is None:
        return ""
    found = risks(result)
    rows = [
        [
            md_text(risk.risk[:1].upper() + risk.risk[1:]),
            f"`{risk.rule}`" if risk.rule else "general",
            md_text(risk.mitigation) if risk.mitigation else NO_MITIGATION,
        ]
        for risk in found
    ]
    intro = (
        f"What this team's answers hold against {md_text(recommended_choice(result))}, "
        "then the known risks of the path itself."
    )
    blocks = [intro, table(["Risk", "Source", "Mitigation"], rows) if rows else "No risks recorded."]
    views = [view for view in (option_view(result, o) for o in (rec.strategy, rec.platform) if o) if view]
    status = [f"**{md_text(view.name)}:** {md_text(view.status)}" for view in views if view.status]
    named = {name for view in views for name in view.products}
    status += [
        f"**{md_text(product.name)}** ({md_text(product.status)}): {md_text(product.note)}"
        for product in result.products
        if product.name in named and product.status != "active"
    ]
    if status:
        blocks.append(
            f"Product status as of {md_text(result.rule_pack.knowledge_as_of)}:\n\n" + bullets(status)
        )
    return section("Risks and mitigations", *blocks)


def development_environment(result: Result) -> str:
    dev = result.dev_environment
    if dev.containerize:
        verdict = "**Containerize the development environment and CI**"
    else:
        verdict = "**Keep the development environment native for now**"
    blocks = [f"{verdict} (score {dev.score:g}). This advice stands apart from the production decision."]
    if dev.because:
        blocks.append(bullets(md_text(reason) for reason in dev.because))
    strategy = result.recommendation.strategy
    if dev.containerize and strategy not in (None, "containers"):
        blocks.append(
            f"It applies even though production goes to {md_text(option_name(result, strategy))}: "
            "a Compose file gives every project its own service versions, and CI runs the same images."
        )
    return section("Development environment and CI", *blocks)


def next_steps_section(result: Result) -> str:
    steps = [md_text(step) for step in next_steps(result)]
    missing = len(open_answers(result))
    if missing:
        steps.append(
            f"Answer the {missing} open question(s) below and run the assessment again before committing."
        )
    if not steps:
        return ""
    return section("Next steps", bullets(steps, numbered=True))
