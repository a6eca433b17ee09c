"""Time the what-if analysis against one plain evaluation, side by side in one run.

Targets on the default pack: all single-fact sensitivity of one profile <= 20 ms, the
counterfactual search <= 300 ms. Run: python bench/analysis.py [ANSWERS.yaml ...]
(default: every file in examples/). Also shows what incremental re-scoring saves by
timing the same sensitivity with a full scoring per change.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.analysis.confidence import confidences
from advisor.analysis.counterfactuals import counterfactuals
from advisor.analysis.open_facts import open_facts, value_of_information
from advisor.analysis.sensitivity import alternatives, sensitivity
from advisor.answers import Answers, load_answers
from advisor.engine.baseline import Baseline
from advisor.engine.score import best_platform, recommend, score
from advisor.evaluate import evaluate
from advisor.facts import Facts
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack

ROOT = Path(__file__).resolve().parent.parent


def best_time(run: Callable[[], object], budget: float = 0.4) -> float:
    """Median of repeated runs, in seconds; repeats until `budget` seconds are spent (min 5)."""
    times: list[float] = []
    spent = 0.0
    while len(times) < 5 or spent < budget:
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
        if len(times) >= 2000:
            break
    return statistics.median(times)


def single_changes(baseline: Baseline) -> list[tuple[str, object]]:
    return [
        (fact, alternative.change.value)
        for fact in baseline.index.domains
        if fact in baseline.facts
        for alternative in alternatives(baseline, fact)
    ]


def sensitivity_by_full_scoring(pack: RulePack, facts: Facts, changes: list[tuple[str, object]]) -> None:
    """The same single changes, each scored from scratch: what incremental re-scoring avoids."""
    for fact, value in changes:
        recommend(pack, score(pack, {**facts, fact: value}))  # type: ignore[dict-item]


@dataclass(frozen=True)
class Row:
    name: str
    plain: float
    sensitivity: float
    full_rescoring: float
    counterfactuals: float
    confidence: float
    value_of_information: float
    evaluate: float


def measure(pack: RulePack, name: str, answers: Answers) -> Row:
    facts = answers.facts
    status = open_facts(pack, facts)
    baseline = Baseline(pack, facts)
    changes = single_changes(baseline)
    best = best_platform(pack, baseline.scoring.totals, baseline.scoring.excluded)
    return Row(
        name=name,
        plain=best_time(lambda: score(pack, facts)),
        sensitivity=best_time(lambda: sensitivity(Baseline(pack, facts))),
        full_rescoring=best_time(lambda: sensitivity_by_full_scoring(pack, facts, changes)),
        counterfactuals=best_time(lambda: counterfactuals(Baseline(pack, facts), status)),
        confidence=best_time(lambda: confidences(Baseline(pack, facts), best, status)),
        value_of_information=best_time(lambda: value_of_information(Baseline(pack, facts), status)),
        evaluate=best_time(lambda: evaluate(pack, answers)),
    )


def main(paths: list[str]) -> int:
    pack = load_rule_pack(default_rules_dir())
    files = [Path(p) for p in paths] or sorted((ROOT / "examples").glob("*.yaml"))
    profiles = [(path.stem, load_answers(path, pack.bank)) for path in files]
    if not paths:
        profiles.append(("(nothing answered)", Answers()))
    print(f"default pack {pack.info.version}: {len(pack.rules)} rules, {len(pack.bank.facts)} facts")
    print(
        f"{'profile':<28} {'score':>8} {'sensitivity':>12} {'(full)':>8} {'counterfact.':>12} "
        f"{'confidence':>10} {'value-of-inf':>12} {'evaluate':>9}"
    )
    rows = [measure(pack, name, answers) for name, answers in profiles]
    for r in rows:
        print(
            f"{r.name:<28} {r.plain * 1e3:>6.3f}ms {r.sensitivity * 1e3:>10.2f}ms "
            f"{r.full_rescoring * 1e3:>6.2f}ms {r.counterfactuals * 1e3:>10.1f}ms "
            f"{r.confidence * 1e3:>8.2f}ms "
            f"{r.value_of_information * 1e3:>10.2f}ms {r.evaluate * 1e3:>7.1f}ms"
        )
    print()
    for r in rows:
        saving = f"{r.full_rescoring / r.sensitivity:4.1f} x" if r.full_rescoring > 1e-6 else " n/a"
        print(
            f"  {r.name:<28} sensitivity {r.sensitivity / r.plain:6.1f} x one evaluation, "
            f"counterfactuals {r.counterfactuals / r.plain:7.1f} x; "
            f"incremental vs full re-scoring of the same changes: {saving}"
        )
    worst_sensitivity = max(r.sensitivity for r in rows)
    worst_counterfactuals = max(r.counterfactuals for r in rows)
    print()
    print(f"worst sensitivity      {worst_sensitivity * 1e3:7.2f} ms (target <= 20 ms)")
    print(f"worst counterfactuals  {worst_counterfactuals * 1e3:7.1f} ms (target <= 300 ms)")
    ok = worst_sensitivity <= 0.020 and worst_counterfactuals <= 0.300
    print("within targets" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
