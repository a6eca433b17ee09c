"""`advisor report`: an answers file in, a report out, no prompts."""

from __future__ import annotations

import argparse

from advisor.commands.common import (
    add_answers_arguments,
    add_output_arguments,
    add_presentation_arguments,
    add_rules_argument,
    brand_files,
    load_pack,
    pack_files,
    prepare_presentation,
    refuse_to_overwrite,
    write_report,
)
from advisor.errors import ExitCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a report from an answers file, without prompts",
        description="Evaluate an answers file with the rule pack and write the report.",
    )
    add_answers_arguments(
        parser, set_help="override one answer, e.g. --set team.ops_engineers=2 (repeatable)"
    )
    parser.add_argument("--strict", action="store_true", help="fail when applicable facts are unanswered")
    add_rules_argument(parser)
    add_output_arguments(parser)
    add_presentation_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import apply_settings, load_answers
    from advisor.evaluate import require_complete

    refuse_to_overwrite(
        [("-o", args.output)],
        [("the answers file", args.answers), *brand_files(args.brand), *pack_files(args.rules)],
    )
    shown = prepare_presentation(args, (args.format,))
    pack = load_pack(args.rules)
    answers = apply_settings(load_answers(args.answers, pack.bank), args.settings, pack.bank)
    if args.strict:
        require_complete(pack, answers)
    write_report(pack, answers, args, shown)
    return ExitCode.OK
