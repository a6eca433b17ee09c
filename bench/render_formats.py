"""Rendering cost per format, side by side in one run, as a ratio to the JSON dump.

    python bench/render_formats.py [ROUNDS]

Evaluation is done once; only rendering is timed, on every example, best of ROUNDS.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.render import FORMATS, render

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> None:
    """`argv` is ROUNDS alone (bench/run_all.py passes none: its own arguments are not ours)."""
    args = sys.argv[1:] if argv is None else argv
    rounds = int(args[0]) if args else 20
    pack = load_rule_pack(default_rules_dir())
    results = [evaluate(pack, load_answers(p, pack.bank)) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    for fmt in FORMATS:  # warm up imports
        render(results[0], fmt)
    best: dict[str, float] = {}
    for fmt in FORMATS:
        timings = []
        for _ in range(rounds):
            start = time.perf_counter()
            for result in results:
                render(result, fmt)
            timings.append((time.perf_counter() - start) / len(results))
        best[fmt] = min(timings)
    print(f"{'format':<6} {'ms/report':>10} {'x json':>8}")
    for fmt in FORMATS:
        print(f"{fmt:<6} {best[fmt] * 1000:>10.2f} {best[fmt] / best['json']:>8.1f}")


if __name__ == "__main__":
    main()
