"""Batch assessment: many answers files, a set of reports for each, one portfolio entry each.

Output names come from file names through `output_slugs`, so nothing a file is called can
steer a write outside the output folder, and symbolic links in the input folder are never
followed (each is listed as skipped), so nothing outside it is read. Files are assessed
independently: a bad file is recorded with its error and the others carry on, and so does a
worker process that dies (killed for memory, say): the file it was assessing is recorded as
failed. Workers die with the batch. With many files the work is spread over processes;
entries always come back in the order of the files, so the output is the same whatever the
number of workers.

The process pool is not tied to writing reports: `run_jobs` runs any `Work` (what a worker
does with one job, how a spawned worker loads what it needs, what a job whose worker died
becomes) over many jobs, and `advisor revisit` and `advisor rules impact` use it too.
"""

from __future__ import annotations

import ctypes
import datetime
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from advisor import collector
from advisor.answers import load_answers
from advisor.errors import InputError
from advisor.evaluate import evaluate
from advisor.output import write_atomic
from advisor.pack.layers import load_pack_stack
from advisor.pack.model import RulePack
from advisor.render import EXTENSIONS, render
from advisor.render.brand import Brand
from advisor.render.view import option_name
from advisor.result import PortfolioEntry, Result
from advisor.words import slug

ANSWERS_SUFFIXES = (".yaml", ".yml")
DRAFT_SUFFIX = ".advisor-draft.yaml"
MAX_SLUG = 80
# Names the batch writes itself, or that some systems refuse as file names.
RESERVED_SLUGS = frozenset({"index", "con", "prn", "aux", "nul", "com1", "lpt1"})
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 40


@dataclass(frozen=True, slots=True)
class Job:
    """One answers file to assess: where it is, how it is shown, what its outputs are called."""

    source: Path
    label: str
    slug: str


@dataclass(frozen=True)
class BatchSettings:
    """What every file shares: the rule pack folders, formats, output folder and date, and
    who the reports are for."""

    rules: tuple[Path, ...]
    formats: tuple[str, ...]
    outdir: Path
    date: datetime.date | None = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    debug: bool = False  # keep the traceback of an unexpected error in the index entry
    audience: str = "engineer"
    brand: Brand | None = None


@dataclass(frozen=True)
class Found:
    """The answers files under a folder, and the symbolic links that were not followed."""

    files: list[Path]
    skipped_links: list[str]


def find_answers_files(folder: Path) -> Found:
    """Answers files under `folder`, in a stable order; hidden entries and drafts skipped.

    Symbolic links, to files or folders, are never followed (they may lead out of `folder`,
    to a secret, say); the ones that look like answers files or folders are reported.
    """
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder; give a folder of answers files")
    found, skipped = [], []
    for top, folders, names in os.walk(folder, followlinks=False):
        base = Path(top)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*names, *folders]:
            path = base / name
            if name.startswith(".") or not path.is_symlink():
                continue
            if name in folders or path.suffix.lower() in ANSWERS_SUFFIXES:
                skipped.append(path.relative_to(folder).as_posix())
        folders[:] = [name for name in folders if not (base / name).is_symlink()]
        for name in names:
            path = base / name
            if (
                not name.startswith(".")
                and path.suffix.lower() in ANSWERS_SUFFIXES
                and not name.endswith(DRAFT_SUFFIX)
                and not path.is_symlink()
                and path.is_file()
            ):
                found.append(path)
    return Found(sorted(found, key=lambda path: path.relative_to(folder).as_posix()), sorted(skipped))


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
    return plan_found(folder, find_answers_files(folder))


def plan_found(folder: Path, found: Found) -> list[Job]:
    labels = [path.relative_to(folder).as_posix() for path in found.files]
    stems = [label.rsplit(".", 1)[0] for label in labels]
    return [
        Job(path, label, slug)
        for path, label, slug in zip(found.files, labels, output_slugs(stems), strict=True)
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


# --- running jobs on worker processes ------------------------------------------------------

S = TypeVar("S")
J = TypeVar("J")
E = TypeVar("E")


@dataclass(frozen=True)
class Work(Generic[S, J, E]):
    """What `run_jobs` runs. Each worker holds a state `S` (rule packs, say): a forked worker
    inherits the caller's, a spawned one calls `load`. `do(state, job)` turns one job into its
    entry; `lost(job)` is the entry of a job whose worker died. All three must be picklable
    (module-level functions, or partials of them) for spawned workers."""

    do: Callable[[S, J], E]
    load: Callable[[], S]
    lost: Callable[[J], E]


_PR_SET_PDEATHSIG = 1
_worker_state: Any = None


def run_jobs(
    jobs: Sequence[J],
    state: S,
    work: Work[S, J, E],
    workers: int,
    on_done: Callable[[E], None] | None = None,
    *,
    keep: bool = True,
) -> list[E]:
    """Every job done, on up to `workers` processes when there are enough jobs to pay for
    them; entries come back in job order whatever the number of workers. With `keep=False`
    nothing is held: each entry goes to `on_done` as it is done, and the list is empty."""
    global _worker_state
    workers = min(workers, max(1, len(jobs) // (PARALLEL_FROM // 2)))
    if len(jobs) < PARALLEL_FROM or workers < 2:
        return _collect((work.do(state, job) for job in jobs), on_done, keep=keep)
    chunk = max(1, min(50, len(jobs) // (workers * 8)))
    _worker_state = state
    try:
        return _Workers(jobs, work, workers, on_done, keep=keep).run(chunk)
    finally:
        _worker_state = None


def _init_worker(load: Callable[[], Any], parent: int) -> None:
    """A forked worker inherits the parent's state; a spawned one loads it.

    Either way it dies with the parent: a killed batch must not leave workers behind.
    """
    global _worker_state
    _die_with_parent(parent)
    if _worker_state is None:  # spawned: loads as the `advisor` command does (advisor.collector)
        collector.hold()
        _worker_state = load()
        collector.settle()


def _die_with_parent(parent: int) -> None:
    """Linux kills this process when its parent dies (PR_SET_PDEATHSIG); elsewhere a thread
    watches for the parent to go."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            if os.getppid() != parent:  # the parent died before the signal was armed
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()  # pragma: no cover


def _watch_parent(parent: int) -> None:  # pragma: no cover - systems without PR_SET_PDEATHSIG
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (POSIX, no other thread, e.g. no progress bar): no start-up cost.

    Otherwise spawn, which starts clean processes that import advisor and load the pack.
    """
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _do_in_worker(do: Callable[[Any, J], E], jobs: list[J]) -> list[E]:
    if _worker_state is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without its state")
    return [do(_worker_state, job) for job in jobs]


class _Workers(Generic[J, E]):
    """Chunks of jobs on a process pool, at most one chunk per worker in flight.

    When a worker dies the pool breaks and every chunk in flight fails with it. Those jobs
    are then run again one by one, each alone on a one-worker pool, so a job that kills its
    worker again is known for sure: it is recorded as lost, and the run goes on.
    """

    def __init__(
        self,
        jobs: Sequence[J],
        work: Work[Any, J, E],
        workers: int,
        on_done: Callable[[E], None] | None,
        *,
        keep: bool,
    ) -> None:
        self.jobs, self.work, self.workers, self.on_done, self.keep = jobs, work, workers, on_done, keep
        self.entries: dict[int, E] = {}

    def run(self, chunk: int) -> list[E]:
        waiting = deque(_chunks(range(len(self.jobs)), chunk))
        suspects: deque[int] = deque()
        running: dict[Future[list[E]], list[int]] = {}
        pool: ProcessPoolExecutor | None = None
        try:
            while waiting or suspects or running:
                if suspects:
                    index = suspects.popleft()
                    self._record([index], [self._alone(self.jobs[index])])
                    continue
                pool = pool or self._pool(self.workers)
                while len(running) < self.workers and waiting:
                    batch = waiting.popleft()
                    running[pool.submit(_do_in_worker, self.work.do, self._jobs(batch))] = batch
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                if not any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                    for future in done:
                        self._record(running.pop(future), future.result())
                    continue
                wait(running)  # the others in flight fail with the pool, or have just finished
                for future, batch in running.items():
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects.extend(batch)
                    else:
                        self._record(batch, future.result())
                running.clear()
                pool.shutdown(wait=True)
                pool = None
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        return [self.entries[index] for index in range(len(self.jobs))] if self.keep else []

    def _alone(self, job: J) -> E:
        """One job on a pool of its own: if its worker dies, this job killed it."""
        pool = self._pool(1)
        try:
            return pool.submit(_do_in_worker, self.work.do, [job]).result()[0]
        except BrokenProcessPool:
            return self.work.lost(job)
        finally:
            pool.shutdown(wait=True)

    def _jobs(self, batch: list[int]) -> list[J]:
        return [self.jobs[index] for index in batch]

    def _pool(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_pool_context(),
            initializer=_init_worker,
            initargs=(self.work.load, os.getpid()),
        )

    def _record(self, batch: list[int], entries: list[E]) -> None:
        for index, entry in zip(batch, entries, strict=True):
            if self.keep:
                self.entries[index] = entry
            if self.on_done is not None:
                self.on_done(entry)


# --- assessing ---------------------------------------------------------------------------

WORKER_DIED = (
    "the process assessing this file died (killed by the system, out of memory perhaps); "
    "the other files were assessed"
)


def assess(job: Job, pack: RulePack, settings: BatchSettings) -> PortfolioEntry:
    """Assess one file and write its reports; any failure becomes the entry's error."""
    entry = PortfolioEntry(label=job.label, slug=job.slug, source=str(job.source))
    try:
        answers = load_answers(job.source, pack.bank)
        result = evaluate(pack, answers.dated(settings.date))
        outputs = []
        for fmt in settings.formats:
            path = output_path(settings.outdir, job.slug, fmt)
            text = render(result, fmt, audience=settings.audience, brand=settings.brand)
            write_atomic(path, text, follow=False)
            outputs.append(path.name)
    except InputError as error:
        return replace(entry, error=error_summary(error))
    except Exception as error:  # one file's bug must not stop the others; reported as unexpected
        detail = f"\n{traceback.format_exc()}" if settings.debug else ""
        message = f"unexpected error: {type(error).__name__}: {error}{detail}"
        return replace(entry, error=message, unexpected=True)
    rec = result.recommendation
    return replace(
        entry,
        outputs=tuple(outputs),
        name=result.project.get("name"),
        client=result.project.get("client"),
        strategy=rec.strategy,
        platform=rec.platform,
        strategy_name=option_name(result, rec.strategy) if rec.strategy else None,
        platform_name=option_name(result, rec.platform) if rec.platform else None,
        confidence=rec.confidence,
        confidence_label=rec.confidence_label,
        top_driver=top_driver(result),
    )


def died(job: Job) -> PortfolioEntry:
    """The entry of a file whose worker process died while assessing it."""
    return PortfolioEntry(
        label=job.label, slug=job.slug, source=str(job.source), error=WORKER_DIED, unexpected=True
    )


def _assess_job(settings: BatchSettings, pack: RulePack, job: Job) -> PortfolioEntry:
    return assess(job, pack, settings)


def run_batch(
    jobs: Sequence[Job],
    pack: RulePack,
    settings: BatchSettings,
    on_done: Callable[[PortfolioEntry], None] | None = None,
    *,
    keep: bool = True,
) -> list[PortfolioEntry]:
    """Assess every job; entries come back in job order whatever the number of workers (with
    `keep=False`, only to `on_done`, as each is done).

    `pack` is the stack loaded from `settings.rules` (loaded first, so a bad pack fails before
    any file is read); worker processes inherit it or load it again from the same folders.
    """
    work = Work(
        do=partial(_assess_job, settings),
        load=partial(load_pack_stack, list(settings.rules)),
        lost=died,
    )
    return run_jobs(jobs, pack, work, settings.workers, on_done, keep=keep)


def _chunks(indices: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for index in indices:
        batch.append(index)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(results: Iterator[E], on_done: Callable[[E], None] | None, *, keep: bool) -> list[E]:
    entries = []
    for entry in results:
        if keep:
            entries.append(entry)
        if on_done is not None:
            on_done(entry)
    return entries
