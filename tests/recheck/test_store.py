"""The copies of a record's answers and rule pack, kept beside the records."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.pack.layers import load_pack_stack, stack_folders
from advisor.recheck.store import STORE, keep_inputs, kept_answers, kept_pack
from tests.recheck.conftest import EXAMPLES, ONE_WEIGHT, layer


def test_the_answers_and_the_pack_stack_are_kept_once_and_read_back(tmp_path: Path) -> None:
    house = layer(tmp_path / "house", rules=ONE_WEIGHT)
    pack = load_pack_stack([house])
    data = (EXAMPLES / "bookings-rails-kamal.yaml").read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    for _ in range(2):
        keep_inputs(tmp_path / "adr", data, stack_folders([house]), pack)
    store = tmp_path / "adr" / STORE
    assert [p.name for p in (store / "answers").iterdir()] == [f"{sha}.yaml"]
    assert [p.name for p in (store / "packs").iterdir()] == [pack.sha256]
    assert sorted(p.name for p in (store / "packs" / pack.sha256).iterdir()) == ["1-default", "2-house"]
    assert not (store / "packs" / pack.sha256 / "1-default" / "tests").exists()
    assert kept_answers(tmp_path / "adr", sha) == store / "answers" / f"{sha}.yaml"
    kept = kept_pack(tmp_path / "adr", pack.sha256)
    assert kept is not None and kept.sha256 == pack.sha256 and kept.stack == pack.stack


def test_a_changed_or_missing_copy_is_not_used(tmp_path: Path) -> None:
    pack = load_pack_stack([])
    data = (EXAMPLES / "bookings-rails-kamal.yaml").read_bytes()
    keep_inputs(tmp_path, data, stack_folders([]), pack)
    sha = hashlib.sha256(data).hexdigest()
    (tmp_path / STORE / "answers" / f"{sha}.yaml").write_bytes(data + b"# edited\n")
    rules = next((tmp_path / STORE / "packs" / pack.sha256 / "1-default").glob("team.yaml"))
    rules.write_text(rules.read_text().replace("effects: {", "effects: {paas: 1, ", 1))
    assert kept_answers(tmp_path, sha) is None
    assert kept_pack(tmp_path, pack.sha256) is None
    assert kept_pack(tmp_path, "0" * 64) is None
    (tmp_path / STORE / "packs" / pack.sha256 / "extra").mkdir()  # a folder advisor did not name
    assert kept_pack(tmp_path, pack.sha256) is None


def test_a_planted_link_in_place_of_the_store_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / STORE).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(InputError, match="a symbolic link"):
        keep_inputs(tmp_path / "adr", b"format: advisor/v1\n", stack_folders([]), load_pack_stack([]))
    assert list(elsewhere.iterdir()) == []
