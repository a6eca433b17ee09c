"""`advisor revisit` on the command line: the table, exit codes, --supersede, the default folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from tests.conftest import run_advisor
from tests.recheck.conftest import ONE_WEIGHT, RECORDS, Repo, layer, repo

__all__ = ["repo"]


def test_a_folder_with_one_decision_moved_by_its_answers_one_by_the_pack_and_one_unchanged(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit("storefront-startup", "paas_allowed: true", "paas_allowed: false")
    house = layer(tmp_path / "house", rules=ONE_WEIGHT)
    capsys.readouterr()
    assert main(["revisit", str(repo.adr), "--rules", str(house), "--exit-code"]) == 1
    table = capsys.readouterr().out
    assert "**2 of 3 decisions would change** (1 by the rule pack, 1 by the answers); 1 holds." in table
    rows = {
        line.split(" | ")[0].removeprefix("| "): line for line in table.splitlines() if line.startswith("| 0")
    }
    assert list(rows) == list(RECORDS.values())
    bookings, checkout, storefront = rows.values()
    assert (
        "| **would change** | the rule pack (" in bookings
        and "rules `rails-with-kamal` (effects)" in bookings
    )
    assert "| holds | the rule pack changed; the decision did not |" in checkout
    assert "| **would change** | the answers: `hosting.paas_allowed` yes → no |" in storefront
    assert main(["revisit", str(repo.adr), "--rules", str(house)]) == 0  # without --exit-code


def test_json_for_scripts_and_exit_2_when_a_record_cannot_be_checked(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.answers("checkout-platform").unlink()
    capsys.readouterr()
    assert main(["revisit", str(repo.adr), "--format", "json"]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "advisor/revisit-v1"
    assert [record["outcome"] for record in data["records"]] == ["holds", "failed", "holds"]
    assert "fired" not in data["records"][0]["now"]


def test_supersede_writes_new_records_and_marks_the_old_ones(
    repo: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit("storefront-startup", "paas_allowed: true", "paas_allowed: false")
    assert main(["revisit", str(repo.adr), "--supersede", "--date", "2026-12-01"]) == 0
    out, err = capsys.readouterr()
    new = repo.adr / "0004-use-containers-serverless-containers-for-storefront.md"
    assert err == f"advisor: wrote {new}; {RECORDS['storefront-startup']} is superseded by it\n"
    assert new.read_text().startswith("---\nstatus: proposed\ndate: 2026-12-01\n")
    assert "superseded by 0004-use-containers-serverless-containers-for-storefront.md" in out
    old = (repo.adr / RECORDS["storefront-startup"]).read_text()
    status = 'status: "superseded by [ADR-0004](0004-use-containers-serverless-containers-for-storefront.md)"'
    assert old.startswith(f"---\n{status}\n")
    assert main(["revisit", str(repo.adr), "--exit-code"]) == 0


def test_the_default_folder_is_docs_adr(repo: Repo) -> None:
    done = run_advisor("revisit", cwd=repo.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Revisit: docs/adr\n")
    missing = run_advisor("revisit", cwd=repo.root / "answers")
    assert (missing.returncode, missing.stderr) == (
        2,
        "advisor: error: docs/adr: no such folder; give the folder of decision records\n",
    )


def test_the_table_is_never_written_over_a_record(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    record = repo.adr / RECORDS["storefront-startup"]
    before = record.read_text()
    assert main(["revisit", str(repo.adr), "-o", str(record)]) == 2
    assert f"-o names a record of {repo.adr} ({record}), which this run reads" in capsys.readouterr().err
    assert record.read_text() == before
