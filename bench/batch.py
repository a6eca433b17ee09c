"""Benchmark `advisor batch`: many varied answers files to Markdown and JSON.

Generates N answers files (default 1,000) with varied, valid answers drawn from the question
bank (some `unknown`, some left out), then times, side by side in one run:

- serial: the same files loaded, evaluated and rendered to Markdown and JSON in this process,
  one after the other, without writing (the floor of the work itself);
- batch: `advisor batch DIR -o OUT --format md,json` as a user runs it (a new process, the
  index, atomic writes, worker processes).

Run: `python bench/batch.py [--files N] [--jobs N]`.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from advisor.answers import Answers, Project, answers_to_yaml, load_answers
from advisor.evaluate import evaluate
from advisor.facts import UNKNOWN, FactValue
from advisor.pack.layers import load_pack_stack
from advisor.pack.questions import Question
from advisor.render import render


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


def time_serial(folder: Path) -> float:
    pack = load_pack_stack([])
    start = time.perf_counter()
    for path in sorted(folder.glob("*.yaml")):
        result = evaluate(pack, load_answers(path, pack.bank))
        render(result, "md")
        render(result, "json")
    return time.perf_counter() - start


def time_batch(folder: Path, outdir: Path, jobs: int) -> float:
    command = [sys.executable, "-m", "advisor", "batch", str(folder), "-o", str(outdir)]
    command += ["--format", "md,json", "--jobs", str(jobs), "--date", "2026-11-27"]
    start = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise SystemExit(f"batch failed ({completed.returncode}): {completed.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder, outdir = Path(temporary, "answers"), Path(temporary, "out")
        folder.mkdir()
        generate(folder, args.files)
        serial = time_serial(folder)
        batch = time_batch(folder, outdir, args.jobs)
        single = time_batch(folder, Path(temporary, "out-1"), 1)
        written = len(list(outdir.glob("*.md"))) - 1
    rows = [
        ("serial in-process: load, evaluate, render md+json, no writes", serial),
        ("advisor batch --jobs 1: new process, writes, index", single),
        (f"advisor batch --jobs {args.jobs}: new process, writes, index", batch),
    ]
    print(f"files: {args.files}, CPUs: {os.cpu_count()}")
    for label, seconds in rows:
        print(f"{label:<64} {seconds:6.2f} s {args.files / seconds:7.0f} files/s")
    print(f"ratio batch --jobs {args.jobs} / serial in-process: {batch / serial:.2f}")
    verdict = "met" if batch <= 10 else "MISSED"
    print(f"reports written: {written} Markdown and JSON each; target <= 10 s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
