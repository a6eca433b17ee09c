"""What a report says, whatever its format: ranked options, pros and cons, drivers, risks.

Markdown, the ADR and the terminal summary must read a result the same way; deriving the
arguments once here keeps them from drifting apart. Texts come back raw (unescaped): each
renderer escapes for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.result import AnswerLine, FiredRule, OptionView, Result, TraceNode

DEV_ENVIRONMENT = "dev-environment"
DECISIVE = float("inf")


@dataclass(frozen=True)
class Argument:
    """One argument for or against an option for this team: a fired rule and what it did."""

    rule: FiredRule
    points: float
    excludes: bool = False

    @property
    def text(self) -> str:
        return self.rule.because


@dataclass(frozen=True)
class Risk:
    risk: str
    mitigation: str | None
    rule: str | None


def option_name(result: Result, option_id: str | None) -> str:
    if option_id is None:
        return "none"
    return next((o.name for o in result.options if o.id == option_id), option_id)


def option_view(result: Result, option_id: str) -> OptionView | None:
    return next((o for o in result.options if o.id == option_id), None)


def recommended_choice(result: Result) -> str:
    """`Containers on an orchestrator on Managed Kubernetes`, or `no option` when all are excluded."""
    rec = result.recommendation
    if rec.strategy is None:
        return "no option"
    choice = option_name(result, rec.strategy)
    if rec.platform:
        choice += f" on {option_name(result, rec.platform)}"
    return choice


def excluded_options(result: Result) -> dict[str, list[str]]:
    """Option id -> the reasons it is excluded, in the order the rules fired."""
    reasons: dict[str, list[str]] = {}
    for exclusion in result.excluded:
        reasons.setdefault(exclusion.option, []).append(exclusion.because)
    return reasons


def ranked(result: Result, scores: dict[str, float]) -> list[str]:
    """Options best first: those still allowed by score (ties keep the pack's order), then excluded ones."""
    excluded = excluded_options(result)
    allowed = sorted((o for o in scores if o not in excluded), key=lambda o: -scores[o])
    return allowed + [o for o in scores if o in excluded]


def runner_up(result: Result, scores: dict[str, float], winner: str | None) -> str | None:
    excluded = excluded_options(result)
    return next((o for o in ranked(result, scores) if o != winner and o not in excluded), None)


def pros(result: Result, option: str) -> list[Argument]:
    """Fired rules that count for `option`, strongest first."""
    found = [Argument(rule, rule.effects[option]) for rule in result.fired if rule.effects.get(option, 0) > 0]
    return sorted(found, key=lambda argument: -argument.points)


def cons(result: Result, option: str) -> list[Argument]:
    """Fired rules that count against `option`: exclusions first, then the heaviest penalties."""
    excluding = [Argument(rule, 0.0, excludes=True) for rule in result.fired if option in rule.excludes]
    against = [
        Argument(rule, rule.effects[option])
        for rule in result.fired
        if rule.effects.get(option, 0) < 0 and option not in rule.excludes
    ]
    return excluding + sorted(against, key=lambda argument: argument.points)


def quoted_facts(node: TraceNode) -> list[str]:
    """The facts a rule's condition read, as `fact = value`; for `any of`, only the parts that held."""
    if not node.parts:
        return [node.value] if node.value else []
    parts = node.parts
    if node.text == "any of" and node.outcome:
        parts = [part for part in parts if part.outcome]
    quoted: list[str] = []
    for part in parts:
        quoted += [fact for fact in quoted_facts(part) if fact not in quoted]
    return quoted


def decision_weight(result: Result, rule: FiredRule) -> float:
    """How much a rule moved the decision: the gap it opened between the winner and the runner-up.

    Excluding a strategy, or the leading platform's rival, decides outright. Without a
    recommendation every strategy effect counts.
    """
    rec = result.recommendation
    if any(option in result.scores for option in rule.excludes):
        return DECISIVE
    if rec.strategy is None:
        return sum(abs(rule.effects.get(option, 0)) for option in result.scores)
    weight = _gap(rule, rec.strategy, runner_up(result, result.scores, rec.strategy))
    if rec.platform:
        if any(option in result.platform_scores for option in rule.excludes):
            return DECISIVE
        weight += _gap(rule, rec.platform, runner_up(result, result.platform_scores, rec.platform))
    return weight


def _gap(rule: FiredRule, winner: str, second: str | None) -> float:
    return abs(rule.effects.get(winner, 0) - (rule.effects.get(second, 0) if second else 0))


def decision_drivers(result: Result) -> list[FiredRule]:
    """Fired rules that moved the decision, heaviest first (ties keep the pack's order)."""
    weighed = [(decision_weight(result, rule), rule) for rule in result.fired]
    return [rule for weight, rule in sorted(weighed, key=lambda pair: -pair[0]) if weight > 0]


def risks(result: Result) -> list[Risk]:
    """Risks of the recommended path: what this team's answers hold against it, then the option's own."""
    rec = result.recommendation
    chosen = [option for option in (rec.strategy, rec.platform) if option]
    found: list[Risk] = []
    seen: set[str] = set()
    for option in chosen:
        for argument in cons(result, option):
            if argument.rule.id not in seen:
                seen.add(argument.rule.id)
                found.append(Risk(argument.text, argument.rule.mitigation, argument.rule.id))
    for option in chosen:
        view = option_view(result, option)
        if view is not None:
            found += [Risk(text, None, None) for text in view.risks]
    return found


def next_steps(result: Result) -> list[str]:
    """The recommended strategy's first moves, then its platform's."""
    rec = result.recommendation
    steps: list[str] = []
    for option in (rec.strategy, rec.platform):
        view = option_view(result, option) if option else None
        if view is not None:
            steps += view.next_steps
    return steps


def open_answers(result: Result) -> list[AnswerLine]:
    return [line for line in result.answers if line.status in ("unknown", "unanswered")]


def effects_text(effects: dict[str, float], excludes: list[str]) -> str:
    """`containers +8, paas −4; excludes paas`: effects on the decision, the dev environment left out."""
    shown = [
        f"{target} {'+' if points > 0 else '−'}{abs(points):g}"
        for target, points in effects.items()
        if target != DEV_ENVIRONMENT and points
    ]
    text = ", ".join(shown)
    if excludes:
        text = "; ".join(filter(None, [text, "excludes " + ", ".join(excludes)]))
    return text


def as_clause(sentence: str) -> str:
    """A sentence continued after "because" or a colon: first letter lowered, unless it starts an acronym."""
    if sentence[:1].isupper() and not sentence[1:2].isupper():
        return sentence[:1].lower() + sentence[1:]
    return sentence
