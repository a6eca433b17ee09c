"""Rule packs: the pack description, its options, its rules, loaded and compiled once.

A pack is a folder: `pack.yaml` (name, version, knowledge date), `questions.yaml` (the
question bank), `options.yaml` (strategies, platforms, products and their status), and any
number of rule files `*.yaml` with a `rules:` list. Test cases live in `tests/`.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from advisor.compiler import Test, compile_condition
from advisor.conditions import Condition, condition_facts, parse_condition
from advisor.errors import InputError, Location, Problem, raise_if_any
from advisor.facts import FactValue, format_value
from advisor.questions import QuestionBank, load_question_bank
from advisor.suggest import did_you_mean
from advisor.validation import validate_document
from advisor.yamlsource import Document, load_yaml_file

PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE = "pack.yaml", "questions.yaml", "options.yaml"
DEV_ENVIRONMENT = "dev-environment"
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
# One rule as the engine's inner loop reads it: test, (target, points)..., excluded ids, rule.
# Scores are plain sums; NaN or infinity would make the winner arbitrary and the JSON invalid.
Points = Annotated[float, Field(allow_inf_nan=False, ge=-1000, le=1000)]
ScoringStep = tuple[Test, tuple[tuple[str, float], ...], tuple[str, ...], "Rule"]
# `{fact.id}` is the fact's value; `{fact.id|noun}` a count with its noun: `1 component`,
# `12 components`. Nothing else in rule text is interpreted.
_PLACEHOLDER = re.compile(r"\{([^{}|]*)(?:\|([^{}|]*))?\}")


class ConfidenceSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    margin_scale: float = Field(
        default=8.0,
        gt=0,
        allow_inf_nan=False,
        description="points of guaranteed lead for a confidence of about 0.82 (1 - e^-1 / 2)",
    )


class PackInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Id
    version: str
    knowledge_as_of: datetime.date
    description: str = ""
    confidence: ConfidenceSettings = Field(default_factory=ConfidenceSettings)


class Product(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    status: str
    note: str = ""


class Option(BaseModel):
    """A strategy or a platform: what it is, when it fits, what it costs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    name: str
    summary: str
    fits: list[str] = Field(default_factory=list)
    costs: list[str] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
    products: list[str] = Field(default_factory=list)
    status: str = ""
    next_steps: list[str] = Field(default_factory=list)
    base: Points = 0.0


class OptionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    strategies: list[Option]
    platforms: list[Option] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    when: Any = None
    effects: dict[str, Points] = Field(default_factory=dict)
    exclude: list[str] = Field(default_factory=list)
    because: str
    mitigation: str | None = None
    source: str | None = None


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[RuleSpec]


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: its spec, its parsed condition and that condition compiled."""

    spec: RuleSpec
    condition: Condition | None
    test: Test
    reads: frozenset[str]
    file: str
    line: int
    col: int = 1

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class PackRef:
    """One pack of a stack, as a result names it so that it can be reproduced."""

    name: str
    version: str
    sha256: str
    knowledge_as_of: datetime.date | None


@dataclass(frozen=True)
class RulePack:
    info: PackInfo
    bank: QuestionBank
    strategies: tuple[Option, ...]
    platforms: tuple[Option, ...]
    products: tuple[Product, ...]
    rules: tuple[Rule, ...]
    question_conditions: dict[str, Test]
    sha256: str
    root: Path
    layers: tuple[PackRef, ...] = ()

    @property
    def stack(self) -> tuple[PackRef, ...]:
        """Every pack this one was built from, bottom first; a plain pack is its own stack."""
        own = PackRef(self.info.name, self.info.version, self.sha256, self.info.knowledge_as_of)
        return self.layers or (own,)

    @property
    def own_rules(self) -> tuple[Rule, ...]:
        """The rules this pack's own folder defines or overrides (all of them without layers).

        What a layer's tests and lint should hold it to: the packs below have their own.
        """
        return tuple(rule for rule in self.rules if Path(rule.file).parent == self.root)

    def option(self, option_id: str) -> Option:
        return next(o for o in (*self.strategies, *self.platforms) if o.id == option_id)

    @cached_property
    def base_totals(self) -> dict[str, float]:
        """Every option's starting score, and the development-environment tally at 0."""
        return {o.id: o.base for o in (*self.strategies, *self.platforms)} | {DEV_ENVIRONMENT: 0.0}

    @cached_property
    def scoring_steps(self) -> tuple[ScoringStep, ...]:
        """The rules flattened once for `engine.score`, which runs them on every evaluation.

        Looking up `rule.test` and `rule.spec.effects.items()` for every rule on every call
        was most of the gap to hand-written code (bench/engine.py); these tuples are built
        on first use and kept with the pack.
        """
        return tuple(
            (rule.test, tuple(rule.spec.effects.items()), tuple(rule.spec.exclude), rule)
            for rule in self.rules
        )


def load_rule_pack(root: Path) -> RulePack:
    """Load, check and compile the pack in `root`; every problem of every file in one error."""
    if not root.is_dir():
        raise InputError(f"{root}: not a folder; --rules takes a rule pack folder")
    problems: list[Problem] = []
    info = collect(problems, load_model, PackInfo, root / PACK_FILE)
    loaded = collect(problems, load_question_bank, root / QUESTIONS_FILE)
    options_loaded = collect(problems, load_model, OptionsFile, root / OPTIONS_FILE)
    rule_files = sorted(
        p for p in root.glob("*.yaml") if p.name not in (PACK_FILE, QUESTIONS_FILE, OPTIONS_FILE)
    )
    loaded_rules = [collect(problems, load_model, RuleFile, path) for path in rule_files]
    if not rule_files:
        problems.append(
            Problem(Location(str(root)), "no rule files (*.yaml with a 'rules:' list) in the pack")
        )
    raise_if_any(problems)
    bank, questions_doc = loaded
    options, options_doc = options_loaded
    problems.extend(_check_options(options, options_doc))
    targets = {o.id for o in (*options.strategies, *options.platforms)}
    question_conditions = _compile_question_conditions(bank, questions_doc, problems)
    rules = _compile_rules(loaded_rules, bank, targets, problems)
    raise_if_any(problems)
    return RulePack(
        info=info[0],
        bank=bank,
        strategies=tuple(options.strategies),
        platforms=tuple(options.platforms),
        products=tuple(options.products),
        rules=tuple(rules),
        question_conditions=question_conditions,
        sha256=files_digest([root / PACK_FILE, root / QUESTIONS_FILE, root / OPTIONS_FILE, *rule_files]),
        root=root,
    )


def load_model(model: type[BaseModel], path: Path) -> tuple[Any, Document]:
    """One pack file, validated against its model, with the document for locating problems."""
    doc = load_yaml_file(path)
    return validate_document(model, doc), doc


def collect(problems: list[Problem], load: Any, *args: Any) -> Any:
    """Call `load`; on bad input, add its problems to `problems` and return None, so that
    every file of a pack is checked in one pass."""
    try:
        return load(*args)
    except InputError as error:
        problems.extend(error.problems or [Problem(Location(str(args[-1])), error.text)])
        return None


def _check_options(options: OptionsFile, doc: Document) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for kind in ("strategies", "platforms"):
        for index, option in enumerate(getattr(options, kind)):
            if option.id in seen or option.id == DEV_ENVIRONMENT:
                problems.append(doc.problem((kind, index, "id"), f"duplicate option id '{option.id}'"))
            seen[option.id] = kind
    return problems


def _compile_question_conditions(
    bank: QuestionBank, doc: Document, problems: list[Problem]
) -> dict[str, Test]:
    compiled = {}
    for s_index, section in enumerate(bank.sections):
        for q_index, question in enumerate(section.questions):
            if question.when is None:
                continue
            path = ("sections", s_index, "questions", q_index, "when")
            condition = parse_condition(doc, path, bank, problems)
            if condition is not None and question.fact in condition_facts(condition):
                problems.append(doc.problem(path, f"{question.fact}: 'when' cannot read its own fact"))
            compiled[question.fact] = compile_condition(condition)
    return compiled


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
    return rules


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
    problems = []
    for field in ("because", "mitigation"):
        text = getattr(spec, field) or ""
        for name, noun in _PLACEHOLDER.findall(text):
            if name not in bank.facts:
                problems.append(
                    doc.problem(
                        (*path, field),
                        f"rule '{spec.id}': {field} names unknown "
                        f"fact '{{{name}}}'{did_you_mean(name, bank.facts)}",
                    )
                )
            elif noun and bank.facts[name].type != "int":
                problems.append(
                    doc.problem(
                        (*path, field),
                        f"rule '{spec.id}': {field}: '{{{name}|{noun}}}' counts with a noun, "
                        f"so {name} must be an int fact, not {bank.facts[name].type}",
                    )
                )
    return problems


def files_digest(files: list[Path]) -> str:
    """sha256 over the files that decide results (never the tests), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def interpolate(text: str, facts: Mapping[str, FactValue]) -> str:
    """Replace `{fact.id}` with the fact's value and `{fact.id|noun}` with a counted noun."""

    def value(match: re.Match[str]) -> str:
        fact, noun = match[1], match[2]
        shown = format_value(facts.get(fact))
        if not noun:
            return shown
        return f"{shown} {noun}" if facts.get(fact) == 1 else f"{shown} {noun}s"

    return _PLACEHOLDER.sub(value, text)
