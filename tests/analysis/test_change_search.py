"""The counterfactual search's engine: exact scoring of changes made together, its bounds and
its count of work."""

from __future__ import annotations

import random

from advisor.analysis.change_search import Outcome, _Groups, _Search, _suffix_sums, search
from advisor.analysis.counterfactuals import MAX_COUNTERFACTUAL_FACTS, MAX_COUNTERFACTUAL_WORK
from advisor.analysis.open_facts import open_facts
from advisor.analysis.sensitivity import alternatives
from advisor.answers import load_answers
from advisor.checks.cases import load_test_cases
from advisor.engine.baseline import Baseline
from advisor.facts import FactValue, Unknown
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.conftest import DATA, EXAMPLES

DEFAULT = load_rule_pack(default_rules_dir())
FIXTURE = load_rule_pack(DATA / "analysis-pack")


def _run(
    pack: RulePack, facts: dict[str, FactValue], limit: int = MAX_COUNTERFACTUAL_WORK
) -> tuple[int, Outcome]:
    """The search as `counterfactuals` runs it; returns the steps it took and what it found."""
    baseline = Baseline(pack, facts)
    status = open_facts(pack, facts)
    searched = [
        fact
        for fact in baseline.index.domains
        if fact in status or (fact in facts and not isinstance(facts[fact], Unknown))
    ]
    options = {fact: alternatives(baseline, fact) for fact in searched}
    wanted = [o.id for o in pack.strategies if o.id != baseline.choice[0]]
    found = _Search(baseline, searched, options, limit)
    outcome = found.run(wanted, MAX_COUNTERFACTUAL_FACTS)
    return limit - found.work.left, outcome


def test_the_default_packs_examples_and_test_cases_stay_far_from_the_bound() -> None:
    profiles = [load_answers(path, DEFAULT.bank).facts for path in EXAMPLES]
    profiles += [case.facts for case in load_test_cases(DEFAULT)]
    steps = [_run(DEFAULT, facts)[0] for facts in profiles]
    # A tenth of the bound: the heaviest case took 5,351 steps on pack 2026.11.11 (a web and
    # batch workload on AWS, where many rules read the provider and the workload together).
    assert max(steps) < MAX_COUNTERFACTUAL_WORK // 10, max(steps)


def test_the_count_of_work_is_the_same_every_time_and_a_smaller_bound_stops_early() -> None:
    facts = load_answers(EXAMPLES[1], DEFAULT.bank).facts
    steps, first = _run(DEFAULT, facts)
    assert (steps, first) == _run(DEFAULT, facts)
    short_steps, stopped = _run(DEFAULT, facts, limit=steps // 2)
    assert stopped.stopped_at is not None and short_steps > steps // 2


def test_changes_made_together_are_scored_with_the_rules_they_share_run_again() -> None:
    """`ops-for-many` reads both facts: it fires only when both change, which neither single
    change shows; the combination is scored as a full scoring would score it."""
    facts = load_answers(DATA / "analysis-full.yaml", FIXTURE.bank).facts
    baseline = Baseline(FIXTURE, facts)
    options = {fact: alternatives(baseline, fact) for fact in ("team.ops_engineers", "app.components")}
    outcome = search(baseline, list(options), options, ["paas", "containers", "golden-image"], 2, 1000)
    for found in outcome.found.values():
        changes = {a.fact: a.change.value for a in found.combo}
        assert baseline.choice_with(changes) == found.choice


def test_suffix_sums_are_the_largest_sums_of_what_is_left() -> None:
    rng = random.Random(3)
    gains = [rng.choice([-2.0, 0.0, 1.0, 3.0, 5.0]) for _ in range(12)]
    table = _suffix_sums(gains, 3)
    for k in range(4):
        for at in range(len(gains) + 1):
            assert table[k][at] == sum(sorted(gains[at:], reverse=True)[:k])


def test_rules_that_never_fire_together_add_at_most_their_best_swap() -> None:
    """Rule 0 fires now and, stopping, costs p 3 against q; rule 1 or rule 2 could start
    instead (+5, +2): at most one fires afterwards, so the most they add is 5 - 3 = 2, where
    the help of each alone (0 + 5 + 2) would be 7. A rule alone in its group adds its help."""
    moves = {0: -3.0, 1: 5.0, 2: 2.0, 3: 1.5, 4: -1.0}  # what flipping each adds to p's lead over q
    assert _Groups((), ((0, (1, 2)),)).most(moves) == 2.0
    assert _Groups((), ((None, (1, 2)),)).most(moves) == 5.0  # none fires now
    assert _Groups((), ((0, (4,)),)).most(moves) == 0.0  # nothing changing is best
    assert _Groups((3, 4), ()).most(moves) == 1.5
    assert _Groups((), ()).empty and not _Groups((3,), ()).empty
