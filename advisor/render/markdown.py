"""The Markdown report: what a review board reads and a wiki publishes."""

from __future__ import annotations

from advisor.render.escape import md_text
from advisor.result import AnswerLine, Result

BAR_WIDTH = 20


def render_markdown(result: Result) -> str:
    sections = [
        _title(result),
        _summary(result),
        _scores(result),
        _drivers(result),
        _dev_environment(result),
        _open_questions(result),
        _appendix(result),
    ]
    return "\n\n".join(section for section in sections if section).rstrip() + "\n"


def option_name(result: Result, option_id: str | None) -> str:
    if option_id is None:
        return "none"
    return next((o.name for o in result.options if o.id == option_id), option_id)


def _title(result: Result) -> str:
    project = result.project
    facts = [
        f"**{label}:** {md_text(project[key])}"
        for key, label in (("client", "Client"), ("assessor", "Assessor"), ("date", "Date"))
        if project.get(key)
    ]
    pack = result.rule_pack
    facts.append(
        f"**Rule pack:** {md_text(pack.name)} {md_text(pack.version)} "
        f"(`{pack.sha256[:12]}`, knowledge as of {pack.knowledge_as_of})"
    )
    return f"# Deployment strategy: {md_text(project.get('name') or 'Unnamed system')}\n\n" + "  \n".join(
        facts
    )


def _summary(result: Result) -> str:
    rec = result.recommendation
    if rec.strategy is None:
        return "## Summary\n\nEvery strategy is excluded by the answers; see the scores below."
    choice = f"**{option_name(result, rec.strategy)}**"
    if rec.platform:
        choice += f" on **{option_name(result, rec.platform)}**"
    drivers = _top_drivers(result, rec.strategy, 3)
    why = (
        " ".join(drivers) if drivers else "No rule favoured it strongly; it leads on the pack's base scores."
    )
    return (
        f"## Summary\n\nRecommendation: {choice}.  \nConfidence: **{rec.confidence:.2f}** "
        f"({rec.confidence_label}).\n\n{why}"
    )


def _top_drivers(result: Result, option: str, count: int) -> list[str]:
    ranked = sorted(
        (rule for rule in result.fired if rule.effects.get(option, 0) > 0),
        key=lambda rule: -rule.effects[option],
    )
    return [md_text(rule.because) for rule in ranked[:count]]


def _scores(result: Result) -> str:
    lines = ["## Scores", "", "| Strategy | Score | |", "| --- | ---: | --- |"]
    lines += _score_rows(result, result.scores)
    lines += ["", "| Platform (if containers) | Score | |", "| --- | ---: | --- |"]
    lines += _score_rows(result, result.platform_scores)
    if result.excluded:
        lines += ["", "Excluded:"]
        lines += [
            f"- **{option_name(result, e.option)}** ({e.rule}): {md_text(e.because)}" for e in result.excluded
        ]
    return "\n".join(lines)


def _score_rows(result: Result, scores: dict[str, float]) -> list[str]:
    excluded = {e.option for e in result.excluded}
    top = max([*scores.values(), 1.0])
    rows = []
    for option, points in sorted(scores.items(), key=lambda item: -item[1]):
        filled = max(0, round(BAR_WIDTH * points / top))
        bar = "excluded" if option in excluded else "`" + "█" * filled + "·" * (BAR_WIDTH - filled) + "`"
        rows.append(f"| {option_name(result, option)} | {points:g} | {bar} |")
    return rows


def _drivers(result: Result) -> str:
    if not result.fired:
        return "## Decision drivers\n\nNo rule applied to these answers."
    lines = ["## Decision drivers", "", "| Rule | Why | Effect |", "| --- | --- | --- |"]
    for rule in result.fired:
        effects = ", ".join(f"{target} {points:+g}" for target, points in rule.effects.items())
        if rule.excludes:
            effects = ", ".join(filter(None, [effects, "excludes " + ", ".join(rule.excludes)]))
        lines.append(f"| `{rule.id}` | {md_text(rule.because)} | {effects} |")
    return "\n".join(lines)


def _dev_environment(result: Result) -> str:
    dev = result.dev_environment
    verdict = (
        "Containerize the development environment and CI"
        if dev.containerize
        else "Keep the development environment native for now"
    )
    reasons = "\n".join(f"- {md_text(reason)}" for reason in dev.because)
    return f"## Development environment and CI\n\n**{verdict}** (score {dev.score:g}).\n\n{reasons}".rstrip()


def _open_questions(result: Result) -> str:
    missing = [line for line in result.answers if line.status in ("unknown", "unanswered")]
    if not missing:
        return ""
    lines = ["## Open questions", ""]
    lines += [f"- `{line.fact}` ({line.status}): {md_text(line.prompt)}" for line in missing]
    return "\n".join(lines)


def _appendix(result: Result) -> str:
    lines = ["## Appendix: answers", "", "| Fact | Answer | Question |", "| --- | --- | --- |"]
    lines += [f"| `{line.fact}` | {_answer(line)} | {md_text(line.prompt)} |" for line in result.answers]
    lines += ["", "### How confidence was computed", ""]
    lines += [
        f"- **{line.factor}** {line.value:.2f}: {md_text(line.explanation)}"
        for line in result.confidence_breakdown
    ]
    return "\n".join(lines)


def _answer(line: AnswerLine) -> str:
    if line.value is None:
        return f"*{line.status}*"
    if isinstance(line.value, bool):
        return "yes" if line.value else "no"
    if isinstance(line.value, list):
        return md_text(", ".join(line.value)) or "none"
    return md_text(line.value)
