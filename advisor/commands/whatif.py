"""`advisor whatif`: the same assessment before and after changing some answers."""

from __future__ import annotations

import argparse

from advisor.commands import summary
from advisor.commands.common import (
    add_answers_arguments,
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
        "whatif",
        help=summary("whatif"),
        description="Evaluate an answers file as it is and with --set changes, and show both side "
        "by side: recommendation, confidence, scores, and the rules that started or stopped firing.",
    )
    add_answers_arguments(
        parser, set_help="the answer to change, e.g. --set team.ops_engineers=2 (repeatable, at least one)"
    )
    add_rules_argument(parser)
    add_output_option(parser)
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import apply_settings, load_answers
    from advisor.diff import compare
    from advisor.errors import InputError
    from advisor.evaluate import evaluate
    from advisor.render.diff import render_diff

    if not args.settings:
        raise InputError("whatif: give at least one change, e.g. --set team.ops_engineers=2")
    refuse_to_overwrite([("-o", args.output)], [("the answers file", args.answers), *pack_files(args.rules)])
    pack = load_pack(args.rules)
    before = load_answers(args.answers, pack.bank)
    after = apply_settings(before, args.settings, pack.bank)
    changes = " ".join(f"--set {setting}" for setting in args.settings)
    diff = compare(
        evaluate(pack, before), evaluate(pack, after), str(args.answers), f"{args.answers} {changes}"
    )
    emit(render_diff(diff, args.format, title="What if"), args.output)
    return ExitCode.OK
