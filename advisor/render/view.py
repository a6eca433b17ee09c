"""The report's view model: what a report says, whatever its format: ranked options, pros
and cons, drivers, risks.

Markdown, the ADR and the terminal summary must read a result the same way; deriving the
arguments once here keeps them from drifting apart. Texts come back raw (unescaped): each
renderer escapes for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.result import AnswerLine, FiredRule, OptionView, ProductRef, Result, TraceNode
from advisor.words import format_plain, joined

DEV_ENVIRONMENT = "dev-environment"


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
    id: str | None
    option: str


def option_name(result: Result, option_id: str | None) -> str:
    if option_id is None:
        return "none"
    view = result.option_views.get(option_id)
    return view.name if view is not None else option_id


def option_view(result: Result, option_id: str) -> OptionView | None:
    return result.option_views.get(option_id)


def recommended_choice(result: Result, *, product: bool = False) -> str:
    """What is recommended, by name: the platform when one is named (`Managed Kubernetes`), else
    the strategy (`Platform as a service`), or `no option` when all are excluded; with
    `product`, the product on the team's provider follows in brackets, with any listed beside
    it for part of the work."""
    rec = result.recommendation
    if rec.strategy is None:
        return "no option"
    choice = option_name(result, rec.platform or rec.strategy)
    details = product_details(result) if product else []
    return choice + (f" ({', '.join(details)})" if details else "")


def product_details(result: Result) -> list[str]:
    """What follows the recommended option's name: its product on the team's provider, when
    that says more than the option's name, and those listed beside it (raw text)."""
    return [text for text in (product_name(result), beside_text(result)) if text]


def beside(result: Result) -> list[ProductRef]:
    """The products listed beside the recommended platform's named product, for part of the
    work (AWS Batch on Fargate for the batch work, beside ECS Express Mode)."""
    rec = result.recommendation
    view = option_view(result, rec.platform) if rec.product and rec.platform else None
    return [product for product in view.offered if product.beside] if view else []


def beside_text(result: Result) -> str:
    """`with AWS Batch on Fargate for the batch work`, raw; empty when nothing is beside."""
    return joined([f"with {product.name} for {product.beside}" for product in beside(result)])


def product_name(result: Result) -> str | None:
    """The product on the team's provider, when it says more than the recommended option's own
    name (on AWS, ECS is run as "Amazon ECS": no need to say it twice)."""
    rec = result.recommendation
    if rec.product is None or rec.strategy is None:
        return None
    if rec.product.name == option_name(result, rec.platform or rec.strategy):
        return None
    return rec.product.name


def leaders(result: Result, scores: dict[str, float]) -> list[str]:
    """The options not excluded that share the top score (more than one: a tie)."""
    excluded = result.excluded_options()
    allowed = [option for option in result.ranked(scores) if option not in excluded]
    return [option for option in allowed if scores[option] == scores[allowed[0]]] if allowed else []


def tied_at_top(result: Result) -> list[str]:
    """With no recommendation yet, the strategies that tie at the top, or else the leading
    strategy's platforms that do; empty when nothing ties."""
    rec = result.recommendation
    if rec.status != "undecided" or rec.strategy is None:
        return []
    tied = leaders(result, result.strategy_scores())
    if len(tied) > 1:
        return tied
    view = option_view(result, rec.strategy)
    scores = result.platform_scores
    platforms = {p: scores[p] for p in (view.platforms if view else []) if p in scores}
    tied = leaders(result, platforms)
    return tied if len(tied) > 1 else []


def if_chosen(result: Result) -> str:
    """`, if Managed Kubernetes is chosen` while no recommendation is made yet (what is said of the
    option that leads, or comes first among those tied, is said of it only); empty otherwise."""
    if result.recommendation.status != "undecided" or result.recommendation.strategy is None:
        return ""
    return f", if {recommended_choice(result)} is chosen"


def standing(result: Result, option: str) -> str | None:
    """How an option stands in the decision: recommended; or, with no recommendation yet,
    tied (at the top with another) or leads; nothing for the others."""
    rec = result.recommendation
    if option in tied_at_top(result):
        return "tied"
    if option in (rec.strategy, rec.platform):
        return "leads" if rec.status == "undecided" else "recommended"
    return None


def strategy_reasons(result: Result) -> list[Argument]:
    """The arguments for the recommended strategy that hold for its platform too, with what the
    rules offsetting them take back, and that favour it over the runner-up: "hand-run Docker
    hosts run out" argues for containers, but is no reason to run them on Docker hosts, nor
    "orchestrators provide discovery" to deploy images to a PaaS, nor "frequent deploys need
    fast rollouts" to choose containers over a PaaS that rolls out as fast."""
    rec = result.recommendation
    if rec.strategy is None:
        return []
    chosen = rec.platform or rec.strategy
    rival = _runner_up_option(result)

    def net(rule: FiredRule, option: str) -> float:
        """What the rule and those offsetting it do to an option's whole score."""
        return sum(
            _whole(result, each, option) for each in result.fired if rule.id in (each.id, each.offsets)
        )

    return [
        argument
        for argument in pros(result, rec.strategy)
        if net(argument.rule, chosen) > max(0.0, net(argument.rule, rival) if rival else 0.0)
    ]


def _whole(result: Result, rule: FiredRule, option: str) -> float:
    """What a rule does to an option's whole score: a platform's own part and its strategy's."""
    view = option_view(result, option)
    strategy = view.strategy if view is not None and view.kind == "platform" else None
    return rule.effects.get(option, 0.0) + (rule.effects.get(strategy, 0.0) if strategy else 0.0)


def _runner_up_option(result: Result) -> str | None:
    """The best option of the runner-up strategy: its best platform not excluded, or itself."""
    second = result.runner_up(result.strategy_scores(), result.recommendation.strategy)
    if second is None:
        return None
    view = option_view(result, second)
    excluded = result.excluded_options()
    platforms = [p for p in (view.platforms if view else []) if p not in excluded]
    return max(platforms, key=lambda p: result.platform_scores[p]) if platforms else second


def decision_drivers(result: Result) -> list[FiredRule]:
    """The fired rules that moved the decision, heaviest first, as the core weighed them."""
    fired = {rule.id: rule for rule in result.fired}
    return [fired[rule_id] for rule_id in result.drivers if rule_id in fired]


def moves(result: Result, rule: FiredRule, option: str) -> float:
    """What a rule does to an option, as an argument: a strategy's own part, or a platform's
    own part when it moves the platform's whole score (its strategy's part with it) the same way."""
    own = rule.effects.get(option, 0.0)
    return 0.0 if own * _whole(result, rule, option) <= 0 else own


def _argues(rule: FiredRule, option: str) -> bool:
    return rule.argues is None or option in rule.argues


def pros(result: Result, option: str) -> list[Argument]:
    """Fired rules that argue for `option`, strongest first."""
    found = [
        Argument(rule, points)
        for rule in result.fired
        if (points := moves(result, rule, option)) > 0 and _argues(rule, option)
    ]
    return sorted(found, key=lambda argument: -argument.points)


def cons(result: Result, option: str) -> list[Argument]:
    """Fired rules that argue against `option`: exclusions first, then the heaviest penalties."""
    excluding = [Argument(rule, 0.0, excludes=True) for rule in result.fired if option in rule.excludes]
    against = [
        Argument(rule, points)
        for rule in result.fired
        if (points := moves(result, rule, option)) < 0
        and option not in rule.excludes
        and _argues(rule, option)
    ]
    return excluding + sorted(against, key=lambda argument: argument.points)


def chosen_options(result: Result) -> list[str]:
    """The recommended strategy and the platform named for it."""
    rec = result.recommendation
    return [option for option in (rec.strategy, rec.platform) if option]


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


def weighed_facts(result: Result, rules: list[FiredRule]) -> list[str]:
    """The facts that `rules` read, each once, as `fact = the answer` (not as one condition
    saw it: `count(stack.languages)` and `stack.languages contains python` are one answer)."""
    answers = {line.fact: line for line in result.answers}
    shown: dict[str, str] = {}
    for rule in rules:
        for quoted in quoted_facts(rule.trace):
            fact = quoted.partition(" = ")[0]
            line = answers.get(fact)
            if fact not in shown:
                answered = line is not None and line.status == "answered" and line.value is not None
                shown[fact] = f"{fact} = {format_plain(line.value)}" if answered and line else quoted
    return list(shown.values())


def with_strategy(result: Result, option: str) -> list[str]:
    """An option with the strategy it carries, as `chosen_options` lists them: a tied platform's
    path (`[containers, nomad]`)."""
    view = option_view(result, option)
    return [view.strategy, option] if view is not None and view.strategy else [option]


def risks(result: Result, chosen: list[str] | None = None) -> list[Risk]:
    """The risks of the recommended path (or of the `chosen` options) that apply to this team,
    each with its mitigation: the pack's risks of those options, then what the answers hold
    against them (fired rules, with the rule's mitigation), then the options' general risks."""
    chosen = chosen_options(result) if chosen is None else chosen
    found = [Risk(r.risk, r.mitigation, r.id, r.option) for r in result.risks if r.option in chosen]
    seen: set[str] = set()
    for option in chosen:
        for argument in cons(result, option):
            rule = argument.rule
            if rule.id not in seen:
                seen.add(rule.id)
                found.append(Risk(argument.text, rule.mitigation, rule.id, option))
    for option in chosen:
        view = option_view(result, option)
        if view is not None:
            found += [Risk(text, None, None, option) for text in view.risks]
    return found


def questions_that_matter(result: Result) -> list[str]:
    """The open questions an answer to which could change the recommendation: those one answer
    could change it alone (the value of information), then the unanswered ones that could with
    other answers, in the order to ask them. An `unknown` answer that could change it only
    together with others is not among them (the analysis does not follow it further)."""
    return list(
        dict.fromkeys([*decisive_facts(result), *(question.fact for question in result.next_questions)])
    )


def decisive_facts(result: Result) -> list[str]:
    """The open questions one answer to which could change the recommendation on its own."""
    return [item.fact for item in result.value_of_information if item.decisive]


def prompt_of(result: Result, fact: str) -> str:
    """The question that asks for a fact, as the bank words it (the fact id if it has none)."""
    return next((line.prompt for line in result.answers if line.fact == fact and line.prompt), fact)


def choices_of(result: Result, fact: str) -> dict[str, str]:
    """A choice or list question's values with the words it shows for them (empty otherwise)."""
    return next((line.choices for line in result.answers if line.fact == fact), {})


def open_answers(result: Result) -> list[AnswerLine]:
    return [line for line in result.answers if line.status in ("unknown", "unanswered")]


def effects_text(effects: dict[str, float], excludes: list[str]) -> str:
    """`containers +8, paas −4; excludes paas`: effects on the decision, the dev environment left
    out; a rule that moves nothing else reads "development environment only"."""
    shown = [
        f"{target} {'+' if points > 0 else '−'}{abs(points):g}"
        for target, points in effects.items()
        if target != DEV_ENVIRONMENT and points
    ]
    text = ", ".join(shown)
    if excludes:
        text = "; ".join(filter(None, [text, "excludes " + ", ".join(excludes)]))
    return text or "development environment only"
