"""The decision itself: title, summary, scores and the rules that drove it."""

from __future__ import annotations

from advisor.render.blocks import bullets, section, table
from advisor.render.charts import BarChart, mermaid_bar_chart, text_bar
from advisor.render.escape import md_fact, md_text
from advisor.render.view import (
    decision_drivers,
    effects_text,
    option_name,
    pros,
    quoted_facts,
    recommended_choice,
)
from advisor.result import Result
from advisor.words import as_clause

DRIVERS_SHOWN = 8
REASONS_IN_SUMMARY = 3
# A platform lead smaller than this many points is called a close call in the summary:
# confidence measures the strategy, and a point or two between platforms is within the
# pack's precision.
CLOSE_PLATFORM_LEAD = 3


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
    close = _close_platform(result)
    headline = (
        f"**Recommendation:** {md_text(recommended_choice(result))}  \n"
        f"**Confidence:** {rec.confidence:.2f}, {md_text(rec.confidence_label)} "
        + ("in the strategy; the platform is a close call " if close else "")
        + "(see the appendix for how it was computed)"
    )
    return section("Summary", headline, _why(result))


def _why(result: Result) -> str:
    """One paragraph in the team's own facts: the lead, the strongest reasons, the facts behind them."""
    rec = result.recommendation
    assert rec.strategy is not None
    scores = result.scores
    second = result.runner_up(scores, rec.strategy)
    if second is None:
        lead = f"{md_text(option_name(result, rec.strategy))} is the only strategy the answers leave open."
    else:
        gap = scores[rec.strategy] - scores[second]
        lead = (
            f"{md_text(option_name(result, rec.strategy))} scores {scores[rec.strategy]:g}, "
            f"{gap:g} points ahead of {md_text(option_name(result, second))}."
        )
    reasons = [md_text(argument.text) for argument in pros(result, rec.strategy)[:REASONS_IN_SUMMARY]]
    platform_reason = ""
    if rec.platform:
        platform = md_text(option_name(result, rec.platform))
        platform_pros = pros(result, rec.platform)
        because = "it leads on the pack's base scores."
        if platform_pros:
            because = md_text(as_clause(platform_pros[0].text))
        platform_reason = f" Among the platforms, {platform} leads: {because}"
        close = _close_platform(result)
        if close:
            second, gap = close
            platform_reason += (
                f" It leads {md_text(option_name(result, second))} by only {gap:g} point"
                f"{'' if gap == 1 else 's'}, so weigh the two platforms against each other."
            )
    facts: list[str] = []
    for rule in decision_drivers(result)[:REASONS_IN_SUMMARY]:
        facts += [fact for fact in quoted_facts(rule.trace) if fact not in facts]
    facts_text = f" The answers that weighed most: {'; '.join(md_fact(f) for f in facts)}." if facts else ""
    return " ".join([lead, *reasons]) + platform_reason + facts_text


def _close_platform(result: Result) -> tuple[str, float] | None:
    """The runner-up platform and the lead, when the recommended platform barely leads."""
    platform = result.recommendation.platform
    second = result.runner_up(result.platform_scores, platform) if platform else None
    if platform is None or second is None:
        return None
    gap = result.platform_scores[platform] - result.platform_scores[second]
    return (second, gap) if gap < CLOSE_PLATFORM_LEAD else None


def scores(result: Result) -> str:
    excluded = result.excluded_options()
    blocks = [
        _score_table(result, "Strategy", result.scores, excluded),
        mermaid_bar_chart(_chart(result, "Strategy scores", result.scores, excluded)),
    ]
    platforms_title = "Platform (when containers)"
    blocks.append(_score_table(result, platforms_title, result.platform_scores, excluded))
    if result.recommendation.platform:
        blocks.append(mermaid_bar_chart(_chart(result, "Platform scores", result.platform_scores, excluded)))
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
        if option in (result.recommendation.strategy, result.recommendation.platform):
            name = f"**{name}** (recommended)"
        rows.append([name, f"{points[option]:g}", bar])
    return table([kind, "Score", "Relative to the best"], rows, "lrl")


def _chart(
    result: Result, chart_title: str, points: dict[str, float], excluded: dict[str, list[str]]
) -> BarChart:
    order = result.ranked(points)
    labels = tuple(
        option_name(result, option) + (" (excluded)" if option in excluded else "") for option in order
    )
    return BarChart(chart_title, labels, tuple(points[option] for option in order))


def decision_drivers_section(result: Result) -> str:
    drivers = decision_drivers(result)
    if not drivers:
        return section("Decision drivers", "No rule moved the decision; it rests on the pack's base scores.")
    rows = [
        [
            f"`{rule.id}`",
            md_text(rule.because),
            "; ".join(md_fact(fact) for fact in quoted_facts(rule.trace)) or "always",
            md_text(effects_text(rule.effects, rule.excludes)),
        ]
        for rule in drivers[:DRIVERS_SHOWN]
    ]
    intro = "The rules that opened the gap between the recommendation and the runner-up, heaviest first."
    hidden = len(drivers) - DRIVERS_SHOWN
    more = (
        f"{hidden} more rule(s) moved it less; every rule that fired is in the appendix."
        if hidden > 0
        else ""
    )
    return section("Decision drivers", intro, table(["Rule", "Why", "Facts", "Effect"], rows), more)
