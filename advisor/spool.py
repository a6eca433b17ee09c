"""A batch's portfolio entries on disk until the index is written.

A batch of 10,000 files held every entry until the end, about a kilobyte each. The spool
writes each entry as it comes back to a temporary file in the batch's output folder (which
the batch writes into anyway, and holds locked; the file is unnamed where the system allows
it, removed when closed, readable by this user only) and keeps in memory only what orders
the index: the confidence and file of each assessment, and where its entry lies in the
file. Entries are plain values written with `marshal`, never pickled. A file that cannot be
written (a full disk) is the same error as a report that cannot be.
"""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterator
from dataclasses import astuple
from pathlib import Path
from types import TracebackType
from typing import IO

from advisor.errors import InputError
from advisor.output import cannot_write
from advisor.result import PortfolioEntry

_SIZE_BYTES = 4


class EntrySpool:
    """A portfolio (`advisor.render.portfolio.Portfolio`) read back from a temporary file."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        try:  # the file lives as long as the spool: close() closes it
            self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder, prefix=".advisor-")  # noqa: SIM115
        except OSError as error:
            raise self._cannot(error) from None
        self._assessed: list[tuple[float, str, int]] = []  # confidence, file, where
        self._failed: list[tuple[str, int]] = []

    def add(self, entry: PortfolioEntry) -> None:
        data = marshal.dumps(astuple(entry))
        try:
            where = self._file.seek(0, 2)
            self._file.write(len(data).to_bytes(_SIZE_BYTES, "little") + data)
        except OSError as error:
            raise self._cannot(error) from None
        if entry.error is None:
            self._assessed.append((entry.confidence or 0.0, entry.label, where))
        else:
            self._failed.append((entry.label, where))

    def __len__(self) -> int:
        return len(self._assessed) + len(self._failed)

    def assessed(self) -> Iterator[PortfolioEntry]:
        """Lowest confidence first, then by file, as `ordered_assessments` orders them."""
        for _, _, where in sorted(self._assessed):
            yield self._read(where)

    def failed(self) -> Iterator[PortfolioEntry]:
        """In file order (a batch's files are in the order of their names)."""
        for _, where in sorted(self._failed):
            yield self._read(where)

    def _read(self, where: int) -> PortfolioEntry:
        try:
            self._file.seek(where)
            size = int.from_bytes(self._file.read(_SIZE_BYTES), "little")
            data = self._file.read(size)
        except OSError as error:
            raise self._cannot(error) from None
        return PortfolioEntry(*marshal.loads(data))

    def _cannot(self, error: OSError) -> InputError:
        return cannot_write(self._folder, error, "keep the batch's entries in a temporary file here")

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> EntrySpool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
