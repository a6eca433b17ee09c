"""The recommendation as an architecture decision record in MADR shape, status "proposed".

An ADR is what a team commits after the review, so it keeps to MADR's headings (context,
drivers, options, outcome, consequences) and leaves the full argument to the report.

Its front matter also says what the decision was made from and when to look at it again, for
`advisor revisit`: under `advisor:`, the answers file (path relative to the record, sha256),
any `--set` overrides, the rule pack (name, version, sha256), the recommendation with its
status and confidence, and the revisit triggers: the single answers that would change it and
the product status (with its date and source) it relies on. "Revisit When" says the same in
words. Every value is a JSON-quoted string or number, so nothing in it can add a key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from advisor.render.blocks import bullets
from advisor.render.escape import md_fact, md_link, md_text
from advisor.render.sections.analysis import MAX_SENSITIVITY_LINES, number_range, sensitivity_sentence
from advisor.render.sections.estimates import beyond_team, chosen_estimate, estimate_phrase
from advisor.render.view import (
    beside,
    cons,
    decision_drivers,
    open_answers,
    option_name,
    option_view,
    product_details,
    pros,
    recommended_choice,
    risks,
    strategy_reasons,
    tied_at_top,
    weighed_facts,
)
from advisor.result import ProductRef, RecordSource, Result, Sensitivity
from advisor.words import as_clause, format_plain, inert_json, joined, slug

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


def render_adr(result: Result, source: RecordSource | None = None) -> str:
    sections = [
        _front_matter(result, source),
        f"# {md_text(adr_title(result))}",
        _context(result),
        _drivers(result),
        _options(result),
        _outcome(result),
        _pros_and_cons(result),
        _revisit_when(result),
        _more_information(result, source),
    ]
    return "\n\n".join(sections) + "\n"


def _front_matter(result: Result, source: RecordSource | None) -> str:
    lines = ["---", "status: proposed", f"date: {result.project.get('date') or 'undated'}"]
    if assessor := result.project.get("assessor"):
        lines.append(f"decision-makers: {front_matter_string(assessor)}")
    return "\n".join([*lines, *_advisor_block(result, source), "---"])


def _advisor_block(result: Result, source: RecordSource | None) -> list[str]:
    """What the decision was made from and what would change it, for `advisor revisit`."""
    rec, pack = result.recommendation, result.rule_pack
    lines = ["advisor:"]
    if source is not None:
        lines.append(
            f"  answers: {front_matter_value({'path': source.answers_path, 'sha256': source.answers_sha256})}"
        )
        if source.settings:
            lines.append(f"  set: {front_matter_value(source.settings)}")
        if source.supersedes:
            lines.append(f"  supersedes: {front_matter_value(source.supersedes)}")
    lines.append(
        f"  pack: {front_matter_value({'name': pack.name, 'version': pack.version, 'sha256': pack.sha256})}"
    )
    recommendation = {
        "strategy": rec.strategy,
        "platform": rec.platform,
        "status": rec.status,
        "confidence": round(rec.confidence, 4),
        "platform_confidence": None if rec.platform_confidence is None else round(rec.platform_confidence, 4),
        "product": rec.product.name if rec.product else None,
    }
    lines.append(f"  recommendation: {front_matter_value(recommendation)}")
    lines.append("  revisit_when:")
    lines += _front_matter_list("answers", [_trigger(item) for item in _triggers(result)])
    products = [
        {"name": p.name, "status": p.status, "as_of": p.as_of, "source": p.source} for p in _relied_on(result)
    ]
    lines += _front_matter_list("products", products)
    return lines


def _front_matter_list(key: str, items: Sequence[object]) -> list[str]:
    if not items:
        return [f"    {key}: []"]
    return [f"    {key}:", *(f"      - {front_matter_value(item)}" for item in items)]


def _triggers(result: Result) -> list[Sensitivity]:
    """The single answers that would change the decision (the report's "what would change")."""
    return result.sensitivity[:MAX_SENSITIVITY_LINES] if result.recommendation.strategy else []


def _trigger(item: Sensitivity) -> str:
    """A trigger as the front matter keeps it, one line: the fact, the value (for a number, the
    range) that changes the decision, its value now, and the option that would then lead
    (`app.components at 60 or more (now 12) → managed-kubernetes`)."""
    change = number_range(item) or f"= {format_plain(item.value)}"
    now = "unanswered" if item.was is None else format_plain(item.was)
    return f"{item.fact} {change} (now {now}) → {item.platform or item.strategy or 'nothing'}"


def _relied_on(result: Result) -> list[ProductRef]:
    """The products whose status the decision relies on: the one it names on the team's
    provider, and those listed beside it for part of the work."""
    product = result.recommendation.product
    return [product, *beside(result)] if product is not None else []


def front_matter_string(text: str) -> str:
    """A double-quoted YAML string (JSON's escapes are YAML's) with nothing in it that a
    Markdown renderer showing the front matter could run: `<`, `>` and `&` are escapes too."""
    return front_matter_value(text)


def front_matter_value(value: object) -> str:
    """A JSON value (string, number, list, mapping) as YAML flow, escaped as `front_matter_string`."""
    quoted = inert_json(json.dumps(value, ensure_ascii=False))
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
    reasons = [md_text(argument.text) for argument in strategy_reasons(result)[:2]]
    because = " ".join(reasons) if reasons else "it leads on the rule pack's base scores."
    # The quoted option is one of the Considered Options (MADR); the platform and the product
    # on the team's provider follow in brackets.
    details = [option_name(result, rec.platform)] if rec.platform else []
    details += product_details(result)
    chosen = f'"{md_text(option_name(result, rec.strategy))}"' + (
        f" ({md_text(', '.join(details))})" if details else ""
    )
    tied = [option for option in tied_at_top(result) if option not in (rec.strategy, rec.platform)]
    if tied:
        others = joined([f'"{md_text(option_name(result, option))}"' for option in tied])
        outcome = (
            f"No option is chosen yet: {chosen} ties with {others} on the answers given; choose "
            "between them, or settle the open answers and run the assessment again."
        )
    elif rec.status == "undecided":
        outcome = (
            f"No option is chosen yet: {chosen} leads on the answers given, but the open answers "
            "leave the decision open; settle them and run the assessment again."
        )
    else:
        outcome = f"Chosen option: {chosen}, because {as_clause(because)}"
    outcome += f"\n\nConfidence: {rec.confidence:.2f} ({md_text(rec.confidence_label)})"
    if rec.platform_less_sure is not None:
        outcome += f", {rec.platform_less_sure:.2f} for the platform"
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
    phrase = estimate_phrase(chosen[1], beyond_team(result, chosen[1])) if chosen else ""
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


def _revisit_when(result: Result) -> str:
    """The revisit triggers of the front matter, in words."""
    pack = result.rule_pack
    triggers = _triggers(result)
    if triggers:
        text = "Each of these single changes to an answer would change the decision:\n\n" + bullets(
            sensitivity_sentence(result, item) for item in triggers
        )
        hidden = len(result.sensitivity) - len(triggers)
        if hidden > 0:
            text += f"\n\n{hidden} more are listed by `advisor report --format json` (`sensitivity`)."
    else:
        text = "No single change to an answer changes the decision."
    relied = [
        f"{md_text(p.name)} being {md_text(p.status)}"
        + (
            f" (as of {md_text(p.as_of)}" + (f", {md_link(p.source, 'source')})" if p.source else ")")
            if p.as_of
            else ""
        )
        for p in _relied_on(result)
    ]
    relied.append(f"the rule pack {md_text(pack.name)} {md_text(pack.version)} (`{pack.sha256[:12]}`)")
    text += (
        f"\n\nIt also rests on {' and on '.join(relied)}. `advisor revisit` re-checks this record "
        "against its answers file and the rule pack as they are then, and says what moved."
    )
    return "## Revisit When\n\n" + text


def _more_information(result: Result, source: RecordSource | None) -> str:
    dev = result.dev_environment
    dev_line = (
        "containerize the development environment and CI"
        if dev.containerize
        else "keep the development environment native for now"
    )
    text = (
        "## More Information\n\n"
        f"Development environment and CI, decided separately: {dev_line}. "
        "The full assessment report (scores, every answer, how the confidence was computed) "
        "comes from the same answers with `advisor report --format md`."
    )
    if source is not None and source.supersedes:
        text += f"\n\nThis record supersedes {record_link(source.supersedes)}."
    return text


_RECORD_NAME = re.compile(r"^(\d{4,})-[A-Za-z0-9._-]*\.md$")


def record_link(name: str) -> str:
    """A link to another record of the same folder, `[ADR-0002](0002-use-paas.md)`, as MADR
    writes one; a name that is not a plain record file name stays inert text."""
    found = _RECORD_NAME.match(name)
    if found is None:
        return md_text(name)
    return f"[ADR-{found[1]}]({name})"
