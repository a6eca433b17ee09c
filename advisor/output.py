"""Writing outputs: a reader never sees half a file, and a path is never replaced by
something other than what it stands for.

- A regular file (new or existing) is written to a temporary file beside it and renamed
  into place. A new file gets the permissions the umask allows; an existing one keeps its
  mode (and, for root, its owner).
- A symbolic link is written through: its target is replaced atomically, the link stays.
- A character device, a FIFO, or standard output by name (`/dev/stdout`, `/dev/fd/1`) is
  written to directly, as `cp` would; nothing is renamed over it.
- Anything else (a folder, a socket) is refused.

Files the tool names itself inside a folder it writes (a batch's reports and index) are
the exception: there a link or a device someone planted is replaced, never followed.

ADR folders get the next number under a lock on the folder, so concurrent writers never
share a number; a batch holds the same lock on its output folder while it writes.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from advisor.errors import InputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; exclusive names still hold
    fcntl = None  # type: ignore[assignment]

ADR_FILE = re.compile(r"^(\d{4,})-.*\.md$")
NAME_LIMIT = 255  # bytes in one file or folder name, on every common file system
_ATTEMPTS = 100
_STREAMS = re.compile(r"^/(?:dev/(?:std(out|err)|fd/(\d+))|proc/self/fd/(\d+))$")


def write_atomic(path: Path, text: str | bytes | Iterable[str], *, follow: bool = True) -> None:
    """Write `text` (UTF-8, `\\n` line ends; or bytes as they are, a PDF; or pieces of text,
    written as they come, for a page too large to hold twice) to `path` as the module
    docstring says; `follow=False` for a name the tool chose: whatever is there is replaced,
    not followed.

    On any failure `path` is left as it was, and the error names the path and the fix.
    """
    if not follow:
        try:
            kept = os.lstat(path)
        except OSError:
            kept = None
        _replace(path, _encoded(text), kept if kept and stat.S_ISREG(kept.st_mode) else None, shown=path)
        return
    encoded = _encoded(text)
    data = encoded if isinstance(encoded, bytes) else b"".join(encoded)
    stream = _stream_fd(path)
    if stream is not None:
        _write_fd(path, stream, data)
        return
    try:
        status: os.stat_result | None = os.stat(path)  # through symbolic links
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise cannot_write(path, error) from None
    if status is not None and (stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
        _write_device(path, data)
        return
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError(f"{path}: is a folder; give a file name")
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise InputError(f"{path}: not a regular file, a device or a pipe; refusing to replace it")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _replace(target, data, status, shown=path)


def write_numbered_adr(folder: Path, slug: str, text: str, *, locked: bool = False) -> Path:
    """Write `text` as the next record of an ADR folder (`0007-<slug>.md`) and return its path.

    The number is taken under a lock on the folder (`locked`: the caller holds it already)
    and the file is created exclusively, so concurrent writers get different numbers; after
    9999 come 10000, 10001...
    """
    data = text.encode("utf-8")
    with nullcontext() if locked else folder_lock(folder, wait=True):
        for _ in range(_ATTEMPTS):
            path = folder / f"{next_adr_number(folder):04d}-{slug}.md"
            try:
                _create_new(path, data)
            except FileExistsError:
                continue  # written by something that does not take the lock: take the next number
            return path
    raise InputError(f"{folder}: cannot find a free ADR number; is another process writing there?")


def write_new(path: Path, text: str | bytes) -> None:
    """Write `text` (or bytes as they are) to `path`, which must not exist yet
    (FileExistsError): of two writers racing for one name, exactly one gets it, complete."""
    _create_new(path, text.encode("utf-8") if isinstance(text, str) else text)


def next_adr_number(folder: Path) -> int:
    """One more than the highest `NNNN-*.md` in the folder; 1 in a folder without records."""
    numbers = [int(match[1]) for entry in folder.iterdir() if (match := ADR_FILE.match(entry.name))]
    return max(numbers, default=0) + 1


@contextmanager
def folder_lock(folder: Path, *, wait: bool, busy: str = "") -> Iterator[None]:
    """Hold an advisory lock on `folder` (the folder itself, no lock file) for the block.

    Without `wait`, a folder another advisor holds is refused with `busy` as the message.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise cannot_write(folder, error) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise InputError(busy or f"{folder}: another advisor is writing into this folder") from None
        yield
    finally:
        os.close(handle)  # closing releases the lock


def new_file_mode() -> int:
    """What `open()` would give a new file: 0o666 less the umask."""
    return 0o666 & ~_umask()


def cannot_write(path: Path, error: OSError, action: str = "write") -> InputError:
    """An OSError about `path` as a message with the fix."""
    if error.errno == errno.ENAMETOOLONG or any(
        len(os.fsencode(part)) > NAME_LIMIT for part in Path(path).parts
    ):
        return InputError(
            f"{path}: a file or folder name in this path is longer than {NAME_LIMIT} bytes; "
            "choose a shorter name"
        )
    return InputError(f"{path}: cannot {action}: {error.strerror or error}")


def is_stream(path: Path) -> bool:
    """`/dev/stdout` and its kin: a stream by name, not a file."""
    return _stream_fd(path) is not None


def _stream_fd(path: Path) -> int | None:
    """The descriptor that `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N` names."""
    match = _STREAMS.match(str(path))
    if match is None:
        return None
    if match[1]:
        return 1 if match[1] == "out" else 2
    return int(match[2] or match[3])


def _write_fd(path: Path, fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise cannot_write(path, error) from None


def _write_device(path: Path, data: bytes) -> None:
    """Write into a device or FIFO as it is: no temporary file, no rename, no truncation."""
    try:
        handle = os.open(path, os.O_WRONLY)
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        _write_fd(path, handle, data)
    finally:
        os.close(handle)


def _encoded(text: str | bytes | Iterable[str]) -> bytes | Iterator[bytes]:
    if isinstance(text, bytes):
        return text
    if isinstance(text, str):
        return text.encode("utf-8")
    return (piece.encode("utf-8") for piece in text)


def _replace(
    target: Path, data: bytes | Iterator[bytes], status: os.stat_result | None, *, shown: Path
) -> None:
    temporary = _write_temporary(target, data, shown=shown)
    try:
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            if os.name == "posix" and os.geteuid() == 0:
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise cannot_write(shown, error) from None
        raise


def _create_new(path: Path, data: bytes) -> None:
    """Give `data` the name `path`, complete or not at all; FileExistsError if it is taken."""
    temporary = _write_temporary(path, data, shown=path)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EOPNOTSUPP):
            raise cannot_write(path, error) from None
        # No hard links on this file system: claim the name first, then move the content in.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, new_file_mode()))
            os.replace(temporary, path)
        except FileExistsError:
            raise
        except OSError as error:
            raise cannot_write(path, error) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _write_temporary(path: Path, data: bytes | Iterator[bytes], *, shown: Path) -> str:
    """A complete temporary file beside `path` with a new file's permissions.

    Its name is short and fixed in length, so that a final name close to the file-system
    limit still has room for it.
    """
    try:
        if len(os.fsencode(path.name)) > NAME_LIMIT:
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".advisor-", suffix=".tmp")
    except OSError as error:
        raise cannot_write(shown, error) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                stream.writelines(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, new_file_mode())
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise cannot_write(shown, error) from None
        raise
    return temporary


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        found = re.search(r"^Umask:\s*([0-7]+)$", Path("/proc/self/status").read_text(), re.M)
    except OSError:
        found = None
    if found:
        return int(found[1], 8)
    mask = os.umask(0o022)  # pragma: no cover - systems without /proc
    os.umask(mask)  # pragma: no cover
    return mask  # pragma: no cover
