"""Benchmark `advisor revisit` and `advisor rules impact` over many answers files.

Generates N answers files (default 1,000, varied as in bench/batch.py) and the decision
record of each (written as `advisor report --format adr -o adr/` writes them, with their
inputs kept beside them), then edits one weight of the pack (a layer) and the answers of one
file in ten, and times, side by side in one run:

- serial: every file decided in this process, under the old pack and the new (`decide`), without
  reading records (the floor of the work itself);
- `advisor rules impact LAYER DIR` as a user runs it (a new process), with `--jobs 1` and `--jobs N`;
- `advisor revisit ADR --rules LAYER` likewise: every record read, its answers file decided
  with today's pack, and each changed decision's cause found from the kept inputs.

Run: `python bench/revisit.py [--files N] [--jobs N]`.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from _timing import Row, print_rows, verdict
from batch import generate

from advisor.answers import load_answers
from advisor.batch import Work, run_jobs
from advisor.evaluate import decide, evaluate
from advisor.output import write_new
from advisor.pack.layers import load_pack_stack, stack_folders
from advisor.pack.model import RulePack
from advisor.recheck.store import keep_inputs, sha256_of
from advisor.render import render
from advisor.render.adr import adr_slug
from advisor.result import RecordSource

TARGET_SECONDS = 10.0
# One weight moved, as a pack edit under review would: the golden-image pipeline rule.
LAYER_RULES = "rules:\n  - override: no-image-pipeline\n    effects: {golden-image: -2}\n"


def write_record(folder: Path, pack: RulePack, job: tuple[int, Path]) -> str:
    """The record `advisor report --format adr -o FOLDER/` writes for one answers file (numbered
    here by the file's place, since the records are written side by side)."""
    number, answers = job
    data = answers.read_bytes()
    result = evaluate(pack, load_answers(answers, pack.bank).dated())
    source = RecordSource(
        answers_path=os.path.relpath(answers, folder), answers_sha256=sha256_of(data), settings=[]
    )
    name = f"{number:04d}-{adr_slug(result)}.md"
    write_new(folder / name, render(result, "adr", source))
    keep_inputs(folder, data, stack_folders([]), pack)
    return name


def setup(root: Path, files: int, jobs: int) -> tuple[Path, Path, Path]:
    answers, adr, layer = root / "answers", root / "adr", root / "layer"
    for folder in (answers, adr, layer):
        folder.mkdir()
    generate(answers, files)
    pack = load_pack_stack([])
    paths = sorted(answers.glob("*.yaml"))
    work = Work(do=partial(write_record, adr), load=partial(load_pack_stack, []), lost=str)
    run_jobs(list(enumerate(paths, start=1)), pack, work, jobs)  # type: ignore[arg-type]
    (layer / "pack.yaml").write_text("name: house\nversion: 1.0.0\n")
    (layer / "rules.yaml").write_text(LAYER_RULES)
    for path in paths[::10]:  # one file in ten gets a new answer: ten times the engineers
        path.write_text(re.sub(r"(?m)^(    engineers: )(\d+)$", r"\g<1>\g<2>0", path.read_text(), count=1))
    return answers, adr, layer


def time_serial(answers: Path, layer: Path) -> float:
    base, new = load_pack_stack([]), load_pack_stack([layer])
    start = time.perf_counter()
    for path in sorted(answers.glob("*.yaml")):
        decide(base, load_answers(path, base.bank))
        decide(new, load_answers(path, new.bank))
    return time.perf_counter() - start


def time_command(*args: str) -> tuple[float, float, str]:
    """Wall time, CPU time (user and system, worker processes included) and output of a run."""
    command = [sys.executable, "-m", "advisor", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, done.stdout


def run(quick: bool = False, files: int = 1000, jobs: int | None = None) -> list[Row]:
    jobs = jobs or os.cpu_count() or 1
    files = 200 if quick else files
    with tempfile.TemporaryDirectory() as temporary:
        started = time.perf_counter()
        answers, adr, layer = setup(Path(temporary), files, jobs)
        prepared = time.perf_counter() - started
        serial = time_serial(answers, layer)
        load = os.getloadavg()[0]
        impact_one = time_command("rules", "impact", str(layer), str(answers), "--jobs", "1")
        impact = time_command("rules", "impact", str(layer), str(answers), "--jobs", str(jobs))
        revisit_one = time_command("revisit", str(adr), "--rules", str(layer), "--jobs", "1")
        revisit = time_command("revisit", str(adr), "--rules", str(layer), "--jobs", str(jobs))
    label = f"{files:,} answers files"
    rows = [
        Row("revisit", f"setup: {label} and their records, on {jobs} processes", f"{prepared:.1f} s"),
        Row("revisit", "load average of the machine (1 min) before the timed runs", f"{load:.1f}"),
        Row("revisit", "serial in-process: read and decide each under both packs", f"{serial:.2f} s"),
    ]
    for name, one, many in (("rules impact", impact_one, impact), ("revisit", revisit_one, revisit)):
        summary = next((line for line in many[2].splitlines() if line.startswith("**")), "")
        rows += [
            Row("revisit", f"{name} --jobs 1, new process (wall, CPU)", f"{one[0]:.2f} s, {one[1]:.2f} s"),
            Row(
                "revisit",
                f"{name} --jobs {jobs}, new process (wall, CPU): {summary.split('**')[1] if summary else ''}",
                f"{many[0]:.2f} s, {many[1]:.2f} s",
                f"<= {TARGET_SECONDS:g} s",
                verdict(many[0] <= TARGET_SECONDS),
            ),
            Row("revisit", f"{name} --jobs {jobs} / --jobs 1 (wall)", f"{many[0] / one[0]:.2f}x"),
        ]
    rows.append(
        Row("revisit", f"rules impact --jobs {jobs} / serial in-process (wall)", f"{impact[0] / serial:.2f}x")
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="200 files")
    args = parser.parse_args(argv)
    print(f"files: {200 if args.quick else args.files}, CPUs: {os.cpu_count()}")
    print_rows(run(args.quick, args.files, args.jobs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
