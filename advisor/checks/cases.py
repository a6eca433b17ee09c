"""Rule pack tests: profiles with the recommendation and the rules they must (not) fire.

A pack keeps its tests in `tests/*.yaml` beside the rules. Each case is a partial answers
mapping laid over a baseline, so that a case states only what makes it that case:

    baseline: {team: {engineers: 8}}        # optional, for every case of the file
    cases:
      - name: a single web app, small team
        answers: {app: {components: 1}, team: {ops_engineers: 0}}
        strategy: paas
        platform: none                      # no platform: the strategy carries itself
        product: Azure App Service          # the product named on the team's provider (or none)
        dev_environment: true               # containerize development and CI
        fires: [single-deployable]
        not_fires: [many-components]
        estimates:                          # pinned as the result gives them; null: not estimated
          paas: {people_fte: [0.1, 0.3], monthly_cost_usd: null}
        todo: why this is a known gap       # run, but reported as skipped

The baseline is the question bank's defaults, then the file's `baseline:`, then the case's
`answers:`; `unanswered: [fact, ...]` removes facts again, to test how rules behave when a
question was skipped. The tests run the fast scoring path, so a large suite stays quick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.analysis.advice import offered
from advisor.answers import parse_answers, to_fact_value
from advisor.checks.estimate_cases import (
    EstimateExpectation,
    Pinned,
    expectation_problems,
    mismatches,
    pinned,
)
from advisor.engine.score import Scoring, best_platform, recommend, score
from advisor.errors import InputError, Location, Problem, did_you_mean, raise_if_any
from advisor.facts import FORMAT, Facts
from advisor.pack.compile import Trace, trace
from advisor.pack.model import DEV_ENVIRONMENT, Rule, RulePack
from advisor.source.document import Document, KeyPath, dotted, load_yaml_file
from advisor.source.validation import validate_document

TESTS_FOLDER = "tests"
NO_PLATFORM = "none"
Status = Literal["pass", "fail", "skip"]


class CaseSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1)]
    answers: dict[str, Any] | None = None
    unanswered: list[str] = Field(default_factory=list)
    strategy: str | None = None
    platform: str | None = None
    product: str | None = None
    dev_environment: bool | None = None
    fires: list[str] = Field(default_factory=list)
    not_fires: list[str] = Field(default_factory=list)
    estimates: dict[str, EstimateExpectation] = Field(default_factory=dict)
    todo: str | None = None


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    baseline: dict[str, Any] | None = None
    cases: Annotated[list[Any], Field(min_length=1)]


@dataclass(frozen=True)
class Case:
    """One test case, validated against the pack, with its complete facts."""

    name: str
    where: Location
    facts: Facts
    strategy: str | None
    platform: str | None
    expects_platform: bool
    product: str | None
    expects_product: bool
    dev_environment: bool | None
    fires: tuple[str, ...]
    not_fires: tuple[str, ...]
    todo: str | None
    estimates: tuple[Pinned, ...] = ()


@dataclass(frozen=True)
class Failure:
    """One unmet expectation, with what explains it: score lines or a traced condition."""

    message: str
    details: tuple[str, ...] = ()
    trace: Trace | None = None


@dataclass(frozen=True)
class CaseResult:
    case: Case
    status: Status
    strategy: str | None
    platform: str | None
    dev_environment: bool
    fired: tuple[str, ...]
    failures: tuple[Failure, ...]

    @property
    def todo_passes(self) -> bool:
        """A todo case whose expectations now hold: its `todo` can go."""
        return self.status == "skip" and not self.failures


@dataclass(frozen=True)
class SuiteRun:
    results: tuple[CaseResult, ...]
    uncovered: tuple[Rule, ...]

    def count(self, status: Status) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def summary(self) -> str:
        text = f"{self.count('pass')} passed, {self.count('fail')} failed"
        skipped = self.count("skip")
        return text + (f", {skipped} skipped" if skipped else "")


# --- loading -------------------------------------------------------------------------------


def find_test_files(root: Path) -> list[Path]:
    return sorted((root / TESTS_FOLDER).glob("*.yaml"))


def load_test_cases(pack: RulePack) -> list[Case]:
    """Every case of every test file in the pack's `tests/`; all problems at once."""
    folder = pack.root / TESTS_FOLDER
    paths = find_test_files(pack.root)
    if not paths:
        raise InputError(f"{folder}: no test files (*.yaml with a 'cases:' list); see docs/rule-pack.md")
    problems: list[Problem] = []
    cases: list[Case] = []
    for path in paths:
        try:
            cases.extend(_load_file(pack, load_yaml_file(path), problems))
        except InputError as error:
            problems.extend(error.problems or [Problem(Location(str(path)), error.text)])
    raise_if_any(problems)
    return cases


def _load_file(pack: RulePack, doc: Document, problems: list[Problem]) -> list[Case]:
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "expected a mapping with 'cases:' (and optionally 'baseline:')")])
    spec = validate_document(CaseFile, doc)
    defaults: Facts = {
        fact: to_fact_value(question.default)
        for fact, question in pack.bank.facts.items()
        if question.default is not None
    }
    baseline = {**defaults, **_facts_at(pack, doc, ("baseline",), problems)}
    cases = []
    names: dict[str, Location] = {}
    for index in range(len(spec.cases)):
        path: KeyPath = ("cases", index)
        where = doc.at(path)
        if not isinstance(spec.cases[index], dict):
            problems.append(
                _problem(doc, path, "expected a case: a mapping with name, answers and expectations")
            )
            continue
        try:
            case = validate_document(CaseSpec, doc, path)
        except InputError as error:
            problems.extend(error.problems)
            _facts_at(pack, doc, (*path, "answers"), problems)  # its problems too, in the same pass
            continue
        if case.name in names:
            problems.append(
                _problem(
                    doc,
                    (*path, "name"),
                    f"duplicate case name '{case.name}' (first at line {names[case.name].line})",
                )
            )
        names.setdefault(case.name, where)
        facts = {**baseline, **_facts_at(pack, doc, (*path, "answers"), problems)}
        for item, fact in enumerate(case.unanswered):
            if fact not in pack.bank.facts:
                problems.append(
                    _problem(
                        doc,
                        (*path, "unanswered", item),
                        f"unknown fact '{fact}'{did_you_mean(fact, pack.bank.facts)}",
                    )
                )
            facts.pop(fact, None)
        problems.extend(_expectation_problems(pack, doc, path, case))
        expects_platform = "platform" in case.model_fields_set
        platform = None if case.platform in (None, NO_PLATFORM) else case.platform
        cases.append(
            Case(
                name=case.name,
                where=where,
                facts=facts,
                strategy=case.strategy,
                platform=platform,
                expects_platform=expects_platform,
                product=None if case.product in (None, NO_PLATFORM) else case.product,
                expects_product="product" in case.model_fields_set,
                dev_environment=case.dev_environment,
                fires=tuple(case.fires),
                not_fires=tuple(case.not_fires),
                todo=case.todo,
                estimates=pinned(case.estimates),
            )
        )
    return cases


def _facts_at(pack: RulePack, doc: Document, path: KeyPath, problems: list[Problem]) -> Facts:
    """The answers mapping at `path`, validated exactly like the `answers:` of an answers file."""
    data: Any = doc.data
    for part in path:
        present = part in data if isinstance(data, dict) else isinstance(part, int) and part < len(data)
        if not present:
            return {}
        data = data[part]
    if data is None:
        return {}
    inner = _subdocument(doc, path)
    try:
        return parse_answers(inner, pack.bank).facts
    except InputError as error:
        prefix = dotted(path) + "."
        problems.extend(
            Problem(problem.where, prefix + problem.message.removeprefix("answers."))
            if problem.message.startswith("answers.")
            else problem
            for problem in error.problems
        )
        return {}


def _subdocument(doc: Document, path: KeyPath) -> Document:
    """The mapping at `path` as the `answers:` of an answers document, keeping positions."""
    data: Any = doc.data
    for part in path:
        data = data[part]
    size = len(path)

    def moved(table: Mapping[KeyPath, Location]) -> dict[KeyPath, Location]:
        return {("answers", *key[size:]): where for key, where in table.items() if key[:size] == path}

    values = moved(doc.values)
    values[()] = doc.at(path)
    values[("format",)] = doc.at(path)
    return Document(doc.file, {"format": FORMAT, "answers": data}, values, moved(doc.keys))


def _expectation_problems(pack: RulePack, doc: Document, path: KeyPath, case: CaseSpec) -> list[Problem]:
    problems = []
    strategies = [o.id for o in pack.strategies]
    platforms = [o.id for o in pack.platforms]
    if case.strategy is not None and case.strategy not in strategies:
        problems.append(
            _problem(
                doc,
                (*path, "strategy"),
                f"unknown strategy '{case.strategy}'{did_you_mean(case.strategy, strategies)}; "
                f"use one of {', '.join(strategies)}",
            )
        )
    if case.platform is not None and case.platform not in (*platforms, NO_PLATFORM):
        problems.append(
            _problem(
                doc,
                (*path, "platform"),
                f"unknown platform '{case.platform}'{did_you_mean(case.platform, platforms)}; "
                f"use one of {', '.join(platforms)}, or none",
            )
        )
    products = [entry.item.name for entry in pack.products]
    if case.product is not None and case.product not in (*products, NO_PLATFORM):
        problems.append(
            _problem(
                doc,
                (*path, "product"),
                f"unknown product '{case.product}'{did_you_mean(case.product, products)}; "
                "use a product name from options.yaml, or none",
            )
        )
    rule_ids = [rule.id for rule in pack.rules]
    for key in ("fires", "not_fires"):
        for item, rule_id in enumerate(getattr(case, key)):
            if rule_id not in rule_ids:
                problems.append(
                    _problem(
                        doc,
                        (*path, key, item),
                        f"unknown rule id '{rule_id}'{did_you_mean(rule_id, rule_ids)}",
                    )
                )
    problems.extend(expectation_problems(pack, doc, path, case.estimates))
    for rule_id in sorted(set(case.fires) & set(case.not_fires)):
        index = case.not_fires.index(rule_id)
        problems.append(
            _problem(doc, (*path, "not_fires", index), f"rule '{rule_id}' is in both fires and not_fires")
        )
    return problems


def _problem(doc: Document, path: KeyPath, message: str) -> Problem:
    return doc.problem(path, f"{dotted(path)}: {message}")


# --- running -------------------------------------------------------------------------------


def run_case(pack: RulePack, case: Case) -> CaseResult:
    scoring = score(pack, case.facts)
    strategy, platform = recommend(pack, scoring)
    fired = tuple(rule.id for rule in scoring.fired)
    rules = {rule.id: rule for rule in pack.rules}
    failures: list[Failure] = []
    if case.strategy is not None and strategy != case.strategy:
        failures.append(
            Failure(
                f"strategy: expected {case.strategy}, got {strategy or 'none (all excluded)'}",
                _score_lines(pack, scoring, (case.strategy, strategy)),
            )
        )
    if case.expects_platform and platform != case.platform:
        failures.append(
            Failure(
                f"platform: expected {case.platform or NO_PLATFORM}, got {platform or NO_PLATFORM}",
                _score_lines(pack, scoring, (case.platform, platform))
                if platform is not None or case.platform is not None
                else (f"no platform is named because {strategy} carries itself",),
            )
        )
    if case.expects_product:
        best = best_platform(pack, scoring.totals, scoring.excluded)
        offer = offered(pack, best, case.facts) if best else None
        product = offer.product.name if offer and offer.product else None
        if product != case.product:
            listed = ", ".join(item.name for item in offer.listed + offer.beside) if offer else "none"
            failures.append(
                Failure(
                    f"product: expected {case.product or NO_PLATFORM}, got {product or NO_PLATFORM}",
                    (f"products listed for {best or 'no platform'}: {listed}",),
                )
            )
    dev_points = scoring.totals[DEV_ENVIRONMENT]
    if case.dev_environment is not None and (dev_points > 0) != case.dev_environment:
        verdict = "containerize" if case.dev_environment else "keep native"
        failures.append(
            Failure(
                f"dev_environment: expected {verdict}, got a score of {dev_points:g} (containerize when > 0)",
                tuple(
                    f"  {rule.id}: {DEV_ENVIRONMENT} {rule.spec.effects[DEV_ENVIRONMENT]:+g}"
                    for rule in scoring.fired
                    if rule.spec.effects.get(DEV_ENVIRONMENT)
                ),
            )
        )
    for rule_id in case.fires:
        if rule_id not in fired:
            node = trace(rules[rule_id].condition, case.facts)
            state = "undetermined" if node.outcome is None else "false"
            failures.append(Failure(f"rule '{rule_id}' did not fire: its condition is {state}", trace=node))
    for rule_id in case.not_fires:
        if rule_id in fired:
            node = trace(rules[rule_id].condition, case.facts)
            failures.append(Failure(f"rule '{rule_id}' fired: its condition is true", trace=node))
    if case.estimates:
        failures += [
            Failure(message, details)
            for message, details in mismatches(pack, case.facts, case.estimates, scoring)
        ]
    status: Status = "skip" if case.todo is not None else ("fail" if failures else "pass")
    return CaseResult(case, status, strategy, platform, dev_points > 0, fired, tuple(failures))


def _score_lines(pack: RulePack, scoring: Scoring, compared: tuple[str | None, ...]) -> tuple[str, ...]:
    """The scores, the exclusions, and the fired rules that moved the options compared apart.

    A strategy is compared through its best platform, as the engine ranks it."""
    totals, excluded = scoring.totals, scoring.excluded
    others = {s: set(pack.platform_order) - set(ids) for s, ids in pack.carriers.items()}
    best = {
        s: best_platform(pack, totals, others[s] | set(excluded)) or best_platform(pack, totals, others[s])
        for s in pack.carriers
    }
    lines = [
        "scores: "
        + ", ".join(
            f"{s} {totals[p]:g}" + ("" if p == s else f" (on {p})") for s, p in best.items() if p is not None
        ),
        "platforms: "
        + ", ".join(f"{p} {totals[p]:g}" for p in pack.platform_order if p not in pack.carriers),
    ]
    for target, rules in excluded.items():
        lines.append(f"excluded: {target} by " + ", ".join(rule.id for rule in rules))
    platforms = [best.get(oid) or oid for oid in dict.fromkeys(compared) if oid]
    for number, rule in enumerate(pack.rules):
        if rule not in scoring.fired:
            continue
        moved = {p: pack.deltas[number].get(p, 0.0) for p in platforms if p in pack.strategy_of}
        if len(set(moved.values())) > 1:
            lines.append(f"  {rule.id}: " + ", ".join(f"{p} {points:+g}" for p, points in moved.items()))
    return tuple(lines)


def run_tests(pack: RulePack, cases: list[Case]) -> SuiteRun:
    results = tuple(run_case(pack, case) for case in cases)
    return SuiteRun(results, uncovered_rules(pack, results))


def uncovered_rules(pack: RulePack, results: Iterable[CaseResult]) -> tuple[Rule, ...]:
    """Rules that no case fires (todo cases do not count: they describe what is not yet so)."""
    covered = {rule_id for result in results if result.case.todo is None for rule_id in result.fired}
    return tuple(rule for rule in pack.own_rules if rule.id not in covered)
