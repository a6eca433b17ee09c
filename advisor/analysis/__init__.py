"""What the scores mean: how sure the recommendation is, and what would change it.

`analyse` runs every analysis over one incremental `Baseline`: the confidence
(`confidence`), the single changes that flip the recommendation (`sensitivity`), the
smallest sets of changes that make each other strategy win (`counterfactuals`) and what
each open question could decide (`open_facts`). Decision drivers (`drivers`) read the
assembled result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.analysis.confidence import confidence_breakdown
from advisor.analysis.counterfactuals import counterfactuals
from advisor.analysis.open_facts import value_of_information
from advisor.analysis.sensitivity import sensitivity
from advisor.engine.baseline import Baseline
from advisor.result import ConfidenceLine, Counterfactual, OpenFact, Sensitivity


@dataclass(frozen=True)
class Analysis:
    confidence: list[ConfidenceLine]
    sensitivity: list[Sensitivity]
    counterfactuals: list[Counterfactual]
    value_of_information: list[OpenFact]


def analyse(baseline: Baseline, strategy: str | None, status: Mapping[str, str]) -> Analysis:
    """Every analysis of one profile; `status` maps each open fact to "unknown" or "unanswered"."""
    return Analysis(
        confidence=confidence_breakdown(baseline, strategy, status),
        sensitivity=sensitivity(baseline),
        counterfactuals=counterfactuals(baseline, status),
        value_of_information=value_of_information(baseline, status),
    )
