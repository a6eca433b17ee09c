"""`advisor revisit`: are the decisions recorded in a folder of ADRs still what advisor would decide?"""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import summary
from advisor.commands.common import (
    add_jobs_argument,
    add_output_option,
    add_rules_argument,
    emit,
    load_pack,
    parse_date,
    tell,
)
from advisor.errors import ExitCode

DEFAULT_FOLDER = Path("docs/adr")
EXIT_CODES = (
    "exit codes: 0 every record checked (each holds, or would change without --exit-code); "
    "1 with --exit-code, a decision would change; 2 a record could not be checked (its answers "
    "file is missing or no longer reads), or bad input"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "revisit",
        help=summary("revisit"),
        description="Re-evaluate every decision record advisor wrote in DIR with its answers file as "
        "it is now and the rule pack in use now. Each holds or would change; a change is put down to "
        "the answers, the rule pack, a product's status, or advisor itself. Records not written by "
        "advisor, and those superseded, deprecated or rejected, are skipped.",
        epilog=EXIT_CODES,
    )
    parser.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help=f"folder of decision records (default: {DEFAULT_FOLDER})",
    )
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
    add_output_option(parser)
    parser.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when any decision would change, for CI"
    )
    parser.add_argument(
        "--supersede",
        action="store_true",
        help="write a new record for each decision that would change, and mark the old one "
        "'superseded by' it (MADR)",
    )
    parser.add_argument(
        "--date",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="date of the records --supersede writes (default: today)",
    )
    add_jobs_argument(parser)
    add_rules_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.commands.common import pack_files, refuse_to_overwrite
    from advisor.recheck.records import record_files
    from advisor.recheck.revisit import revisit, supersede
    from advisor.render.decisions import render_revisit

    read = [(f"a record of {args.dir}", path) for path in record_files(args.dir)]
    refuse_to_overwrite([("-o", args.output)], [*read, *pack_files(args.rules)])
    pack = load_pack(args.rules)
    found = revisit(args.dir, pack, args.rules, args.jobs)
    if args.supersede:
        records = [
            supersede(args.dir, record, pack, args.rules, args.date)
            if record.outcome == "would-change"
            else record
            for record in found.records
        ]
        found = found.model_copy(update={"records": records})
        for record in records:
            if record.superseded_by and not args.quiet:
                tell(f"advisor: wrote {args.dir / record.superseded_by}; {record.record} is superseded by it")
    emit(render_revisit(found, args.format), args.output)
    if any(record.outcome == "failed" for record in found.records):
        return ExitCode.BAD_INPUT
    changed = any(record.outcome == "would-change" for record in found.records)
    return ExitCode.FAILED if args.exit_code and changed else ExitCode.OK
