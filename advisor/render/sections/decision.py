"""The decision itself: title, summary, scores and the rules that drove it."""

from __future__ import annotations

from advisor.render.blocks import bullets, section, table
from advisor.render.charts import text_bar
from advisor.render.escape import md_fact, md_text
from advisor.render.sections.estimates import summary_line
from advisor.render.view import (
    decision_drivers,
    effects_text,
    leaders,
    option_name,
    option_view,
    pros,
    quoted_facts,
    recommended_choice,
    standing,
    strategy_reasons,
    weighed_facts,
)
from advisor.result import Result
from advisor.words import as_clause, confidence_label, counted, joined

DRIVERS_SHOWN = 8
REASONS_IN_SUMMARY = 3


def title(result: Result) -> str:
    project = result.project
    people = " · ".join(
        f"**{label}:** {md_text(project[key])}"
        for key, label in (("client", "Client"), ("assessor", "Assessor"), ("date", "Date"))
        if project.get(key)
    )
    pack = result.rule_pack
    pack_line = (
        f"**Rule pack:** {md_text(pack.name)} {md_text(pack.version)} (`{pack.sha256[:12]}`), "
        f"knowledge as of {md_text(pack.knowledge_as_of)}"
    )
    heading = f"# Deployment strategy: {md_text(project.get('name') or 'Unnamed system')}"
    return "\n\n".join(filter(None, [heading, "  \n".join(filter(None, [people, pack_line]))]))


def summary(result: Result) -> str:
    rec = result.recommendation
    if rec.strategy is None:
        return section(
            "Summary",
            "**No recommendation:** every strategy is excluded by the answers; the scores below say why.",
        )
    if rec.status == "undecided":
        return section("Summary", undecided(result), _settle_first(result), summary_line(result))
    close = " (a close call)" if rec.status == "close-call" else ""
    headline = (
        f"**Recommendation{close}:** {md_text(recommended_choice(result, product=True))}  \n"
        f"**Confidence:** {_confidence_words(result)} (how it was computed is in the appendix)"
    )
    return section("Summary", headline, *_why(result), summary_line(result))


def _confidence_words(result: Result) -> str:
    rec = result.recommendation
    text = f"{rec.confidence:.2f}, {md_text(rec.confidence_label)}"
    platform = rec.platform_less_sure
    if platform is not None:
        text += f", for the strategy; {platform:.2f}, {confidence_label(platform)}, for the platform"
    return text


def _names(result: Result, options: list[str]) -> str:
    return joined([md_text(option_name(result, option)) for option in options])


def undecided(result: Result) -> str:
    """No recommendation yet: which options tie, or that the open answers could still flip it."""
    rec = result.recommendation
    assert rec.strategy is not None
    strategies = result.strategy_scores()
    tied = leaders(result, strategies)
    if len(tied) > 1:
        return (
            f"**No recommendation yet.** {_names(result, tied)} tie at "
            f"{counted(strategies[tied[0]], 'point')} on the answers given."
        )
    view, scores = option_view(result, rec.strategy), result.platform_scores
    siblings = {p: scores[p] for p in (view.platforms if view else []) if p in scores}
    tied = leaders(result, siblings)
    if len(tied) > 1:
        return (
            f"**No recommendation yet.** {md_text(option_name(result, rec.strategy))} leads, but "
            f"the platforms {_names(result, tied)} tie at {counted(siblings[tied[0]], 'point')}."
        )
    return (
        f"**No recommendation yet.** {md_text(recommended_choice(result))} leads on the answers given, "
        f"but the open answers could still change that (confidence {_confidence_words(result)})."
    )


def _settle_first(result: Result) -> str:
    decisive = [item for item in result.value_of_information if item.decisive]
    if decisive:
        item = decisive[0]
        prompt = next((line.prompt for line in result.answers if line.fact == item.fact), item.fact)
        return f"**Settle first:** `{item.fact}`: {md_text(prompt)} The answers it could take are below."
    if result.sensitivity:
        return (
            "No open question settles it: the answers as given do not separate the options. "
            "The single changes below show what would."
        )
    return "No open question settles it; compare the tied options on what the rule pack cannot see."


def _why(result: Result) -> list[str]:
    """In the team's own facts: the lead and the strongest reasons as a list, then how the
    platform was chosen and the answers that weighed most, each a short paragraph."""
    rec = result.recommendation
    assert rec.strategy is not None
    scores = result.strategy_scores()
    second = result.runner_up(scores, rec.strategy)
    if second is None:
        lead = f"{md_text(option_name(result, rec.strategy))} is the only strategy the answers leave open."
    else:
        gap = scores[rec.strategy] - scores[second]
        lead = (
            f"{md_text(option_name(result, rec.strategy))} scores {scores[rec.strategy]:g}, "
            f"{counted(gap, 'point')} ahead of {md_text(option_name(result, second))}."
        )
    reasons = [md_text(argument.text) for argument in strategy_reasons(result)[:REASONS_IN_SUMMARY]]
    if reasons:
        lead = lead.removesuffix(".") + ", because:\n\n" + bullets(reasons)
    platform_reason = ""
    if rec.platform:
        platform = md_text(option_name(result, rec.platform))
        because = _platform_lead(result, rec.platform)
        platform_reason = f"Among the platforms, {platform} leads: {because}"
        view = option_view(result, rec.strategy)
        siblings = {p: result.platform_scores[p] for p in (view.platforms if view else [])}
        runner = result.runner_up(siblings, rec.platform)
        if runner is not None and rec.status == "close-call":
            gap = siblings[rec.platform] - siblings[runner]
            platform_reason += (
                f" It leads {md_text(option_name(result, runner))} by only {counted(gap, 'point')}, "
                "so weigh the two platforms against each other."
            )
    facts = weighed_facts(result, decision_drivers(result)[:REASONS_IN_SUMMARY])
    facts_text = f"The answers that weighed most: {'; '.join(md_fact(f) for f in facts)}." if facts else ""
    return [lead, platform_reason, facts_text]


def _platform_lead(result: Result, platform: str) -> str:
    """Why a platform leads its strategy's others: its strongest argument; else the strongest
    rule that added to it alone (one whose reason argues for other options); else the sum."""
    arguments = pros(result, platform)
    if arguments:
        return md_text(as_clause(arguments[0].text))
    own = max(
        (rule for rule in result.fired if rule.effects.get(platform, 0) > 0),
        key=lambda rule: rule.effects[platform],
        default=None,
    )
    if own is not None:
        return md_text(as_clause(own.because))
    return "it scores highest once every rule's effects are added up (see Scores)."


SCALE = (
    "*How to read the numbers:* each option starts from the rule pack's base score, and every rule "
    "that applies to this team adds or takes away points. There is no fixed maximum; what counts is "
    "how far one option leads another. A strategy scores what its best platform scores; a platform, "
    "its strategy's part plus its own. Confidence runs from 0 to 1: ½ means an open answer could "
    "make another option tie, and 0.8 or more (high) means the lead holds clearly whatever the open "
    "answers turn out to be."
)


def scores(result: Result) -> str:
    """One table per level with one bar per score; excluded options say so instead of a bar."""
    excluded = result.excluded_options()
    blocks = [SCALE, _score_table(result, "Strategy", result.strategy_scores(), excluded)]
    for view in result.options:
        platforms = {p: result.platform_scores[p] for p in view.platforms if p in result.platform_scores}
        if view.kind == "strategy" and platforms:
            blocks.append(_score_table(result, f"Platform ({md_text(view.name)})", platforms, excluded))
    if excluded:
        blocks.append(
            "**Excluded options**\n\n"
            + bullets(
                f"**{md_text(option_name(result, option))}**: {md_text(' '.join(reasons))}"
                for option, reasons in excluded.items()
            )
        )
    return section("Scores", *blocks)


def _score_table(result: Result, kind: str, points: dict[str, float], excluded: dict[str, list[str]]) -> str:
    top = max([value for option, value in points.items() if option not in excluded] + [1.0])
    rows = []
    for option in result.ranked(points):
        bar = "*excluded*" if option in excluded else f"`{text_bar(points[option], top)}`"
        name = md_text(option_name(result, option))
        marked = standing(result, option)
        if marked:
            name = f"**{name}** ({marked})"
        rows.append([name, f"{points[option]:g}", bar])
    return table([kind, "Score", "Relative to the best"], rows, "lrl")


def decision_drivers_section(result: Result) -> str:
    drivers = decision_drivers(result)
    undecided = result.recommendation.status == "undecided"
    if not drivers:
        return section(
            "Decision drivers",
            "No option leads clearly yet, and no rule separates the leading options."
            if undecided
            else "No rule moved the decision; it rests on the pack's base scores.",
        )
    rows = [
        [
            f"`{rule.id}`",
            md_text(rule.because),
            "; ".join(md_fact(fact) for fact in quoted_facts(rule.trace)) or "always",
            md_text(effects_text(rule.effects, rule.excludes)),
        ]
        for rule in drivers[:DRIVERS_SHOWN]
    ]
    intro = (
        "No option leads clearly yet; these rules weigh most between the leading options, heaviest first."
        if undecided
        else "The rules that opened the gap between the recommendation and the runner-up, heaviest first."
    )
    hidden = len(drivers) - DRIVERS_SHOWN
    more = (
        f"{counted(hidden, 'more rule')} moved it less; every rule that fired is in the appendix."
        if hidden > 0
        else ""
    )
    return section("Decision drivers", intro, table(["Rule", "Why", "Facts", "Effect"], rows), more)
