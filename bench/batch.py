"""Benchmark `advisor batch`: many varied answers files to Markdown and JSON.

Generates 100, 1,000 and 10,000 answers files with varied, valid answers drawn from the
question bank (some `unknown`, some left out) and runs `advisor batch DIR -o OUT --format
md,json --jobs 2` on each as a user runs it (a new process, worker processes, atomic writes,
the index). Reports the wall time of 1,000 files (target: 4 s), the CPU time per file of all
its processes and the peak memory of the largest process at each size (target: flat).

Run: `python bench/batch.py [--quick]`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _timing import Row, print_rows, verdict

from advisor.answers import Answers, Project, answers_to_yaml
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.layers import load_pack_stack
from advisor.pack.questions import Question

TARGET_SECONDS = 4.0
FLAT_MEMORY = 1.25  # peak memory may grow this much from 1,000 to 10,000 files


def random_value(question: Question, rng: random.Random) -> FactValue:
    if question.type == "int":
        low = question.min if question.min is not None else 0
        high = min(question.max if question.max is not None else 200, low + rng.choice([3, 20, 200]))
        return rng.randint(low, high)
    if question.type == "bool":
        return rng.random() < 0.5
    choices = list(question.choices)
    if question.type == "choice":
        return rng.choice(choices)
    return tuple(rng.sample(choices, rng.randint(1, min(4, len(choices)))))


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """`count` answers files with reproducible, varied answers."""
    pack = load_pack_stack([])
    rng = random.Random(seed)
    for number in range(count):
        facts: dict[str, FactValue] = {}
        for fact, question in pack.bank.facts.items():
            roll = rng.random()
            if roll < 0.05:
                continue
            facts[fact] = UNKNOWN if roll < 0.1 else random_value(question, rng)
        project = Project(name=f"System {number}", client=f"Client {number % 37}", assessor="Bench")
        text = answers_to_yaml(Answers(project=project, facts=facts), pack.bank)
        (folder / f"client-{number:04d}.yaml").write_text(text, encoding="utf-8")


_MEASURED = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr)
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": used.ru_utime + used.ru_stime, "peak_kib": used.ru_maxrss}))
"""


@dataclass(frozen=True)
class BatchRun:
    wall: float  # seconds
    cpu: float  # seconds of CPU in all its processes
    peak_mib: float  # the largest resident size of any one of its processes


def time_batch(folder: Path, outdir: Path, jobs: int) -> BatchRun:
    """`advisor batch` as a user runs it, measured from a process of its own (so that the peak
    memory is this run's alone)."""
    command = [sys.executable, "-m", "advisor", "batch", str(folder), "-o", str(outdir)]
    command += ["--format", "md,json", "--jobs", str(jobs), "--date", "2026-11-27"]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr}")
    measured = json.loads(done.stdout)
    return BatchRun(measured["wall"], measured["cpu"], measured["peak_kib"] / 1024)


def run(*, quick: bool = False) -> list[Row]:
    """1,000 files against the target; then per-file CPU and peak memory at each size."""
    jobs = 2
    sizes = (100, 1000) if quick else (100, 1000, 10_000)
    runs: dict[int, BatchRun] = {}
    with tempfile.TemporaryDirectory() as temporary:
        for size in sizes:
            folder = Path(temporary, f"answers-{size}")
            folder.mkdir()
            generate(folder, size)
            runs[size] = time_batch(folder, Path(temporary, f"out-{size}"), jobs)
            shutil.rmtree(Path(temporary, f"out-{size}"))
    thousand = runs[1000]
    rows = [
        Row(
            "batch",
            f"1,000 answers files to Markdown and JSON with the index, --jobs {jobs}",
            f"{thousand.wall:.1f} s ({1000 / thousand.wall:.0f} files/s)",
            f"<= {TARGET_SECONDS:g} s",
            verdict(thousand.wall <= TARGET_SECONDS),
        )
    ]
    for size, measured in runs.items():
        rows.append(
            Row(
                "batch",
                f"{size:,} files: CPU per file (all processes); peak memory of one process",
                f"{measured.cpu / size * 1000:.1f} ms; {measured.peak_mib:.0f} MiB "
                f"({measured.wall:.1f} s wall)",
            )
        )
    largest, growth = max(runs), runs[max(runs)].peak_mib / runs[1000].peak_mib
    if largest > 1000:
        rows.append(
            Row(
                "batch",
                f"peak memory, {largest:,} files / 1,000 files",
                f"{growth:.2f}x",
                f"<= {FLAT_MEMORY:g}x (flat)",
                verdict(growth <= FLAT_MEMORY),
            )
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 files, not 10,000")
    args = parser.parse_args()
    print_rows(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
