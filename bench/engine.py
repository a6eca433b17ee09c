"""Engine speed: µs per evaluation of the default pack, against a floor and a peer engine.

Three scorers run the same conditions with the same effects on the same facts:
- `advisor.engine.score`, the engine's fast path (closures compiled at load);
- a generated straight-line Python function (bench/floor.py), the floor;
- the `rule-engine` package (bench/peer_rule_engine.py), a peer rule engine.
Before timing, all three are checked to agree. `advisor.engine.evaluate` (the whole result:
trace, confidence, answers table) is timed as well. Targets: at most 2.5x the floor, at
least 20x faster than rule-engine.

Run: python bench/engine.py  (needs the bench extra: pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _timing import Row, interleaved, print_rows, verdict

from advisor.answers import Answers, load_answers
from advisor.checks.cases import load_test_cases
from advisor.engine.score import score
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN, Facts
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.pack.questions import QuestionBank

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "checkout-platform.yaml"
FLOOR_TARGET = 2.5
PEER_TARGET = 20.0
EVALUATE_TARGET_MS = 3.0


def random_facts(bank: QuestionBank, rng: random.Random) -> Facts:
    """Any valid facts, with unknown and unanswered ones, to check that scorers agree."""
    facts: Facts = {}
    for fact, question in bank.facts.items():
        draw = rng.random()
        if draw < 0.1:
            continue
        if draw < 0.2:
            facts[fact] = UNKNOWN
        elif question.type == "int":
            low = question.min or 0
            facts[fact] = rng.randint(low, question.max if question.max is not None else low + 60)
        elif question.type == "bool":
            facts[fact] = rng.random() < 0.5
        elif question.type == "choice":
            facts[fact] = rng.choice(sorted(question.choices))
        else:
            names = sorted(question.choices) or ["python", "go"]
            facts[fact] = tuple(rng.sample(names, rng.randint(0, min(4, len(names)))))
    return facts


def fully_answered(pack: RulePack, answers: Answers) -> bool:
    return all(answers.facts.get(fact, UNKNOWN) is not UNKNOWN for rule in pack.rules for fact in rule.reads)


def check_agreement(
    pack: RulePack, examples: list[Answers], floor: Any, peer: Any, answered: Facts | None = None
) -> int:
    """The floor must equal the engine on every input; rule-engine on fully answered ones: the
    examples that answer every fact a rule reads, and `answered` (the timed facts, which do)."""
    rng = random.Random(20261127)
    cases = [a.facts for a in examples] + [random_facts(pack.bank, rng) for _ in range(500)]
    for facts in cases:
        expected = score(pack, facts)
        if floor(facts) != expected:
            raise SystemExit(f"floor disagrees with the engine on {facts}")
    checked = 0
    if peer is None:
        return checked
    from peer_rule_engine import flat_facts

    profiles = [(str(a.source), a.facts) for a in examples if fully_answered(pack, a)]
    if answered is not None:
        profiles.append(("the timed facts", answered))
    for name, facts in profiles:
        expected, got = score(pack, facts), peer(flat_facts(facts))
        if (got.totals, got.fired, got.excluded) != (expected.totals, expected.fired, expected.excluded):
            raise SystemExit(f"rule-engine disagrees with the engine on {name}")
        checked += 1
    return checked


def run(*, quick: bool = False) -> list[Row]:
    from floor import compile_floor

    pack = load_rule_pack(default_rules_dir())
    examples = [load_answers(path, pack.bank) for path in sorted((ROOT / "examples").glob("*.yaml"))]
    answers = load_answers(EXAMPLE, pack.bank)
    # Every fact a rule reads answered (a question asked only under a condition, left open by
    # the example, takes its default), so that rule-engine, which cannot read an absent
    # symbol, scores the same facts as the engine and the floor.
    facts = {
        **answers.facts,
        **{
            fact: pack.bank.facts[fact].default
            for rule in pack.rules
            for fact in rule.reads
            if fact not in answers.facts and pack.bank.facts[fact].default is not None
        },
    }
    floor = compile_floor(pack)
    try:
        from peer_rule_engine import compile_peer, flat_facts

        peer: Any = compile_peer(pack)
    except ImportError:
        peer = None
    agreed = check_agreement(pack, examples, floor, peer, facts)
    candidates: dict[str, Any] = {
        "engine": lambda: score(pack, facts),
        "floor": lambda: floor(facts),
    }
    if peer is not None:
        flat = flat_facts(facts)
        candidates["rule-engine"] = lambda: peer(flat)
    every = [a.facts for a in examples]
    candidates["engine, all examples"] = lambda: [score(pack, f) for f in every]
    candidates["floor, all examples"] = lambda: [floor(f) for f in every]
    rounds, seconds = (3, 0.02) if quick else (9, 0.05)
    times = interleaved(candidates, rounds=rounds, seconds=seconds)
    slow = interleaved({"evaluate": lambda: evaluate(pack, answers)}, rounds=rounds, seconds=seconds)
    us = {name: value * 1e6 for name, value in (times | slow).items()}
    n = len(examples)
    name = f"{EXAMPLE.name}, {len(pack.rules)} rules"
    floor_ratio = us["engine"] / us["floor"]
    floor_all = us["engine, all examples"] / us["floor, all examples"]
    per_example = {kind: us[f"{kind}, all examples"] / n for kind in ("engine", "floor")}
    rows = [
        Row("engine", f"score, {name}", f"{us['engine']:.1f} µs"),
        Row("engine", "generated-Python floor, same conditions", f"{us['floor']:.1f} µs"),
        Row(
            "engine",
            "score / floor",
            f"{floor_ratio:.2f}x",
            f"<= {FLOOR_TARGET}x",
            verdict(floor_ratio <= FLOOR_TARGET),
        ),
        Row(
            "engine",
            f"score / floor, {n} examples (with unknowns)",
            f"{floor_all:.2f}x ({per_example['engine']:.1f} vs {per_example['floor']:.1f} µs)",
            f"<= {FLOOR_TARGET}x",
            verdict(floor_all <= FLOOR_TARGET),
        ),
    ]
    if peer is not None:
        peer_ratio = us["rule-engine"] / us["engine"]
        rows += [
            Row(
                "engine",
                "rule-engine, same conditions (fully answered: "
                + ("the timed facts agree" if agreed == 1 else f"{agreed} profiles agree")
                + ")",
                f"{us['rule-engine']:.1f} µs",
            ),
            Row(
                "engine",
                "rule-engine / score",
                f"{peer_ratio:.1f}x",
                f">= {PEER_TARGET:g}x",
                verdict(peer_ratio >= PEER_TARGET),
            ),
        ]
    else:
        rows.append(Row("engine", "rule-engine", "skipped: pip install -e '.[bench]'"))
    rows.append(
        Row("engine", "evaluate (full result: trace, confidence, answers)", f"{us['evaluate']:.0f} µs")
    )
    cases = [Answers(facts=case.facts) for case in load_test_cases(pack)]
    median = evaluate_median(pack, [*examples, *cases], rounds=3 if quick else 7)
    rows.append(
        Row(
            "engine",
            f"evaluate, median over {n} examples and {len(cases)} pack test cases",
            f"{median * 1e3:.1f} ms",
            f"<= {EVALUATE_TARGET_MS:g} ms",
            verdict(median * 1e3 <= EVALUATE_TARGET_MS),
        )
    )
    return rows


def evaluate_median(pack: RulePack, profiles: list[Answers], *, rounds: int) -> float:
    """Seconds of the median profile's `evaluate`: each profile's best of `rounds`, every round
    going through every profile, so that a busy moment of the machine touches all alike."""
    best = [float("inf")] * len(profiles)
    for _ in range(rounds):
        for at, answers in enumerate(profiles):
            start = time.perf_counter()
            evaluate(pack, answers)
            best[at] = min(best[at], time.perf_counter() - start)
    return statistics.median(best)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    args = parser.parse_args(argv)
    rows = run(quick=args.quick)
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
