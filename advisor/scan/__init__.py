"""Repository scan: facts detected from the code, each with the files that show it.

`scan(root, bank)` walks a repository (or a folder of repositories), reads only the files
whose names can carry a fact, and returns a partial set of answers with evidence. The
result is a starting point for review, never a substitute for the interview.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from advisor.answers import Answers, Project
from advisor.errors import InputError
from advisor.pack.questions import QuestionBank
from advisor.scan.detect import detect
from advisor.scan.mapping import to_facts
from advisor.scan.names import classify
from advisor.scan.read import MAX_BYTES
from advisor.scan.walk import walk

__all__ = ["MAX_BYTES", "ScanReport", "scan", "scan_answers"]


@dataclass(frozen=True)
class ScanReport:
    """Detected facts, why each was detected, and what the scan could not read or decide."""

    answers: Answers
    evidence: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files_seen: int = 0
    files_read: int = 0
    symlinks_skipped: int = 0


def scan(root: Path, bank: QuestionBank) -> ScanReport:
    """Detect facts in the tree under `root`; only facts `bank` defines are answered."""
    if not root.exists():
        raise InputError(f"{root}: no such folder; give the path of a repository")
    if not root.is_dir():
        raise InputError(f"{root}: not a folder; give the path of a repository")
    try:
        with os.scandir(root):
            pass
    except OSError as error:
        raise InputError(f"{root}: cannot read folder: {error.strerror}") from None
    listing = walk(root, classify)
    findings = detect(listing)
    mapped = to_facts(findings, bank)
    notes = list(mapped.notes)
    if listing.symlinks_skipped:
        count = listing.symlinks_skipped
        notes.append(f"{count} symbolic link{' was' if count == 1 else 's were'} not followed")
    answers = Answers(project=_project(root), facts=mapped.facts, source=str(root))
    return ScanReport(
        answers=answers,
        evidence=mapped.evidence,
        warnings=listing.warnings + findings.warnings,
        notes=notes,
        files_seen=listing.files_seen,
        files_read=findings.files_read,
        symlinks_skipped=listing.symlinks_skipped,
    )


def scan_answers(root: Path, bank: QuestionBank) -> Answers:
    """The detected facts alone: what `advisor assess --scan PATH` prefills the interview with."""
    return scan(root, bank).answers


def _project(root: Path) -> Project:
    """Name the project after the scanned folder, when that name is fit for a report."""
    try:
        return Project(name=root.resolve().name or "Unnamed system")
    except ValidationError:
        return Project()
