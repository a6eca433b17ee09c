"""The executive summary that opens a client's report: what to do, why, the main risk, what it
takes, and how sure the recommendation is, in words and without rule ids."""

from __future__ import annotations

from advisor.render.blocks import bullets, section
from advisor.render.escape import md_text
from advisor.render.sections.decision import undecided
from advisor.render.sections.estimates import summary_line
from advisor.render.sections.plain import md_question
from advisor.render.view import (
    Risk,
    beside_text,
    decisive_facts,
    if_chosen,
    open_answers,
    option_name,
    option_view,
    product_name,
    pros,
    questions_that_matter,
    risks,
    strategy_reasons,
    tied_at_top,
    with_strategy,
)
from advisor.result import ConfidenceLine, Result
from advisor.words import as_clause, as_sentence, confidence_label, counted, joined

TITLE = "Executive summary"
REASONS = 3


def executive_summary(result: Result) -> str:
    rec = result.recommendation
    if rec.strategy is None:
        return section(
            TITLE,
            "**No option fits yet:** the answers exclude every strategy. The scores below say why, "
            "and the open questions what to settle.",
        )
    blocks = [_recommendation(result)]
    tied = tied_at_top(result)
    reasons = _reasons(result)
    if len(tied) > 1:
        blocks.append("**What counts for each:**\n\n" + bullets(_each(result, tied)))
    elif reasons:
        leading = md_text(option_name(result, rec.platform or rec.strategy))
        heading = "Why" if rec.status != "undecided" else f"What counts for {leading}"
        blocks.append(f"**{heading}:**\n\n" + bullets(reasons))
    blocks += [_main_risk(result), summary_line(result, plain=True), _confidence(result), _open(result)]
    return section(TITLE, *blocks)


def _recommendation(result: Result) -> str:
    """The recommendation and the product in one sentence."""
    rec = result.recommendation
    assert rec.strategy is not None
    project = md_text(result.project.get("name") or "the system")
    choice = f"**{md_text(option_name(result, rec.platform or rec.strategy))}**"
    if rec.product is not None:
        providers = rec.product.providers
        where = f" on {md_text(providers[0])}" if len(providers) == 1 else ""
        named = product_name(result)
        choice += (f", run as **{md_text(named)}**" if named else "") + where
        choice += f", {md_text(companions)}" if (companions := beside_text(result)) else ""
    if rec.status == "undecided":
        return undecided(result)
    close = " It is a close call: weigh it against the runner-up below." if rec.status == "close-call" else ""
    return f"For {project}, we recommend {choice}.{close}"


def _reasons(result: Result) -> list[str]:
    """The strongest reasons, in the rule pack's words: for the strategy, and one for the platform."""
    rec = result.recommendation
    assert rec.strategy is not None
    platform = pros(result, rec.platform)[:1] if rec.platform else []
    chosen = strategy_reasons(result)[: REASONS - len(platform)] + platform
    texts = list(dict.fromkeys(argument.text for argument in chosen))
    return [md_text(text) for text in texts]


def _each(result: Result, tied: list[str]) -> list[str]:
    """For options that tie: each one's strongest reason, in the rule pack's words."""
    lines = []
    for option in tied:
        found = pros(result, option)[:1]
        reason = md_text(found[0].text) if found else "nothing in the answers counts for it alone."
        lines.append(f"**{md_text(option_name(result, option))}:** {reason}")
    return lines


def _main_risk(result: Result) -> str:
    """The main risk of the recommendation, or, while options tie, of each of them."""
    tied = tied_at_top(result)
    if len(tied) > 1:
        lines = []
        for option in tied:
            risk = _first_risk(risks(result, with_strategy(result, option)), option)
            text = f"**{md_text(option_name(result, option))}:** "
            if risk is None:
                lines.append(text + "no risk in the rule pack applies to it on these answers.")
                continue
            text += md_text(as_sentence(risk.risk))
            lines.append(text + (f" *Mitigation:* {md_text(risk.mitigation)}" if risk.mitigation else ""))
        return "**Main risk of each:**\n\n" + bullets(lines)
    risk = _first_risk(risks(result), result.recommendation.platform)
    if risk is None:
        return ""
    text = f"**Main risk{md_text(if_chosen(result))}:** {md_text(as_sentence(risk.risk))}"
    if risk.mitigation:
        text += f"  \n**Mitigation:** {md_text(risk.mitigation)}"
    return text


def _first_risk(every: list[Risk], platform: str | None) -> Risk | None:
    """The first risk with a mitigation, the platform's own before its strategy's (which apply
    to every platform of it: stale base images, say)."""
    mitigated = [risk for risk in every if risk.mitigation] or every
    found = sorted(mitigated, key=lambda risk: risk.option != platform)
    return found[0] if found else None


def _confidence(result: Result) -> str:
    """The confidence in words, with what it means for this recommendation."""
    rec = result.recommendation
    assert rec.strategy is not None
    strategy = md_text(option_name(result, rec.strategy))
    label = rec.confidence_label
    tied, still_open = tied_at_top(result), bool(open_answers(result))
    meaning = _meaning(
        label, _lead(result.confidence_breakdown), strategy, "strategy", still_open, rec.strategy in tied
    )
    text = f"**Confidence: {md_text(label)}** ({rec.confidence:.2f} on a scale from 0 to 1). " + meaning
    platform = rec.platform_less_sure
    if rec.platform and platform is not None:
        view = option_view(result, rec.strategy)
        among = f"the platforms for {md_text(view.name.lower())}" if view else "the platforms"
        words = confidence_label(platform)
        if rec.platform in tied and rec.strategy not in tied:
            names = joined([md_text(option_name(result, option)) for option in tied])
            certainty = f"is open ({md_text(words)}, {platform:.2f}): they tie on these answers."
            return text + f" The choice between {names} among {among} {certainty}"
        name = md_text(option_name(result, rec.platform))
        lead = _lead(result.platform_confidence_breakdown)
        meaning = _meaning(words, lead, "it", "platform", still_open, rec.platform in tied)
        if words == label:
            certainty = f"has {md_text(words)} confidence too ({platform:.2f})"
        else:
            certainty = f"is less certain ({md_text(words)}, {platform:.2f})"
        text += f" The choice of {name} among {among} {certainty}: " + as_clause(meaning)
    return text


def _lead(lines: list[ConfidenceLine]) -> float | None:
    """The guaranteed lead behind a confidence: the points of its last line (None: no rival)."""
    return lines[-1].points if lines else None


def _meaning(label: str, lead: float | None, name: str, kind: str, open_questions: bool, tied: bool) -> str:
    if tied or (lead == 0 and not open_questions):
        return f"Another {kind} ties with {name} on these answers: the choice between them is open."
    if lead is None:
        return f"No other {kind} is left standing, whatever the open questions turn out to be."
    whatever = "whatever the open questions turn out to be" if open_questions else "on these answers"
    if lead < 0:
        return (
            f"An open answer could put another {kind} ahead by up to {counted(-lead, 'point')}; "
            "settle the open questions before deciding."
        )
    if lead == 0:
        return f"An open answer could make another {kind} tie with {name}; settle the open questions first."
    points = counted(lead, "point")
    if label == "high":
        return f"{name} stays at least {points} ahead of every other {kind} {whatever}: a clear lead."
    if label == "moderate":
        return f"{name} stays ahead of every other {kind} {whatever}, but by as little as {points}."
    return (
        f"{name} stays ahead {whatever} by as little as {points}: a small change to an answer "
        "could overturn it."
    )


def _open(result: Result) -> str:
    missing = open_answers(result)
    if not missing:
        return ""
    matter = questions_that_matter(result)
    if not matter:
        outcome = "settle it" if result.recommendation.status == "undecided" else "change the recommendation"
        return (
            f"**Still open:** {counted(len(missing), 'question')}; no single answer to "
            f"{'it' if len(missing) == 1 else 'them'} could {outcome} "
            "(the list is under Open questions)."
        )
    first = matter[0]
    which = f", {len(matter)} of which could change the recommendation" if len(matter) < len(missing) else ""
    if not decisive_facts(result) and not any(question.alone for question in result.next_questions):
        which = (which or ", which could change the recommendation") + " only together with other answers"
    return (
        f"**Still open:** {counted(len(missing), 'question')}{which}; settle {md_question(result, first)} "
        "first (the list is under Open questions)."
    )
