"""`rules check --strict`: findings that are legal but almost certainly mistakes.

Loading a pack already rejects what cannot work (unknown facts, wrong operators, duplicate
rule ids, rules without effects). Lint adds what loads fine yet cannot be meant: a fact no
rule (or estimate term) reads, a rule whose effects are all zero, a rule that can never fire
because its `all` asks for two things that cannot both hold, a rule no test case fires, and
a list price no estimate term uses or that was checked too long ago.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from advisor.checks.cases import find_test_files, load_test_cases, run_tests
from advisor.errors import InputError, Location, Problem
from advisor.facts import FactValue
from advisor.pack.compile import compile_condition
from advisor.pack.conditions import AllOf, AnyOf, Condition, Leaf, Not
from advisor.pack.estimates import ESTIMATES_FILE
from advisor.pack.model import DEV_ENVIRONMENT, OPTIONS_FILE, QUESTIONS_FILE, RulePack
from advisor.pack.questions import Question

_BIG = 100_000
STALE_AFTER_MONTHS = 12


def lint_pack(pack: RulePack) -> list[Problem]:
    """Every finding in one pass, sorted by place."""
    findings = [*unused_facts(pack), *rules_without_effect(pack), *impossible_conditions(pack)]
    findings.extend(unused_prices(pack))
    findings.extend(stale_prices(pack))
    findings.extend(unattributed_arguments(pack))
    findings.extend(stale_product_claims(pack))
    findings.extend(untested_rules(pack))
    return sorted(findings)


def unused_facts(pack: RulePack) -> list[Problem]:
    """Questions of this pack's own questions.yaml that nothing reads: no rule, estimate term,
    product, risk or next step. Located at the question's id."""
    own = str(pack.root / QUESTIONS_FILE)
    read = {fact for rule in pack.rules for fact in rule.reads} | pack.estimates.reads
    if pack.provider_moves is not None:
        read |= pack.provider_moves.reads
    for guarded in (pack.products, pack.risks, pack.next_steps):
        read.update(fact for entry in guarded for fact in entry.reads)
    unused = "no rule, estimate, product, risk or next step reads it"
    return [
        Problem(question.where, f"unused fact '{fact}': {unused}")
        for fact, question in pack.bank.facts.items()
        if question.where.file == own and fact not in read
    ]


def unused_prices(pack: RulePack) -> list[Problem]:
    """Prices of this pack's own estimates.yaml that no estimate term counts."""
    own = str(pack.root / ESTIMATES_FILE)
    used = {price for term in pack.estimates.terms for _, amount in term.amounts for price in amount.prices}
    return [
        Problem(price.where, f"unused price '{price_id}': no estimate term counts it")
        for price_id, price in pack.estimates.prices.items()
        if price.where.file == own and price_id not in used
    ]


def stale_prices(pack: RulePack, months: int = STALE_AFTER_MONTHS) -> list[Problem]:
    """Prices of this pack's own estimates.yaml checked longer ago than `months` before the
    pack's knowledge date: list prices move, and the report prints the date beside each."""
    own = str(pack.root / ESTIMATES_FILE)
    known = pack.info.knowledge_as_of
    limit = known - datetime.timedelta(days=round(months * 365.25 / 12))
    return [
        Problem(
            price.where,
            f"price '{price_id}' was checked on {price.spec.as_of}, more than {months} months before "
            f"the pack's knowledge date ({known}); check it again and update as_of",
        )
        for price_id, price in pack.estimates.prices.items()
        if price.where.file == own and price.spec.as_of < limit
    ]


def rules_without_effect(pack: RulePack) -> list[Problem]:
    return [
        Problem(
            Location(rule.file, rule.line, rule.col),
            f"rule '{rule.id}' has no effect: every effect is 0 and it excludes nothing",
        )
        for rule in pack.own_rules
        if not rule.spec.exclude and not any(rule.spec.effects.values())
    ]


def unattributed_arguments(pack: RulePack) -> list[Problem]:
    """Rules that raise options of two or more strategies and do not say which their sentence
    argues for: without `argues`, one sentence would be shown as a pro of each of them."""
    findings = []
    for rule in pack.own_rules:
        if rule.spec.argues is not None:
            continue
        raised = sorted({pack.strategy_of.get(option, option) for option in _raised(pack, rule.spec.effects)})
        if len(raised) > 1:
            findings.append(
                Problem(
                    Location(rule.file, rule.line, rule.col),
                    f"rule '{rule.id}' raises {', '.join(raised)}: say with 'argues: [...]' which options "
                    "its sentence argues for or against, so it is not shown as a reason for all of them",
                )
            )
    return findings


def _raised(pack: RulePack, effects: dict[str, float]) -> list[str]:
    """The options a rule's effects raise: a strategy by its own part, a platform by its whole score."""
    raised = []
    for option, points in effects.items():
        strategy = pack.strategy_of.get(option)
        whole = points + (effects.get(strategy, 0.0) if strategy and strategy != option else 0.0)
        if points > 0 and whole > 0 and option != DEV_ENVIRONMENT:
            raised.append(option)
    return raised


CLAIM_SHELF_LIFE = datetime.timedelta(days=365)


def stale_product_claims(pack: RulePack) -> list[Problem]:
    """Product statuses of this pack's own options.yaml without a source and a date, or checked
    more than 12 months before the pack's knowledge_as_of."""
    own = str(pack.root / OPTIONS_FILE)
    findings = []
    for entry in pack.products:
        product, where = entry.item, entry.where
        if where is None or where.file != own:
            continue
        if not product.source or product.as_of is None:
            missing = [
                name for name, value in (("source", product.source), ("as_of", product.as_of)) if not value
            ]
            findings.append(
                Problem(
                    where,
                    f"product '{product.name}': its status claim needs {' and '.join(missing)}: the public "
                    "page it rests on and the date it was checked",
                )
            )
        elif product.as_of < pack.info.knowledge_as_of - CLAIM_SHELF_LIFE:
            findings.append(
                Problem(
                    where,
                    f"product '{product.name}': its status was checked on {product.as_of}, more than 12 "
                    f"months before the pack's knowledge_as_of ({pack.info.knowledge_as_of}); check it again",
                )
            )
    return findings


def untested_rules(pack: RulePack) -> list[Problem]:
    """Rules no test case fires; problems in the test files themselves are findings too."""
    if not find_test_files(pack.root):
        folder = Location(str(pack.root / "tests"))
        return [Problem(folder, "no test cases: add tests/*.yaml (see docs/rule-pack.md)")]
    try:
        cases = load_test_cases(pack)
    except InputError as error:
        return error.problems or [Problem(Location(str(pack.root / "tests")), error.text)]
    return [
        Problem(Location(rule.file, rule.line, rule.col), f"rule '{rule.id}' is fired by no test case")
        for rule in run_tests(pack, cases).uncovered
    ]


# --- conditions that can never hold ----------------------------------------------------------


def impossible_conditions(pack: RulePack) -> list[Problem]:
    findings = []
    for rule in pack.own_rules:
        for conjunction, decisive in _conjunctions(rule.condition, decisive=True):
            findings.extend(_contradictions(rule.id, conjunction, decisive, pack))
    return findings


def _conjunctions(condition: Condition | None, *, decisive: bool) -> Iterator[tuple[list[Leaf | Not], bool]]:
    """The plain tests joined by each `all` (nested `all`s flattened), anywhere in the tree.

    A single leaf counts as a conjunction of one, so `app.components < 1` is caught too.
    `decisive` says whether the conjunction never holding means the rule never fires: true
    at the top and through `all`, false below an `any` or a `not`, where it only makes that
    part of the condition constant.
    """
    if condition is None:
        return
    if isinstance(condition, Leaf):
        yield [condition], decisive
        return
    if isinstance(condition, Not):
        if isinstance(condition.part, Leaf):
            yield [condition], decisive
        else:
            yield from _conjunctions(condition.part, decisive=False)
        return
    if isinstance(condition, AnyOf):
        for part in condition.parts:
            yield from _conjunctions(part, decisive=decisive and len(condition.parts) == 1)
        return
    atoms: list[Leaf | Not] = []
    for part in _flatten(condition):
        if isinstance(part, Leaf) or (isinstance(part, Not) and isinstance(part.part, Leaf)):
            atoms.append(part)
        else:
            yield from _conjunctions(part, decisive=decisive)
    if atoms:
        yield atoms, decisive


def _flatten(condition: AllOf) -> Iterator[Condition]:
    for part in condition.parts:
        if isinstance(part, AllOf):
            yield from _flatten(part)
        else:
            yield part


def _leaf(atom: Leaf | Not) -> Leaf:
    return atom if isinstance(atom, Leaf) else atom.part  # type: ignore[return-value]


def _contradictions(rule_id: str, atoms: list[Leaf | Not], decisive: bool, pack: RulePack) -> list[Problem]:
    """Atoms on one fact that no value of the fact satisfies together."""
    groups: dict[tuple[str, bool], list[Leaf | Not]] = defaultdict(list)
    for atom in atoms:
        leaf = _leaf(atom)
        groups[(leaf.fact, leaf.count)].append(atom)
    findings = []
    for (fact, count), group in groups.items():
        question = pack.bank.facts[fact]
        if question.type == "list" and not count:
            continue
        candidates = _candidates(question, group, count)
        tests = [compile_condition(atom) for atom in group]
        if any(all(test({fact: value}) for test in tests) for value in candidates):
            continue
        texts = " and ".join(f"'{_text(atom)}'" for atom in group)
        where = _leaf(group[-1]).where
        if len(group) == 1:
            reason = f"{texts} never holds ({fact} is {question.expectation()})"
        else:
            reason = f"{texts} cannot both hold in one 'all'"
        if decisive:
            message = f"rule '{rule_id}' can never fire: {reason}"
        else:
            message = f"rule '{rule_id}': {reason}, so that part of the condition never changes its outcome"
        findings.append(Problem(where, message))
    return findings


def _text(atom: Leaf | Not) -> str:
    return atom.text if isinstance(atom, Leaf) else f"not {_leaf(atom).text}"


def _candidates(question: Question, group: list[Leaf | Not], count: bool) -> list[FactValue]:
    """Values that represent every region the group's comparisons can tell apart."""
    if question.type == "bool" and not count:
        return [True, False]
    if question.type == "choice":
        return list(question.choices)
    if count:
        low, high = 0, _BIG
    else:
        low, high = question.min or 0, question.max if question.max is not None else _BIG
    points = {low, high}
    for atom in group:
        value = _leaf(atom).value
        for constant in value if isinstance(value, frozenset) else (value,):
            points.update((constant - 1, constant, constant + 1))
    numbers = sorted(point for point in points if low <= point <= high)
    if count:
        return [("item",) * n for n in numbers]
    return list(numbers)
