"""CLI fuzzing: damaged answers files through the real `advisor report`.

Each case takes a bundled example and damages it the way files get damaged in practice
(lines deleted, duplicated, truncated, re-indented, values replaced by junk, random bytes).
Whatever the damage, `advisor report` exits 0 or 2, never prints a traceback and never
hangs. The random generator is seeded, so a failure names a case that can be replayed:
ADVISOR_FUZZ_SEED=N picks another seed, ADVISOR_FUZZ_RUNS=N runs more cases.
"""

from __future__ import annotations

import datetime
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from advisor.answers import load_answers
from advisor.errors import InputError
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.render import FORMATS, render
from tests.conftest import ROOT
from tests.hostile import active_in

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEED = int(os.environ.get("ADVISOR_FUZZ_SEED", "20261127"))
SUBPROCESS_RUNS = int(os.environ.get("ADVISOR_FUZZ_RUNS", "24"))
IN_PROCESS_RUNS = 20 * SUBPROCESS_RUNS
TIMEOUT_SECONDS = 30

JUNK = [
    "",
    "[",
    "]",
    "{",
    "{a: [}",
    "*missing",
    "&anchor",
    "!!python/object/apply:os.system ['true']",
    "!!bool maybe",
    "'unterminated",
    '"unterminated',
    "-1",
    "0",
    "1e999",
    ".nan",
    "99999999999999999999999999999",
    "~",
    "null",
    "unknown",
    "UNKNOWN",
    "yes",
    "[[[]]]",
    "{}",
    "- a\n- b",
    "|",
    ">-",
    "\t1",
    "%",
    "@",
    "`",
    "2026-02-30",
    "ünïcödé ✓",
    "\u202e",
    "<script>x</script>",
    "# comment",
    "a: b: c",
    "? x",
    # escape characters, written as YAML escapes: they must reach no terminal as themselves
    '"\\e[8m"',
    '"\\x9b31m"',
    '"a\\u202eb"',
    '"\\e]0;title\\a"',
    '"\\N\\u2028"',
    '["\\e[2J", go]',
    '{"\\e[8m": 1}',
]


def mutate(text: bytes, rng: random.Random) -> bytes:
    """One to three kinds of damage to a file."""
    lines = text.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["delete", "duplicate", "truncate", "indent", "junk", "bytes", "swap", "tab"])
        index = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [b""]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "truncate":
            joined = b"\n".join(lines)
            lines = joined[: rng.randrange(len(joined) + 1)].split(b"\n")
        elif kind == "indent":
            stripped = lines[index].lstrip(b" ")
            lines[index] = b" " * rng.choice([0, 1, 2, 3, 4, 6, 8, 9]) + stripped
        elif kind == "junk":
            key, sep, _ = lines[index].partition(b":")
            lines[index] = (key + b": " if sep else b"") + rng.choice(JUNK).encode()
        elif kind == "bytes":
            position = rng.randrange(len(lines[index]) + 1)
            noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            lines[index] = lines[index][:position] + noise + lines[index][position:]
        elif kind == "swap":
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines[index] = lines[index].replace(b"  ", b"\t", 1)
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


def cases(count: int, seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    chosen = []
    for number in range(count):
        example = rng.choice(EXAMPLES)
        chosen.append((f"case {number} (seed {seed}) from {example.name}", mutate(example.read_bytes(), rng)))
    return chosen


def advisor_command() -> list[str]:
    """The installed console script when there is one, else the module."""
    script = Path(sys.executable).with_name("advisor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "advisor"]


def run_report(name: str, content: bytes, folder: Path) -> str | None:
    """Run one case in a subprocess; a description of what went wrong, or None."""
    path = folder / f"{abs(hash(name))}.yaml"
    path.write_bytes(content)
    try:
        done = subprocess.run(
            [*advisor_command(), "report", "--answers", str(path), "--date", "2026-11-27"],
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return f"{name}: no answer within {TIMEOUT_SECONDS} s\n{content!r}"
    stderr = done.stderr.decode(errors="replace")
    if done.returncode not in (0, 2) or "Traceback" in stderr:
        return f"{name}: exit {done.returncode}\n{stderr}\n{content!r}"
    if active_in(stderr) or active_in(done.stdout.decode(errors="replace")):
        return f"{name}: an active character reached the terminal\n{stderr!r}\n{content!r}"
    if done.returncode == 2 and not stderr.startswith(str(path)) and "advisor: error:" not in stderr:
        return f"{name}: exit 2 without a located message\n{stderr}\n{content!r}"
    return None


def test_damaged_answers_files_exit_0_or_2_through_the_real_command(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = pool.map(lambda case: run_report(*case, tmp_path), cases(SUBPROCESS_RUNS, SEED))
    problems = [failure for failure in failures if failure]
    assert not problems, "\n\n".join(problems)


def test_many_more_damaged_files_fail_only_with_located_input_errors(tmp_path: Path) -> None:
    """The same damage, twenty times as many cases, through the steps `report` takes, in process."""
    pack = load_rule_pack(default_rules_dir())
    problems = []
    outcomes = {"loaded": 0, "refused": 0}
    path = tmp_path / "answers.yaml"
    for name, content in cases(IN_PROCESS_RUNS, SEED + 1):
        path.write_bytes(content)
        try:
            answers = load_answers(path, pack.bank)
        except InputError as error:
            outcomes["refused"] += 1
            unlocated = [str(p) for p in error.problems if p.where.file != str(path) or p.where.line < 1]
            if not error.problems or unlocated:
                problems.append(f"{name}: unlocated error\n{error}\n{content!r}")
            continue
        outcomes["loaded"] += 1
        result = evaluate(pack, answers.dated(datetime.date(2026, 11, 27)))
        for fmt in FORMATS:  # every format rendered in process (the PDF prints the HTML)
            if active_in(render(result, fmt)):
                problems.append(f"{name}: an active character in the {fmt} report\n{content!r}")
    assert not problems, "\n\n".join(problems)
    assert min(outcomes.values()) > IN_PROCESS_RUNS // 10, outcomes
