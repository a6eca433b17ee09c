"""`advisor scan PATH`: facts detected from a repository, as a partial answers file."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import summary
from advisor.commands.common import (
    add_output_option,
    add_rules_argument,
    emit,
    load_pack,
    pack_files,
    refuse_to_overwrite,
    tell,
)
from advisor.errors import ExitCode

HEADER = """\
Detected by `advisor scan {root}` from the files in the repository, not from people.
Review every answer before relying on it: the scan sees code, not production.
The comment on each line names the files behind the answer; facts the scan could not
establish are absent: add them by hand, or let `advisor assess --answers FILE` ask for them."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "scan",
        help=summary("scan"),
        description="Read a repository (or a folder of repositories) and write the facts it shows "
        "as a partial advisor/v1 answers file, with the evidence as comments.",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="repository or folder of repositories")
    add_output_option(parser, "answers file to write")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the -o file when it exists (answers written there by hand are lost)",
    )
    add_rules_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import answers_to_yaml
    from advisor.errors import InputError
    from advisor.scan import scan

    refuse_to_overwrite([("-o", args.output)], pack_files(args.rules))
    if args.output != "-" and not args.force and Path(args.output).is_file():
        raise InputError(
            f"{args.output}: exists; the scan would replace it, with any answers written there "
            "by hand: pass --force to replace it, or choose a new file and copy what you need"
        )
    pack = load_pack(args.rules)
    report = scan(args.path, pack.bank)
    from advisor.scan.findings import printable

    header = HEADER.format(root=printable(args.path.as_posix()))
    text = answers_to_yaml(report.answers, pack.bank, header=header, comments=report.evidence)
    emit(text, args.output)
    for warning in report.warnings:
        tell(f"advisor: scan: warning: {warning}")
    for note in report.notes:
        tell(f"advisor: scan: note: {note}")
    answered = len(report.answers.facts)
    where = "" if args.output == "-" else f"wrote {args.output}: "
    if args.quiet:
        return ExitCode.OK
    tell(
        f"advisor: scan: {where}{answered} of {len(pack.bank.facts)} facts detected "
        f"from {report.files_seen:,} files ({report.files_read:,} read); review them before use"
    )
    return ExitCode.OK
