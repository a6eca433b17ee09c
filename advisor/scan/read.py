"""Reading a client's files defensively: bounded size, any encoding, never fatal."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable
from typing import Any

from advisor.errors import InputError
from advisor.scan.findings import Findings
from advisor.source.document import parse_yaml

MAX_BYTES = 1_000_000
# What one file may cost the YAML parser (pure Python, with a location for every value:
# some tens of microseconds a value): the documents of a file are parsed until one would
# pass a bound, and a warning says so. Real manifests stay far below.
MAX_DOCUMENTS = 1_000
MAX_YAML_BYTES = 256 * 1024
MAX_YAML_VALUES = 20_000  # estimated before parsing: every value needs a ':', a '- ' or a ','

# The walk already left out links and special files; these flags keep it so if the tree
# changes between listing and reading (a file swapped for a link or a FIFO).
_READ_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
)

_DOCUMENT_START = re.compile(r"^---[ \t]*(?:#.*)?$", re.MULTILINE)


def read_text(absolute: str, path: str, findings: Findings, *, max_bytes: int = MAX_BYTES) -> str | None:
    """The file's text, or None (with a warning) when it cannot be read or is too large."""
    try:
        descriptor = os.open(absolute, _READ_FLAGS)
    except OSError as error:
        findings.warn(path, f"skipped, cannot read ({error.strerror or error})")
        return None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                findings.warn(path, "skipped, not a regular file")
                return None
            # Asking for what the file holds (plus one byte, in case it grew) spares an
            # allocation of the whole limit for every small file.
            raw = stream.read(min(status.st_size, max_bytes) + 1)
    except OSError as error:
        findings.warn(path, f"skipped, cannot read ({error.strerror or error})")
        return None
    findings.files_read += 1
    if len(raw) > max_bytes:
        findings.warn(path, f"skipped, larger than {max_bytes:,} bytes")
        return None
    return raw.decode("utf-8-sig", errors="replace")


def yaml_documents(
    text: str, path: str, findings: Findings, wanted: Callable[[str], bool] | None = None
) -> list[Any]:
    """Each document of a (possibly multi-document) YAML file; a broken one is skipped with a warning.

    `wanted(chunk)` picks the documents worth parsing from their text. Documents are parsed
    in order while the file stays within `MAX_DOCUMENTS`, `MAX_YAML_BYTES` and
    `MAX_YAML_VALUES`, so no file costs the parser more than about a second.
    """
    documents = []
    parsed = size = values = 0
    broken: list[str] = []
    for chunk in _DOCUMENT_START.split(text):
        if not chunk.strip() or all(
            not line.strip() or line.lstrip().startswith("#") for line in chunk.splitlines()
        ):
            continue
        if wanted is not None and not wanted(chunk):
            continue
        size += len(chunk)
        values += chunk.count(":") + chunk.count("- ") + chunk.count("-\n") + chunk.count(",")
        if parsed == MAX_DOCUMENTS or size > MAX_YAML_BYTES or values > MAX_YAML_VALUES:
            findings.warn(path, _yaml_bound(parsed))
            break
        parsed += 1
        try:
            documents.append(parse_yaml(chunk, path).data)
        except InputError as error:
            broken.append(error.problems[0].message if error.problems else str(error))
    if len(broken) == 1:
        findings.warn(path, f"skipped a YAML document that does not parse ({broken[0]})")
    elif broken:
        count = f"{len(broken):,}"
        findings.warn(path, f"skipped {count} YAML documents that do not parse (the first: {broken[0]})")
    return documents


def _yaml_bound(parsed: int) -> str:
    read = f"the first {parsed:,} YAML documents"
    if parsed < 2:
        read = "the first YAML document" if parsed else "no YAML document"
    return (
        f"read {read} only: a file may hold up to {MAX_DOCUMENTS:,} documents, "
        f"{MAX_YAML_BYTES // 1024:,} KB of them and about {MAX_YAML_VALUES:,} values"
    )


def json_object(text: str, path: str, findings: Findings) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        findings.warn(path, "skipped, not valid JSON")
        return None
    return data if isinstance(data, dict) else None


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def dig(value: Any, *keys: str) -> Any:
    """`value[k1][k2]...`, or None as soon as a level is not a mapping."""
    for key in keys:
        value = mapping(value).get(key)
    return value
