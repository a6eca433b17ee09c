"""`rules impact`: every stored assessment under the base pack and the new one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.layers import load_pack_stack
from advisor.recheck.impact import confidence_moved, impact, load_state, with_pack
from advisor.result import Decision, Result
from tests.recheck.conftest import EXAMPLES, ONE_WEIGHT, layer

ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
BOOKINGS = (EXAMPLES / "bookings-rails-kamal.yaml").read_text()
# Rails shops on Kamal, near the bookings system: the changed rule fires for each of them.
VARIANTS = {
    "rails/two-people.yaml": BOOKINGS,
    "rails/more-deploys.yaml": BOOKINGS.replace("deploys_per_week: 10", "deploys_per_week: 30"),
    "rails/one-operator.yaml": BOOKINGS.replace("ops_engineers: 0", "ops_engineers: 1"),
    "rails/no-paas.yaml": BOOKINGS.replace("paas_allowed: true", "paas_allowed: false"),
    "rails/growing.yaml": BOOKINGS.replace("growth: low", "growth: high"),
}


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    for example in ALL_EXAMPLES:
        (folder / "examples").mkdir(parents=True, exist_ok=True)
        shutil.copy(example, folder / "examples" / example.name)
    for name, text in VARIANTS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    assert all(text != BOOKINGS for name, text in VARIANTS.items() if name != "rails/two-people.yaml")
    return folder


def expected(folder: Path, base: list[Path], new: list[Path]) -> dict[str, tuple[bool, bool]]:
    """What the full evaluation says of each file: (flips, confidence moves by more than 0.1)."""
    before_pack, after_pack = load_pack_stack(base), load_pack_stack(new)
    found = {}
    for path in sorted(folder.rglob("*.yaml")):
        before = evaluate(before_pack, load_answers(path, before_pack.bank))
        after = evaluate(after_pack, load_answers(path, after_pack.bank))
        flips = _choice(before) != _choice(after)
        found[path.relative_to(folder).as_posix()] = (flips, confidence_moved(_of(before), _of(after)))
    return found


def _choice(result: Result) -> tuple[str | None, ...]:
    rec = result.recommendation
    product = rec.product
    return (rec.strategy, rec.platform, rec.status, product and product.name, product and product.status)


def _of(result: Result) -> Decision:
    return result.decision()


def test_a_pack_edit_that_moves_one_weight_reports_exactly_the_affected_files(
    stored: Path, tmp_path: Path
) -> None:
    house = layer(tmp_path / "house", rules=ONE_WEIGHT)
    base, new = [], with_pack([], house)
    found = impact(stored, load_state(base, new), base, new)
    truth = expected(stored, base, new)
    affected = {label for label, (flips, moved) in truth.items() if flips or moved}
    assert {row.label for row in found.rows if row.changed} == affected
    assert {row.label for row in found.rows if row.flips} == {
        label for label, (flips, _) in truth.items() if flips
    }
    assert "examples/bookings-rails-kamal.yaml" in affected and "rails/two-people.yaml" in affected
    assert not affected & {f"examples/{e.name}" for e in ALL_EXAMPLES if e.stem != "bookings-rails-kamal"}
    assert len(affected) < len(truth)
    for row in found.rows:  # the changed rule is named where it fired or could have (an open fact)
        assert row.error is None and row.rules in ([], ["rails-with-kamal"])
        assert row.rules == ["rails-with-kamal"] or not row.changed
    assert [rule.id for rule in found.pack.rules] == ["rails-with-kamal"]
    bookings = next(row for row in found.rows if row.label == "examples/bookings-rails-kamal.yaml")
    assert bookings.flips == ["strategy", "platform", "status"]


def test_the_same_pack_on_both_sides_changes_nothing(stored: Path) -> None:
    base, new = [], with_pack([], default_rules_dir())
    found = impact(stored, load_state(base, new), base, new)
    assert not [row for row in found.rows if row.changed]
    assert found.pack.rules == [] and found.pack.products == [] and found.pack.other == []


def test_a_complete_pack_replaces_the_bottom_of_the_stack_and_a_layer_goes_on_top(tmp_path: Path) -> None:
    house, other = layer(tmp_path / "house"), layer(tmp_path / "other", name="other")
    complete = tmp_path / "complete"
    shutil.copytree(default_rules_dir(), complete)
    assert with_pack([house], other) == [house, other]
    assert with_pack([house], complete) == [complete, house]
    assert with_pack([complete, house], complete) == [complete, house]


def test_a_file_that_does_not_read_is_reported_and_the_others_compared(stored: Path, tmp_path: Path) -> None:
    (stored / "broken.yaml").write_text("format: advisor/v1\nanswers: {team: {engineers: many}}\n")
    base, new = [], with_pack([], layer(tmp_path / "house", rules=ONE_WEIGHT))
    found = impact(stored, load_state(base, new), base, new)
    broken = next(row for row in found.rows if row.label == "broken.yaml")
    assert broken.error is not None and broken.error.startswith("broken.yaml:2:")
    assert sum(1 for row in found.rows if row.error is None) == len(ALL_EXAMPLES) + len(VARIANTS)


def test_many_files_on_worker_processes_give_the_same_rows(stored: Path, tmp_path: Path) -> None:
    for copy in range(40):
        shutil.copy(EXAMPLES / "bookings-rails-kamal.yaml", stored / f"copy-{copy:02d}.yaml")
    base, new = [], with_pack([], layer(tmp_path / "house", rules=ONE_WEIGHT))
    state = load_state(base, new)
    serial, parallel = impact(stored, state, base, new, 1), impact(stored, state, base, new, 2)
    assert parallel == serial
    assert len([row for row in parallel.rows if row.label.startswith("copy-") and row.flips]) == 40
