"""The recommendation as an architecture decision record in MADR shape, status "proposed".

An ADR is what a team commits after the review, so it keeps to MADR's headings (context,
drivers, options, outcome, consequences) and leaves the full argument to the report.
"""

from __future__ import annotations

import json

from advisor.render.blocks import bullets
from advisor.render.escape import md_fact, md_text
from advisor.render.sections.estimates import chosen_estimate, estimate_phrase
from advisor.render.view import (
    cons,
    decision_drivers,
    open_answers,
    option_name,
    option_view,
    pros,
    recommended_choice,
    risks,
    weighed_facts,
)
from advisor.result import Result
from advisor.words import as_clause, inert_json, slug

DRIVERS_SHOWN = 6


def adr_title(result: Result) -> str:
    name = result.project.get("name") or "Unnamed system"
    if result.recommendation.strategy is None:
        return f"No deployment strategy fits {name} yet"
    return f"Use {recommended_choice(result)} for {name}"


def adr_slug(result: Result) -> str:
    """File-name slug from the decision: `use-containers-managed-kubernetes-for-checkout-platform`."""
    rec = result.recommendation
    name = result.project.get("name") or "unnamed system"
    if rec.strategy is None:
        return slug(f"no strategy for {name}", fallback="decision")
    return slug(" ".join(["use", rec.strategy, rec.platform or "", "for", name]), fallback="decision")


def render_adr(result: Result) -> str:
    sections = [
        _front_matter(result),
        f"# {md_text(adr_title(result))}",
        _context(result),
        _drivers(result),
        _options(result),
        _outcome(result),
        _pros_and_cons(result),
        _more_information(result),
    ]
    return "\n\n".join(sections) + "\n"


def _front_matter(result: Result) -> str:
    lines = ["---", "status: proposed", f"date: {result.project.get('date') or 'undated'}"]
    if assessor := result.project.get("assessor"):
        lines.append(f"decision-makers: {front_matter_string(assessor)}")
    return "\n".join([*lines, "---"])


def front_matter_string(text: str) -> str:
    """A double-quoted YAML string (JSON's escapes are YAML's) with nothing in it that a
    Markdown renderer showing the front matter could run: `<`, `>` and `&` are escapes too."""
    quoted = inert_json(json.dumps(text, ensure_ascii=False))
    return quoted.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _context(result: Result) -> str:
    project = result.project
    who = md_text(project.get("name") or "The system")
    if project.get("client"):
        who += f" ({md_text(project['client'])})"
    pack = result.rule_pack
    text = (
        f"{who} must choose how to run in production: containers on an orchestrator, a "
        "Heroku-style platform as a service, or golden VM images. This record was drafted from "
        f"the team's answers with the rule pack {md_text(pack.name)} {md_text(pack.version)} "
        f"(`{pack.sha256[:12]}`, knowledge as of {md_text(pack.knowledge_as_of)})."
    )
    facts = weighed_facts(result, decision_drivers(result)[:DRIVERS_SHOWN])
    if facts:
        text += "\n\nThe facts that weighed most:\n\n" + bullets(md_fact(fact) for fact in facts)
    missing = open_answers(result)
    if missing:
        skipped = result.skipped()
        notes = {fact: "; no answer could change the decision" for fact in skipped}
        listed = ", ".join(f"`{line.fact}` ({line.status}{notes.get(line.fact, '')})" for line in missing)
        text += f"\n\nStill open: {listed}."
    return "## Context and Problem Statement\n\n" + text


def _drivers(result: Result) -> str:
    drivers = decision_drivers(result)[:DRIVERS_SHOWN]
    items = [f"{md_text(rule.because)} (`{rule.id}`)" for rule in drivers] or [
        "No rule moved the decision; it rests on the rule pack's base scores."
    ]
    return "## Decision Drivers\n\n" + bullets(items)


def _options(result: Result) -> str:
    items = [md_text(option_name(result, option)) for option in result.ranked(result.strategy_scores())]
    return "## Considered Options\n\n" + bullets(items)


def _outcome(result: Result) -> str:
    rec = result.recommendation
    if rec.strategy is None:
        return "## Decision Outcome\n\nNo option: every strategy is excluded by the answers."
    reasons = [md_text(argument.text) for argument in pros(result, rec.strategy)[:2]]
    because = " ".join(reasons) if reasons else "it leads on the rule pack's base scores."
    chosen = (
        f'"{md_text(option_name(result, rec.strategy))}"'
        + (f", on {md_text(option_name(result, rec.platform))}" if rec.platform else "")
        + (f" ({md_text(rec.product.name)})" if rec.product else "")
    )
    if rec.status == "undecided":
        outcome = (
            f"No option is chosen yet: {chosen} leads on the answers given, but a tie or the open "
            "answers leave the decision open; settle them and run the assessment again."
        )
    else:
        outcome = f"Chosen option: {chosen}, because {as_clause(because)}"
    outcome += f"\n\nConfidence: {rec.confidence:.2f} ({md_text(rec.confidence_label)})"
    if rec.platform_confidence is not None and rec.platform_confidence < rec.confidence:
        outcome += f", {rec.platform_confidence:.2f} for the platform"
    outcome += f"; status {rec.status or 'not computed'}; {_score_line(result)}."
    arguments = {a.rule.id: a for option in _chosen(result) for a in pros(result, option)}
    good = [f"Good, because {md_text(as_clause(a.text))}" for a in arguments.values()]
    bad = [
        f"Bad, because it carries a risk: {md_text(as_clause(risk.risk))}"
        + (f" Mitigation: {md_text(risk.mitigation)}" if risk.mitigation else "")
        for risk in risks(result)
    ]
    consequences = "### Consequences\n\n" + bullets(good + bad + _effort(result))
    steps = result.next_steps
    confirmation = (
        "### Confirmation\n\nThe decision holds once these first steps are done and reviewed:\n\n"
        + bullets((md_text(step) for step in steps), numbered=True)
        if steps
        else ""
    )
    return "\n\n".join(filter(None, ["## Decision Outcome", outcome, consequences, confirmation]))


def _effort(result: Result) -> list[str]:
    """What the choice takes, from the rule pack's estimates, as a neutral consequence."""
    chosen = chosen_estimate(result)
    phrase = estimate_phrase(chosen[1]) if chosen else ""
    if not phrase:
        return []
    return [
        f"Neutral, because it takes {md_text(phrase)} (the report's Effort and cost section gives "
        "the assumptions and sources)."
    ]


def _score_line(result: Result) -> str:
    return "scores " + ", ".join(
        f"{md_text(option_name(result, option))} {result.strategy_scores()[option]:g}"
        for option in result.ranked(result.strategy_scores())
    )


def _chosen(result: Result) -> list[str]:
    rec = result.recommendation
    return [option for option in (rec.strategy, rec.platform) if option]


def _pros_and_cons(result: Result) -> str:
    blocks = ["## Pros and Cons of the Options"]
    for option in result.ranked(result.strategy_scores()):
        view = option_view(result, option)
        lines = [f"### {md_text(option_name(result, option))}"]
        if view and view.summary:
            lines += ["", md_text(view.summary)]
        items = [f"Good, because {md_text(as_clause(a.text))}" for a in pros(result, option)]
        items += [
            f"Bad, because {'it is excluded: ' if a.excludes else ''}{md_text(as_clause(a.text))}"
            for a in cons(result, option)
        ]
        lines += ["", bullets(items) if items else "No rule counted for or against it on these answers."]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _more_information(result: Result) -> str:
    dev = result.dev_environment
    dev_line = (
        "containerize the development environment and CI"
        if dev.containerize
        else "keep the development environment native for now"
    )
    return (
        "## More Information\n\n"
        f"Development environment and CI, decided separately: {dev_line}. "
        "The full assessment report (scores, every answer, how the confidence was computed) "
        "comes from the same answers with `advisor report --format md`."
    )
