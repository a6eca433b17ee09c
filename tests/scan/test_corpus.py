"""The scan on a corpus of repository shapes: exactly the facts a reader would write down.

Each entry of `tests/data/scan-corpus/` is a repository written for these tests, modelled
on a kind of real repository (named in its `reader.yaml`), and the facts a reader of that
repository would write down. The scan must answer exactly those facts, with those values:
a fact it adds is as wrong as one it misses. `evidence` and `notes` list what the evidence
of a fact and the notes must say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.pack.questions import QuestionBank
from advisor.scan import scan

CORPUS = Path(__file__).parents[1] / "data" / "scan-corpus"
ENTRIES = sorted(path.name for path in CORPUS.iterdir() if (path / "reader.yaml").is_file())


def reader(entry: str) -> dict[str, Any]:
    data = yaml.safe_load((CORPUS / entry / "reader.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) <= {"facts", "evidence", "notes"}, entry
    return data


def as_answered(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def test_the_corpus_has_a_dozen_kinds_of_repository() -> None:
    assert len(ENTRIES) >= 12


@pytest.mark.parametrize("entry", ENTRIES)
def test_the_scan_writes_down_what_a_reader_would(entry: str, bank: QuestionBank) -> None:
    expected = reader(entry)
    report = scan(CORPUS / entry / "repo", bank)
    facts = {fact: as_answered(value) for fact, value in expected["facts"].items()}
    assert report.answers.facts == facts
    assert set(report.evidence) == set(report.answers.facts)
    for fact, parts in expected.get("evidence", {}).items():
        for part in parts:
            assert part in report.evidence[fact], (fact, part)
    for part in expected.get("notes", []):
        assert any(part in note for note in report.notes), (part, report.notes)
    assert report.warnings == []
