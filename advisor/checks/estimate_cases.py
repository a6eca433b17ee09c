"""The estimates a rule-pack test case pins (`estimates:` in `tests/*.yaml`), checked like
the rest of a case and compared with what the pack now computes.

    estimates:
      managed-kubernetes: {people_fte: [0.8, 1.9], weeks_to_production: [17, 32]}
      golden-image: {monthly_cost_usd: null}     # null: the pack does not estimate it

Ranges are compared as the result gives them (rounded); a measure left out is not checked.
A mismatch is explained by the terms behind the number and the open facts that widen it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from advisor.analysis.estimates import estimate
from advisor.analysis.open_facts import open_facts
from advisor.engine.score import Scoring
from advisor.errors import Problem, did_you_mean
from advisor.facts import FactValue
from advisor.pack.model import RulePack
from advisor.source.document import Document, KeyPath, dotted

Span = tuple[float, float]
MEASURES = ("people_fte", "weeks_to_production", "monthly_cost_usd", "yearly_total_usd")
Pinned = tuple[str, str, Span | None]
"""(option, measure, the range expected, or None for "not estimated")."""


class EstimateExpectation(BaseModel):
    """The estimates a case pins for one option; a measure left out is not checked."""

    model_config = ConfigDict(extra="forbid")

    people_fte: Span | None = None
    weeks_to_production: Span | None = None
    monthly_cost_usd: Span | None = None
    yearly_total_usd: Span | None = None


def pinned(expectations: Mapping[str, EstimateExpectation]) -> tuple[Pinned, ...]:
    """Every measure a case states, in the order written."""
    return tuple(
        (option, measure, getattr(expected, measure))
        for option, expected in expectations.items()
        for measure in MEASURES
        if measure in expected.model_fields_set
    )


def expectation_problems(
    pack: RulePack, doc: Document, path: KeyPath, expectations: Mapping[str, EstimateExpectation]
) -> list[Problem]:
    """Unknown options (with a did-you-mean), a pack without estimate data, ranges written
    high end first; located at the case's `estimates:`."""
    problems = []
    options = [o.id for o in (*pack.strategies, *pack.platforms)]
    for option, expected in expectations.items():
        where: KeyPath = (*path, "estimates", option)
        if option not in options:
            problems.append(
                doc.problem(
                    where,
                    f"{dotted(where)}: unknown option '{option}'{did_you_mean(option, options)}; "
                    "use a strategy or platform id",
                    key=True,
                )
            )
        elif not pack.estimates.terms:
            at = (*path, "estimates")
            problems.append(
                doc.problem(at, f"{dotted(at)}: this rule pack has no estimate data (estimates.yaml)")
            )
        for measure, span in expected:
            if span is not None and span[0] > span[1]:
                at = (*where, measure)
                problems.append(doc.problem(at, f"{dotted(at)}: write the low end of the range first"))
    return problems


def mismatches(
    pack: RulePack, facts: Mapping[str, FactValue], expected: tuple[Pinned, ...], scoring: Scoring
) -> list[tuple[str, tuple[str, ...]]]:
    """Each pinned estimate that differs: a message, and the lines that explain it."""
    found, basis = estimate(pack, facts, open_facts(pack, facts), scoring)
    failures = []
    for option, measure, wanted in expected:
        result = found[option]
        actual = getattr(result, measure)
        if _same(actual, wanted):
            continue
        details = [
            f"  {term_id}: +{_range(basis.adds[term_id][measure])}"
            + (f" (if {', '.join(basis.waiting[term_id])})" if term_id in basis.waiting else "")
            for term_id in result.assumptions
            if measure in basis.adds.get(term_id, {})
        ]
        if result.open.get(measure):
            details.append("open: " + ", ".join(result.open[measure]))
        if measure == "monthly_cost_usd" and result.unpriced:
            details.append(result.unpriced)
        on = f" (on {result.platform})" if result.platform else ""
        failures.append(
            (
                f"estimates.{option}{on}.{measure}: expected {_range(wanted)}, got {_range(actual)}",
                tuple(details),
            )
        )
    return failures


def _same(actual: tuple[float, float] | None, expected: Span | None) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return all(abs(a - e) < 1e-9 for a, e in zip(actual, expected, strict=True))


def _range(span: tuple[float, float] | None) -> str:
    if span is None:
        return "null (not estimated)"
    return "[" + ", ".join(str(int(v)) if float(v).is_integer() else f"{v:g}" for v in span) + "]"
