"""`advisor rules impact`: what a rule pack change does to stored assessments.

Every answers file of a folder is decided (`decide`, the decision without the report around
it) under the base pack and under the new one. A file is affected when its recommendation
flips (strategy, platform, status, or the product named with its status) or when a confidence
(strategy or platform) moves by more than `CONFIDENCE_MOVE`; the rules that changed between
the packs and fired, or could have fired, for it on either side are named as the cause. Many
files are decided on worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from advisor.answers import parse_answers
from advisor.batch import Work, error_summary, find_answers_files, run_jobs
from advisor.errors import InputError
from advisor.evaluate import decide
from advisor.pack.layers import is_complete_pack, load_pack_stack
from advisor.pack.model import RulePack
from advisor.recheck.compare import pack_move
from advisor.result import Decision, Impact, ImpactRow, PackMove
from advisor.source.document import parse_yaml, read_bounded

CONFIDENCE_MOVE = 0.1
"""A confidence that moves by more than this is reported, even when the recommendation holds."""


@dataclass(frozen=True)
class ImpactState:
    """What every worker holds: both packs and how they differ."""

    base: RulePack
    new: RulePack
    move: PackMove


def with_pack(rules: list[Path], pack: Path) -> list[Path]:
    """The stack `rules` with `pack` in it: a complete pack replaces the bottom of the stack
    (the default, or a complete first folder); a layer goes on top."""
    if is_complete_pack(pack):
        rest = rules[1:] if rules and is_complete_pack(rules[0]) else rules
        return [pack, *rest]
    return [*rules, pack]


def load_state(base: list[Path], new: list[Path]) -> ImpactState:
    old, changed = load_pack_stack(base), load_pack_stack(new)
    return ImpactState(old, changed, pack_move(old, changed))


def impact(folder: Path, state: ImpactState, base: list[Path], new: list[Path], workers: int = 1) -> Impact:
    """Every answers file under `folder` (as `advisor batch` finds them) under both packs;
    `base` and `new` are the folders the two stacks were loaded from."""
    found = find_answers_files(folder)
    jobs = [(path, path.relative_to(folder).as_posix()) for path in found.files]
    if not jobs:
        raise InputError(f"{folder}: no answers files (*.yaml, *.yml) in this folder")
    work = Work(do=assess_file, load=partial(load_state, list(base), list(new)), lost=_lost)
    rows = run_jobs(jobs, state, work, workers)
    options = (*state.base.strategies, *state.base.platforms, *state.new.strategies, *state.new.platforms)
    return Impact(
        folder=folder.as_posix(),
        pack=state.move,
        rows=rows,
        names={option.id: option.name for option in options},
    )


def assess_file(state: ImpactState, job: tuple[Path, str]) -> ImpactRow:
    """One answers file under both packs."""
    path, label = job
    try:
        doc = parse_yaml(read_bounded(path, "an answers file"), str(path))
        before = decide(state.base, parse_answers(doc, state.base.bank))
        after = decide(state.new, parse_answers(doc, state.new.bank))
    except InputError as error:
        return ImpactRow(label=label, error=error_summary(error).replace(str(path), label))
    reads = before.reads() | after.reads()
    return ImpactRow(
        label=label,
        before=_bare(before),
        after=_bare(after),
        flips=before.changes(after),
        confidence_moved=confidence_moved(before, after),
        rules=[rule.id for rule in state.move.rules if rule.id in reads],
    )


def confidence_moved(before: Decision, after: Decision) -> bool:
    """The strategy or the platform confidence moved by more than `CONFIDENCE_MOVE`."""
    pairs = [(before.confidence, after.confidence), (before.platform_confidence, after.platform_confidence)]
    return any(
        round(abs(new - old), 6) > CONFIDENCE_MOVE
        for old, new in pairs
        if old is not None and new is not None
    )


def _bare(decision: Decision) -> Decision:
    """The decision without the rules it read: the row names the ones that matter."""
    return decision.model_copy(update={"fired": [], "undetermined": []})


def _lost(job: tuple[Path, str]) -> ImpactRow:
    return ImpactRow(label=job[1], error="the process assessing this file died")
