"""Reading a rule-pack folder into a `RulePack`: every file validated, every problem located,
every condition compiled, all in one pass. Layers (`advisor.pack.layers`) reuse these steps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from advisor.errors import InputError, Location, Problem, did_you_mean, raise_if_any
from advisor.pack.compile import Test, compile_condition
from advisor.pack.conditions import condition_facts, parse_condition
from advisor.pack.estimate_compile import compile_estimates
from advisor.pack.estimates import ESTIMATES_FILE, EstimatesFile
from advisor.pack.model import (
    DEV_ENVIRONMENT,
    OPTIONS_FILE,
    PACK_FILE,
    QUESTIONS_FILE,
    Guarded,
    Option,
    OptionsFile,
    PackInfo,
    Product,
    ProviderMoves,
    RiskSpec,
    Rule,
    RuleFile,
    RulePack,
    RuleSpec,
    StepSpec,
    T,
    carriers_of,
    reach_of,
)
from advisor.pack.questions import Question, QuestionBank, load_question_bank
from advisor.source.cache import load_cached_yaml
from advisor.source.document import Document, KeyPath
from advisor.source.validation import validate_document
from advisor.words import PLACEHOLDER


def require_pack_folder(root: Path) -> None:
    """Refuse what is not a rule pack folder, saying how to make one."""
    shown = root.as_posix()
    if not root.exists():
        raise InputError(
            f"{root}: no such folder; give a rule pack folder, "
            f"or create one with `advisor rules init {shown}`"
        )
    if not root.is_dir():
        raise InputError(
            f"{root}: not a folder; a rule pack is a folder holding pack.yaml, questions.yaml and rule files"
        )
    if not (root / PACK_FILE).exists():
        raise InputError(
            f"{root}: not a rule pack (it has no {PACK_FILE}); give the folder that holds {PACK_FILE}, "
            f"or create a pack with `advisor rules init {shown}`"
        )


def load_rule_pack(root: Path) -> RulePack:
    """Load, check and compile the pack in `root`; every problem of every file in one error."""
    require_pack_folder(root)
    problems: list[Problem] = []
    info = collect(problems, load_model, PackInfo, root / PACK_FILE)
    loaded = collect(problems, load_question_bank, root / QUESTIONS_FILE)
    options_loaded = collect(problems, load_model, OptionsFile, root / OPTIONS_FILE)
    rule_files = rule_file_paths(root)
    loaded_rules = [collect(problems, load_model, RuleFile, path) for path in rule_files]
    estimates_path = root / ESTIMATES_FILE
    estimates_loaded = (
        collect(problems, load_model, EstimatesFile, estimates_path) if estimates_path.is_file() else None
    )
    if not rule_files:
        problems.append(
            Problem(Location(str(root)), "no rule files (*.yaml with a 'rules:' list) in the pack")
        )
    raise_if_any(problems)
    bank, questions_doc = loaded
    options, options_doc = options_loaded
    problems.extend(_place_options(options, options_doc))
    targets = {o.id for o in (*options.strategies, *options.platforms)}
    question_conditions = _compile_question_conditions(bank, questions_doc, problems)
    rules = _compile_rules(loaded_rules, bank, targets, problems)
    problems.extend(_check_provider_fact(info[0], info[1], bank))
    platform_ids = {p for ids in carriers_of(options.strategies, options.platforms).values() for p in ids}
    provider_moves = _compile_provider_moves(info[0], info[1], bank, platform_ids, problems)
    problems.extend(_check_providers(info[0], info[1], bank, ("many_vendors",), info[0].many_vendors))
    products = [
        compile_product(product, options_doc, ("products", index), bank, targets, problems)
        for index, product in enumerate(options.products)
    ]
    risks, steps = compile_risks_and_steps(loaded_rules, bank, targets, problems, {})
    reach = reach_of(options.strategies, options.platforms)
    estimates = compile_estimates(estimates_loaded, bank, reach, info[0].name, problems)
    raise_if_any(problems)
    return RulePack(
        info=info[0],
        bank=bank,
        strategies=tuple(options.strategies),
        platforms=tuple(options.platforms),
        products=tuple(products),
        rules=tuple(rules),
        question_conditions=question_conditions,
        sha256=files_digest(decisive_files(root)),
        root=root,
        risks=tuple(risks),
        next_steps=tuple(steps),
        estimates=estimates,
        provider_moves=provider_moves,
    )


def pack_extras(root: Path) -> list[Path]:
    """Optional pack files that decide results besides the rules: the estimate data."""
    return [path for path in (root / ESTIMATES_FILE,) if path.is_file()]


def decisive_files(root: Path) -> list[Path]:
    """The files of a pack folder whose bytes decide results and make its sha256: pack.yaml,
    questions.yaml and options.yaml (those present), the rule files and the estimate data; never
    the tests."""
    present = [root / name for name in (PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE) if (root / name).is_file()]
    return [*present, *rule_file_paths(root), *pack_extras(root)]


def rule_file_paths(root: Path) -> list[Path]:
    """The rule files of a pack folder: every `*.yaml` but the pack, question, option and
    estimate files."""
    others = (PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE, ESTIMATES_FILE)
    return sorted(p for p in root.glob("*.yaml") if p.name not in others)


def load_model(model: type[BaseModel], path: Path) -> tuple[Any, Document]:
    """One pack file, validated against its model, with the document for locating problems."""
    doc = load_cached_yaml(path)
    return validate_document(model, doc), doc


def collect(problems: list[Problem], load: Any, *args: Any) -> Any:
    """Call `load`; on bad input, add its problems to `problems` and return None, so that
    every file of a pack is checked in one pass."""
    try:
        return load(*args)
    except InputError as error:
        path = str(args[-1])
        message = error.text.removeprefix(f"{path}: ")  # the location says it already
        problems.extend(error.problems or [Problem(Location(path), message)])
        return None


def _place_options(options: OptionsFile, doc: Document) -> list[Problem]:
    """Record where each option stands; a reused id, or a platform without its strategy, is a problem."""
    problems = []
    seen: dict[str, str] = {}
    for kind in ("strategies", "platforms"):
        for index, option in enumerate(getattr(options, kind)):
            option.placed(doc.at((kind, index, "id")))
            if option.id in seen or option.id == DEV_ENVIRONMENT:
                problems.append(doc.problem((kind, index, "id"), f"duplicate option id '{option.id}'"))
            seen[option.id] = kind
    strategies = [strategy.id for strategy in options.strategies]
    for index, platform in enumerate(options.platforms):
        problems.extend(check_platform(platform, doc, ("platforms", index), strategies))
    for index, strategy in enumerate(options.strategies):
        if strategy.strategy is not None:
            problems.append(
                doc.problem(
                    ("strategies", index, "strategy"),
                    f"strategy '{strategy.id}': only platforms name a strategy; remove 'strategy'",
                )
            )
    return problems


def check_platform(platform: Option, doc: Document, path: KeyPath, strategies: list[str]) -> list[Problem]:
    """A platform names the strategy it carries (packs written before platforms did get the fix)."""
    if platform.strategy is None:
        return [
            doc.problem(
                (*path, "id"),
                f"platform '{platform.id}' names no strategy: a platform now carries one strategy and "
                f"adds to its score; add 'strategy: STRATEGY' (one of {', '.join(strategies)}) and give "
                "'base' as the platform's offset from that strategy's base (a base equal to the "
                "strategy's becomes 0)",
            )
        ]
    if platform.strategy not in strategies:
        hint = did_you_mean(platform.strategy, strategies)
        return [
            doc.problem(
                (*path, "strategy"),
                f"platform '{platform.id}': unknown strategy '{platform.strategy}'{hint}; "
                f"use one of {', '.join(strategies)}",
            )
        ]
    return []


def _compile_question_conditions(
    bank: QuestionBank, doc: Document, problems: list[Problem]
) -> dict[str, Test]:
    compiled = {}
    for s_index, section in enumerate(bank.sections):
        for q_index, question in enumerate(section.questions):
            if question.when is not None:
                path = ("sections", s_index, "questions", q_index)
                compiled[question.fact] = compile_question_condition(question, doc, path, bank, problems)
    return compiled


def compile_question_condition(
    question: Question, doc: Document, path: KeyPath, bank: QuestionBank, problems: list[Problem]
) -> Test:
    """The `when` of the question at `path`, checked against `bank` (which may not read its own fact)."""
    condition = parse_condition(doc, (*path, "when"), bank, problems)
    if condition is not None and question.fact in condition_facts(condition):
        problems.append(doc.problem((*path, "when"), f"{question.fact}: 'when' cannot read its own fact"))
    return compile_condition(condition)


def _compile_rules(
    loaded: list[tuple[RuleFile, Document]],
    bank: QuestionBank,
    targets: set[str],
    problems: list[Problem],
) -> list[Rule]:
    rules: list[Rule] = []
    first_seen: dict[str, str] = {}
    for rule_file, doc in loaded:
        for index, spec in enumerate(rule_file.rules):
            path = ("rules", index)
            where = doc.at((*path, "id"))
            if spec.id in first_seen:
                problems.append(
                    doc.problem(
                        (*path, "id"),
                        f"duplicate rule id '{spec.id}' (first defined at {first_seen[spec.id]})",
                    )
                )
                continue
            first_seen[spec.id] = str(where)
            rules.append(compile_rule(spec, doc, path, bank, targets, problems))
    for rule_file, doc in loaded:
        for index, spec in enumerate(rule_file.rules):
            problems.extend(check_offsets(spec.id, spec.offsets, first_seen, doc, ("rules", index)))
    return rules


def check_offsets(
    rule_id: str, offsets: str | None, known: Collection[str], doc: Document, path: KeyPath
) -> list[Problem]:
    """A rule may take back only a rule its pack, or a pack below it, defines."""
    if offsets is None or offsets in known:
        return []
    hint = did_you_mean(offsets, known)
    return [doc.problem((*path, "offsets"), f"rule '{rule_id}' offsets unknown rule '{offsets}'{hint}")]


def compile_rule(
    spec: RuleSpec,
    doc: Document,
    path: tuple[Any, ...],
    bank: QuestionBank,
    targets: set[str],
    problems: list[Problem],
    where: Location | None = None,
) -> Rule:
    """Check that a rule does something, its targets and placeholders; compile its condition.

    `where` is the place the rule is reported at (its id, unless a layer's `override:`).
    """
    where = where or doc.at((*path, "id"))
    if not spec.effects and not spec.exclude:
        problems.append(doc.problem(path, f"rule '{spec.id}' has no effects and excludes nothing"))
    problems.extend(check_targets(spec, doc, path, targets))
    problems.extend(check_placeholders(spec, doc, path, bank))
    condition = parse_condition(doc, (*path, "when"), bank, problems) if spec.when is not None else None
    test = compile_condition(condition)
    return Rule(spec, condition, test, condition_facts(condition), doc.file, where.line, where.col)


def check_targets(spec: RuleSpec, doc: Document, path: tuple[Any, ...], targets: set[str]) -> list[Problem]:
    problems = []
    for target in spec.effects:
        if target not in targets and target != DEV_ENVIRONMENT:
            hint = did_you_mean(target, [*targets, DEV_ENVIRONMENT])
            problems.append(
                doc.problem(
                    (*path, "effects", target),
                    f"rule '{spec.id}': unknown strategy or platform '{target}'{hint}",
                    key=True,
                )
            )
    for index, target in enumerate(spec.argues or []):
        if target not in targets:
            problems.append(
                doc.problem(
                    (*path, "argues", index),
                    f"rule '{spec.id}': argues for unknown option '{target}'{did_you_mean(target, targets)}",
                )
            )
    for index, target in enumerate(spec.exclude):
        if target not in targets:
            problems.append(
                doc.problem(
                    (*path, "exclude", index),
                    f"rule '{spec.id}': cannot exclude unknown option "
                    f"'{target}'{did_you_mean(target, targets)}",
                )
            )
    return problems


def check_placeholders(
    spec: RuleSpec, doc: Document, path: tuple[Any, ...], bank: QuestionBank
) -> list[Problem]:
    texts = {"because": spec.because, "mitigation": spec.mitigation}
    return check_text_placeholders(f"rule '{spec.id}'", texts, doc, path, bank)


def check_text_placeholders(
    label: str,
    texts: dict[str, str | None],
    doc: Document,
    path: KeyPath,
    bank: QuestionBank,
    extra: tuple[str, ...] = (),
) -> list[Problem]:
    """Every `{fact.id}` and `{fact.id|noun}` in the texts names a fact (or one of `extra`)."""
    problems = []
    for field, text in texts.items():
        for name, noun in PLACEHOLDER.findall(text or ""):
            if name in extra and not noun:
                continue
            if name not in bank.facts:
                problems.append(
                    doc.problem(
                        (*path, field),
                        f"{label}: {field} names unknown fact '{{{name}}}'{did_you_mean(name, bank.facts)}",
                    )
                )
            elif noun and bank.facts[name].type != "int":
                problems.append(
                    doc.problem(
                        (*path, field),
                        f"{label}: {field}: '{{{name}|{noun}}}' counts with a noun, "
                        f"so {name} must be an int fact, not {bank.facts[name].type}",
                    )
                )
    return problems


def _check_provider_fact(info: PackInfo, doc: Document, bank: QuestionBank) -> list[Problem]:
    fact = info.provider_fact
    if fact is None or (fact in bank.facts and bank.facts[fact].type == "choice"):
        return []
    hint = did_you_mean(fact, bank.facts)
    return [
        doc.problem(("provider_fact",), f"provider_fact: '{fact}' is not a choice fact of the bank{hint}")
    ]


def _compile_provider_moves(
    info: PackInfo, doc: Document, bank: QuestionBank, platforms: set[str], problems: list[Problem]
) -> Guarded[ProviderMoves] | None:
    moves = info.provider_moves
    if moves is None:
        return None
    path: KeyPath = ("provider_moves",)
    for index, platform in enumerate(moves.platforms):
        if platform not in platforms:
            hint = did_you_mean(platform, platforms)
            problems.append(doc.problem((*path, "platforms", index), f"unknown platform '{platform}'{hint}"))
    problems.extend(_check_providers(info, doc, bank, (*path, "to"), moves.to))
    return compile_guarded(moves, doc, path, bank, problems)


def _check_providers(
    info: PackInfo, doc: Document, bank: QuestionBank, path: KeyPath, values: list[str]
) -> list[Problem]:
    """Values of the provider fact named in pack.yaml (`provider_moves.to`, `many_vendors`)."""
    if not values:
        return []
    if info.provider_fact is None:
        return [doc.problem(path, f"{path[0]} needs a provider_fact whose values it names")]
    question = bank.facts.get(info.provider_fact)
    if question is None or question.type != "choice":
        return []  # the provider_fact itself is reported
    return [
        doc.problem(
            (*path, index),
            f"'{value}' is not a choice of {question.fact}{did_you_mean(value, question.choices)}",
        )
        for index, value in enumerate(values)
        if value not in question.choices
    ]


def compile_guarded(
    item: T, doc: Document, path: KeyPath, bank: QuestionBank, problems: list[Problem]
) -> Guarded[T]:
    """Pack data with an optional `when`, its condition checked against the bank and compiled."""
    when = getattr(item, "when", None)
    condition = parse_condition(doc, (*path, "when"), bank, problems) if when is not None else None
    return Guarded(item, compile_condition(condition), condition_facts(condition), doc.at(path))


def compile_product(
    product: Product,
    doc: Document,
    path: KeyPath,
    bank: QuestionBank,
    targets: set[str],
    problems: list[Problem],
) -> Guarded[Product]:
    if product.platform is not None and product.platform not in targets:
        hint = did_you_mean(product.platform, targets)
        problems.append(
            doc.problem(
                (*path, "platform"), f"product '{product.name}': unknown platform '{product.platform}'{hint}"
            )
        )
    return compile_guarded(product, doc, path, bank, problems)


def compile_risks_and_steps(
    loaded: list[tuple[Any, Document]],
    bank: QuestionBank,
    targets: set[str],
    problems: list[Problem],
    first_seen: dict[str, str],
) -> tuple[list[Guarded[RiskSpec]], list[Guarded[StepSpec]]]:
    """The `risks:` and `next_steps:` of every rule file; `first_seen` holds ids defined below."""
    risks: list[Guarded[RiskSpec]] = []
    steps: list[Guarded[StepSpec]] = []
    for rule_file, doc in loaded:
        for kind, items, found in (
            ("risks", rule_file.risks, risks),
            ("next_steps", rule_file.next_steps, steps),
        ):
            for index, item in enumerate(items):
                path = (kind, index)
                key = f"{kind}:{item.id}"
                if key in first_seen:
                    problems.append(
                        doc.problem(
                            (*path, "id"), f"duplicate id '{item.id}' (first defined at {first_seen[key]})"
                        )
                    )
                    continue
                first_seen[key] = str(doc.at((*path, "id")))
                if item.option not in targets:
                    hint = did_you_mean(item.option, targets)
                    problems.append(
                        doc.problem((*path, "option"), f"{item.id}: unknown option '{item.option}'{hint}")
                    )
                texts: dict[str, str | None] = (
                    {"risk": item.risk, "mitigation": item.mitigation}
                    if isinstance(item, RiskSpec)
                    else {"step": item.step}
                )
                problems.extend(check_text_placeholders(item.id, texts, doc, path, bank, extra=("product",)))
                found.append(compile_guarded(item, doc, path, bank, problems))
    return risks, steps


def files_digest(files: list[Path]) -> str:
    """sha256 over the files that decide results (never the tests), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
