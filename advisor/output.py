"""Writing results: atomically, so a reader never sees half a report, and never over another ADR."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

from advisor.errors import InputError

ADR_FILE = re.compile(r"^(\d{4})-.*\.md$")
_ATTEMPTS = 100


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place.

    On any failure the temporary file is removed and `path` is left as it was.
    """
    temporary = _write_temporary(path, text)
    try:
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        raise


def write_numbered_adr(folder: Path, slug: str, text: str) -> Path:
    """Write `text` as the next record of an ADR folder (`0007-<slug>.md`) and return its path.

    The file appears complete or not at all, and an existing record is never replaced: when
    another writer takes the number first, the next one is used.
    """
    for _ in range(_ATTEMPTS):
        path = folder / f"{next_adr_number(folder):04d}-{slug}.md"
        temporary = _write_temporary(path, text)
        try:
            _link_new(temporary, path)
        except FileExistsError:
            continue
        except OSError as error:
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        finally:
            Path(temporary).unlink(missing_ok=True)
        return path
    raise InputError(f"{folder}: cannot find a free ADR number; is another process writing there?")


def next_adr_number(folder: Path) -> int:
    """One more than the highest `NNNN-*.md` in the folder; 1 in a folder without records."""
    numbers = [int(match[1]) for entry in folder.iterdir() if (match := ADR_FILE.match(entry.name))]
    return max(numbers, default=0) + 1


def _link_new(temporary: str, path: Path) -> None:
    """Give the finished temporary file its final name, failing if that name is taken."""
    try:
        os.link(temporary, path)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EOPNOTSUPP):
            raise
        # No hard links on this file system: claim the name first, then move the content in.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        os.replace(temporary, path)


def _write_temporary(path: Path, text: str) -> str:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{path}: cannot write: {error.strerror}") from None
        raise
    return temporary
