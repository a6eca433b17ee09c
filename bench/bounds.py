"""Bounds: how close the unmet speed targets could come if the costliest work cost nothing.

Three targets of the performance issue stay unmet (docs/performance.md). This script measures,
side by side in one run, what remains of each when the work tuning would attack is taken
away, so that a target out of reach of tuning is shown to be, not assumed:

- `evaluate`'s median (target 3 ms) with the counterfactual search and sensitivity skipped:
  what scoring, confidence, estimates and the result's construction cost alone;
- a batch's CPU per file (4 s for 1,000 files on two cores allows 8 ms a file), split into
  reading the answers, evaluating, and writing Markdown and JSON;
- one report in a fresh process (target: 1.25x importing its dependencies), split into the
  dependencies' imports, advisor's own imports, loading the pack, the first evaluation and
  the first Markdown page.

The skipped analyses are replaced in this process only, to measure; advisor never runs so.

Run: python bench/bounds.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from _timing import Row, print_rows
from batch import generate

import advisor.analysis as analysis
from advisor.answers import Answers, load_answers
from advisor.checks.cases import load_test_cases
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.render import render

ROOT = Path(__file__).resolve().parent.parent
EVALUATE_TARGET_MS = 3.0
BATCH_FILE_BUDGET_MS = 8.0  # 4 s for 1,000 files on two cores
REPORT_TARGET = 1.25

# One report's phases in a fresh interpreter, each in CPU milliseconds, as JSON on stdout.
_PHASES = """
import gc, json, sys, time
gc.disable()
marks = [time.process_time()]
import yaml, pydantic, pydantic.main, pydantic.fields
import pydantic._internal._generate_schema, pydantic._internal._model_construction
marks.append(time.process_time())
from pathlib import Path
from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.render import render
from advisor.pack.layers import load_pack_stack
marks.append(time.process_time())
pack = load_pack_stack([])
answers = load_answers(Path(sys.argv[1]), pack.bank)
marks.append(time.process_time())
result = evaluate(pack, answers)
marks.append(time.process_time())
render(result, "md")
marks.append(time.process_time())
print(json.dumps([1000 * (b - a) for a, b in zip(marks, marks[1:])]))
"""
PHASES = ("dependencies", "advisor's modules", "pack and answers", "evaluate", "Markdown")


def best_each(profiles: list[Answers], pack: RulePack, rounds: int) -> list[float]:
    """Each profile's best `evaluate` of `rounds`, in milliseconds, every round over all."""
    best = [float("inf")] * len(profiles)
    for _ in range(rounds):
        for at, answers in enumerate(profiles):
            start = time.process_time()
            evaluate(pack, answers)
            best[at] = min(best[at], time.process_time() - start)
    return [1000 * seconds for seconds in best]


def skipping_search(run: Callable[[], list[float]]) -> list[float]:
    """`run` with the counterfactual search and sensitivity returning nothing."""
    saved = analysis.counterfactuals, analysis.sensitivity
    analysis.counterfactuals = lambda *_: []  # type: ignore[assignment]
    analysis.sensitivity = lambda *_: []  # type: ignore[assignment]
    try:
        return run()
    finally:
        analysis.counterfactuals, analysis.sensitivity = saved


def evaluate_rows(pack: RulePack, rounds: int) -> list[Row]:
    examples = [load_answers(path, pack.bank) for path in sorted((ROOT / "examples").glob("*.yaml"))]
    profiles = examples + [Answers(facts=case.facts) for case in load_test_cases(pack)]
    full = bare = [float("inf")] * len(profiles)
    for _ in range(2):  # alternate, so that a busy moment touches both
        full = [min(pair) for pair in zip(full, best_each(profiles, pack, rounds), strict=True)]
        skipped = skipping_search(lambda: best_each(profiles, pack, rounds))
        bare = [min(pair) for pair in zip(bare, skipped, strict=True)]
    without, median = statistics.median(bare), statistics.median(full)
    left = EVALUATE_TARGET_MS - without
    return [
        Row(
            "bounds",
            f"evaluate, median CPU over {len(profiles)} profiles (examples and pack cases)",
            f"{median:.1f} ms",
        ),
        Row(
            "bounds",
            "the same with the counterfactual search and sensitivity skipped",
            f"{without:.1f} ms",
            f"<= {EVALUATE_TARGET_MS:g} ms",
            f"leaves the search and sensitivity {left:.1f} ms (they take {median - without:.1f})"
            if left > 0
            else "out of reach without faster scoring too",
        ),
    ]


def batch_rows(pack: RulePack, count: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), count)
        files = sorted(Path(folder).glob("*.yaml"))
        stages = {"read": 0.0, "evaluate": 0.0, "md": 0.0, "json": 0.0}
        for _ in range(2):  # the second pass is measured: caches warm, as in a long batch
            stages = dict.fromkeys(stages, 0.0)
            for path in files:
                start = time.process_time()
                answers = load_answers(path, pack.bank)
                read = time.process_time()
                result = evaluate(pack, answers)
                evaluated = time.process_time()
                render(result, "md")
                markdown = time.process_time()
                render(result, "json")
                done = time.process_time()
                spent = (read - start, evaluated - read, markdown - evaluated, done - markdown)
                for stage, seconds in zip(stages, spent, strict=True):
                    stages[stage] += seconds
    each = {stage: 1000 * seconds / len(files) for stage, seconds in stages.items()}
    around = each["read"] + each["md"] + each["json"]
    left = BATCH_FILE_BUDGET_MS - around
    return [
        Row(
            "bounds",
            f"batch CPU per generated file ({len(files)}): read / evaluate / Markdown / JSON",
            " / ".join(f"{value:.1f}" for value in each.values()) + " ms",
        ),
        Row(
            "bounds",
            "reading and writing alone, evaluating nothing",
            f"{around:.1f} ms",
            f"<= {BATCH_FILE_BUDGET_MS:g} ms",
            f"leaves evaluating {left:.1f} ms a file (it takes {each['evaluate']:.1f})"
            if left > 0
            else "out of reach without faster reading and writing too",
        ),
    ]


def report_rows(runs: int) -> list[Row]:
    worst: tuple[float, str, list[float]] | None = None
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        best: list[float] | None = None
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", _PHASES, str(path)], capture_output=True, text=True, check=True
            ).stdout
            phases = json.loads(out)
            best = phases if best is None or sum(phases) < sum(best) else best
        assert best is not None
        # the share left to advisor beyond its dependencies, evaluating and writing alone
        share = (best[3] + best[4]) / best[0]
        if worst is None or share > worst[0]:
            worst = (share, path.stem, best)
    assert worst is not None
    share, name, best = worst
    allowed = REPORT_TARGET - 1
    return [
        Row(
            "bounds",
            f"one report in a fresh process, CPU ({name}): " + ", ".join(PHASES),
            " / ".join(f"{value:.0f}" for value in best) + " ms",
        ),
        Row(
            "bounds",
            "its first evaluate and Markdown page alone / the dependencies' imports",
            f"{share:.2f}",
            f"<= {allowed:.2f} (all of advisor's work)",
            "reachable" if share <= allowed else "out of reach without a faster first evaluation",
        ),
    ]


def run(*, quick: bool = False) -> list[Row]:
    pack = load_rule_pack(default_rules_dir())
    rows = evaluate_rows(pack, rounds=2 if quick else 5)
    rows += batch_rows(pack, 40 if quick else 150)
    rows += report_rows(2 if quick else 5)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer profiles and rounds")
    args = parser.parse_args(argv)
    print_rows(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
