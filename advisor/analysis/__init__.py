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

from advisor.analysis.confidence import Confidences, confidences, decision_status
from advisor.analysis.counterfactuals import counterfactuals
from advisor.analysis.drivers import decision_drivers
from advisor.analysis.open_facts import value_of_information
from advisor.analysis.sensitivity import sensitivity
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform
from advisor.pack.model import Rule
from advisor.result import Counterfactual, OpenFact, Sensitivity, Status


@dataclass(frozen=True)
class Analysis:
    confidence: Confidences
    status: Status
    sensitivity: list[Sensitivity]
    counterfactuals: list[Counterfactual]
    value_of_information: list[OpenFact]
    drivers: list[Rule]


def analyse(baseline: Baseline, status: Mapping[str, str]) -> Analysis:
    """Every analysis of one profile; `status` maps each open fact to "unknown" or "unanswered"."""
    scoring = baseline.scoring
    platform = best_platform(baseline.pack, scoring.totals, scoring.excluded)
    found = confidences(baseline, platform, status)
    return Analysis(
        confidence=found,
        status=decision_status(baseline.pack, scoring, found),
        sensitivity=sensitivity(baseline),
        counterfactuals=counterfactuals(baseline, status),
        value_of_information=value_of_information(baseline, status),
        drivers=decision_drivers(baseline.pack, scoring),
    )
