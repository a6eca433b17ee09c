"""`advisor revisit`: every decision record of a folder re-checked against its answers file as
it is now and the rule pack in use now.

For each record advisor wrote: the answers file it names is evaluated with today's pack
(`decide`, the decision without the report around it); when the decision differs from the
recorded one, `causes` says why, using the copies of the old answers and the old pack kept
beside the records (`store`). Records advisor did not write, and records no longer in force
(superseded, deprecated, rejected), are skipped; a record whose answers file is gone, or no
longer reads, is reported as not checked. Many records are checked on worker processes.

With `supersede`, each decision that would change gets a new record (written like `report
--format adr`, with its inputs kept), and the old record's status becomes "superseded by" it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from advisor.answers import Answers, apply_settings, parse_answers
from advisor.batch import Work, error_summary, run_jobs
from advisor.errors import InputError
from advisor.evaluate import decide, evaluate
from advisor.pack.layers import describe_stack, load_pack_stack, stack_folders
from advisor.pack.model import RulePack
from advisor.recheck.causes import attribute
from advisor.recheck.compare import answer_changes, concerning, pack_move
from advisor.recheck.records import (
    Record,
    RecordInputs,
    mark_superseded,
    read_record,
    record_decision,
    record_files,
)
from advisor.recheck.store import kept_answers, kept_pack, sha256_of
from advisor.result import Decision, PackMove, ProductMove, RecordCheck, RecordSource, Revisit
from advisor.source.document import Document, parse_yaml, read_bounded

NOT_BY_ADVISOR = "not written by advisor (its front matter has no advisor: block)"


@dataclass
class RevisitState:
    """What every worker holds: today's pack, the records' folder, and the old packs it has
    loaded from their copies (by sha256; None: no usable copy)."""

    pack: RulePack
    folder: Path
    old_packs: dict[str, RulePack | None] = field(default_factory=dict)
    moves: dict[str, PackMove] = field(default_factory=dict)

    def old_pack(self, sha256: str) -> RulePack | None:
        if sha256 == self.pack.sha256:
            return self.pack
        if sha256 not in self.old_packs:
            self.old_packs[sha256] = kept_pack(self.folder, sha256)
        return self.old_packs[sha256]

    def pack_move(self, inputs: RecordInputs) -> PackMove:
        """How today's pack differs from the one a record was made with (once per old pack)."""
        old = self.old_pack(inputs.pack.sha256)
        if old is None:
            return _pack_move_from_record(inputs, self.pack)
        if old.sha256 not in self.moves:
            self.moves[old.sha256] = pack_move(old, self.pack)
        return self.moves[old.sha256]


def load_state(rules: list[Path], folder: Path) -> RevisitState:
    return RevisitState(load_pack_stack(rules), folder)


def revisit(folder: Path, pack: RulePack, rules: list[Path], workers: int = 1) -> Revisit:
    """Every record of `folder` re-checked with `pack` (loaded from the `rules` folders)."""
    paths = record_files(folder)
    work = Work(do=check_record, load=partial(load_state, list(rules), folder), lost=_lost)
    checks = run_jobs(paths, RevisitState(pack, folder), work, workers)
    names = {option.id: option.name for option in (*pack.strategies, *pack.platforms)}
    return Revisit(folder=folder.as_posix(), pack=describe_stack(pack), records=checks, names=names)


def check_record(state: RevisitState, path: Path) -> RecordCheck:
    """One record re-checked; whatever is wrong with its inputs becomes its note."""
    try:
        record = read_record(path)
    except InputError as error:
        return RecordCheck(record=path.name, outcome="failed", note=error_summary(error))
    if record.inputs is None:
        return RecordCheck(record=path.name, title=record.title, outcome="skipped", note=NOT_BY_ADVISOR)
    if record.retired:
        return RecordCheck(
            record=path.name, title=record.title, outcome="skipped", note=f"status: {record.status}"
        )
    check = RecordCheck(
        record=path.name, title=record.title, outcome="failed", recorded=record.inputs.decision()
    )
    try:
        return _recheck(state, record, record.inputs, check)
    except InputError as error:
        return check.model_copy(update={"note": error_summary(error)})


def _lost(path: Path) -> RecordCheck:
    return RecordCheck(record=path.name, outcome="failed", note="the process checking this record died")


def _recheck(state: RevisitState, record: Record, inputs: RecordInputs, check: RecordCheck) -> RecordCheck:
    answers_file = record.answers_file()
    if not answers_file.is_file():
        note = f"answers file missing: {inputs.answers.path} (relative to the record)"
        return check.model_copy(update={"note": note})
    pack, recorded, settings = state.pack, inputs.decision(), inputs.set
    data = read_bounded(answers_file, "an answers file")
    current_doc = parse_yaml(data, str(answers_file))
    current = _answers(current_doc, pack, settings)
    now = decide(pack, current)
    file_moved = sha256_of(data) != inputs.answers.sha256
    old_doc = _kept_answers(state, inputs) if file_moved else current_doc
    old = _read(old_doc, pack, settings)
    answers_moved = file_moved and (old is None or old.facts != current.facts)
    pack_moved = pack.sha256 != inputs.pack.sha256
    old_pack = state.old_pack(inputs.pack.sha256)
    move = state.pack_move(inputs) if pack_moved else None
    changed = now.key() != recorded.key()
    both = changed and answers_moved and pack_moved
    pack_alone = decide(pack, old) if both and old is not None else None
    answers_alone = _decide(old_pack, current_doc, settings) if both else None
    # The recorded decision computed again, for the rules it read: they may have changed.
    again = _decide(old_pack, old_doc, settings) if changed and move is not None else None
    found = attribute(
        recorded,
        now,
        answers_moved=answers_moved,
        pack_moved=pack_moved,
        answers_alone=answers_alone,
        pack_alone=pack_alone,
        pack=move,
    )
    return check.model_copy(
        update={
            "outcome": "would-change" if found.causes else "holds",
            "now": now.model_copy(update={"fired": [], "undetermined": []}),
            "causes": found.causes,
            "separated": found.separated,
            "answers_changed": answers_moved,
            "answers": answer_changes(old.facts, current.facts) if old is not None and answers_moved else [],
            "pack": concerning(move, [now, again, pack_alone, answers_alone]) if move is not None else None,
        }
    )


def _answers(doc: Document, pack: RulePack, settings: list[str]) -> Answers:
    return apply_settings(parse_answers(doc, pack.bank), settings, pack.bank)


def _read(doc: Document | None, pack: RulePack, settings: list[str]) -> Answers | None:
    """The answers of `doc` under `pack`, or None when there are none or they do not read
    under it (a question that pack does not have)."""
    if doc is None:
        return None
    try:
        return _answers(doc, pack, settings)
    except InputError:
        return None


def _decide(pack: RulePack | None, doc: Document | None, settings: list[str]) -> Decision | None:
    answers = _read(doc, pack, settings) if pack is not None else None
    return decide(pack, answers) if pack is not None and answers is not None else None


def _kept_answers(state: RevisitState, inputs: RecordInputs) -> Document | None:
    """The answers file as the record was made from it (its kept copy), parsed."""
    kept = kept_answers(state.folder, inputs.answers.sha256)
    if kept is None:
        return None
    try:
        return parse_yaml(kept.read_bytes(), str(kept))
    except (InputError, OSError):
        return None


def _pack_move_from_record(inputs: RecordInputs, new: RulePack) -> PackMove:
    """How today's pack differs from the record's when no copy of that pack is kept: by name
    and version, and by the status of the products the record relies on."""
    current = {entry.item.name: entry.item for entry in new.products}
    products = []
    for product in inputs.revisit_when.products:
        now = current.get(product.name)
        after = (now.status, now.as_of.isoformat() if now and now.as_of else None) if now else (None, None)
        if (product.status, product.as_of) != after:
            products.append(
                ProductMove(
                    name=product.name,
                    before_status=product.status,
                    before_as_of=product.as_of,
                    after_status=after[0],
                    after_as_of=after[1],
                )
            )
    before = f"{inputs.pack.name} {inputs.pack.version} (sha256 {inputs.pack.sha256[:12]})"
    return PackMove(before=before, after=describe_stack(new), products=products)


# --- superseding ---------------------------------------------------------------------------


def supersede(
    folder: Path, check: RecordCheck, pack: RulePack, rules: list[Path], date: datetime.date | None
) -> RecordCheck:
    """Write the decision `check` found as a new record and mark the old one superseded by it."""
    record = read_record(folder / check.record)
    assert record.inputs is not None
    answers_file = record.answers_file()
    data = read_bounded(answers_file, "an answers file")
    answers = _answers(parse_yaml(data, str(answers_file)), pack, record.inputs.set)
    result = evaluate(pack, answers.dated(date or datetime.date.today()))
    source = RecordSource(
        answers_path=record.inputs.answers.path,
        answers_sha256=sha256_of(data),
        settings=record.inputs.set,
        supersedes=record.path.name,
    )
    recorded = record_decision(folder, result, source, data, pack, stack_folders(rules), answers_file)
    mark_superseded(record, recorded.path)
    return check.model_copy(update={"superseded_by": recorded.path.name})
