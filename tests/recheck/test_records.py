"""Decision records read back: status, title, advisor's block; the record that holds a decision."""

from __future__ import annotations

import pytest

from advisor.errors import InputError
from advisor.recheck.records import front_matter, holder, mark_superseded, read_record, record_files
from tests.recheck.conftest import RECORDS, Repo


def test_a_record_advisor_wrote_reads_back_with_what_it_was_made_from(repo: Repo) -> None:
    record = read_record(repo.adr / RECORDS["checkout-platform"])
    assert (record.status, record.title) == ("proposed", "Use Serverless containers for Checkout platform")
    assert record.inputs is not None and not record.retired
    assert record.answers_file().resolve() == repo.answers("checkout-platform").resolve()
    decision = record.inputs.decision()
    assert decision.key() == (
        "containers",
        "serverless-containers",
        "clear",
        "Amazon ECS Express Mode",
        "active",
    )
    assert record.inputs.revisit_when.products[0].as_of == "2026-11-29"


def test_records_are_the_numbered_markdown_files_in_number_order(repo: Repo) -> None:
    (repo.adr / "0010-later.md").write_text("# later\n")
    (repo.adr / "README.md").write_text("index\n")
    (repo.adr / "0011-link.md").symlink_to(repo.adr / "0010-later.md")
    assert [path.name for path in record_files(repo.adr)] == [*RECORDS.values(), "0010-later.md"]
    with pytest.raises(InputError, match="no such folder"):
        record_files(repo.adr / "missing")


def test_front_matter_keeps_its_lines_where_they_are() -> None:
    assert front_matter("---\nstatus: proposed\n---\n# T\n") == "---\nstatus: proposed\n"
    assert front_matter("# No front matter\n") is None
    assert front_matter("---\nnever closed\n") is None


def test_the_record_holding_a_decision_is_the_one_in_force_for_the_same_answers(repo: Repo) -> None:
    record = read_record(repo.adr / RECORDS["storefront-startup"])
    assert record.inputs is not None
    decision = record.inputs.decision()
    answers = repo.answers("storefront-startup")
    assert holder(repo.adr, answers, [], decision) == record
    assert holder(repo.adr, answers, ["team.engineers=6"], decision) is None  # other overrides
    assert holder(repo.adr, repo.answers("checkout-platform"), [], decision) is None
    mark_superseded(record, repo.adr / "0009-use-something-else.md")
    assert holder(repo.adr, answers, [], decision) is None


def test_marking_superseded_changes_the_status_line_only(repo: Repo) -> None:
    path = repo.adr / RECORDS["bookings-rails-kamal"]
    before = path.read_text()
    mark_superseded(read_record(path), repo.adr / "0004-use-paas-for-bookings.md")
    after = path.read_text()
    assert after == before.replace(
        "status: proposed", 'status: "superseded by [ADR-0004](0004-use-paas-for-bookings.md)"', 1
    )
    assert read_record(path).retired


def test_a_record_with_a_broken_advisor_block_is_an_input_error_located_in_it(repo: Repo) -> None:
    path = repo.adr / RECORDS["bookings-rails-kamal"]
    path.write_text(path.read_text().replace('"confidence": 0.7', '"confidence": 7', 1))
    with pytest.raises(InputError) as raised:
        read_record(path)
    assert str(raised.value).startswith(f"{path}:8:") and "confidence" in str(raised.value)
