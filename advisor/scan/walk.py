"""Walking a repository: one `os.scandir` per folder, no symlinks, no dependency trees.

The walk only lists names; a file is opened later, and only when its name says it can
carry a fact. That keeps a 100,000-file checkout to a fraction of a second of listing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from advisor.scan.findings import printable

# Folders that hold other people's code, caches or build output: never a fact about
# the system being assessed, and often most of a checkout's files.
SKIPPED_FOLDERS = frozenset(
    {
        ".git", ".hg", ".svn",
        "node_modules", "bower_components", "jspm_packages", "vendor", "Pods", "Carthage",
        "third_party", "third-party", "3rdparty",
        ".venv", "venv", "virtualenv", ".tox", ".nox", "__pycache__", "site-packages",
        ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache",
        ".gradle", ".m2", ".terraform", ".serverless", ".aws-sam", "cdk.out",
        ".next", ".nuxt", ".svelte-kit", ".angular", "coverage",
        "dist", "build", "target", "out",
        ".idea", ".vs", ".vscode",
    }
)  # fmt: skip

# Build output whose folder name is too common to skip everywhere: skipped only beside
# the project file that produces it (`bin/` beside a .csproj, `deps/` beside mix.exs).
_OUTPUT_BESIDE: dict[str, tuple[str, ...]] = {
    "bin": (".csproj", ".fsproj", ".vbproj"),
    "obj": (".csproj", ".fsproj", ".vbproj"),
    "deps": ("mix.exs",),
    "_build": ("mix.exs",),
}

VIRTUALENV_MARKER = "pyvenv.cfg"


@dataclass(frozen=True)
class Candidate:
    """A file whose name says it may carry a fact, and the repository it belongs to."""

    path: str  # relative to the scanned root, with '/' separators
    absolute: str
    kind: str
    repo: str  # relative path of the enclosing repository ('' for the scanned root)


@dataclass
class Walk:
    candidates: list[Candidate] = field(default_factory=list)
    folders: list[tuple[str, str]] = field(default_factory=list)  # (relative path, repo) of every folder
    files_seen: int = 0
    symlinks_skipped: int = 0
    warnings: list[str] = field(default_factory=list)


def walk(root: Path, classify: Callable[[str], str | None]) -> Walk:
    """List `root` depth-first; `classify(name)` picks the files worth reading.

    Symlinks are never followed, to files or folders, so nothing outside `root` is read
    and link cycles cannot loop. A folder holding `.git` starts a new repository.
    """
    result = Walk()
    stack: list[tuple[str, str, str]] = [("", str(root), "")]
    while stack:
        relative, absolute, repo = stack.pop()
        try:
            with os.scandir(absolute) as iterator:
                entries = list(iterator)
        except OSError as error:
            where = printable(relative or ".")
            result.warnings.append(f"{where}/: skipped, cannot list folder ({error.strerror})")
            continue
        names = {entry.name for entry in entries}
        if relative and VIRTUALENV_MARKER in names:
            continue
        if ".git" in names:
            repo = relative
        result.folders.append((relative, repo))
        prefix = f"{relative}/" if relative else ""
        for entry in entries:
            name = entry.name
            if entry.is_symlink():
                result.symlinks_skipped += 1
            elif entry.is_dir(follow_symlinks=False):
                if name not in SKIPPED_FOLDERS and not _is_output_folder(name, names):
                    stack.append((prefix + name, entry.path, repo))
            elif entry.is_file(follow_symlinks=False):
                result.files_seen += 1
                kind = classify(name)
                if kind is not None:
                    result.candidates.append(Candidate(prefix + name, entry.path, kind, repo))
    result.candidates.sort(key=lambda candidate: candidate.path)
    result.folders.sort()
    return result


def _is_output_folder(name: str, siblings: set[str]) -> bool:
    producers = _OUTPUT_BESIDE.get(name)
    if producers is None:
        return False
    return any(sibling.endswith(producer) for sibling in siblings for producer in producers)
