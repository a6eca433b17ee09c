"""Two assessments side by side: what changed, and why (`advisor diff` and `advisor whatif`).

Each side is an answers file (evaluated with the rule pack given) or a JSON result written
earlier (read as it is, with the pack it names). Comparing results rather than raw files
means a year-old JSON result can be set against today's answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import overload

from pydantic import ValidationError

from advisor.answers import EMPTY_ANSWERS_FIX, parse_answers
from advisor.errors import InputError, Location, Problem
from advisor.evaluate import decide, evaluate
from advisor.facts import FORMAT
from advisor.pack.model import RulePack
from advisor.recheck.causes import attribute
from advisor.result import (
    AnswerChange,
    Decision,
    Diff,
    EstimateChange,
    FiredRule,
    PlainValue,
    Result,
    RuleChange,
    Side,
)
from advisor.source.document import dotted, parse_yaml, read_text


def load_result(path: Path, pack: RulePack) -> Result:
    """A JSON result as written by `--format json`, or an answers file evaluated now."""
    text = read_text(path, "an answers file or a JSON result", hint="is it the right file?")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text, parse_constant=_not_a_number)
        except _NotANumberError as error:
            raise InputError(
                f"{path}: not an advisor result: {error} is not a number JSON allows (a result "
                "holds finite numbers only); was the file edited by hand?"
            ) from None
        except RecursionError:
            raise InputError(f"{path}: nesting is too deep to be an advisor result") from None
        except json.JSONDecodeError as error:
            if path.suffix.lower() == ".json":
                where = Location(str(path), error.lineno, error.colno)
                raise InputError([Problem(where, f"not valid JSON: {error.msg}")]) from None
        else:
            return _parse_result(data, path)
    return evaluate(pack, parse_answers(parse_yaml(text, str(path), empty_fix=EMPTY_ANSWERS_FIX), pack.bank))


class _NotANumberError(ValueError):
    """NaN, Infinity or -Infinity in a JSON document: Python reads them, JSON has none."""


def _not_a_number(word: str) -> float:
    raise _NotANumberError(word)


def _parse_result(data: object, path: Path) -> Result:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            f'{path}: not an advisor result (expected a JSON object with "format": "{FORMAT}"); '
            "give an answers file or the output of --format json"
        )
    try:
        result = Result.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise InputError(
            f"{path}: not an advisor result: {dotted(tuple(first['loc']))}: {first['msg']}"
        ) from None
    for where, name in _identifiers(result):
        if not _IDENTIFIER.match(name):
            raise InputError(f"{path}: not an advisor result: {where}: {name!r} is not an id")
    return result


_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_.-]*$")


def _identifiers(result: Result) -> list[tuple[str, str]]:
    """Every id a diff shows as it is (in code spans and tables), to be checked before use."""
    rec = result.recommendation
    names = [("recommendation", name) for name in (rec.strategy, rec.platform) if name is not None]
    names += [("scores", name) for name in (*result.scores, *result.platform_scores)]
    for rule in result.fired:
        names += [("fired", rule.id), *(("fired", target) for target in (*rule.effects, *rule.excludes))]
    names += [("answers", line.fact) for line in result.answers]
    return names


def compare(old: Result, new: Result, old_source: str, new_source: str, pack: RulePack | None = None) -> Diff:
    """What changed between two results, and what moved the recommendation: the answers, the
    rule pack, or both. `pack` is the pack in use now: when one side was computed with it, the
    other side's answers are evaluated with it too, to tell the two causes apart."""
    old_side, new_side = _side(old, old_source), _side(new, new_source)
    answers_moved = given_facts(old) != given_facts(new)
    pack_moved = old.rule_pack.sha256 != new.rule_pack.sha256
    before, after = old.decision(), new.decision()
    pack_alone = answers_alone = None
    if before.key()[:3] != after.key()[:3] and answers_moved and pack_moved and pack is not None:
        if new.rule_pack.sha256 == pack.sha256:
            pack_alone = _decide_again(old, pack)
        if old.rule_pack.sha256 == pack.sha256:
            answers_alone = _decide_again(new, pack)
    found = attribute(
        _choice(before),
        _choice(after),
        answers_moved=answers_moved,
        pack_moved=pack_moved,
        answers_alone=_choice(answers_alone),
        pack_alone=_choice(pack_alone),
    )
    return Diff(
        old=old_side,
        new=new_side,
        recommendation_changed=(old_side.strategy, old_side.platform)
        != (new_side.strategy, new_side.platform),
        confidence_change=round(new_side.confidence - old_side.confidence, 2),
        platform_confidence_change=round(new_side.platform_confidence - old_side.platform_confidence, 2)
        if new_side.platform_confidence is not None and old_side.platform_confidence is not None
        else None,
        status_changed=old_side.status != new_side.status,
        facts=_fact_changes(old, new),
        started_firing=_rules_only_in(new, old),
        stopped_firing=_rules_only_in(old, new),
        reweighted=_reweighted(old, new),
        estimates_compared=bool(old.estimates and new.estimates),
        estimate_changes=_estimate_changes(old, new),
        answers_changed=answers_moved,
        pack_changed=pack_moved,
        changed_by=found.causes,
        separated=found.separated,
    )


@overload
def _choice(decision: Decision) -> Decision: ...
@overload
def _choice(decision: None) -> None: ...
def _choice(decision: Decision | None) -> Decision | None:
    """The decision as a diff compares it: strategy, platform and status (not the product)."""
    return decision.model_copy(update={"product": None, "product_status": None}) if decision else None


def given_facts(result: Result) -> dict[str, PlainValue]:
    """The facts a result was computed from: each value given, or `unknown`."""
    return {
        line.fact: line.value if line.status == "answered" else "unknown"
        for line in result.answers
        if line.status in ("answered", "unknown") and line.value is not None
    }


def _decide_again(result: Result, pack: RulePack) -> Decision | None:
    """The decision `pack` makes on the facts of `result`; None when they do not read under it."""
    sections: dict[str, dict[str, PlainValue]] = {}
    for fact, value in given_facts(result).items():
        section, _, name = fact.partition(".")
        sections.setdefault(section, {})[name] = value
    data = json.dumps({"format": FORMAT, "answers": sections})
    try:
        return decide(pack, parse_answers(parse_yaml(data, "<result>"), pack.bank))
    except InputError:
        return None


ESTIMATES = ("people_fte", "weeks_to_production", "monthly_cost_usd", "yearly_total_usd")


def _estimate_changes(old: Result, new: Result) -> list[EstimateChange]:
    """Every estimate that moved, option by option as the new side lists them. A strategy
    estimated on the same platform on both sides is left to that platform's rows."""
    changes = []
    for option, after in new.estimates.items():
        before = old.estimates.get(option)
        if before is None or (after.platform is not None and after.platform == before.platform):
            continue
        for measure in ESTIMATES:
            was, now = getattr(before, measure), getattr(after, measure)
            if was != now:
                changes.append(EstimateChange(option=option, measure=measure, before=was, after=now))
    return changes


def _side(result: Result, source: str) -> Side:
    rec = result.recommendation
    packs = [(p.name, p.version, p.sha256) for p in result.rule_packs] or [
        (result.rule_pack.name, result.rule_pack.version, result.rule_pack.sha256)
    ]
    return Side(
        source=source,
        name=result.project.get("name"),
        date=result.project.get("date"),
        strategy=rec.strategy,
        platform=rec.platform,
        confidence=rec.confidence,
        confidence_label=rec.confidence_label,
        scores=result.strategy_scores() or result.scores,
        rule_packs=[f"{name} {version} ({sha256[:12]})" for name, version, sha256 in packs],
        platform_scores=result.platform_scores,
        excluded=sorted({exclusion.option for exclusion in result.excluded}),
        names={option.id: option.name for option in result.options},
        platform_confidence=rec.platform_confidence,
        status=rec.status,
    )


def _fact_changes(old: Result, new: Result) -> list[AnswerChange]:
    before = {line.fact: line for line in old.answers}
    after = {line.fact: line for line in new.answers}
    changes = []
    for fact in [*before, *(fact for fact in after if fact not in before)]:
        old_line, new_line = before.get(fact), after.get(fact)
        old_state = (old_line.value, old_line.status) if old_line else (None, "not-in-pack")
        new_state = (new_line.value, new_line.status) if new_line else (None, "not-in-pack")
        if old_state != new_state:
            changes.append(
                AnswerChange(
                    fact=fact,
                    before=old_state[0],
                    after=new_state[0],
                    before_status=old_state[1],
                    after_status=new_state[1],
                )
            )
    return changes


def _rules_only_in(result: Result, other: Result) -> list[RuleChange]:
    elsewhere = {rule.id for rule in other.fired}
    return [_rule_change(rule) for rule in result.fired if rule.id not in elsewhere]


def _reweighted(old: Result, new: Result) -> list[RuleChange]:
    """Rules firing on both sides whose effects differ: the rule pack changed, not the answers."""
    before = {rule.id: rule for rule in old.fired}
    return [
        _rule_change(rule)
        for rule in new.fired
        if rule.id in before
        and (before[rule.id].effects, before[rule.id].excludes) != (rule.effects, rule.excludes)
    ]


def _rule_change(rule: FiredRule) -> RuleChange:
    return RuleChange(id=rule.id, because=rule.because, effects=rule.effects, excludes=rule.excludes)
