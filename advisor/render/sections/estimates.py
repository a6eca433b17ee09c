"""Effort and cost: people, weeks to production and platform cost for every option, with the
assumptions and list prices each number rests on.

Numbers come from the result as the core computed them; here they are only laid out. A
range that an open answer widens says so, a missing one says which question would fill it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from advisor.render.blocks import bullets, section, table
from advisor.render.escape import md_link, md_prose, md_text
from advisor.render.sections.plain import md_question
from advisor.render.view import if_chosen, option_name, standing, tied_at_top
from advisor.result import EstimateAmount, EstimateTerm, OptionEstimate, PriceUsed, Result
from advisor.words import as_sentence, counted, joined, plural_of

TITLE = "Effort and cost"
PEOPLE, WEEKS, COST, YEARLY = "people_fte", "weeks_to_production", "monthly_cost_usd", "yearly_total_usd"
MEASURE_NAMES = {
    PEOPLE: "People to run it",
    WEEKS: "Weeks until the system runs in production on it",
    COST: "Platform cost",
    YEARLY: "A year, people included",
}
SHORT = {PEOPLE: "people", WEEKS: "weeks", COST: "cost"}
REACH = {"all": "", "most": " over most of its range", "high": " at its high end"}
HOW_FAR = {  # how far options reach past a headcount, for one option and for several
    "all": ("over its whole range", "over their whole ranges"),
    "most": ("over most of its range", "over most of their ranges"),
    "high": ("only at its high end", "only at their high ends"),
}


def format_range(measure: str, span: tuple[float, float] | None) -> str:
    """`0.8–3.4`, `16–46`, `$552–$749`; one number when both ends agree; `—` for none."""
    if span is None:
        return "—"
    low, high = (_number(measure, value) for value in span)
    return low if low == high else f"{low}–{high}"


def shown_range(measure: str, span: tuple[float, float] | None) -> str:
    """An estimate as a reader should take it: money to two significant figures, the low end
    rounded down and the high end up (`$87,596–$154,626` reads `$87,000–$160,000`), so the
    range shown holds the one computed and claims no precision the inputs do not have."""
    if span is None or measure not in (COST, YEARLY):
        return format_range(measure, span)
    if span[0] == span[1]:  # one amount: the nearest two figures
        return format_range(measure, (_two_figures(span[0], _half_up),) * 2)
    return format_range(measure, (_two_figures(span[0], math.floor), _two_figures(span[1], math.ceil)))


def _two_figures(value: float, direction: Callable[[float], int]) -> float:
    if value == 0:
        return 0.0
    step = 10.0 ** max(0, math.floor(math.log10(abs(value))) - 1)
    return direction(round(value / step, 9)) * step


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _number(measure: str, value: float) -> str:
    """One figure, a negative one with a minus sign (−), not a hyphen."""
    if measure in (COST, YEARLY):
        shown = f"${abs(value):,.0f}"
    elif measure == PEOPLE:
        shown = f"{abs(value):.1f}"
    else:
        shown = f"{abs(value):g}"
    return f"−{shown}" if value < 0 and shown.strip("$0.") else shown


def estimate_phrase(estimate: OptionEstimate, beyond: str = "") -> str:
    """`0.8–3.4 people a year to run it, 16–46 weeks until the system runs in production on it
    and $552–$749 a month`: the known measures of one estimate in words (raw text); `beyond`
    follows the people in brackets."""
    parts = []
    if estimate.people_fte is not None:
        people = f"{shown_range(PEOPLE, estimate.people_fte)} people (full-time equivalents) to run it"
        parts.append(people + (f" ({beyond})" if beyond else ""))
    if estimate.weeks_to_production is not None:
        weeks = shown_range(WEEKS, estimate.weeks_to_production)
        parts.append(f"{weeks} weeks until the system runs in production on it")
    if estimate.monthly_cost_usd is not None:
        parts.append(
            f"{shown_range(COST, estimate.monthly_cost_usd)} a month of platform cost at list prices"
        )
    if estimate.yearly_total_usd is not None:
        parts.append(f"{shown_range(YEARLY, estimate.yearly_total_usd)} a year with the people")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


def chosen_estimate(result: Result) -> tuple[str, OptionEstimate] | None:
    """The recommended option's estimate: its platform's, or the strategy's own."""
    rec = result.recommendation
    for option in (rec.platform, rec.strategy):
        if option and option in result.estimates:
            return option, result.estimates[option]
    return None


def summary_line(result: Result, *, plain: bool = False) -> str:
    """One line for the summary: what the recommended option takes, and what it still waits for
    (with `plain`, the questions by their wording rather than by fact id); while options tie,
    what each of them takes."""
    tied = [(option, result.estimates.get(option)) for option in tied_at_top(result)]
    if len(tied) > 1:
        if not any(estimate for _, estimate in tied):
            return ""
        each = [
            f"**{md_text(option_name(result, option))}:** "
            + (as_sentence(_takes(result, estimate, plain)) + "." if estimate else "not estimated.")
            for option, estimate in tied
        ]
        least = _least_of_tied(result, [(o, e) for o, e in tied if e is not None])
        return "\n\n".join(
            filter(None, [f"**Effort and cost of each** (see {TITLE}):\n\n" + bullets(each), least])
        )
    chosen = chosen_estimate(result)
    if chosen is None:
        return ""
    text = as_sentence(_takes(result, chosen[1], plain))
    if not text:
        return ""
    line = f"**Effort and cost{md_text(if_chosen(result))}:** {text} (see {TITLE})."
    cheaper = _cheaper_alternative(result, *chosen)
    return f"{line} {cheaper}" if cheaper else line


def _least_of_tied(result: Result, tied: list[tuple[str, OptionEstimate]]) -> str:
    """A sentence when one of the options that tie takes no more than each of the others by the
    same estimates, and less of something: the scores cannot separate them, the estimates can
    (Markdown)."""
    if len(tied) < 2:
        return ""
    for option, estimate in tied:
        others = [(o, e) for o, e in tied if o != option]
        compared = [_no_dearer(estimate, other) for _, other in others]
        if not all(compared):
            continue
        less = [
            (md_text(option_name(result, other_option)), _how_much_less(estimate, other, measures))
            for (other_option, other), measures in zip(others, compared, strict=True)
        ]
        if len({phrase for _, phrase in less}) == 1:  # the same margin against each: said once
            how = f"{less[0][1]} than {joined([name for name, _ in less])}"
        else:
            how = "; ".join(f"{phrase} than {name}" for name, phrase in less)
        return (
            f"With the scores tied, the estimates separate them: {md_text(option_name(result, option))} "
            f"would take {how}. Weigh that beside what the rule pack cannot see."
        )
    return ""


def _cheaper_alternative(result: Result, chosen: str, estimate: OptionEstimate) -> str:
    """A sentence when the platform the team runs today, or in a close call the runner-up,
    would take no more people, weeks or money than the recommendation by the same estimates
    (fewer, or less, where it is below at both ends):
    the recommendation then rests on fit alone, to be weighed against what it costs more
    (Markdown)."""
    if result.recommendation.status == "undecided":
        return ""  # no recommendation yet to weigh anything against
    others = [option for option in _platforms(result) if option != chosen]
    today = [option for option in others if result.estimates[option].runs_today]
    runner_up = others[:1] if result.recommendation.status == "close-call" else []
    for option, staying in [(o, True) for o in today] + [(o, False) for o in runner_up]:
        other = result.estimates[option]
        compared = _no_dearer(other, estimate)
        if not compared:
            continue
        figures = [_with_unit(measure, getattr(other, measure), unit) for measure, _, unit in compared]
        name = md_text(option_name(result, option))
        who = (
            f"Staying on {name}, which the team runs today,"
            if staying
            else f"{name}, the runner-up in this close call,"
        )
        return (
            f"{who} would take {_how_much_less(other, estimate, compared)} by the same estimates: "
            f"{joined(figures)}. The recommendation rests on how much better it fits; weigh that against "
            + ("the move." if staying else "the difference.")
        )
    return ""


_COMPARED = ((PEOPLE, "people", " people"), (WEEKS, "weeks", " weeks"), (COST, "platform cost", " a month"))
# With the people priced, what a year costs in all is the fairer comparison than the platform's
# bill alone: a PaaS that bills more a month can still cost less a year than a cluster to run.
_COMPARED_A_YEAR = (*_COMPARED[:2], (YEARLY, "yearly total", " a year with the people"))
_LESS = {"platform cost": "less platform cost", "yearly total": "a smaller yearly total"}


def _how_much_less(
    other: OptionEstimate, chosen: OptionEstimate, compared: list[tuple[str, str, str]]
) -> str:
    """`fewer people and weeks, and no more platform cost`: fewer (less) where `other` is below
    `chosen` at both ends as the report shows them, no more where it is not."""
    fewer: list[str] = []
    same: list[str] = []
    for measure, word, _ in compared:
        mine, theirs = getattr(other, measure), getattr(chosen, measure)
        below = mine[0] < theirs[0] and mine[1] < theirs[1]
        (fewer if below and shown_range(measure, mine) != shown_range(measure, theirs) else same).append(word)
    counted = [word for word in fewer if word not in _LESS]
    gains = (["fewer " + " and ".join(counted)] if counted else []) + [_LESS[w] for w in fewer if w in _LESS]
    if not same:
        return ", and ".join(gains)
    no_more = "no more " + (", ".join(same[:-1]) + " or " + same[-1] if len(same) > 1 else same[0])
    return ", and ".join([" and ".join(gains), no_more]) if gains else no_more


def _with_unit(measure: str, span: tuple[float, float], unit: str) -> str:
    """`0–1 weeks`, `1 week`, `0.2–0.4 people`, `$640–$2,000 a month`."""
    shown = shown_range(measure, span)
    return shown + (" week" if measure == WEEKS and shown == "1" else unit)


def _no_dearer(other: OptionEstimate, chosen: OptionEstimate) -> list[tuple[str, str, str]]:
    """The measures (with their words) on which `other` is nowhere above `chosen` (both ends
    of each range), at least one of them below it as the report shows them, people and weeks
    always among them, then the yearly total where both have one, else the platform cost;
    else none."""
    compared, below = [], False
    priced = other.yearly_total_usd is not None and chosen.yearly_total_usd is not None
    for measure, word, unit in _COMPARED_A_YEAR if priced else _COMPARED:
        mine, theirs = getattr(other, measure), getattr(chosen, measure)
        if mine is None or theirs is None:
            if measure == COST:
                continue
            return []
        if mine[0] > theirs[0] or mine[1] > theirs[1]:
            return []
        below = below or shown_range(measure, mine) != shown_range(measure, theirs)
        compared.append((measure, word, unit))
    return compared if below else []


def _takes(result: Result, estimate: OptionEstimate, plain: bool) -> str:
    """What an option takes, and what its estimate still waits for (Markdown)."""
    text = md_text(estimate_phrase(estimate, beyond_team(result, estimate)))
    gaps = []
    for measure in (PEOPLE, WEEKS, COST):
        if getattr(estimate, measure) is not None:
            continue
        facts = estimate.open.get(measure, [])
        if facts:
            named = [md_question(result, f) if plain else f"`{f}`" for f in facts]
            gaps.append(f"the {SHORT[measure]} estimate waits for " + ", ".join(named))
        elif measure == COST and estimate.unpriced:
            gaps.append("no cost band for these answers")
    return "; ".join(filter(None, [text, *gaps]))


def beyond_team(result: Result, estimate: OptionEstimate) -> str:
    """`more than the team's 2 engineers`: the largest headcount the people estimate exceeds
    and how much of the range lies beyond it (raw text), or empty."""
    found = _beyond(result, estimate)
    return f"more than the team's {found[0]}{REACH[found[1]]}" if found else ""


def _beyond(result: Result, estimate: OptionEstimate) -> tuple[str, str] | None:
    """The largest headcount the people estimate exceeds (`2 engineers`) and how far: `all` of
    the range, `most` of it (its middle does) or only its `high` end. Graded, not a cliff: 1.1
    people against one operations engineer is the edge of a range, 2 to 3 is a hire."""
    beyond, people = estimate.beyond_headcount, estimate.people_fte
    if not beyond or people is None:
        return None
    fact = max(beyond, key=beyond.__getitem__)
    count = beyond[fact]
    team = counted(count, result.estimate_basis.headcount.get(fact, fact))
    low, high = people
    return team, "all" if low > count else "most" if (low + high) / 2 > count else "high"


def effort_and_cost(result: Result) -> str:
    """The whole section: the comparison, then what each option's figures rest on."""
    return effort_overview(result, details=effort_details(result))


def effort_overview(result: Result, *, plain: bool = False, details: list[str] | None = None) -> str:
    """The comparison of every option and what would fill its gaps; `plain` names questions by
    their wording, not by fact id, and points to the appendix for the assumptions."""
    if not result.estimates:
        return ""
    platforms = _platforms(result)
    rows = [_overview_row(result, option) for option in platforms]
    headers = ["Option", "People (FTE a year)", "Weeks to production", "Platform cost a month"]
    with_year = any(result.estimates[o].yearly_total_usd is not None for o in platforms)
    if with_year:
        headers.append("A year, people included")
    else:
        rows = [row[:-1] for row in rows]
    where = "in the appendix" if plain else "below"
    intro = (
        "What each option would take for this team: the people to run it once it is in production "
        "(full-time equivalents a year), the weeks from where the team stands until the system runs "
        "in production on it, and the monthly platform cost at list prices. Ranges widen while answers "
        "are open; every figure comes from the rule pack, with the assumptions and list prices it "
        f"rests on {where}."
    )
    name = (lambda fact: md_question(result, fact)) if plain else (lambda fact: _question(result, fact))
    shown = [table(headers, rows, "lrrrr")] if rows else []  # none when every option is excluded
    blocks = [intro, *shown, *_notes(result, platforms, with_year, name)]
    return section(TITLE, *blocks, *(details or []))


def effort_details(result: Result) -> list[str]:
    """Per option, which open answers widen each range and what it rests on; then every
    assumption and list price (`###` blocks)."""
    if not result.estimates:
        return []
    blocks = [_detail(result, option) for option in _platforms(result)]
    basis = result.estimate_basis
    if basis.terms:
        blocks.append(
            "### Assumptions\n\nEach term of the rule pack that counts for this team, with what it adds "
            "here; the options above name the ones they rest on.\n\n"
            + bullets(_assumption(result, term) for term in basis.terms.values())
        )
    if basis.prices:
        blocks.append(
            "### List prices\n\nIn US dollars as the rule pack gives them, each with the page it comes "
            "from and the date it was checked.\n\n"
            + bullets(_price(result, price) for price in basis.prices.values())
        )
    return blocks


def _platforms(result: Result, *, excluded: bool = False) -> list[str]:
    """Every option that is estimated on its own: platforms and self-carried strategies,
    the recommended first, then by score; with `excluded`, those the answers exclude instead
    (which are not estimated)."""
    carried = {o.id for o in result.options if o.kind == "strategy" and o.platforms}
    scores = {
        o: p
        for o, p in result.scores.items()
        if o not in carried and o in result.estimates and result.estimates[o].excluded is excluded
    }
    ranked = result.ranked(scores)
    chosen = chosen_estimate(result)
    if chosen is not None and chosen[0] in ranked:
        ranked.remove(chosen[0])
        ranked.insert(0, chosen[0])
    return ranked


def _label(result: Result, option: str) -> str:
    name = md_text(option_name(result, option))
    marked = standing(result, option)
    return f"**{name}** ({marked})" if marked else name


def _overview_row(result: Result, option: str) -> list[str]:
    estimate = result.estimates[option]
    cells = [_label(result, option)]
    for measure in (PEOPLE, WEEKS, COST, YEARLY):
        span = getattr(estimate, measure)
        unpriced = span is None and measure == COST and estimate.unpriced and not estimate.open.get(COST)
        cells.append("no cost band" if unpriced else shown_range(measure, span))
    return cells


def _notes(result: Result, options: list[str], with_year: bool, name: Callable[[str], str]) -> list[str]:
    """What the table leaves out: the questions that would fill its gaps, and the scope."""
    notes = []
    filling: dict[str, None] = {}
    for option in options:
        estimate = result.estimates[option]
        for measure in (PEOPLE, WEEKS, COST):
            if getattr(estimate, measure) is None:
                filling.update(dict.fromkeys(estimate.open.get(measure, [])))
    if filling:
        notes.append("A dash waits for an answer: " + "; ".join(name(f) for f in filling) + ".")
    notes.extend(_beyond_notes(result, options))
    excluded = [md_text(option_name(result, option)) for option in _platforms(result, excluded=True)]
    if excluded:
        them = "it" if len(excluded) == 1 else "them"
        notes.append(f"Not estimated, since the answers exclude {them}: {joined(excluded)}.")
    yearly = {f: None for o in options for f in result.estimates[o].open.get(YEARLY, []) if f not in filling}
    if not with_year and yearly:
        notes.append(
            "For a yearly total with the people in money, answer " + "; ".join(name(f) for f in yearly) + "."
        )
    copies = result.estimate_basis.copies
    if copies is not None:
        low, high = (f"{count:g}" for count in copies.counted)
        notes.append(
            f"**Copies of one build:** {copies.components - copies.builds} of the {copies.components} "
            f"components are copies of {counted(copies.builds, 'build')}, so the people and weeks per "
            f"component count {low}–{high} components (the money counts every copy)."
        )
    caveats = result.estimate_basis.caveats
    priced = any(result.estimates[option].monthly_cost_usd is not None for option in options)
    if caveats and priced:
        notes.append("**For these answers:** " + " ".join(md_text(text) for text in caveats.values()))
    if result.estimate_basis.scope and priced:
        notes.append(f"*What the cost covers:* {md_text(result.estimate_basis.scope)}")
    return notes


def _beyond_notes(result: Result, options: list[str]) -> list[str]:
    """The options whose people reach past a headcount, by headcount, and by how far: over the
    whole range with its figures, over most of it, or only at its high end; the platform the
    team runs today on its own (it may be stretched already); and, where the team has nobody
    in a headcount (no operations engineers), whose time every figure is."""
    by_team: dict[str, dict[str, list[str]]] = {}
    running: list[tuple[str, str]] = []
    for option in options:
        estimate = result.estimates[option]
        people, beyond = estimate.people_fte, _beyond(result, estimate)
        if beyond is None or people is None:
            continue
        team, reach = beyond
        name = md_text(option_name(result, option))
        if estimate.runs_today:
            running.append((f"{name} ({format_range(PEOPLE, people)})", team))
            continue
        shown = f"up to {_number(PEOPLE, people[1])}" if reach == "high" else format_range(PEOPLE, people)
        reaches = by_team.setdefault(team, {"all": [], "most": [], "high": []})
        reaches[reach].append(f"{name} ({shown})")
    sentences = []
    for team, reaches in by_team.items():
        parts = [
            f"{joined(names)} {HOW_FAR[reach][len(names) > 1]}" for reach, names in reaches.items() if names
        ]
        sentences.append(f"Beyond the team's {md_text(team)}: " + "; ".join(parts) + ".")
    if sentences:
        sentences.append("These would take hires, or time from product work.")
    if running:
        by_headcount: dict[str, list[str]] = {}
        for item, team in running:
            by_headcount.setdefault(team, []).append(item)
        parts = [f"{joined(items)} past its {md_text(team)}" for team, items in by_headcount.items()]
        sentences.append(
            "The kind of platform the team already runs reaches past it: "
            + "; ".join(parts)
            + ". The team may be stretched today, or run it leaner than the estimate assumes."
        )
    nobody = _nobody(result)
    if nobody:
        sentences.append(
            f"The team has no {md_text(nobody)}: the people in every row would be product "
            "engineers' time, or hires."
        )
    return ["**More people than the team has.** " + " ".join(sentences)] if sentences else []


def _nobody(result: Result) -> str:
    """The noun, plural, of a headcount the team answered with none (`operations engineers`)."""
    nouns = result.estimate_basis.headcount
    for line in result.answers:
        if line.fact in nouns and line.value == 0 and line.status == "answered":
            return plural_of(2, nouns[line.fact])
    return ""


def _question(result: Result, fact: str) -> str:
    prompt = next((line.prompt for line in result.answers if line.fact == fact), "")
    return f"`{fact}` ({md_text(prompt)})" if prompt else f"`{fact}`"


def _status(result: Result, fact: str) -> str:
    status = next((line.status for line in result.answers if line.fact == fact), "open")
    return f"`{fact}` ({status})"


def _detail(result: Result, option: str) -> str:
    estimate = result.estimates[option]
    rows = []
    for measure in (PEOPLE, WEEKS, COST, YEARLY):
        span = getattr(estimate, measure)
        if span is None and measure not in estimate.open and not (measure == COST and estimate.unpriced):
            continue
        rows.append([MEASURE_NAMES[measure], _cell(measure, span), _why(result, estimate, measure)])
    lines = [f"### {_label(result, option)}", "", table(["Estimate", "Range", "What would change it"], rows)]
    rests = []
    if estimate.assumptions:
        rests.append("the assumptions " + ", ".join(f"`{term}`" for term in estimate.assumptions))
    if estimate.prices:
        rests.append("the list prices " + ", ".join(f"`{price}`" for price in estimate.prices))
    if rests:
        lines += ["", f"It rests on {' and '.join(rests)} (below)."]
    return "\n".join(lines)


def _cell(measure: str, span: tuple[float, float] | None) -> str:
    if span is None:
        return "not estimated"
    unit = {PEOPLE: " FTE a year", WEEKS: " weeks", COST: " a month", YEARLY: " a year"}[measure]
    return shown_range(measure, span) + unit


def _why(result: Result, estimate: OptionEstimate, measure: str) -> str:
    facts = estimate.open.get(measure, [])
    if getattr(estimate, measure) is not None:
        if not facts:
            return " "
        verb = "stays" if len(facts) == 1 else "stay"
        return "wider while " + ", ".join(_status(result, f) for f in facts) + f" {verb} open"
    if measure == COST and estimate.unpriced:
        return md_text(estimate.unpriced)
    return "answer " + ", ".join(f"`{fact}`" for fact in facts) if facts else " "


def _assumption(result: Result, term: EstimateTerm) -> str:
    basis = result.estimate_basis
    adds = [f"{SHORT[m]} {_added(m, span)}" for m, span in basis.adds.get(term.id, {}).items() if m in SHORT]
    amounts = {m: getattr(term, m) for m in SHORT if getattr(term, m) is not None}
    if not adds:
        adds = [f"{SHORT[m]} {_amount(m, amount)}" for m, amount in amounts.items() if amount]
    added = f" ({'; '.join(adds)})" if adds else ""  # a term `unpriced` adds nothing
    text = f"`{term.id}`{added}: {md_text(term.because)}"
    if basis.streams and any(amount.in_parallel for amount in amounts.values() if amount):
        text += f" {_shared(basis.streams)}"
    waiting = basis.waiting.get(term.id)
    if waiting:
        text += " Applies only for some answers to " + ", ".join(_status(result, f) for f in waiting) + "."
    if term.source:
        text += f" ({md_link(term.source, 'source')})"
    if _from_layer(result, term.pack):
        text += f" *From {md_text(term.pack)}.*"
    return text


def _shared(streams: tuple[float, float]) -> str:
    """How a team splits the per-component work: `Per component, shared among the 2 to 4 groups
    of engineers that move components at once.`"""
    few, many = (max(1, round(count)) for count in streams)
    if many == 1:
        return "One component at a time: the team moves them as one group."
    teams = f"{many}" if few == many else f"{few} to {many}"
    return f"Per component, shared among the {teams} groups of engineers that move components at once."


def _added(measure: str, span: tuple[float, float]) -> str:
    """What one term adds, signed: people to two decimals (0.05 matters there), the rest as
    ranges; a range that takes away reads `−$74 to $0`, not `+−$74–$0`."""
    if measure != PEOPLE:
        low, high = (format_range(measure, (value, value)) for value in span)
    else:
        low, high = (f"−{-value:.2g}" if value < 0 else f"{value:.2g}" for value in span)
    if span[0] < 0:
        return low if low == high else f"{low} to {high}"
    return "+" + (low if low == high else f"{low}–{high}")


def _amount(measure: str, amount: EstimateAmount) -> str:
    """How an amount is written in the pack, for a term whose per-unit fact is unanswered; a
    priced amount counts units of its price (`+2 × gcp-autopilot-vcpu per scale.peak_instances`),
    not dollars."""

    def in_units(span: tuple[float, float], *, per_unit: bool = False) -> str:
        units = f"{span[0]:g}" if span[0] == span[1] else f"{span[0]:g}–{span[1]:g}"
        if amount.prices:
            return f"{units} × " + " or ".join(f"`{price}`" for price in amount.prices)
        # A per-unit amount keeps its digits (0.003 people a site); a sum is rounded as shown.
        return units if per_unit and measure != COST else format_range(measure, span)

    parts = [f"+{in_units(amount.add)}"] if amount.add != (0.0, 0.0) else []
    parts += [f"+{in_units(span, per_unit=True)} per `{fact}`" for fact, span in amount.per.items()]
    return " ".join(parts)


def _price(result: Result, price: PriceUsed) -> str:
    low, high = price.usd if isinstance(price.usd, tuple) else (price.usd, price.usd)
    usd = _dollars(low) if low == high else f"{_dollars(low)}–{_dollars(high)}"
    text = f"`{price.id}`: {md_text(price.item)}: {md_text(usd)} {_per(price.per)}"
    if price.per == "hour":
        low, high = price.monthly_usd
        monthly = _cents(low) if low == high else f"{_cents(low)}–{_cents(high)}"
        text += f" ({md_text(monthly)} a month)"
    text += f", as of {price.as_of}"
    if not price.verified:
        text += "; **not confirmed on the vendor's page**"
    text += f" ({md_link(price.source, 'source')})."
    if price.note:
        text += f" {md_prose(price.note)}"
    if _from_layer(result, price.pack):
        text += f" *From {md_text(price.pack)}.*"
    return text


def _per(unit: str) -> str:
    return "an hour" if unit == "hour" else f"a {unit}"


def _cents(value: float) -> str:
    return f"${value:,.2f}" if value >= 0 else f"−${-value:,.2f}"


def _dollars(value: float) -> str:
    return f"${value:g}" if value >= 0 else f"−${-value:g}"


def _from_layer(result: Result, pack: str) -> bool:
    """A number from a layer, not from the pack at the bottom of the stack."""
    bottom = result.rule_packs[0].name if result.rule_packs else result.rule_pack.name
    return pack != bottom
