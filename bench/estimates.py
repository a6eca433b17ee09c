"""What computing every estimate adds to `evaluate`, side by side in one run.

    python bench/estimates.py [--quick]

For each example (as written, and sized: `scale.peak_instances`, `cost.engineer_year_usd` and
the v2 facts answered, so that every cost band is computed), four candidates take turns:
one `score` (the yardstick of bench/engine.py), the estimates alone
(`advisor.analysis.estimates.estimate`, all that `evaluate` adds for them), and `evaluate`
with the default pack and with the same pack stripped of its estimate data. Target: the
estimates add under 1 ms to `evaluate`. The direct measure decides: the difference of the two
`evaluate` times (in the table) is the difference of two numbers tens of times larger, and on
a shared machine it is mostly noise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from _timing import Row, interleaved, print_rows, verdict

from advisor.analysis.estimates import estimate
from advisor.analysis.open_facts import open_facts
from advisor.answers import Answers, apply_settings, load_answers
from advisor.engine.score import score
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.estimates import Estimates
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1.0
SIZED = [
    "scale.peak_instances=12",
    "cost.engineer_year_usd=150000",
    "app.accelerators=none",
    "hosting.multi_region=false",
    "stack.runtimes_supported=true",
]


def profiles(pack: RulePack) -> list[tuple[str, Answers]]:
    found = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        answers = load_answers(path, pack.bank)
        found.append((path.stem, answers))
        found.append((f"{path.stem} (sized)", apply_settings(answers, SIZED, pack.bank)))
    return found


def measure(pack: RulePack, answers: Answers, quick: bool) -> dict[str, float]:
    bare = replace(pack, estimates=Estimates())
    facts = answers.facts
    status, scoring = open_facts(pack, facts), score(pack, facts)
    return interleaved(
        {
            "score": lambda: score(pack, facts),
            "estimates": lambda: estimate(pack, facts, status, scoring),
            "evaluate": lambda: evaluate(pack, answers),
            "evaluate without estimates": lambda: evaluate(bare, answers),
        },
        rounds=3 if quick else 7,
        seconds=0.02 if quick else 0.1,
    )


def measure_all(quick: bool) -> list[tuple[str, dict[str, float]]]:
    pack = load_rule_pack(default_rules_dir())
    return [(name, measure(pack, answers, quick)) for name, answers in profiles(pack)]


def rows(results: list[tuple[str, dict[str, float]]]) -> list[Row]:
    pack = load_rule_pack(default_rules_dir())
    worst_name, worst = max(results, key=lambda item: item[1]["estimates"])
    estimates_ms = worst["estimates"] * 1e3
    per_score = sum(r["estimates"] / r["score"] for _, r in results) / len(results)
    share = sum(r["estimates"] / r["evaluate"] for _, r in results) / len(results)
    terms, prices = len(pack.estimates.terms), len(pack.estimates.prices)
    return [
        Row(
            "estimates",
            f"all estimates of one profile, worst example ({worst_name}); {terms} terms, {prices} prices",
            f"{estimates_ms:.2f} ms",
            f"< {TARGET_MS:g} ms",
            verdict(estimates_ms < TARGET_MS),
        ),
        Row("estimates", "the same / one score, mean over the examples", f"{per_score:.0f}x"),
        Row("estimates", "the same / evaluate (the whole result), mean over the examples", f"{share:.1%}"),
    ]


def run(quick: bool = False) -> list[Row]:
    return rows(measure_all(quick))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    args = parser.parse_args(argv)
    results = measure_all(args.quick)
    print(f"{'profile':<40} {'score':>9} {'estimates':>10} {'evaluate':>10} {'without':>10}")
    for name, r in results:
        print(
            f"{name:<40} {r['score'] * 1e6:7.1f}µs {r['estimates'] * 1e3:8.3f}ms "
            f"{r['evaluate'] * 1e3:8.2f}ms {r['evaluate without estimates'] * 1e3:8.2f}ms"
        )
    print()
    print_rows(rows(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
