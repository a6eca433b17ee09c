"""Copies of what each decision record was made from, kept beside the records.

To tell whether a decision moved because of its answers or because of its rule pack,
`advisor revisit` evaluates the old answers with today's pack and today's answers with the
old pack. Both "old" inputs are kept when a record is written, in the record folder's
`.advisor/` (a hidden folder that ADR tools ignore), named by their sha256 so that records
made from the same inputs share one copy:

    .advisor/answers/<sha256>.yaml          the answers file, byte for byte
    .advisor/packs/<sha256>/1-default/...   each pack of the stack, bottom first: the files
    .advisor/packs/<sha256>/2-acme/...      that make its sha256 (never its tests)

A copy is checked against its sha256 when it is written and when it is read, so a copy that
was changed is not used. Answers files are small and a pack is a few hundred kilobytes,
written once per pack version; with a copy of the pack, a record stays checkable after
advisor and its bundled pack have moved on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from advisor.errors import InputError
from advisor.output import cannot_write, write_new
from advisor.pack.layers import load_pack_stack
from advisor.pack.load import decisive_files, files_digest
from advisor.pack.model import RulePack
from advisor.words import slug

STORE = ".advisor"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def keep_inputs(folder: Path, answers: bytes, pack_folders: list[Path], pack: RulePack) -> None:
    """Keep copies of the answers file and of the rule pack stack a record in `folder` was made from."""
    store = _store(folder)
    _keep_answers(store / "answers", answers)
    _keep_pack(store / "packs", pack_folders, pack)


def kept_answers(folder: Path, sha256: str) -> Path | None:
    """The kept copy of an answers file, or None when there is none (or it was changed)."""
    path = folder / STORE / "answers" / f"{sha256}.yaml"
    try:
        return path if not path.is_symlink() and sha256_of(path.read_bytes()) == sha256 else None
    except OSError:
        return None


def kept_pack(folder: Path, sha256: str) -> RulePack | None:
    """The kept copy of a rule pack stack, loaded; None when there is none (or it was changed)."""
    root = folder / STORE / "packs" / sha256
    if root.is_symlink() or not root.is_dir():
        return None
    try:
        layers = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: int(p.name.split("-")[0]))
        pack = load_pack_stack(layers)
    except (InputError, ValueError, OSError):  # ValueError: a folder advisor did not name
        return None
    return pack if pack.sha256 == sha256 else None


def _store(folder: Path) -> Path:
    store = folder / STORE
    if store.is_symlink():
        raise InputError(
            f"{store}: a symbolic link; advisor keeps the inputs of records here, remove the link"
        )
    return store


def _keep_answers(folder: Path, data: bytes) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(folder, error, "create the folder") from None
    with contextlib.suppress(FileExistsError):  # the same bytes, kept already
        write_new(folder / f"{sha256_of(data)}.yaml", data)


def _keep_pack(folder: Path, roots: list[Path], pack: RulePack) -> None:
    target = folder / pack.sha256
    if target.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(dir=folder, prefix=".building-"))
    except OSError as error:
        raise cannot_write(folder, error, "create the folder") from None
    try:
        for number, (root, ref) in enumerate(zip(roots, pack.stack, strict=True), start=1):
            layer = building / f"{number}-{slug(ref.name, fallback='pack')}"
            layer.mkdir()
            copied = [Path(shutil.copyfile(source, layer / source.name)) for source in decisive_files(root)]
            if files_digest(copied) != ref.sha256:
                raise InputError(f"{root}: the rule pack changed while it was being copied; run again")
        os.rename(building, target)
    except OSError as error:
        if not target.is_dir():  # another writer may have put the same copy in place first
            raise cannot_write(target, error) from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
