"""A pack file read through the cache is the document a parse gives, or the cache is ignored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.pack.bundled import default_rules_dir
from advisor.source import cache
from advisor.source.document import Document, load_yaml_file, parse_value, parse_yaml

PACK_FILE = default_rules_dir() / "pack.yaml"  # it holds a date, which marshal cannot write
RULES = sorted(default_rules_dir().glob("*.yaml"))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(where))
    return where


def same(one: Document, other: Document) -> bool:
    return (one.file, one.data, dict(one.values), dict(one.keys)) == (
        other.file,
        other.data,
        dict(other.values),
        dict(other.keys),
    )


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_a_cached_file_reads_as_it_parses(folder: Path, path: Path) -> None:
    written = cache.load_cached_yaml(path)
    assert len(list(folder.iterdir())) == 1
    assert same(written, load_yaml_file(path))
    assert same(cache.load_cached_yaml(path), written)


def test_the_cache_is_used_on_the_second_read(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.load_cached_yaml(PACK_FILE)
    monkeypatch.setattr(cache, "parse_yaml", lambda *args: pytest.fail("parsed again"))
    assert cache.load_cached_yaml(PACK_FILE).data["name"] == "default"


def test_an_edited_file_is_parsed_again(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("name: one\n")
    assert cache.load_cached_yaml(path).data == {"name": "one"}
    path.write_text("name: two\n")
    assert cache.load_cached_yaml(path).data == {"name": "two"}
    assert len(list(folder.iterdir())) == 1  # the entry was replaced, not added to


@pytest.mark.parametrize("damage", [b"", b"x" * 40, None])
def test_a_damaged_entry_is_ignored(folder: Path, damage: bytes | None) -> None:
    cache.load_cached_yaml(PACK_FILE)
    (entry,) = folder.iterdir()
    blob = entry.read_bytes()
    entry.write_bytes(blob[:-1] + bytes([blob[-1] ^ 1]) if damage is None else damage)
    assert same(cache.load_cached_yaml(PACK_FILE), load_yaml_file(PACK_FILE))


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")
def test_an_entry_others_can_write_is_ignored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.load_cached_yaml(PACK_FILE)
    (entry,) = folder.iterdir()
    entry.chmod(0o666)
    monkeypatch.setattr(cache.marshal, "loads", lambda data: pytest.fail("read"))
    assert same(cache.load_cached_yaml(PACK_FILE), load_yaml_file(PACK_FILE))


def test_an_entry_of_another_version_is_ignored(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.load_cached_yaml(PACK_FILE)
    (entry,) = folder.iterdir()
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    (other,) = [cache.load_cached_yaml(PACK_FILE)]
    assert same(other, load_yaml_file(PACK_FILE))
    assert len(list(folder.iterdir())) == 2 and entry.exists()


def test_an_unwritable_cache_folder_only_means_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocked / "cache"))
    assert same(cache.load_cached_yaml(PACK_FILE), load_yaml_file(PACK_FILE))


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", "")
    assert cache.cache_dir() is None


def test_a_file_that_does_not_parse_is_not_kept(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: [1,\n")
    with pytest.raises(Exception, match="YAML syntax error"):
        cache.load_cached_yaml(path)
    assert not folder.exists() or not list(folder.iterdir())


WORDS = ["true", "No", "on", "null", "0", "010", "0x1F", "1_000", "1e5", "1.5", "+1", "-1", "1:30"]
WORDS += ["2026-01-01", "2026-01-01t10:00:00", "~", "go", "c++", "node.js", "_x", "inf", "1__0", ".inf"]


LISTS = ["[go, rust]", "[ true ,010 ]", "[a]", "[]", "[on, 1:30, 2026-01-01]"]


@pytest.mark.parametrize("text", [*WORDS, *LISTS])
def test_a_word_or_a_list_of_words_reads_as_the_yaml_parser_reads_it(text: str) -> None:
    try:
        expected = parse_yaml(text, "<value>").data
    except Exception:
        expected = text
    found = parse_value(text)
    assert (found, type(found)) == (expected, type(expected))
    if isinstance(found, list):
        assert [type(item) for item in found] == [type(item) for item in expected]
