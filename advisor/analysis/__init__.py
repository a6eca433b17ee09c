"""What the scores mean: how sure the recommendation is, and what would change it.

`analyse` runs every analysis over one incremental `Baseline`: the confidence
(`confidence`), the single changes that flip the recommendation (`sensitivity`), the
smallest sets of changes that make each other strategy win (`counterfactuals`), what
each open question could decide (`open_facts`) and which unanswered questions could still
change the decision, in the order to ask them (`next_questions`, over `pivots`). Decision
drivers (`drivers`) read the assembled result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.analysis.confidence import Confidences, Guarantees, confidences, decision_status
from advisor.analysis.counterfactuals import counterfactuals
from advisor.analysis.drivers import decision_drivers
from advisor.analysis.next_questions import next_questions
from advisor.analysis.open_facts import value_of_information
from advisor.analysis.pivots import pivotal_facts
from advisor.analysis.sensitivity import sensitivity
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform
from advisor.pack.model import Rule
from advisor.result import Counterfactual, NextQuestion, OpenFact, Sensitivity, Status


@dataclass(frozen=True)
class Analysis:
    confidence: Confidences
    status: Status
    sensitivity: list[Sensitivity]
    counterfactuals: list[Counterfactual]
    value_of_information: list[OpenFact]
    next_questions: list[NextQuestion]
    drivers: list[Rule]


def analyse(baseline: Baseline, status: Mapping[str, str]) -> Analysis:
    """Every analysis of one profile; `status` maps each open fact to "unknown" or "unanswered"."""
    scoring = baseline.scoring
    platform = best_platform(baseline.pack, scoring.totals, scoring.excluded)
    guarantees = Guarantees(baseline, status)
    found = confidences(baseline, platform, status, guarantees=guarantees)
    decision = decision_status(baseline.pack, scoring, found)
    pivots = pivotal_facts(baseline, status, decision != "undecided", guarantees)
    information = value_of_information(baseline, status, pivotal=pivots)
    return Analysis(
        confidence=found,
        status=decision,
        sensitivity=sensitivity(baseline),
        counterfactuals=counterfactuals(baseline, status),
        value_of_information=information,
        next_questions=next_questions(baseline, status, decision, information, guarantees, pivots=pivots),
        drivers=decision_drivers(baseline.pack, scoring),
    )
