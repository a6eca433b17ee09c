"""Rule packs in layers: the default pack below, a consultant's packs on top.

`--rules DIR` (repeatable) layers packs over the default, in the order given. A layer
declares its name and version in `pack.yaml` and may

- add questions (`questions.yaml`: new sections, or new questions in an existing section),
- add platforms and product notes (`options.yaml`; a product with a known name replaces it),
- add rules (an entry with a new `id:`),
- change an existing rule (an entry with `override: ID`: the fields it gives replace the
  rule's; `effects` are changed per target, the others kept),
- disable rules (`disable: [ID, ...]` in `pack.yaml`),
- change estimate data: prices, terms and settings (`estimates.yaml`, see
  `advisor.pack.estimate_layers`).

Reusing an id without `override:` is a conflict, reported with both places. A complete
pack (its `options.yaml` lists `strategies`) replaces the default instead, so it can only
come first. Every layer is checked with the same located checks as a complete pack.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from advisor.errors import InputError, Location, Problem, did_you_mean, raise_if_any
from advisor.pack.bundled import default_rules_dir
from advisor.pack.estimate_layers import LayerEstimatesFile, layer_estimates
from advisor.pack.estimates import ESTIMATES_FILE
from advisor.pack.load import (
    check_offsets,
    check_placeholders,
    check_platform,
    check_targets,
    collect,
    compile_product,
    compile_question_condition,
    compile_risks_and_steps,
    compile_rule,
    decisive_files,
    files_digest,
    load_model,
    load_rule_pack,
    require_pack_folder,
    rule_file_paths,
)
from advisor.pack.model import (
    OPTIONS_FILE,
    PACK_FILE,
    QUESTIONS_FILE,
    Id,
    Option,
    PackRef,
    Points,
    Product,
    RiskSpec,
    Rule,
    RulePack,
    RuleSpec,
    StepSpec,
    reach_of,
)
from advisor.pack.questions import Question, QuestionBank, Section, check_question_bank
from advisor.source.cache import load_cached_yaml
from advisor.source.document import Document, KeyPath
from advisor.source.validation import validate_document


def load_pack_stack(folders: list[Path]) -> RulePack:
    """The default pack (or a complete first pack) with every other folder layered on top."""
    _check_distinct(list(folders))
    base_root, *layers = stack_folders(folders)
    pack = load_rule_pack(base_root)
    if not layers:
        return pack
    stack = Stack.of(pack)
    for root in layers:
        if is_complete_pack(root):
            raise InputError(
                f"{root}: a complete rule pack (its options.yaml lists strategies) replaces the "
                "default and can only be the first --rules; remove 'strategies' to layer it"
            )
        stack.apply(root)
    return stack.pack


def stack_folders(folders: list[Path]) -> list[Path]:
    """Every folder of the stack `--rules` gives, bottom first: the default pack unless the
    first folder is a complete pack, then the layers."""
    roots = list(folders)
    if roots and is_complete_pack(roots[0]):
        return roots
    return [default_rules_dir(), *roots]


def is_complete_pack(root: Path) -> bool:
    options = root / OPTIONS_FILE
    if not root.is_dir() or not options.is_file():
        return False
    data = load_cached_yaml(options).data
    return isinstance(data, dict) and "strategies" in data


def _check_distinct(roots: list[Path]) -> None:
    seen: dict[Path, Path] = {default_rules_dir().resolve(): default_rules_dir()}
    for index, root in enumerate(roots):
        resolved = root.resolve()
        if resolved in seen and not (index == 0 and resolved == default_rules_dir().resolve()):
            raise InputError(
                f"{root}: this rule pack is already in the stack (as {seen[resolved]}); give it once"
            )
        seen[resolved] = root


def describe_stack(pack: RulePack) -> str:
    """`default 2026.11.0 (sha256 1a2b3c4d5e6f) + acme 1.0 (...)`: what produced a set of results."""
    return " + ".join(f"{ref.name} {ref.version} (sha256 {ref.sha256[:12]})" for ref in pack.stack)


SPEC_FIELDS = ("when", "effects", "exclude", "because", "mitigation", "source", "argues", "offsets")


class LayerInfo(BaseModel):
    """`pack.yaml` of a layer: who made it, which version, and the rules it switches off."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Id
    version: str
    description: str = ""
    knowledge_as_of: datetime.date | None = None
    disable: list[Id] = Field(default_factory=list)


class LayerOptions(BaseModel):
    """`options.yaml` of a layer: strategies are fixed, so only platforms and products."""

    model_config = ConfigDict(extra="forbid")

    platforms: list[Option] = Field(default_factory=list)
    products: list[Product] = Field(default_factory=list)


class LayerRule(BaseModel):
    """A new rule (`id:`) or a change to an existing one (`override:`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id | None = None
    override: Id | None = None
    when: Any = None
    effects: dict[str, Points] | None = None
    exclude: list[str] | None = None
    because: str | None = None
    mitigation: str | None = None
    source: str | None = None
    argues: list[Id] | None = None
    offsets: Id | None = None

    @model_validator(mode="after")
    def _one_target(self) -> LayerRule:
        if (self.id is None) == (self.override is None):
            raise ValueError("give either 'id' (a new rule) or 'override' (change an existing rule)")
        if self.id is not None and self.because is None:
            raise ValueError("a new rule needs 'because', the sentence the report shows")
        return self


class LayerRuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[LayerRule] = Field(default_factory=list)
    risks: list[RiskSpec] = Field(default_factory=list)
    next_steps: list[StepSpec] = Field(default_factory=list)


def stack_digest(refs: tuple[PackRef, ...]) -> str:
    """One sha256 for a stack: a single pack keeps its own; layers hash their names and digests."""
    if len(refs) == 1:
        return refs[0].sha256
    digest = hashlib.sha256()
    for ref in refs:
        digest.update(f"{ref.name}\0{ref.version}\0{ref.sha256}\n".encode())
    return digest.hexdigest()


@dataclass
class Stack:
    """A pack being built layer by layer, with where each id was defined for conflict messages."""

    pack: RulePack
    rule_origins: dict[str, str] = field(default_factory=dict)
    fact_origins: dict[str, str] = field(default_factory=dict)
    option_origins: dict[str, str] = field(default_factory=dict)
    overridden: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, pack: RulePack) -> Stack:
        stack = cls(pack)
        stack.rule_origins = {rule.id: f"{rule.file}:{rule.line}:{rule.col}" for rule in pack.rules}
        stack.fact_origins = {fact: str(question.where) for fact, question in pack.bank.facts.items()}
        stack.option_origins = {
            option.id: str(option.where) for option in (*pack.strategies, *pack.platforms)
        }
        return stack

    def apply(self, root: Path) -> None:
        """Layer the pack in `root` on top; every problem of the layer in one error."""
        require_pack_folder(root)
        problems: list[Problem] = []
        info, info_doc = collect(problems, load_model, LayerInfo, root / PACK_FILE) or (None, None)
        rule_paths = rule_file_paths(root)
        rule_files = [collect(problems, load_model, LayerRuleFile, path) for path in rule_paths]
        estimates_path = root / ESTIMATES_FILE
        estimates_file = (
            collect(problems, load_model, LayerEstimatesFile, estimates_path)
            if estimates_path.is_file()
            else None
        )
        bank, question_docs = self._merge_questions(root / QUESTIONS_FILE, problems)
        platforms, new_products = self._merge_options(root / OPTIONS_FILE, problems)
        raise_if_any(problems)
        assert info is not None and info_doc is not None
        targets = {option.id for option in (*self.pack.strategies, *platforms)}
        conditions = dict(self.pack.question_conditions)
        for doc, path, question in question_docs:
            if question.when is not None:
                conditions[question.fact] = compile_question_condition(question, doc, path, bank, problems)
        loaded_rules = [loaded for loaded in rule_files if loaded]
        rules = self._merge_rules(loaded_rules, bank, targets, problems)
        rules = self._disable(rules, info, info_doc, problems)
        problems.extend(_offsets_problems(loaded_rules, rules, info))
        products = list(self.pack.products)
        for product, doc, path in new_products:
            products = [p for p in products if p.item.name != product.name]
            products.append(compile_product(product, doc, path, bank, targets, problems))
        seen = {
            f"{kind}:{g.item.id}": "a pack below"
            for kind, items in (("risks", self.pack.risks), ("next_steps", self.pack.next_steps))
            for g in items
        }
        risks, steps = compile_risks_and_steps(loaded_rules, bank, targets, problems, seen)
        reach = reach_of(self.pack.strategies, platforms)
        estimates = layer_estimates(self.pack.estimates, estimates_file, bank, reach, info.name, problems)
        raise_if_any(problems)
        ref = PackRef(info.name, info.version, files_digest(decisive_files(root)), info.knowledge_as_of)
        refs = (*self.pack.stack, ref)
        dates = [r.knowledge_as_of for r in refs if r.knowledge_as_of is not None]
        combined = self.pack.info.model_copy(
            update={
                "name": "+".join(r.name for r in refs),
                "version": "+".join(r.version for r in refs),
                "knowledge_as_of": max(dates),
            }
        )
        self.pack = replace(
            self.pack,
            info=combined,
            bank=bank,
            platforms=tuple(platforms),
            products=tuple(products),
            rules=tuple(rules),
            question_conditions=conditions,
            sha256=stack_digest(refs),
            root=root,
            layers=refs,
            risks=(*self.pack.risks, *risks),
            next_steps=(*self.pack.next_steps, *steps),
            estimates=estimates,
        )

    def _merge_questions(
        self, path: Path, problems: list[Problem]
    ) -> tuple[QuestionBank, list[tuple[Document, KeyPath, Question]]]:
        """The bank with the layer's questions added, and where each added question stands."""
        base = self.pack.bank
        if not path.is_file():
            return base, []
        try:
            doc = load_cached_yaml(path)
        except InputError as error:
            problems.extend(error.problems or [Problem(Location(str(path)), error.text)])
            return base, []
        titles = {section.id: section.title for section in base.sections}
        data = copy.deepcopy(doc.data)
        sections = data.get("sections") if isinstance(data, dict) else None
        for section in sections if isinstance(sections, list) else []:
            if isinstance(section, dict) and "title" not in section and section.get("id") in titles:
                section["title"] = titles[section["id"]]
        filled = Document(doc.file, data, doc.values, doc.keys)
        try:
            layer = validate_document(QuestionBank, filled)
        except InputError as error:
            problems.extend(error.problems)
            return base, []
        problems.extend(check_question_bank(layer, filled))
        added: dict[str, list[Question]] = {}
        placed: list[tuple[Document, KeyPath, Question]] = []
        for s_index, section in enumerate(layer.sections):
            for q_index, question in enumerate(section.questions):
                where = ("sections", s_index, "questions", q_index)
                if question.fact in self.fact_origins:
                    problems.append(
                        doc.problem(
                            (*where, "id"),
                            f"question '{question.fact}' is already defined at "
                            f"{self.fact_origins[question.fact]}; choose another id",
                        )
                    )
                    continue
                question._where = doc.at((*where, "id"))
                self.fact_origins[question.fact] = str(question.where)
                added.setdefault(section.id, []).append(question)
                placed.append((doc, where, question))
        sections = [
            Section(id=s.id, title=s.title, questions=[*s.questions, *added.pop(s.id, [])])
            for s in base.sections
        ]
        sections += [
            Section(id=s.id, title=s.title, questions=added[s.id]) for s in layer.sections if s.id in added
        ]
        return QuestionBank(sections=sections), placed

    def _merge_options(
        self, path: Path, problems: list[Problem]
    ) -> tuple[list[Option], list[tuple[Product, Document, KeyPath]]]:
        """The platforms with the layer's added, and the layer's products with where they stand."""
        platforms = list(self.pack.platforms)
        if not path.is_file():
            return platforms, []
        loaded = collect(problems, load_model, LayerOptions, path)
        if loaded is None:
            return platforms, []
        options, doc = loaded
        strategies = [strategy.id for strategy in self.pack.strategies]
        for index, option in enumerate(options.platforms):
            if option.id in self.option_origins:
                problems.append(
                    doc.problem(
                        ("platforms", index, "id"),
                        f"option '{option.id}' is already defined at {self.option_origins[option.id]}; "
                        "choose another id",
                    )
                )
                continue
            option.placed(doc.at(("platforms", index, "id")))
            problems.extend(check_platform(option, doc, ("platforms", index), strategies))
            self.option_origins[option.id] = str(option.where)
            platforms.append(option)
        return platforms, [
            (product, doc, ("products", index)) for index, product in enumerate(options.products)
        ]

    def _merge_rules(
        self,
        rule_files: list[tuple[LayerRuleFile, Document]],
        bank: QuestionBank,
        targets: set[str],
        problems: list[Problem],
    ) -> list[Rule]:
        rules = {rule.id: rule for rule in self.pack.rules}
        overridden = self.overridden = {}  # this layer only
        for rule_file, doc in rule_files:
            for index, entry in enumerate(rule_file.rules):
                path: KeyPath = ("rules", index)
                if entry.id is not None:
                    rule = self._new_rule(entry, entry.id, doc, path, bank, targets, problems)
                else:
                    rule = self._override(entry, rules, overridden, doc, path, bank, targets, problems)
                if rule is not None:
                    rules[rule.id] = rule
        return list(rules.values())

    def _new_rule(
        self,
        entry: LayerRule,
        rule_id: str,
        doc: Document,
        path: KeyPath,
        bank: QuestionBank,
        targets: set[str],
        problems: list[Problem],
    ) -> Rule | None:
        where = doc.at((*path, "id"))
        if rule_id in self.rule_origins:
            problems.append(
                Problem(
                    where,
                    f"rule '{rule_id}' is already defined at {self.rule_origins[rule_id]}; "
                    f"write 'override: {rule_id}' to change it, or choose another id",
                )
            )
            return None
        self.rule_origins[rule_id] = str(where)
        fields = {name: getattr(entry, name) for name in SPEC_FIELDS if name in entry.model_fields_set}
        spec = RuleSpec(id=rule_id, **fields)
        return compile_rule(spec, doc, path, bank, targets, problems, where)

    def _override(
        self,
        entry: LayerRule,
        rules: dict[str, Rule],
        overridden: dict[str, str],
        doc: Document,
        path: KeyPath,
        bank: QuestionBank,
        targets: set[str],
        problems: list[Problem],
    ) -> Rule | None:
        rule_id = entry.override or ""
        where = doc.at((*path, "override"))
        if rule_id not in rules:
            hint = did_you_mean(rule_id, rules)
            problems.append(Problem(where, f"override: no rule '{rule_id}' below this pack to change{hint}"))
            return None
        if rule_id in overridden:
            problems.append(
                Problem(
                    where, f"rule '{rule_id}' is already overridden in this pack at {overridden[rule_id]}"
                )
            )
            return None
        overridden[rule_id] = str(where)
        self.rule_origins[rule_id] = str(where)
        old = rules[rule_id]
        update = {name: getattr(entry, name) for name in SPEC_FIELDS if name in entry.model_fields_set}
        if "effects" in update:
            update["effects"] = {**old.spec.effects, **(entry.effects or {})}
        spec = old.spec.model_copy(update=update)
        if "when" not in update:
            problems.extend(check_targets(spec, doc, path, targets))
            problems.extend(check_placeholders(spec, doc, path, bank))
            return replace(old, spec=spec, file=doc.file, line=where.line, col=where.col)
        return compile_rule(spec, doc, path, bank, targets, problems, where)

    def _disable(
        self, rules: list[Rule], info: LayerInfo, doc: Document, problems: list[Problem]
    ) -> list[Rule]:
        known = {rule.id for rule in rules}
        for index, rule_id in enumerate(info.disable):
            if rule_id not in known:
                problems.append(
                    doc.problem(
                        ("disable", index),
                        f"disable: no rule '{rule_id}' below this pack{did_you_mean(rule_id, known)}",
                    )
                )
            elif rule_id in self.overridden:
                problems.append(
                    doc.problem(
                        ("disable", index),
                        f"disable: rule '{rule_id}' is also overridden in this pack at "
                        f"{self.overridden[rule_id]}; keep one of the two",
                    )
                )
        off = set(info.disable)
        for rule_id in off:
            self.rule_origins.pop(rule_id, None)
        return [rule for rule in rules if rule.id not in off]


def _offsets_problems(
    rule_files: list[tuple[LayerRuleFile, Document]], rules: list[Rule], info: LayerInfo
) -> list[Problem]:
    """A layer rule's `offsets:` names a rule of the stack that the layer keeps."""
    kept = {rule.id for rule in rules}
    problems: list[Problem] = []
    for rule_file, doc in rule_files:
        for index, entry in enumerate(rule_file.rules):
            rule_id = entry.id or entry.override or ""
            if entry.offsets in info.disable:
                message = f"rule '{rule_id}' offsets '{entry.offsets}', which this pack disables; "
                message += "keep one of the two"
                problems.append(doc.problem(("rules", index, "offsets"), message))
            else:
                problems.extend(check_offsets(rule_id, entry.offsets, kept, doc, ("rules", index)))
    return problems
