"""Batch assessment: many answers files, a set of reports for each, one portfolio entry each.

Output names come from file names through `output_slugs`, so nothing a file is called can
steer a write outside the output folder. Files are assessed independently: a bad file is
recorded with its error and the others carry on. With many files the work is spread over
processes; entries always come back in the order of the files, so the output is the same
whatever the number of workers.
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import re
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from advisor.answers import load_answers
from advisor.errors import InputError
from advisor.evaluate import evaluate
from advisor.output import write_atomic
from advisor.pack.layers import load_pack_stack
from advisor.pack.model import RulePack
from advisor.render import EXTENSIONS, render
from advisor.result import PortfolioEntry, Result
from advisor.words import slug

ANSWERS_SUFFIXES = (".yaml", ".yml")
DRAFT_SUFFIX = ".advisor-draft.yaml"
MAX_SLUG = 80
# Names the batch writes itself, or that some systems refuse as file names.
RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul", "com1", "lpt1"})
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 40


@dataclass(frozen=True)
class Job:
    """One answers file to assess: where it is, how it is shown, what its outputs are called."""

    source: Path
    label: str
    slug: str


@dataclass(frozen=True)
class BatchSettings:
    """What every file shares: the rule pack folders, formats, output folder and date."""

    rules: tuple[Path, ...]
    formats: tuple[str, ...]
    outdir: Path
    date: datetime.date | None = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    debug: bool = False  # keep the traceback of an unexpected error in the index entry


def find_answers_files(folder: Path) -> list[Path]:
    """Answers files under `folder`, in a stable order; hidden entries and drafts skipped."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; batch takes a folder of answers files")
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if (
            path.suffix.lower() in ANSWERS_SUFFIXES
            and not path.name.endswith(DRAFT_SUFFIX)
            and path.is_file()
        ):
            found.append(path)
    return sorted(found, key=lambda path: path.relative_to(folder).as_posix())


def slugify(text: str) -> str:
    """Lowercase ASCII letters, digits and single dashes; never empty, never a path."""
    return slug(text, limit=MAX_SLUG, fallback="assessment")


def output_slugs(labels: Sequence[str]) -> list[str]:
    """A distinct slug per label; a clash gets `-2`, `-3`... in the order of `labels`."""
    used = set(RESERVED_SLUGS)
    slugs = []
    for label in labels:
        base = slugify(label)
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        used.add(candidate)
        slugs.append(candidate)
    return slugs


def plan(folder: Path) -> list[Job]:
    files = find_answers_files(folder)
    labels = [path.relative_to(folder).as_posix() for path in files]
    stems = [label.rsplit(".", 1)[0] for label in labels]
    return [
        Job(path, label, slug) for path, label, slug in zip(files, labels, output_slugs(stems), strict=True)
    ]


def output_path(outdir: Path, slug: str, fmt: str) -> Path:
    """The file for one format of one assessment, refused unless it lies directly in `outdir`."""
    path = outdir / f"{slug}{EXTENSIONS[fmt]}"
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) or path.parent != outdir:
        raise ValueError(f"unsafe output name {slug!r}")
    return path


def top_driver(result: Result) -> str | None:
    """The first of the report's decision drivers, so the index and the report agree."""
    return result.drivers[0] if result.drivers else None


def error_summary(error: InputError) -> str:
    """The first problem, located, and how many more there are."""
    if not error.problems:
        return error.text
    more = len(error.problems) - 1
    return str(error.problems[0]) + (f" (and {more} more)" if more else "")


# --- assessing ---------------------------------------------------------------------------

_worker_pack: RulePack | None = None


def _init_worker(rules: tuple[Path, ...]) -> None:
    """A forked worker inherits the parent's pack; a spawned one loads it from the folders."""
    global _worker_pack
    if _worker_pack is None:
        _worker_pack = load_pack_stack(list(rules))


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (POSIX, no other thread, e.g. no progress bar): no start-up cost.

    Otherwise spawn, which starts clean processes that import advisor and load the pack.
    """
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def assess(job: Job, pack: RulePack, settings: BatchSettings) -> PortfolioEntry:
    """Assess one file and write its reports; any failure becomes the entry's error."""
    entry = PortfolioEntry(label=job.label, slug=job.slug, source=str(job.source))
    try:
        answers = load_answers(job.source, pack.bank)
        result = evaluate(pack, answers.dated(settings.date))
        outputs = []
        for fmt in settings.formats:
            path = output_path(settings.outdir, job.slug, fmt)
            write_atomic(path, render(result, fmt), follow=False)
            outputs.append(path.name)
    except InputError as error:
        return entry.model_copy(update={"error": error_summary(error)})
    except Exception as error:  # one file's bug must not stop the others; reported as unexpected
        detail = f"\n{traceback.format_exc()}" if settings.debug else ""
        message = f"unexpected error: {type(error).__name__}: {error}{detail}"
        return entry.model_copy(update={"error": message, "unexpected": True})
    rec = result.recommendation
    return entry.model_copy(
        update={
            "outputs": tuple(outputs),
            "name": result.project.get("name"),
            "client": result.project.get("client"),
            "strategy": rec.strategy,
            "platform": rec.platform,
            "confidence": rec.confidence,
            "confidence_label": rec.confidence_label,
            "top_driver": top_driver(result),
        }
    )


def _assess_in_worker(job: Job, settings: BatchSettings) -> PortfolioEntry:
    if _worker_pack is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without its rule pack")
    return assess(job, _worker_pack, settings)


def run_batch(
    jobs: Sequence[Job],
    pack: RulePack,
    settings: BatchSettings,
    on_done: Callable[[PortfolioEntry], None] | None = None,
) -> list[PortfolioEntry]:
    """Assess every job; entries come back in job order whatever the number of workers.

    `pack` is the stack loaded from `settings.rules` (loaded first, so a bad pack fails before
    any file is read); worker processes inherit it or load it again from the same folders.
    """
    global _worker_pack
    workers = min(settings.workers, max(1, len(jobs) // (PARALLEL_FROM // 2)))
    if len(jobs) < PARALLEL_FROM or workers < 2:
        results: Iterator[PortfolioEntry] = (assess(job, pack, settings) for job in jobs)
        return _collect(results, on_done)
    chunk = max(1, min(50, len(jobs) // (workers * 8)))
    _worker_pack = pack
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_pool_context(),
            initializer=_init_worker,
            initargs=(settings.rules,),
        ) as pool:
            results = pool.map(_assess_in_worker, jobs, [settings] * len(jobs), chunksize=chunk)
            return _collect(results, on_done)
    finally:
        _worker_pack = None


def _collect(
    results: Iterator[PortfolioEntry], on_done: Callable[[PortfolioEntry], None] | None
) -> list[PortfolioEntry]:
    entries = []
    for entry in results:
        entries.append(entry)
        if on_done is not None:
            on_done(entry)
    return entries
