"""`revisit`: every record of a folder re-checked, each change put down to its cause."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.pack.layers import load_pack_stack
from advisor.recheck.records import read_record
from advisor.recheck.revisit import revisit, supersede
from advisor.result import AnswerChange, RecordCheck, Revisit
from tests.recheck.conftest import ONE_WEIGHT, RECORDS, Repo, layer

ECS_EXPRESS = """products:
  - name: Amazon ECS Express Mode
    platform: serverless-containers
    providers: [aws]
    when: {all: [app.os != windows, app.workload_kind != batch]}
    status: deprecated
    source: https://aws.amazon.com/ecs/
    as_of: 2026-12-01
"""


def run(repo: Repo, *rules: Path) -> Revisit:
    return revisit(repo.adr, load_pack_stack(list(rules)), list(rules))


def by_name(found: Revisit) -> dict[str, RecordCheck]:
    return {
        name: found.records[[r.record for r in found.records].index(record)]
        for name, record in RECORDS.items()
    }


def test_nothing_moved_every_decision_holds(repo: Repo) -> None:
    found = run(repo)
    assert [(r.record, r.outcome, r.causes) for r in found.records] == [
        (record, "holds", []) for record in RECORDS.values()
    ]
    assert all(r.pack is None and not r.answers_changed for r in found.records)


def test_one_flipped_by_its_answers_one_by_the_pack_one_unchanged(repo: Repo, tmp_path: Path) -> None:
    repo.edit("storefront-startup", "paas_allowed: true", "paas_allowed: false")
    pack = layer(tmp_path / "house", rules=ONE_WEIGHT)
    found = by_name(run(repo, pack))

    storefront = found["storefront-startup"]
    assert (storefront.outcome, storefront.causes, storefront.separated) == (
        "would-change",
        ["answers"],
        True,
    )
    assert storefront.answers == [
        AnswerChange(
            fact="hosting.paas_allowed",
            before=True,
            after=False,
            before_status="answered",
            after_status="answered",
        )
    ]
    assert (
        storefront.recorded and storefront.recorded.strategy,
        storefront.now and storefront.now.strategy,
    ) == (
        "paas",
        "containers",
    )

    bookings = found["bookings-rails-kamal"]
    assert (bookings.outcome, bookings.causes, bookings.answers_changed) == ("would-change", ["pack"], False)
    assert bookings.pack is not None and [rule.id for rule in bookings.pack.rules] == ["rails-with-kamal"]
    assert bookings.pack.rules[0].change == ["effects"]
    assert bookings.now is not None and (bookings.now.strategy, bookings.now.platform) == ("paas", None)

    checkout = found["checkout-platform"]
    assert (checkout.outcome, checkout.causes) == ("holds", [])
    assert checkout.pack is not None and checkout.pack.rules == []  # the changed rule never concerned it


def test_both_inputs_moved_and_the_crossed_evaluations_tell_which_one_did_it(
    repo: Repo, tmp_path: Path
) -> None:
    """Bookings under the edited pack would go to PaaS; its answers edit alone would not move it."""
    repo.edit("bookings-rails-kamal", "deploys_per_week: 10", "deploys_per_week: 6")
    found = by_name(run(repo, layer(tmp_path / "house", rules=ONE_WEIGHT)))["bookings-rails-kamal"]
    assert (found.outcome, found.causes, found.separated, found.answers_changed) == (
        "would-change",
        ["pack"],
        True,
        True,
    )


def test_without_the_kept_copies_the_two_causes_are_named_unseparated(repo: Repo, tmp_path: Path) -> None:
    shutil.rmtree(repo.adr / ".advisor")
    repo.edit("bookings-rails-kamal", "deploys_per_week: 10", "deploys_per_week: 6")
    found = by_name(run(repo, layer(tmp_path / "house", rules=ONE_WEIGHT)))
    assert (found["bookings-rails-kamal"].causes, found["bookings-rails-kamal"].separated) == (
        ["answers", "pack"],
        False,
    )
    assert found["checkout-platform"].outcome == "holds"


def test_a_product_whose_status_the_pack_restates_is_a_product_status_change(
    repo: Repo, tmp_path: Path
) -> None:
    found = by_name(run(repo, layer(tmp_path / "house", options=ECS_EXPRESS)))
    checkout = found["checkout-platform"]
    assert (checkout.outcome, checkout.causes) == ("would-change", ["product-status"])
    assert checkout.now is not None and (checkout.now.product, checkout.now.product_status) == (
        "Amazon ECS Express Mode",
        "deprecated",
    )
    assert checkout.pack is not None
    move = checkout.pack.products[0]
    assert (move.name, move.before_status, move.before_as_of, move.after_status, move.after_as_of) == (
        "Amazon ECS Express Mode",
        "active",
        "2026-11-29",
        "deprecated",
        "2026-12-01",
    )
    assert [r.outcome for r in found.values()] == ["holds", "would-change", "holds"]


def test_a_product_status_change_is_seen_without_the_kept_pack_too(repo: Repo, tmp_path: Path) -> None:
    shutil.rmtree(repo.adr / ".advisor" / "packs")
    checkout = by_name(run(repo, layer(tmp_path / "house", options=ECS_EXPRESS)))["checkout-platform"]
    assert checkout.causes == ["product-status"]
    assert checkout.pack is not None and checkout.pack.products[0].after_status == "deprecated"


def test_a_kept_copy_that_was_changed_is_not_used(repo: Repo, tmp_path: Path) -> None:
    kept = next((repo.adr / ".advisor" / "answers").iterdir())
    kept.write_text(kept.read_text() + "# edited\n")
    repo.edit("bookings-rails-kamal", "deploys_per_week: 10", "deploys_per_week: 6")
    found = by_name(run(repo, layer(tmp_path / "house", rules=ONE_WEIGHT)))["bookings-rails-kamal"]
    assert found.causes == [
        "pack"
    ]  # the kept pack still separates: the old answers decide as before under it


def test_records_not_by_advisor_or_retired_are_skipped_and_a_missing_answers_file_is_reported(
    repo: Repo,
) -> None:
    (repo.adr / "0004-use-postgres.md").write_text("---\nstatus: accepted\n---\n# Use Postgres\n")
    (repo.adr / "0005-no-front-matter.md").write_text("# Use Redis\n")
    old = repo.adr / RECORDS["storefront-startup"]
    old.write_text(old.read_text().replace("status: proposed", "status: deprecated", 1))
    repo.answers("checkout-platform").unlink()
    found = {r.record: r for r in run(repo).records}
    assert found["0004-use-postgres.md"].outcome == "skipped"
    assert found["0005-no-front-matter.md"].note.startswith("not written by advisor")
    assert (found[old.name].outcome, found[old.name].note) == ("skipped", "status: deprecated")
    missing = found[RECORDS["checkout-platform"]]
    assert (missing.outcome, missing.note) == (
        "failed",
        "answers file missing: ../../answers/checkout-platform.yaml (relative to the record)",
    )
    assert found[RECORDS["bookings-rails-kamal"]].outcome == "holds"


def test_an_answers_file_that_no_longer_reads_is_reported_with_its_location(repo: Repo) -> None:
    repo.edit("bookings-rails-kamal", "deploys_per_week: 10", "deploys_per_week: many")
    found = by_name(run(repo))["bookings-rails-kamal"]
    assert found.outcome == "failed"
    assert "bookings-rails-kamal.yaml:" in found.note and "deploys_per_week" in found.note


def test_bad_front_matter_is_reported_located(repo: Repo) -> None:
    record = repo.adr / RECORDS["checkout-platform"]
    record.write_text(record.read_text().replace('"sha256": "', '"sha256": "zz', 1))
    found = by_name(run(repo))["checkout-platform"]
    assert found.outcome == "failed"
    assert found.note.startswith(f"{record}:6:") and "sha256" in found.note


def test_supersede_writes_the_new_decision_and_marks_the_old_record(repo: Repo, tmp_path: Path) -> None:
    pack_folder = layer(tmp_path / "house", rules=ONE_WEIGHT)
    pack = load_pack_stack([pack_folder])
    check = by_name(revisit(repo.adr, pack, [pack_folder]))["bookings-rails-kamal"]
    done = supersede(repo.adr, check, pack, [pack_folder], None)
    assert done.superseded_by == "0004-use-paas-for-bookings.md"
    old = read_record(repo.adr / RECORDS["bookings-rails-kamal"])
    assert old.status == "superseded by [ADR-0004](0004-use-paas-for-bookings.md)" and old.retired
    new = read_record(repo.adr / "0004-use-paas-for-bookings.md")
    assert new.inputs is not None and new.inputs.supersedes == RECORDS["bookings-rails-kamal"]
    assert new.inputs.answers.path == "../../answers/bookings-rails-kamal.yaml"
    again = {r.record: r.outcome for r in revisit(repo.adr, pack, [pack_folder]).records}
    assert again == {
        RECORDS["bookings-rails-kamal"]: "skipped",
        RECORDS["checkout-platform"]: "holds",
        RECORDS["storefront-startup"]: "holds",
        "0004-use-paas-for-bookings.md": "holds",
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_many_records_on_worker_processes_come_back_in_order(
    repo: Repo, tmp_path: Path, workers: int
) -> None:
    for copy in range(45):
        shutil.copy(repo.adr / RECORDS["checkout-platform"], repo.adr / f"{copy + 10:04d}-copy.md")
    found = revisit(repo.adr, load_pack_stack([]), [], workers=workers)
    assert [r.record for r in found.records] == [
        *RECORDS.values(),
        *(f"{n + 10:04d}-copy.md" for n in range(45)),
    ]
    assert {r.outcome for r in found.records} == {"holds"}
