"""What one step of `advisor assess --quick` costs: the re-evaluation after each answer.

    python bench/quick.py [--quick]

Each example is interviewed twice, as `--quick` would: from nothing, and from every other
fact of the example (the rest left unanswered). Each question asked is answered as the
example answers it (`unknown` where the example says nothing). Every step's re-evaluation
(`advisor.interview.quick.QuickSteps.after`: the decision on the answers so far, and which
unanswered questions could still change it, in order, keeping the parts of the search the
last answer did not touch) is timed, each round starting from what the step before kept; so
is the part that a fresh `evaluate` pays as well (scoring and the confidence that decides
the status, nothing kept). The first evaluation, before the first question, has nothing
kept and is shown apart. Times are CPU time, best of a few rounds: on a shared machine, wall
times of a few milliseconds mostly measure the neighbours. Target: every re-evaluation after
an answer under 20 ms on the default pack. Also printed: how many questions the quick
interview asked and how many it skipped.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from _timing import Row, print_rows, verdict

from advisor.analysis.confidence import Component, Guarantees, confidences, decision_status
from advisor.analysis.next_questions import outlook
from advisor.analysis.open_facts import open_facts
from advisor.answers import load_answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform
from advisor.facts import UNKNOWN, FactValue
from advisor.interview.quick import QuickStep
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 20.0


@dataclass(frozen=True)
class Step:
    interview: str
    number: int
    open: int
    seconds: float
    status_seconds: float


@dataclass(frozen=True)
class Interview:
    name: str
    asked: int
    skipped: int


def best(func: Callable[[], object], rounds: int) -> float:
    """Seconds of the best of `rounds` calls, in CPU time: on a shared machine the wall time
    of a few milliseconds mostly measures the neighbours."""
    found = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        func()
        found = min(found, time.process_time() - start)
    return found


def status_only(pack: RulePack, facts: Mapping[str, FactValue]) -> object:
    """What `evaluate` pays too: scoring, and the confidence that decides the status."""
    baseline = Baseline(pack, facts)
    status = open_facts(pack, facts)
    scoring = baseline.scoring
    best_one = best_platform(pack, scoring.totals, scoring.excluded)
    found = confidences(baseline, best_one, status, guarantees=Guarantees(baseline, status))
    return decision_status(pack, scoring, found)


def interview(
    pack: RulePack, name: str, start: dict[str, FactValue], answers: Mapping[str, FactValue], rounds: int
) -> tuple[Interview, list[Step]]:
    """`QuickSteps.after`, step by step, each round from a copy of what the step before kept."""
    facts = dict(start)
    steps: list[Step] = []
    kept: dict[Hashable, Component] = {}
    while True:
        seconds = best(lambda: outlook(pack, facts, dict(kept)), rounds)
        status_seconds = best(lambda: status_only(pack, facts), rounds)
        step = QuickStep(pack, outlook(pack, facts, kept))
        steps.append(Step(name, len(steps) + 1, len(open_facts(pack, facts)), seconds, status_seconds))
        if not step.questions:
            return Interview(name, len(steps) - 1, len(step.skipped)), steps
        fact = step.questions[0].fact
        facts[fact] = answers.get(fact, UNKNOWN)


def measure(quick: bool) -> tuple[list[Interview], list[Step]]:
    pack = load_rule_pack(default_rules_dir())
    rounds = 3 if quick else 7
    interviews: list[Interview] = []
    steps: list[Step] = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        answers = load_answers(path, pack.bank).facts
        half = {fact: value for index, (fact, value) in enumerate(answers.items()) if index % 2}
        for label, start in (("from nothing", {}), ("from half the answers", half)):
            done, taken = interview(pack, f"{path.stem}, {label}", start, answers, rounds)
            interviews.append(done)
            steps += taken
    return interviews, steps


def rows(interviews: list[Interview], steps: list[Step]) -> list[Row]:
    first = [step for step in steps if step.number == 1]
    after = [step for step in steps if step.number > 1]
    times = sorted(step.seconds * 1e3 for step in after)
    worst = max(after, key=lambda step: step.seconds)
    worst_first = max(first, key=lambda step: step.seconds)
    found = [
        Row(
            "quick",
            f"re-evaluation after an answer (CPU time), worst of {len(after)} ({worst.interview}, "
            f"step {worst.number}, {worst.open} open questions)",
            f"{worst.seconds * 1e3:.1f} ms",
            f"< {TARGET_MS:g} ms",
            verdict(worst.seconds * 1e3 < TARGET_MS),
        ),
        Row(
            "quick",
            "re-evaluation after an answer: median, 90th percentile",
            f"{statistics.median(times):.1f} ms, {times[int(len(times) * 0.9)]:.1f} ms",
        ),
        Row(
            "quick",
            "a fresh evaluate's scoring and confidence on the same answers: median",
            f"{statistics.median(step.status_seconds * 1e3 for step in after):.1f} ms",
        ),
        Row(
            "quick",
            f"first evaluation, before the first question (nothing kept), worst of {len(first)} "
            f"({worst_first.interview}, {worst_first.open} open questions)",
            f"{worst_first.seconds * 1e3:.1f} ms",
        ),
    ]
    for label in ("from nothing", "from half the answers"):
        group = [item for item in interviews if item.name.endswith(label)]
        asked = statistics.mean(item.asked for item in group)
        skipped = statistics.mean(item.skipped for item in group)
        found.append(
            Row(
                "quick",
                f"questions asked / skipped {label}, mean over {len(group)} examples",
                f"{asked:.1f} / {skipped:.1f}",
            )
        )
    return found


def run(quick: bool = False) -> list[Row]:
    return rows(*measure(quick))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    args = parser.parse_args(argv)
    interviews, steps = measure(args.quick)
    for item in interviews:
        print(f"{item.name}: {item.asked} asked, {item.skipped} skipped", file=sys.stderr)
    print_rows(rows(interviews, steps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
