"""Decision records (MADR files, `NNNN-title.md`) as advisor writes and reads them back.

An ADR written by advisor says in its front matter, under `advisor:`, what the decision was
made from (`advisor.render.adr`). Here a record is read back (its status, title and that
block), the record of a folder that already holds a decision is found, and an old record is
marked "superseded by" a new one, as MADR does. A record whose front matter has no `advisor:`
block was not written by advisor; `advisor revisit` skips it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from advisor.errors import InputError
from advisor.output import ADR_FILE, folder_lock, write_atomic, write_numbered_adr
from advisor.pack.model import RulePack
from advisor.recheck.store import keep_inputs
from advisor.render import render
from advisor.render.adr import adr_slug
from advisor.result import Decision, RecordSource, Result, Status
from advisor.source.document import parse_yaml, read_text
from advisor.source.validation import validate_document

SHA256 = r"^[0-9a-f]{64}$"
# MADR statuses of a decision no longer in force; `advisor revisit` leaves those records be.
RETIRED = ("superseded", "deprecated", "rejected")
_CLOSING = re.compile(r"^---[ \t]*$", re.M)
_TITLE = re.compile(r"^# (.+)$", re.M)
_STATUS_LINE = re.compile(r"^status:.*$", re.M)


class _Block(BaseModel):
    # Keys a later advisor may add are ignored; the ones read here are checked.
    model_config = ConfigDict(extra="ignore", frozen=True)


class AnswersFileRef(_Block):
    path: str = Field(min_length=1)
    sha256: str = Field(pattern=SHA256)


class PackRecord(_Block):
    name: str
    version: str
    sha256: str = Field(pattern=SHA256)


class RecordedRecommendation(_Block):
    strategy: str | None
    platform: str | None = None
    status: Status | None = None
    confidence: float = Field(ge=0, le=1)
    platform_confidence: float | None = Field(default=None, ge=0, le=1)
    product: str | None = None


class RecordedProduct(_Block):
    name: str
    status: str
    as_of: str | None = None
    source: str | None = None


class RevisitWhen(_Block):
    products: list[RecordedProduct] = Field(default_factory=list)


class RecordInputs(_Block):
    """The `advisor:` block of an ADR's front matter."""

    answers: AnswersFileRef
    set: list[str] = Field(default_factory=list)
    supersedes: str | None = None
    pack: PackRecord
    recommendation: RecordedRecommendation
    revisit_when: RevisitWhen = Field(default_factory=RevisitWhen)

    def decision(self) -> Decision:
        """The decision as recorded, its product's status from the products it relies on."""
        rec = self.recommendation
        status = next((p.status for p in self.revisit_when.products if p.name == rec.product), None)
        return Decision(
            strategy=rec.strategy,
            platform=rec.platform,
            status=rec.status,
            confidence=rec.confidence,
            platform_confidence=rec.platform_confidence,
            product=rec.product,
            product_status=status,
        )


@dataclass(frozen=True)
class Record:
    """One decision record: where it is, its MADR status and title, and advisor's block (None:
    the record was not written by advisor)."""

    path: Path
    status: str
    title: str
    inputs: RecordInputs | None

    @property
    def retired(self) -> bool:
        """Superseded, deprecated or rejected: no longer a decision in force."""
        return self.status.lower().startswith(RETIRED)

    def answers_file(self) -> Path:
        """The answers file the record names, relative to the record's folder."""
        assert self.inputs is not None
        return self.path.parent / self.inputs.answers.path


def record_files(folder: Path) -> list[Path]:
    """The records of a folder (`NNNN-*.md`, never through a symbolic link), in number order."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        raise InputError(f"{folder}: no such folder; give the folder of decision records") from None
    except NotADirectoryError:
        raise InputError(f"{folder}: not a folder; give the folder of decision records") from None
    except OSError as error:
        raise InputError(f"{folder}: cannot read: {error.strerror}") from None
    found = [
        path for path in entries if ADR_FILE.match(path.name) and not path.is_symlink() and path.is_file()
    ]
    return sorted(found, key=lambda path: (int(ADR_FILE.match(path.name)[1]), path.name))  # type: ignore[index]


def read_record(path: Path) -> Record:
    """A record read back; its front matter, when it has an `advisor:` block, validated.

    Bad front matter is an `InputError` located in the record (FILE:LINE:COL).
    """
    text = _record_text(path)
    title = _TITLE.search(text)
    head = front_matter(text)
    if head is None:
        return Record(path, "", title[1].strip() if title else "", None)
    doc = parse_yaml(head, str(path))
    data = doc.data if isinstance(doc.data, dict) else {}
    status = str(data.get("status") or "")
    inputs = (
        validate_document(RecordInputs, doc, ("advisor",)) if isinstance(data.get("advisor"), dict) else None
    )
    if "advisor" in data and inputs is None:
        raise InputError([doc.problem(("advisor",), "advisor: expected a mapping, as advisor writes it")])
    return Record(path, status, title[1].strip() if title else "", inputs)


def front_matter(text: str) -> str | None:
    """The YAML front matter of a Markdown file, its opening `---` kept (so that lines count as
    in the file), or None when the file has none."""
    if not text.startswith("---\n"):
        return None
    closing = _CLOSING.search(text, 4)
    return text[: closing.start()] if closing else None


def holder(folder: Path, answers: Path, settings: list[str], decision: Decision) -> Record | None:
    """The record of `folder` in force that already holds `decision` for this answers file."""
    for path in reversed(record_files(folder)):
        try:
            record = read_record(path)
        except InputError:
            continue  # a record advisor cannot read holds nothing it could compare
        if record.inputs is None or record.retired or record.inputs.set != settings:
            continue
        if _same_file(record.answers_file(), answers) and record.inputs.decision().key() == decision.key():
            return record
    return None


@dataclass(frozen=True)
class Recorded:
    """Where a decision is recorded: a new record (`written`), or the one that held it already."""

    path: Path
    written: bool
    same_inputs: bool = True
    """For a record that held the decision already: made from the same answers and pack."""


def record_decision(
    folder: Path,
    result: Result,
    source: RecordSource,
    answers: bytes,
    pack: RulePack,
    pack_folders: list[Path],
    answers_file: Path,
) -> Recorded:
    """Write the decision as the folder's next record, with copies of its inputs (`store`);
    nothing when a record in force already holds it for this answers file."""
    text = render(result, "adr", source)
    with folder_lock(folder, wait=True):
        held = holder(folder, answers_file, source.settings, result.decision())
        if held is not None and held.inputs is not None:
            inputs = (held.inputs.answers.sha256, held.inputs.pack.sha256)
            return Recorded(held.path, False, inputs == (source.answers_sha256, result.rule_pack.sha256))
        keep_inputs(folder, answers, pack_folders, pack)
        return Recorded(write_numbered_adr(folder, adr_slug(result), text, locked=True), True)


def mark_superseded(record: Record, new: Path) -> None:
    """Set the record's MADR status to `superseded by [ADR-NNNN](NNNN-....md)`; nothing else moves."""
    text = _record_text(record.path)
    head = front_matter(text)
    found = _STATUS_LINE.search(head or "")
    number = ADR_FILE.match(new.name)
    label = f"ADR-{number[1]}" if number else new.stem
    line = f'status: "superseded by [{label}]({new.name})"'
    if head is None or found is None:
        raise InputError(f"{record.path}: no status line in its front matter to mark it superseded")
    write_atomic(record.path, text[: found.start()] + line + text[found.end() :])


def _record_text(path: Path) -> str:
    return read_text(path, "a decision record (Markdown)", hint="is it a decision record?")


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.resolve() == other.resolve() or path.samefile(other)
    except OSError:
        return False
