"""Counterfactuals: the smallest set of changed answers that makes each other strategy win."""

from __future__ import annotations

import random
import re
import shutil
import time
from itertools import combinations, product
from pathlib import Path

import pytest

from advisor.analysis.counterfactuals import MAX_COUNTERFACTUAL_WORK, counterfactuals
from advisor.analysis.open_facts import open_facts
from advisor.analysis.sensitivity import alternatives
from advisor.answers import load_answers
from advisor.checks.cases import load_test_cases
from advisor.engine.baseline import Baseline
from advisor.engine.score import recommend, score
from advisor.facts import UNKNOWN, FactValue, Unknown
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from tests.analysis import counterfactuals_reference as reference
from tests.conftest import DATA, ROOT

FIXTURE = load_rule_pack(DATA / "analysis-pack")
DEFAULT = load_rule_pack(default_rules_dir())
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def fixture(name: str) -> dict[str, FactValue]:
    return load_answers(DATA / f"analysis-{name}.yaml", FIXTURE.bank).facts


def _steps(pack: RulePack, facts: dict[str, FactValue], fact: str, value: object) -> int:
    baseline = Baseline(pack, facts)
    plain = tuple(value) if isinstance(value, list) else value
    return next(a.change.steps for a in alternatives(baseline, fact) if a.change.value == plain)


def test_counterfactuals_find_the_smallest_set_of_changes_per_losing_strategy() -> None:
    found = counterfactuals(Baseline(FIXTURE, fixture("full")), {})
    assert [(c.strategy, [(ch.fact, ch.was, ch.value) for ch in c.changes]) for c in found] == [
        ("paas", [("team.ops_engineers", 3, 0)]),
        # windows alone leaves golden images at 14 against 19; fewer components close the gap
        ("golden-image", [("app.components", 8, 4), ("app.windows", False, True)]),
    ]


def test_counterfactuals_may_answer_open_facts() -> None:
    found = counterfactuals(
        Baseline(FIXTURE, fixture("paas-open")), open_facts(FIXTURE, fixture("paas-open"))
    )
    golden = next(c for c in found if c.strategy == "golden-image")
    assert [(ch.fact, ch.was, ch.value) for ch in golden.changes] == [
        ("hosting.paas_allowed", "unknown", False)
    ]


def test_counterfactual_says_so_when_no_three_changes_are_enough() -> None:
    pack = load_rule_pack(DATA / "budget-pack")
    facts: dict[str, FactValue] = {"x.a": False, "x.b": False, "x.c": False, "x.d": False}
    (golden,) = counterfactuals(Baseline(pack, facts), {})
    assert golden.strategy == "golden-image" and not golden.found and golden.changes == []
    assert "up to 3 answers" in golden.explanation


def _brute_force(pack: RulePack, facts: dict[str, FactValue], strategy: str, budget: int) -> tuple[int, int]:
    """(number of facts, total steps) of the cheapest winning change set, with no pruning."""
    baseline = Baseline(pack, facts)
    options = {fact: alternatives(baseline, fact) for fact in baseline.index.domains if fact in facts}
    for size in range(1, budget + 1):
        costs = [
            sum(a.change.steps for a in combo)
            for chosen in combinations(options, size)
            for combo in product(*(options[f] for f in chosen))
            if recommend(pack, score(pack, {**facts, **{a.fact: a.change.value for a in combo}}))[0]
            == strategy
        ]
        if costs:
            return size, min(costs)
    return 0, 0


@pytest.mark.parametrize("name", ["full", "ops-unknown"])
def test_pruned_counterfactual_search_finds_what_brute_force_finds(name: str) -> None:
    facts = {k: v for k, v in fixture(name).items() if not isinstance(v, Unknown)}
    _agrees_with_brute_force(FIXTURE, facts)


def test_pruned_counterfactual_search_finds_what_brute_force_finds_on_the_default_pack() -> None:
    facts = load_answers(ROOT / "examples" / "checkout-platform.yaml", DEFAULT.bank).facts
    assert not open_facts(DEFAULT, facts)
    _agrees_with_brute_force(DEFAULT, facts)


def _agrees_with_brute_force(pack: RulePack, facts: dict[str, FactValue]) -> None:
    for found in counterfactuals(Baseline(pack, facts), {}):
        size, steps = _brute_force(pack, facts, found.strategy, 3)
        assert len(found.changes) == size
        if found.found:
            assert sum(_steps(pack, facts, ch.fact, ch.value) for ch in found.changes) == steps


def wide_pack(folder: Path, facts: int) -> tuple[RulePack, dict[str, FactValue]]:
    """A pack whose every rule reads two facts: the optimistic bound lets almost every set of
    three facts through, and almost none works, so the search would look at millions."""
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: wide\nversion: '1'\nknowledge_as_of: 2026-11-27\n")
    (folder / "options.yaml").write_text(
        "strategies:\n"
        "  - {id: paas, name: PaaS, summary: p, base: 20}\n"
        "  - {id: containers, name: Containers, summary: c, base: 12}\n"
        "  - {id: golden-image, name: Golden images, summary: g, base: 12}\n"
    )
    questions = [
        f"      - {{id: f{n}, type: int, min: 0, max: 100, prompt: 'F{n}?', help: h}}" for n in range(facts)
    ]
    (folder / "questions.yaml").write_text(
        "sections:\n  - id: x\n    title: X\n    questions:\n" + "\n".join(questions)
    )
    rules = []
    for n in range(facts):
        after = (n + 1) % facts
        rules.append(
            f"  - {{id: c{n}, when: [x.f{n} >= 50, x.f{after} >= 50], effects: {{containers: 3}}, "
            "because: b}"
        )
        rules.append(
            f"  - {{id: g{n}, when: [x.f{n} >= 20, x.f{n} < 30, x.f{after} >= 70], "
            "effects: {golden-image: 3}, because: b}"
        )
    (folder / "rules.yaml").write_text("rules:\n" + "\n".join(rules) + "\n")
    return load_rule_pack(folder), {f"x.f{n}": 0 for n in range(facts)}


def test_the_search_on_a_pack_with_many_facts_is_bounded_and_says_so(tmp_path: Path) -> None:
    pack, facts = wide_pack(tmp_path / "wide", 120)
    start = time.perf_counter()
    first = counterfactuals(Baseline(pack, facts), {})
    seconds = time.perf_counter() - start
    assert [(c.strategy, c.found, c.complete) for c in first] == [
        ("containers", False, False),
        ("golden-image", False, False),
    ]
    assert f"stopped at its bound ({MAX_COUNTERFACTUAL_WORK:,} steps" in first[0].explanation
    assert counterfactuals(Baseline(pack, facts), {}) == first  # a count, not a clock: the same every time
    assert seconds < 20  # unbounded, 100 such facts took over a minute


def test_an_ordinary_search_is_complete_and_its_json_has_no_complete_key() -> None:
    facts = load_answers(EXAMPLES[0], DEFAULT.bank).facts
    found = counterfactuals(Baseline(DEFAULT, facts), {})
    assert all(item.complete for item in found)
    assert all("complete" not in item.model_dump(mode="json") for item in found)


# --- the same results as the search it replaced ---------------------------------------------


def random_profile(pack: RulePack, rng: random.Random) -> dict[str, FactValue]:
    """Any valid facts, some unknown and some unanswered, with the values the pack's
    thresholds tell apart made likely."""
    facts: dict[str, FactValue] = {}
    domains = Baseline(pack, {}).index.domains
    for fact, question in pack.bank.facts.items():
        draw = rng.random()
        if draw < 0.08:
            continue
        if draw < 0.16:
            facts[fact] = UNKNOWN
            continue
        domain = domains.get(fact)
        if domain is not None and rng.random() < 0.7:
            value = rng.choice(domain.possible_values())
            facts[fact] = value
        elif question.type == "int":
            low = question.min or 0
            facts[fact] = rng.randint(low, question.max if question.max is not None else low + 60)
        elif question.type == "bool":
            facts[fact] = rng.random() < 0.5
        elif question.type == "choice":
            facts[fact] = rng.choice(sorted(question.choices))
        else:
            names = sorted({*question.choices, "python", "go", "rust"})
            facts[fact] = tuple(rng.sample(names, rng.randint(0, 4)))
    return facts


def _same_as_reference(pack: RulePack, profiles: list[dict[str, FactValue]]) -> int:
    """Both searches on every profile; returns how many found something of three facts. The
    reference, which looks at every combination, gets ten times the steps, so that it finishes
    wherever the search finishes (on an on-premises Windows monolith it needed more than
    100,000 once the bank had 39 questions)."""
    large = 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reference, "MAX_COUNTERFACTUAL_WORK", 10 * reference.MAX_COUNTERFACTUAL_WORK)
        for facts in profiles:
            status = open_facts(pack, facts)
            found = counterfactuals(Baseline(pack, facts), status)
            assert found == reference.counterfactuals(Baseline(pack, facts), status), facts
            large += any(len(item.changes) == 3 for item in found)
    return large


def test_the_search_finds_what_the_search_it_replaced_found_on_the_examples_and_test_cases() -> None:
    examples = [load_answers(path, DEFAULT.bank).facts for path in EXAMPLES]
    cases = [case.facts for case in load_test_cases(DEFAULT)]
    assert _same_as_reference(DEFAULT, examples + cases) > 10


@pytest.mark.parametrize("seed", range(4))
def test_the_search_finds_what_the_search_it_replaced_found_on_random_profiles(seed: int) -> None:
    rng = random.Random(20261127 + seed)
    assert _same_as_reference(DEFAULT, [random_profile(DEFAULT, rng) for _ in range(60)]) > 0


def test_where_scores_do_not_add_up_exactly_the_search_finds_a_change_at_least_as_small(
    tmp_path: Path,
) -> None:
    """Scores of tenths round in floating point. There sets are scored as the engine adds them,
    and bounds prune only by a margin, so rounding never hides a change; the search it replaced
    compared rounded bounds exactly and could miss one. Every change found must make its
    strategy win, and be no larger than what the old search found."""
    folder = tmp_path / "tenths"
    shutil.copytree(default_rules_dir(), folder, ignore=shutil.ignore_patterns("tests"))
    for path in folder.glob("*.yaml"):
        text = path.read_text()
        text = re.sub(
            r"(effects: \{[^}]*\})", lambda m: re.sub(r"(-?\d+)(?=[,}])", r"\1.1", m.group(1)), text
        )
        path.write_text(text)
    pack = load_rule_pack(folder)
    assert not Baseline(pack, {}).index.exact
    rng = random.Random(7)
    for facts in [random_profile(pack, rng) for _ in range(40)]:
        status = open_facts(pack, facts)
        new = counterfactuals(Baseline(pack, facts), status)
        old = reference.counterfactuals(Baseline(pack, facts), status)
        for found, was in zip(new, old, strict=True):
            if was.found:
                assert found.found and len(found.changes) <= len(was.changes)
            if found.found:  # as the engine re-scores a change (a full scoring may round otherwise)
                changes = {c.fact: _value(c.value) for c in found.changes}
                assert Baseline(pack, facts).choice_with(changes)[0] == found.strategy


def _value(value: object) -> FactValue:
    return tuple(value) if isinstance(value, list) else value  # type: ignore[return-value]
