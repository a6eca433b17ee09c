"""`advisor batch`: every answers file in a folder to reports, plus a portfolio index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.commands import summary
from advisor.commands.common import (
    add_jobs_argument,
    add_presentation_arguments,
    add_rules_argument,
    load_pack,
    parse_date,
    prepare_presentation,
    tell,
)
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from collections.abc import Callable

    from advisor.batch import Job
    from advisor.commands.common import Presentation
    from advisor.pack.model import RulePack
    from advisor.render.portfolio import Portfolio
    from advisor.result import PortfolioEntry

BATCH_FORMATS = ("md", "html", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "batch",
        help=summary("batch"),
        description="Assess every answers file (*.yaml, *.yml) under DIR; write each one's reports "
        "and an index (index.md, index.html) into OUTDIR. A bad file is listed in the index with "
        "its error and the exit code is 2; the other files are still written.",
    )
    parser.add_argument(
        "dir", type=Path, metavar="DIR", help="folder of answers files (searched recursively)"
    )
    parser.add_argument(
        "-o", "--output", type=folder_path, required=True, metavar="OUTDIR", help="folder to write into"
    )
    parser.add_argument(
        "--format",
        type=parse_formats,
        default=("md",),
        metavar="md,html,json",
        help="report formats, comma-separated (default: md)",
    )
    parser.add_argument(
        "--date",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="date of every assessment (default: each file's project.date, else today)",
    )
    add_jobs_argument(parser, "worker processes for large batches")
    add_rules_argument(parser)
    add_presentation_arguments(parser)
    parser.set_defaults(run=run)


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in BATCH_FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated list of {', '.join(BATCH_FORMATS)}, got {text!r}"
        )
    return formats


def folder_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected the folder to write into; got ''")
    return Path(text)


def run(args: argparse.Namespace) -> int:
    from advisor.batch import find_answers_files, plan_found
    from advisor.errors import InputError
    from advisor.output import folder_lock

    shown = prepare_presentation(args, args.format)
    pack = load_pack(args.rules)
    found = find_answers_files(args.dir)
    for link in found.skipped_links:
        tell(f"advisor: batch: skipped {args.dir / link}: a symbolic link (never followed)")
    jobs = plan_found(args.dir, found)
    if not jobs:
        raise InputError(f"{args.dir}: no answers files (*.yaml, *.yml) in this folder")
    outdir = _prepare_outdir(args.output)
    busy = (
        f"{args.output}: another advisor batch is writing into this folder; wait for it to "
        "finish, or give another -o (two batches in one folder would mix their indexes)"
    )
    with folder_lock(outdir, wait=False, busy=busy):
        return _assess_all(args, pack, jobs, found.skipped_links, outdir, shown)


def _assess_all(
    args: argparse.Namespace,
    pack: RulePack,
    jobs: list[Job],
    skipped: list[str],
    outdir: Path,
    shown: Presentation,
) -> int:
    from advisor.batch import BatchSettings, run_batch
    from advisor.output import write_atomic
    from advisor.pack.layers import describe_stack
    from advisor.render.portfolio import INDEX_NAME, index_pieces, link_format
    from advisor.render.portfolio_html import index_html_pieces
    from advisor.spool import EntrySpool

    settings = BatchSettings(
        rules=tuple(path.resolve() for path in args.rules),
        formats=args.format,
        outdir=outdir,
        date=args.date,
        workers=args.jobs,
        debug=args.debug,
        audience=shown.audience,
        brand=shown.brand,
    )
    with EntrySpool(outdir) as entries:  # the entries wait on disk, not in memory, until the index
        _run_with_progress(
            lambda done: run_batch(jobs, pack, settings, done, keep=False), entries.add, len(jobs)
        )
        packs = describe_stack(pack)
        md_link, html_link = link_format(args.format, "md"), link_format(args.format, "html")
        index = index_pieces(entries, md_link, packs, skipped, shown.brand)
        write_atomic(outdir / f"{INDEX_NAME}.md", index, follow=False)
        page = index_html_pieces(entries, html_link, packs, skipped, shown.brand)
        write_atomic(outdir / f"{INDEX_NAME}.html", page, follow=False)
        return _report(entries, args.output, quiet=args.quiet)


def _prepare_outdir(output: Path) -> Path:
    """The output folder, created; refused up front rather than once per file."""
    from advisor.errors import InputError
    from advisor.output import cannot_write

    try:
        output.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(f"{output}: exists and is not a folder; -o takes the folder to write into") from None
    except OSError as error:
        raise cannot_write(output, error, "create the output folder") from None
    return output.resolve()


def _run_with_progress(
    work: Callable[[Callable[[PortfolioEntry], None]], object],
    done: Callable[[PortfolioEntry], None],
    total: int,
) -> None:
    """Run `work`, which calls `done` with each entry; with a progress bar on standard error
    in a terminal, nothing when it is not one."""
    if not sys.stderr.isatty() or total == 0:
        work(done)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("assessing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("assessing", total=total)

        def advance(entry: PortfolioEntry) -> None:
            done(entry)
            progress.advance(task)

        work(advance)


def _report(entries: Portfolio, outdir: Path, *, quiet: bool) -> int:
    failed = list(entries.failed())
    for entry in failed:
        if entry.unexpected and (entry.error or "").startswith("unexpected error"):
            tell(f"advisor: {entry.label}: {entry.error} (a bug; please report it)")
        elif entry.unexpected:
            tell(f"advisor: {entry.label}: {entry.error}")
        else:
            tell(f"advisor: {entry.error}")
    if not quiet:
        tell(
            f"advisor: wrote {outdir}: {len(entries) - len(failed)} of {len(entries)} assessed, "
            f"index in {outdir / 'index.md'}"
        )
    if any(entry.unexpected for entry in failed):
        return ExitCode.FAILED
    return ExitCode.BAD_INPUT if failed else ExitCode.OK
