"""Compiling a pack's `estimates.yaml`: every price and term checked against the question bank
and the options, each problem located as `FILE:LINE:COL`, all in one pass; then indexed by
`advisor.pack.estimates.build_estimates`. Layers (`advisor.pack.estimate_layers`) reuse
these checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from advisor.errors import Location, Problem, did_you_mean
from advisor.pack.compile import compile_condition
from advisor.pack.conditions import condition_facts, parse_condition, parse_condition_data
from advisor.pack.estimates import (
    COST,
    MEASURES,
    WEEKS,
    Amount,
    AmountSpec,
    Caveat,
    CaveatSpec,
    Estimates,
    EstimateSettings,
    EstimatesFile,
    Measure,
    Price,
    PriceSpec,
    RunningSettings,
    Term,
    TermSpec,
    build_estimates,
    span_of,
)
from advisor.pack.questions import QuestionBank
from advisor.source.document import Document, KeyPath
from advisor.words import PLACEHOLDER


def compile_estimates(
    loaded: tuple[EstimatesFile, Document] | None,
    bank: QuestionBank,
    reach: Mapping[str, tuple[str, ...]],
    origin: str,
    problems: list[Problem],
) -> Estimates:
    """A pack's estimate data, every problem of it appended to `problems`."""
    if loaded is None:
        return build_estimates(EstimateSettings(), {}, (), bank, reach)
    spec, doc = loaded
    settings = checked_settings(spec.settings, doc, bank, reach, problems)
    prices: dict[str, Price] = {}
    for index, price in enumerate(spec.prices):
        path: KeyPath = ("prices", index)
        if price.id in prices:
            first = prices[price.id].where
            problems.append(
                doc.problem((*path, "id"), f"duplicate price id '{price.id}' (first defined at {first})")
            )
            continue
        problems.extend(check_price(price, doc, path))
        prices[price.id] = Price(price, origin, doc.at((*path, "id")))
    terms: dict[str, Term] = {}
    for index, term in enumerate(spec.terms):
        path = ("terms", index)
        if term.id in terms:
            first = terms[term.id].where
            problems.append(
                doc.problem((*path, "id"), f"duplicate term id '{term.id}' (first defined at {first})")
            )
            continue
        terms[term.id] = compile_term(term, doc, path, bank, reach, prices, origin, problems)
    problems.extend(check_term_settings(spec.settings, terms.values()))
    caveats = compile_caveats(spec.caveats, (), doc, bank, origin, problems)
    return build_estimates(
        settings, prices, tuple(terms.values()), bank, reach, doc.at(("settings",)), caveats
    )


def compile_caveats(
    specs: list[CaveatSpec],
    below: tuple[Caveat, ...],
    doc: Document,
    bank: QuestionBank,
    origin: str,
    problems: list[Problem],
) -> tuple[Caveat, ...]:
    """The caveats of the packs `below` and these after them; an id given twice is a problem."""
    found = {caveat.id: caveat for caveat in below}
    for index, spec in enumerate(specs):
        path: KeyPath = ("caveats", index)
        if spec.id in found:
            first = found[spec.id].where
            problems.append(
                doc.problem((*path, "id"), f"duplicate caveat id '{spec.id}' (first defined at {first})")
            )
            continue
        if PLACEHOLDER.search(spec.text):
            problems.append(
                doc.problem(
                    (*path, "text"), f"caveat '{spec.id}': text takes no {{placeholders}}; write it out"
                )
            )
        condition = parse_condition(doc, (*path, "when"), bank, problems)
        found[spec.id] = Caveat(
            spec, compile_condition(condition), condition_facts(condition), origin, doc.at((*path, "id"))
        )
    return tuple(found.values())


FACT_SETTINGS = ("engineer_year_fact", "instances_fact")


def check_settings(
    settings: EstimateSettings, doc: Document, bank: QuestionBank, reach: Mapping[str, tuple[str, ...]]
) -> list[Problem]:
    problems = []
    named: list[tuple[KeyPath, str, str | None]] = [
        (("settings", key), f"settings.{key}", getattr(settings, key)) for key in FACT_SETTINGS
    ]
    named += [(("settings", "headcount", fact), "settings.headcount", fact) for fact in settings.headcount]
    if settings.streams is not None:
        named.append((("settings", "streams", "fact"), "settings.streams", settings.streams.fact))
    if settings.copies is not None:
        for key in ("fact", "of"):
            named.append((("settings", "copies", key), "settings.copies", getattr(settings.copies, key)))
    for path, label, fact in named:
        if fact is not None and (fact not in bank.facts or bank.facts[fact].type != "int"):
            hint = "" if fact in bank.facts else did_you_mean(fact, bank.facts)
            problems.append(doc.problem(path, f"{label}: '{fact}' is not an int fact of the bank{hint}"))
    if settings.running is not None:
        problems.extend(_running_problems(settings.running, doc, bank, reach))
    streams = settings.streams
    if streams is not None:
        problems.extend(
            _span_problems(
                streams.engineers_each,
                doc,
                ("settings", "streams", "engineers_each"),
                "settings.streams.engineers_each",
            )
        )
    copies = settings.copies
    if copies is not None:
        problems.extend(
            _span_problems(copies.each, doc, ("settings", "copies", "each"), "settings.copies.each")
        )
    return problems


def _running_problems(
    running: RunningSettings, doc: Document, bank: QuestionBank, reach: Mapping[str, tuple[str, ...]]
) -> list[Problem]:
    """`settings.running` names a choice fact, answers of it, and options of the pack."""
    path: KeyPath = ("settings", "running")
    question = bank.facts.get(running.fact)
    if question is None or question.type != "choice":
        hint = "" if question else did_you_mean(running.fact, bank.facts)
        return [
            doc.problem(
                (*path, "fact"), f"settings.running: '{running.fact}' is not a choice fact of the bank{hint}"
            )
        ]
    problems = []
    for value, options in running.options.items():
        if value not in question.choices:
            hint = did_you_mean(value, question.choices)
            problems.append(
                doc.problem(
                    (*path, "options", value),
                    f"settings.running: '{value}' is not a choice of {running.fact} "
                    f"({', '.join(question.choices)}){hint}",
                    key=True,
                )
            )
        for index, option in enumerate(options):
            if option not in reach:
                hint = did_you_mean(option, reach)
                problems.append(
                    doc.problem(
                        (*path, "options", value, index), f"settings.running: unknown option '{option}'{hint}"
                    )
                )
    if running.when is not None:
        problems.extend(
            _condition_problems(running.when, doc, (*path, "when"), bank, "settings.running.when")
        )
    named = {option for options in running.options.values() for option in options}
    for option, data in running.only_when.items():
        where: KeyPath = (*path, "only_when", option)
        if option not in named:
            hint = did_you_mean(option, named)
            problems.append(
                doc.problem(
                    where,
                    f"settings.running.only_when: '{option}' is not an option of settings.running's "
                    f"options{hint}; name it under an answer there, or remove it",
                    key=True,
                )
            )
            continue
        problems.extend(_condition_problems(data, doc, where, bank, f"settings.running.only_when.{option}"))
    return problems


def _condition_problems(
    data: Any, doc: Document, path: KeyPath, bank: QuestionBank, label: str
) -> list[Problem]:
    """What is wrong with a condition held in the settings, each message led by its key."""
    found: list[Problem] = []
    parse_condition_data(data, doc, path, bank, found)
    return [Problem(problem.where, f"{label}: {problem.message}") for problem in found]


def checked_settings(
    settings: EstimateSettings,
    doc: Document,
    bank: QuestionBank,
    reach: Mapping[str, tuple[str, ...]],
    problems: list[Problem],
) -> EstimateSettings:
    """The settings checked, their problems appended, as the indexes can be built from them:
    with problems (the load fails, but reports every problem first), no `running` map to
    split terms by, no `streams` and no `copies`."""
    found = check_settings(settings, doc, bank, reach)
    problems.extend(found)
    if not found:
        return settings
    return settings.model_copy(update={"running": None, "streams": None, "copies": None})


def check_term_settings(settings: EstimateSettings, terms: Iterable[Term]) -> list[Problem]:
    """A term `unless_running` needs `settings.running` to know what the team runs, an amount
    `in_parallel` needs `settings.streams` to know how many streams share it."""
    problems = []
    for term in terms:
        if term.spec.unless_running and settings.running is None:
            problems.append(
                Problem(
                    term.where,
                    f"term '{term.id}': unless_running needs settings.running (the fact that says what "
                    "the team already runs, and the options each answer means); add it, or drop "
                    "unless_running",
                )
            )
        if settings.streams is None and any(amount.in_parallel for _, amount in term.amounts):
            problems.append(
                Problem(
                    term.where,
                    f"term '{term.id}': in_parallel needs settings.streams (the int fact counting the "
                    "engineers, engineers_each stream, at_most streams at once); add it, or drop "
                    "in_parallel",
                )
            )
    return problems


def check_price(price: PriceSpec, doc: Document, path: KeyPath) -> list[Problem]:
    problems = _span_problems(price.usd, doc, (*path, "usd"), f"price '{price.id}': usd")
    if not price.source.startswith(("https://", "http://")):
        problems.append(
            doc.problem(
                (*path, "source"),
                f"price '{price.id}': source must be the public page (http or https) the price comes from",
            )
        )
    return problems


def compile_term(
    spec: TermSpec,
    doc: Document,
    path: KeyPath,
    bank: QuestionBank,
    reach: Mapping[str, tuple[str, ...]],
    prices: Mapping[str, Price],
    origin: str,
    problems: list[Problem],
    where: Location | None = None,
    keep_condition_of: Term | None = None,
) -> Term:
    """Check a term's options, amounts and placeholders; compile its condition (or keep the
    one of `keep_condition_of`, a term a layer changes without touching its `when`)."""
    label = f"term '{spec.id}'"
    for index, option in enumerate(spec.options):
        if option not in reach:
            hint = did_you_mean(option, reach)
            problems.append(
                doc.problem((*path, "options", index), f"{label}: unknown option '{option}'{hint}")
            )
    amounts = []
    for measure in MEASURES:
        amount = getattr(spec, measure)
        if amount is not None:
            problems.extend(check_amount(label, measure, amount, doc, (*path, measure), bank, prices))
            prices_named = (
                amount.price if isinstance(amount.price, list) else [amount.price] if amount.price else []
            )
            per = tuple((fact, low, high) for fact, (low, high) in amount.per.items())
            amounts.append(
                (
                    measure,
                    Amount((amount.add[0], amount.add[1]), per, tuple(prices_named), amount.in_parallel),
                )
            )
    if spec.unpriced and spec.monthly_cost_usd is not None:
        problems.append(
            doc.problem(
                (*path, "unpriced"),
                f"{label}: unpriced says why an option has no cost band, so the term cannot give "
                "monthly_cost_usd; remove one of them (a layer that prices it sets unpriced: false)",
            )
        )
    if not amounts and not spec.unpriced:
        problems.append(
            doc.problem(
                path,
                f"{label} estimates nothing: give people_fte, weeks_to_production or monthly_cost_usd, "
                "or unpriced: true with the reason in because",
            )
        )
    for name, noun in PLACEHOLDER.findall(spec.because):
        if name not in bank.facts:
            hint = did_you_mean(name, bank.facts)
            problems.append(
                doc.problem((*path, "because"), f"{label}: because names unknown fact '{{{name}}}'{hint}")
            )
        elif noun and bank.facts[name].type != "int":
            problems.append(
                doc.problem(
                    (*path, "because"),
                    f"{label}: because: '{{{name}|{noun}}}' counts with a noun, "
                    f"so {name} must be an int fact",
                )
            )
    where = where or doc.at((*path, "id"))
    if keep_condition_of is not None:
        kept = keep_condition_of
        return Term(spec, kept.condition, kept.test, kept.reads, tuple(amounts), origin, where)
    condition = parse_condition(doc, (*path, "when"), bank, problems) if spec.when is not None else None
    test = compile_condition(condition)
    return Term(spec, condition, test, condition_facts(condition), tuple(amounts), origin, where)


def check_amount(
    label: str,
    measure: Measure,
    amount: AmountSpec,
    doc: Document,
    path: KeyPath,
    bank: QuestionBank,
    prices: Mapping[str, Price],
) -> list[Problem]:
    """Ranges in order; per-unit amounts on int facts, never negative (more units never cost
    less); a cost names its price, people and weeks never do."""
    problems = _span_problems(amount.add, doc, (*path, "add"), f"{label}: {measure}.add")
    for fact, span in amount.per.items():
        where = (*path, "per", fact)
        question = bank.facts.get(fact)
        if question is None or question.type != "int":
            hint = did_you_mean(fact, [f for f, q in bank.facts.items() if q.type == "int"])
            problems.append(
                doc.problem(
                    where, f"{label}: {measure}.per: '{fact}' is not an int fact of the bank{hint}", key=True
                )
            )
        problems.extend(_span_problems(span, doc, where, f"{label}: {measure}.per.{fact}"))
        if min(span) < 0:
            problems.append(
                doc.problem(
                    where,
                    f"{label}: {measure}.per.{fact}: a per-unit amount cannot be negative; "
                    "more units never need less",
                )
            )
    if amount.in_parallel and (measure != WEEKS or not amount.per):
        problems.append(
            doc.problem(
                (*path, "in_parallel"),
                f"{label}: in_parallel shares out a per-unit amount of weeks_to_production among "
                "the team's streams; give it there, with 'per'",
            )
        )
    named = amount.price if isinstance(amount.price, list) else [amount.price] if amount.price else []
    if measure != COST and named:
        problems.append(
            doc.problem(
                (*path, "price"),
                f"{label}: only monthly_cost_usd names a price; {measure} is counted, not priced",
            )
        )
    if measure == COST and not named:
        problems.append(
            doc.problem(
                path,
                f"{label}: monthly_cost_usd needs a 'price' (an id from prices:), "
                "so every dollar has a source",
            )
        )
    for index, price_id in enumerate(named):
        where = (*path, "price", index) if isinstance(amount.price, list) else (*path, "price")
        if price_id not in prices:
            problems.append(
                doc.problem(where, f"{label}: unknown price '{price_id}'{did_you_mean(price_id, prices)}")
            )
        elif amount.per and min(span_of(prices[price_id].spec.usd)) < 0:
            problems.append(
                doc.problem(
                    where,
                    f"{label}: price '{price_id}' is negative (a credit); "
                    "per-unit amounts need prices of 0 or more",
                )
            )
    return problems


def _span_problems(
    value: float | tuple[float, float], doc: Document, path: KeyPath, label: str
) -> list[Problem]:
    low, high = span_of(value)
    if low > high:
        return [doc.problem(path, f"{label}: [{low:g}, {high:g}] is not a range; write the low end first")]
    return []
