"""`advisor diff`: two assessments of one system, what changed and why."""

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
)
from advisor.errors import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff",
        help=summary("diff"),
        description="Compare two assessments of one system. OLD and NEW are answers files "
        "(evaluated with the rule pack) or JSON results written by --format json.",
    )
    parser.add_argument("old", type=Path, metavar="OLD", help="earlier answers file or JSON result")
    parser.add_argument("new", type=Path, metavar="NEW", help="later answers file or JSON result")
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
    add_output_option(parser)
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit with 1 when the recommendation (strategy or platform) changed, for CI",
    )
    add_rules_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.diff import compare, load_result
    from advisor.render.diff import render_diff

    inputs = [("OLD", args.old), ("NEW", args.new), *pack_files(args.rules)]
    refuse_to_overwrite([("-o", args.output)], inputs)
    pack = load_pack(args.rules)
    diff = compare(
        load_result(args.old, pack), load_result(args.new, pack), str(args.old), str(args.new), pack
    )
    emit(render_diff(diff, args.format), args.output)
    return ExitCode.FAILED if args.exit_code and diff.recommendation_changed else ExitCode.OK
