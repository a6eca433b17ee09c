"""Parsed rule-pack files kept between runs, so that a pack is parsed once per content.

A rule pack is read on every run and changes rarely; parsing its YAML (with a position for
every node) is most of what a report costs beyond its imports. Each pack file's `Document` is
kept in the user's cache folder, as `marshal` data of plain values (never a pickle), under a
name derived from the advisor version and the file's path, and it is used only when:

- the folder and the entry belong to this user and nobody else can write them;
- the entry's own SHA-256 checks out (a torn or corrupted entry is ignored);
- it was written by this advisor version, for this path and the SHA-256 of these bytes.

Anything else, or any failure to read or write, falls back to parsing, which also words
every error: an entry is written only for a file that parsed.

`ADVISOR_CACHE_DIR` names another folder; set to an empty value, it turns the cache off.
"""

from __future__ import annotations

import datetime
import hashlib
import marshal
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from advisor import __version__
from advisor.errors import Location
from advisor.source.document import Document, KeyPath, parse_yaml, read_bounded

_FORMAT = "advisor-document/1"
_DIGEST = 32  # bytes of the SHA-256 that heads each entry


def load_cached_yaml(path: Path) -> Document:
    """`load_yaml_file`, through the cache when it holds this file's content."""
    raw = read_bounded(path, "a YAML file")
    name = str(path)
    folder = cache_dir()
    if folder is None:
        return parse_yaml(raw, name)
    content = hashlib.sha256(raw).hexdigest()
    entry = folder / (hashlib.sha256(f"{__version__}\0{name}".encode()).hexdigest() + ".marshal")
    cached = _read(entry, name, content)
    if cached is not None:
        return cached
    doc = parse_yaml(raw, name)
    _write(folder, entry, _entry(doc, content))
    return doc


def cache_dir() -> Path | None:
    """Where entries are kept: `ADVISOR_CACHE_DIR`, else the platform's user cache folder."""
    configured = os.environ.get("ADVISOR_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder
            return None
    return Path(base) / "advisor"


def _private(info: os.stat_result) -> bool:
    """Owned by this user, writable by nobody else (always true where there are no owners)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(entry: Path, name: str, content: str) -> Document | None:
    try:
        if not _private(entry.parent.lstat()):
            return None
        info = entry.lstat()
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        blob = entry.read_bytes()
        digest, payload = blob[:_DIGEST], blob[_DIGEST:]
        if hashlib.sha256(payload).digest() != digest:
            return None
        kept = marshal.loads(payload)
        if kept[:4] != (_FORMAT, __version__, name, content):
            return None
        _, _, _, _, data, dates, values, keys = kept
        for path, kind, text in dates:
            _place(data, path, _TIMES[kind].fromisoformat(text))
        return Document(name, data, _Positions(name, values), _Positions(name, keys))
    except (OSError, ValueError, TypeError, EOFError, KeyError, IndexError):
        return None


def _write(folder: Path, entry: Path, kept: tuple[Any, ...]) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder.lstat()):
            return
        payload = marshal.dumps(kept)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):  # a read-only or full disk: the next run parses again
        return


_TIMES: dict[str, type[datetime.date]] = {"date": datetime.date, "datetime": datetime.datetime}


def _entry(doc: Document, content: str) -> tuple[Any, ...]:
    """The document as plain values: dates by their paths, positions as (line, column)."""
    dates: list[tuple[KeyPath, str, str]] = []
    data = _plain(doc.data, (), dates)
    values = {path: (at.line, at.col) for path, at in doc.values.items()}
    keys = {path: (at.line, at.col) for path, at in doc.keys.items()}
    return (_FORMAT, __version__, doc.file, content, data, dates, values, keys)


def _plain(data: Any, path: KeyPath, dates: list[tuple[KeyPath, str, str]]) -> Any:
    """A copy of `data` that `marshal` can write: each date is left out and listed in `dates`."""
    if isinstance(data, datetime.date):
        dates.append((path, "datetime" if isinstance(data, datetime.datetime) else "date", data.isoformat()))
        return None
    if isinstance(data, dict):
        return {key: _plain(value, (*path, key), dates) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value, (*path, index), dates) for index, value in enumerate(data)]
    return data


def _place(data: Any, path: KeyPath, value: Any) -> None:
    *parents, last = path
    for part in parents:
        data = data[part]
    data[last] = value


class _Positions(Mapping[KeyPath, Location]):
    """Positions kept as (line, column) pairs; a `Location` is made only when one is asked for."""

    def __init__(self, file: str, places: dict[KeyPath, tuple[int, int]]) -> None:
        self._file = file
        self._places = places

    def __getitem__(self, path: KeyPath) -> Location:
        line, col = self._places[path]
        return Location(self._file, line, col)

    def __contains__(self, path: object) -> bool:
        return path in self._places

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)
