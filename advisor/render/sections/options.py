"""Considered options: every strategy, and the platforms of the leading one, argued for this team."""

from __future__ import annotations

from advisor.render.blocks import bullets, section, signed
from advisor.render.escape import md_link, md_text
from advisor.render.view import Argument, cons, option_name, option_view, pros, standing
from advisor.result import OptionView, ProductRef, Result
from advisor.words import counted


def considered_options(result: Result, *, plain: bool = False) -> str:
    """Every strategy argued for this team, then the platforms of the leading one; `plain`
    leaves out rule ids and points, and gives the platforms that do not lead a line each."""
    blocks = [
        "Pros and cons come from the rules that fired on this team's answers; "
        "each option's typical fit and costs follow them."
        if not plain
        else "The pros and cons of each option come from this team's answers; its typical fit and "
        "costs follow them.",
    ]
    strategies = result.strategy_scores()
    blocks += [_option(result, option, strategies, "###", plain) for option in result.ranked(strategies)]
    leader = option_view(result, result.recommendation.strategy or "")
    if leader is not None and leader.platforms:
        platforms = {p: result.platform_scores[p] for p in leader.platforms if p in result.platform_scores}
        blocks.append(f"### Platforms for {md_text(leader.name.lower())}")
        ranked = result.ranked(platforms)
        if plain:
            chosen = [p for p in ranked if p == result.recommendation.platform]
            blocks += [_option(result, option, platforms, "####", plain) for option in chosen]
            others = [_platform_line(result, option, platforms) for option in ranked if option not in chosen]
            if others:
                blocks.append(("The other platforms:\n\n" if chosen else "") + bullets(others))
        else:
            blocks += [_option(result, option, platforms, "####") for option in ranked]
    elif any(view.platforms for view in result.options):
        blocks.append(
            "The platforms of a strategy are compared here when it leads; "
            "their scores are in the tables above."
        )
    return section("Considered options", *blocks)


def _platform_line(result: Result, option: str, points: dict[str, float]) -> str:
    """One platform in a line: name, score, what it is, its strongest point each way."""
    view = option_view(result, option)
    name = md_text(view.name if view else option)
    if option in result.excluded_options():
        reasons = " ".join(result.excluded_options()[option])
        return f"**{name}** (excluded): {md_text(reasons)}"
    text = f"**{name}** ({counted(points[option], 'point')})"
    if view and view.summary:
        text += f": {md_text(view.summary)}"
    best, worst = pros(result, option)[:1], cons(result, option)[:1]
    if best:
        text += f" *For:* {md_text(best[0].text)}"
    if worst:
        text += f" *Against:* {md_text(worst[0].text)}"
    return text


def _option(result: Result, option: str, points: dict[str, float], level: str, plain: bool = False) -> str:
    view = option_view(result, option)
    name = view.name if view else option
    shown = [counted(points[option], "point")]
    marked = standing(result, option)
    if marked:
        shown.insert(0, marked)
    if option in result.excluded_options():
        shown.insert(0, "excluded")
    lines = [f"{level} {md_text(name)} ({', '.join(shown)})"]
    if view and view.summary:
        lines += ["", md_text(view.summary)]
    if view and view.offered:
        lines += ["", _offered(view)]
    elif view and view.products:
        lines += ["", "**Products:** " + ", ".join(md_text(product) for product in view.products)]
    if view and view.status:
        lines += ["", f"**Status:** {md_text(view.status)}"]
    arguments_for, arguments_against = pros(result, option), cons(result, option)
    if arguments_for or arguments_against:
        none_for, none_against = (
            ("Nothing in the answers counts for it.", "Nothing in the answers counts against it.")
            if plain
            else ("No rule counted for it.", "No rule counted against it.")
        )
        lines += ["", "**Pros for this team**", "", _arguments(arguments_for, none_for, plain)]
        lines += ["", "**Cons for this team**", "", _arguments(arguments_against, none_against, plain)]
    elif view and view.kind == "platform" and view.strategy:
        strategy = md_text(option_name(result, view.strategy))
        if any(rule.effects.get(option) for rule in result.fired):
            text = (
                f"What counts for or against {strategy} applies to it, with effects of its own "
                "that the scores include."
            )
        else:
            text = f"Nothing counts for or against it alone; what counts for {strategy} applies to it."
        lines += ["", text]
    elif plain:
        lines += ["", "Nothing in these answers counts for or against it."]
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


def _arguments(arguments: list[Argument], none: str, plain: bool = False) -> str:
    if not arguments:
        return f"- {none}"
    if plain:
        return bullets(
            f"{'Excluded: ' if argument.excludes else ''}{md_text(argument.text)}" for argument in arguments
        )
    return bullets(
        f"{'Excluded: ' if argument.excludes else ''}{md_text(argument.text)} "
        f"(`{argument.rule.id}`{'' if argument.excludes else ', ' + signed(argument.points)})"
        for argument in arguments
    )


def _offered(view: OptionView) -> str:
    """The products that carry a platform for this team, or its candidates, and those listed
    beside them for part of the work."""
    main = [product for product in view.offered if not product.beside]
    label = "**Candidates:**"
    if view.offered_here:
        label = "**On your provider:**" if len(main) == 1 else "**On your provider, to choose from:**"
    # Candidates name their providers where these differ (not each "Another cloud provider").
    providers = not view.offered_here and len({tuple(product.providers) for product in main}) > 1
    text = f"{label} " + "; ".join(_product(product, providers=providers) for product in main)
    for product in view.offered:
        if product.beside:
            text += f"; **for {md_text(product.beside)}:** {_product(product, providers=False)}"
    return text


def _product(product: ProductRef, *, providers: bool) -> str:
    """A product with its details; its providers only among candidates (on the team's own
    provider they go without saying)."""
    details = [md_text(", ".join(product.providers))] if providers and product.providers else []
    if product.status != "active":
        details.append(md_text(product.status))
    if product.docs:
        details.append(md_link(product.docs, "docs"))
    return md_text(product.name) + (f" ({'; '.join(details)})" if details else "")
