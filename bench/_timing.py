"""Timing helpers shared by the benchmarks.

Machines that run benchmarks are shared and noisy, so absolute times mislead. Every
comparison here is measured side by side in one process: the candidates take turns, round
after round, and each keeps its best round. Ratios of best rounds are stable where the
absolute numbers are not.
"""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One line of a benchmark table."""

    bench: str
    measure: str
    value: str
    target: str = ""
    verdict: str = ""


def calibrate(func: Callable[[], object], seconds: float) -> int:
    """How many calls take about `seconds`."""
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            func()
        elapsed = time.perf_counter() - start
        if elapsed >= seconds / 4 or number >= 10_000_000:
            return max(1, int(number * seconds / max(elapsed, 1e-9)))
        number *= 4


def interleaved(
    candidates: dict[str, Callable[[], object]], *, rounds: int = 7, seconds: float = 0.05
) -> dict[str, float]:
    """Seconds per call of each candidate: best of `rounds`, candidates taking turns."""
    numbers = {name: calibrate(func, seconds) for name, func in candidates.items()}
    best = {name: float("inf") for name in candidates}
    for _ in range(rounds):
        for name, func in candidates.items():
            number = numbers[name]
            start = time.perf_counter()
            for _ in range(number):
                func()
            best[name] = min(best[name], (time.perf_counter() - start) / number)
    return best


@dataclass(frozen=True)
class ProcessTime:
    """Best wall time and best CPU time (user + system) of a command, in seconds."""

    wall: float
    cpu: float


def process_times(commands: dict[str, Sequence[str]], *, runs: int = 15) -> dict[str, ProcessTime]:
    """Each command run `runs` times, in turns; the best wall and CPU time of each.

    The best run, not the median: on a shared machine, slower runs measure the neighbours.
    CPU time is printed beside wall time because it suffers less from them.
    """
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the file cache once
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    for _ in range(runs):
        for name, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {name: ProcessTime(min(wall[name]), min(cpu[name])) for name in commands}


def verdict(ok: bool) -> str:
    return "met" if ok else "not met"


def print_rows(rows: Sequence[Row]) -> None:
    """The rows as a Markdown table, ready to paste into docs/performance.md."""
    header = ("benchmark", "measure", "value", "target", "")
    table = [header, *((r.bench, r.measure, r.value, r.target, r.verdict) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for index, line in enumerate(table):
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
