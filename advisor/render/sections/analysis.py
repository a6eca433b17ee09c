"""Markdown sections for what would change the recommendation, each finished and self-contained.

The report places them: "What would change this recommendation" after the scores, the
counterfactuals next to the options considered, the value of information under the open
questions, and the confidence lines in the appendix. Every value that came from an answers
file passes through `md_text`; fact ids are pack identifiers and go in code spans.
"""

from __future__ import annotations

from advisor.render.escape import md_text
from advisor.render.view import option_name, tied_at_top
from advisor.result import FactChange, OpenFact, Result, Sensitivity, ValueOutcome
from advisor.words import counted, list_label

MAX_SENSITIVITY_LINES = 10


def render_what_would_change(result: Result) -> str:
    """'What would change this recommendation', one plain sentence per single change."""
    title = "## What would change this recommendation"
    if result.recommendation.strategy is None:
        return ""
    if not result.sensitivity:
        return f"{title}\n\nNo single change to an answer changes the recommendation."
    lines = [title, ""]
    shown = result.sensitivity[:MAX_SENSITIVITY_LINES]
    lines += [f"- {sensitivity_sentence(result, item)}" for item in shown]
    hidden = len(result.sensitivity) - len(shown)
    if hidden:
        more = f"{counted(hidden, 'more single change')} {'is' if hidden == 1 else 'are'}"
        lines += ["", f"{more} listed in the JSON result (`sensitivity`)."]
    return "\n".join(lines)


def render_counterfactuals(result: Result) -> str:
    """What it would take for each option that did not win to win."""
    if not result.counterfactuals:
        return ""
    lines = ["### What it would take for the other options", ""]
    for item in result.counterfactuals:
        name = f"**{option_label(result, item.strategy)}**"
        if not item.found and not item.complete:
            lines.append(
                f"- {name}: no change to up to three answers was found before the search stopped at "
                "its bound (this rule pack has too many facts to try every combination); one may exist."
            )
            continue
        if not item.found:
            lines.append(f"- {name}: no change to up to three answers makes it the recommendation.")
            continue
        changes = " and ".join(_change_phrase(change) for change in item.changes)
        where = f" (on {option_label(result, item.platform)})" if item.platform else ""
        bound = "" if item.complete else " (the search stopped at its bound: fewer changes may do)"
        lines.append(f"- {name}{where} would lead with {changes}{bound}.")
    return "\n".join(lines)


def render_value_of_information(result: Result) -> str:
    """Which open question to settle first: the recommendation under each possible answer."""
    if not result.value_of_information:
        return ""
    decisive = [item for item in result.value_of_information if item.decisive]
    quiet = [item for item in result.value_of_information if not item.decisive]
    lines = ["### Which open question to settle first", ""]
    if decisive:
        lines += [f"- {_open_fact_line(result, item)}" for item in decisive]
    else:
        lines.append("No single open question can change the recommendation on its own.")
    if quiet:
        facts = ", ".join(f"`{item.fact}`" for item in quiet)
        if result.recommendation.status == "undecided":
            lines += ["", f"None of these settles it on its own, whatever the answer: {facts}."]
        else:
            lines += ["", f"Whatever the answer, these keep the recommendation as it is: {facts}."]
    return "\n".join(lines)


def render_confidence(result: Result) -> str:
    """The confidence formula applied to this assessment, line by line, for the appendix."""
    lines = ["### How the confidence was computed", ""]
    lines += [
        f"- **{md_text(line.factor)}** ({line.value:.2f}): {md_text(line.explanation)}"
        for line in result.confidence_breakdown
    ]
    return "\n".join(lines)


def sensitivity_sentence(result: Result, item: Sensitivity) -> str:
    """`With `team.ops_engineers` at 0 (now 3), **PaaS** would lead.`: one single change."""
    outcome = _outcome(result, item.strategy, item.platform)
    return f"With {_fact_phrase(item)} (now {value_text(item.was)}), {outcome}."


def _fact_phrase(item: Sensitivity) -> str:
    fact = f"`{item.fact}`"
    numbers = number_range(item)
    return f"{fact} {numbers}" if numbers else f"{fact} set to {value_text(item.value)}"


def number_range(item: Sensitivity) -> str | None:
    """`at 60 or more`, `at 0`, `between 2 and 4`: the values of a number fact that make the
    change; None for a fact that is not a number."""
    numbers = _numbers(item)
    if numbers is None:
        return None
    return numbers if numbers.startswith("between") else f"at {numbers}"


def changed_value(item: Sensitivity) -> str:
    """The answer a single change gives (escaped): `yes`, `0`, `60 or more`, `between 2 and 4`."""
    numbers = _numbers(item)
    return value_text(item.value) if numbers is None else numbers


def _numbers(item: Sensitivity) -> str | None:
    """`0`, `60 or more`, `between 2 and 4`; None for a fact that is not a number."""
    if not isinstance(item.value, int) or isinstance(item.value, bool):
        return None
    if item.low is None and item.high is not None:
        return str(item.high) if item.high == 0 else f"{item.high} or fewer"
    if item.high is None and item.low is not None:
        return f"{item.low} or more"
    if item.low is not None and item.high is not None and item.low != item.high:
        return f"between {item.low} and {item.high}"
    return str(item.value)


def _outcome(result: Result, strategy: str | None, platform: str | None) -> str:
    current = result.recommendation
    if strategy is None:
        return "every strategy would be excluded"
    if strategy == current.strategy and platform != current.platform:
        if platform is None:
            return f"{option_label(result, strategy)} would still lead, but every platform would be excluded"
        return (
            f"{option_label(result, strategy)} would still lead, but on **{option_label(result, platform)}**"
        )
    return f"**{option_label(result, platform or strategy)}** would lead"


def _change_phrase(change: FactChange) -> str:
    was = "unanswered" if change.was is None else value_text(change.was)
    return f"`{change.fact}` = {value_text(change.value)} (now {was})"


def _open_fact_line(result: Result, item: OpenFact) -> str:
    groups: list[list[ValueOutcome]] = []
    for outcome in item.outcomes:
        last = groups[-1][-1] if groups else None
        if last is not None and _same_outcome(last, outcome):
            groups[-1].append(outcome)
        else:
            groups.append([outcome])
    tie = "still a tie" if tied_at_top(result) else "a tie"
    parts = [
        f"{values_label(group)} → "
        + (tie if group[0].tied else short_choice(result, group[0].strategy, group[0].platform))
        for group in groups
    ]
    return f"`{item.fact}` ({item.status}): " + "; ".join(parts)


def _same_outcome(one: ValueOutcome, other: ValueOutcome) -> bool:
    """Two answers read alike: a tie either way, or the same option leading."""
    if one.tied or other.tied:
        return one.tied and other.tied
    return (one.strategy, one.platform) == (other.strategy, other.platform)


def values_label(group: list[ValueOutcome]) -> str:
    """Neighbouring integer intervals merge into one range; other values are listed."""
    first, last = group[0], group[-1]
    if all(o.low is not None for o in group):
        if last.high is None:
            return f"{first.low} or more"
        return str(first.low) if first.low == last.high else f"{first.low} to {last.high}"
    labels = [md_text(o.label) for o in group]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def short_choice(result: Result, strategy: str | None, platform: str | None) -> str:
    if strategy is None:
        return "nothing left"
    # A platform's name says its strategy ("Managed Kubernetes", "Containers on Docker hosts").
    return option_label(result, platform or strategy)


def option_label(result: Result, option_id: str | None) -> str:
    if option_id is None:
        return "none"
    return md_text(option_name(result, option_id))


def value_text(value: object) -> str:
    if value is None:
        return "unanswered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return md_text(list_label(value))
    return md_text(value)
