"""Run every benchmark and print one table, with the machine it ran on.

    python bench/run_all.py            # everything (a minute or two)
    python bench/run_all.py --quick    # fewer rounds, for a smoke test
    python bench/run_all.py engine     # some of them, by name

Each benchmark is a module bench/NAME.py with `run(quick: bool) -> list[Row]`, whose rows
join the table; a module with only a `main()` prints its own table; one whose module is not
there yet is listed as skipped. Read the ratios: every comparison is measured
side by side in one run, because on a shared machine absolute times drift.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import inspect
import os
import platform
import sys
from collections.abc import Sequence
from pathlib import Path

from _timing import Row, print_rows

HERE = Path(__file__).resolve().parent

# NAME -> what bench/NAME.py measures.
BENCHMARKS = {
    "engine": "µs per evaluation of the default pack, against a generated-Python floor and rule-engine",
    "startup": "advisor --version/--help against python -c pass; one report against its imports",
    "analysis": "sensitivity and counterfactual (what-if) time per assessment",
    "quick": "each step of assess --quick: re-evaluate and find the questions that could change it",
    "estimates": "what computing every option's people, weeks and cost adds to evaluate",
    "render_formats": "rendering cost per report format",
    "batch": "batch throughput: answers files per second into reports and a portfolio index",
    "revisit": "revisit and rules impact over 1,000 answers files and their decision records",
    "bounds": "what the unmet targets leave when the costliest work is skipped: the floor tuning can reach",
}


def machine() -> str:
    """What the numbers were measured on: CPUs, CPU model, OS, Python, advisor, when."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    from advisor import __version__

    now = datetime.datetime.now(datetime.UTC)
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, advisor {__version__}, {now:%Y-%m-%d %H:%M} UTC"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks in bench/ and print one table.")
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="benchmarks to run: " + ", ".join(BENCHMARKS)
    )
    parser.add_argument("--quick", action="store_true", help="fewer, shorter rounds")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    print(f"Machine: {machine()}\n")
    rows: list[Row] = []
    for name in args.names or BENCHMARKS:
        if not (HERE / f"{name}.py").exists():
            rows.append(Row(name, BENCHMARKS[name], f"skipped: bench/{name}.py is not there yet"))
            continue
        print(f"running {name}: {BENCHMARKS[name]}", file=sys.stderr)
        module = importlib.import_module(name)
        if hasattr(module, "run"):
            rows += module.run(quick=args.quick)
            continue
        print(f"\n## {name}: {BENCHMARKS[name]}\n")
        takes_args = bool(inspect.signature(module.main).parameters)
        module.main([]) if takes_args else module.main()
        print()
        rows.append(Row(name, BENCHMARKS[name], "printed above"))
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
