"""The unanswered questions that could still change the decision, in the order to ask them.

`advisor assess --quick` asks the first, re-evaluates, and stops when none is left;
`advisor questions --next` lists them; a report calls every other unanswered question
skipped, because no answer to it could change the decision. Which questions could change it
comes from `advisor.analysis.pivots` (sound for all the remaining answers together); the
order is the value of information of `advisor.analysis.open_facts`, the one the report's
"question to settle first" uses: a question whose answer alone changes the recommendation
first, then the one with more different outcomes, ties in interview order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.analysis.confidence import Components, Guarantees, confidences, decision_status
from advisor.analysis.open_facts import open_facts, value_of_information
from advisor.analysis.pivots import pivotal_facts
from advisor.engine.baseline import Baseline
from advisor.engine.score import Choice, best_platform
from advisor.facts import FactValue
from advisor.pack.model import RulePack
from advisor.result import ChoiceRef, NextQuestion, OpenFact, Status
from advisor.words import could_change


def next_questions(
    baseline: Baseline,
    status: Mapping[str, str],
    decision: Status,
    information: list[OpenFact] | None = None,
    guarantees: Guarantees | None = None,
    reuse: Components | None = None,
    pivots: Mapping[str, frozenset[str]] | None = None,
) -> list[NextQuestion]:
    """The unanswered facts that could change the decision, most valuable first.

    `status` maps each open fact, in interview order, to "unknown" or "unanswered";
    `decision` is the recommendation's status. `information` is the value of information of
    (at least) those facts, as `value_of_information` orders it, computed when not given;
    `guarantees`, the confidence's search over the open facts, when made already; `reuse`,
    components kept from earlier profiles of an interview (`Guarantees`); `pivots`, this
    profile's `pivotal_facts` when found already.
    """
    pack = baseline.pack
    decided = decision != "undecided"
    if pivots is None:
        pivots = pivotal_facts(baseline, status, decided, guarantees, reuse)
    if information is None:
        information = value_of_information(baseline, {fact: status[fact] for fact in pivots})
    found = []
    for item in information:
        if item.fact not in pivots:
            continue
        outcomes: list[Choice] = list(dict.fromkeys((o.strategy, o.platform) for o in item.outcomes))
        if decided:
            rivals: list[Choice] = [
                (pack.strategy_of[r], pack.named_platform(r))
                for r in pack.platform_order
                if r in pivots[item.fact]
            ]
            leads = [c for c in dict.fromkeys(outcomes + rivals) if c != baseline.choice]
        else:
            leads = outcomes if len(outcomes) > 1 else []
        found.append(
            NextQuestion(
                fact=item.fact,
                alone=item.decisive,
                could_lead_to=[ChoiceRef(strategy=s, platform=p) for s, p in _in_pack_order(pack, leads)],
            )
        )
    return found


def _in_pack_order(pack: RulePack, choices: list[Choice]) -> list[Choice]:
    order = {platform: index for index, platform in enumerate(pack.platform_order)}

    def place(choice: Choice) -> int:
        strategy, platform = choice
        if strategy is None:
            return len(order)
        return order[platform or pack.carriers[strategy][0]]

    return sorted(choices, key=place)


@dataclass(frozen=True)
class Outlook:
    """One step of a quick interview: where the decision stands and what to ask next."""

    choice: Choice
    status: Status
    questions: list[NextQuestion]
    skipped: list[str]
    """Unanswered facts no answer to which could change the decision."""


def outlook(pack: RulePack, facts: Mapping[str, FactValue], reuse: Components | None = None) -> Outlook:
    """The decision on these answers and the questions that could still change it, without
    the rest of a full evaluation (the counterfactual search, the explanations). `reuse`:
    components kept from the interview's earlier steps, and filled for its next ones."""
    baseline = Baseline(pack, facts)
    status = open_facts(pack, facts)
    scoring = baseline.scoring
    guarantees = Guarantees(baseline, status, reuse=reuse)
    best = best_platform(pack, scoring.totals, scoring.excluded)
    decision = decision_status(pack, scoring, confidences(baseline, best, status, guarantees=guarantees))
    questions = next_questions(baseline, status, decision, guarantees=guarantees, reuse=reuse)
    asked = {item.fact for item in questions}
    skipped = [fact for fact, state in status.items() if state == "unanswered" and fact not in asked]
    return Outlook(baseline.choice, decision, questions, skipped)


def choice_name(pack: RulePack, choice: Choice) -> str:
    """A recommendation by name, as reports read it: the platform when one is named, else the
    strategy (`Amazon ECS`, `Platform as a service`); `no option` when all are excluded."""
    strategy, platform = choice
    if strategy is None:
        return "no option"
    return pack.option(platform or strategy).name


def why_asked(pack: RulePack, view: Outlook, item: NextQuestion) -> str:
    """Why the question is asked now, by name: `could change: Amazon ECS -> Platform as a service`."""
    current = choice_name(pack, view.choice) if view.status != "undecided" else None
    leads = [choice_name(pack, (c.strategy, c.platform)) for c in item.could_lead_to]
    return could_change(current, leads, alone=item.alone)
