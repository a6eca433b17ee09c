"""`advisor rules impact`: before publishing a rule pack change, which stored assessments it moves."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands.common import add_jobs_argument, add_output_option, add_rules_argument, emit
from advisor.errors import ExitCode

EXIT_CODES = (
    "exit codes: 0 compared (with --exit-code: and no recommendation flips); 1 with --exit-code, "
    "a recommendation flips; 2 an answers file could not be assessed, or bad input"
)


def register_impact(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = actions.add_parser(
        "impact",
        help="which stored assessments a rule pack change moves, as a table for a pull request",
        description="Evaluate every answers file under DIR with the base pack and with NEW_PACK; report "
        "the recommendations that flip (strategy, platform, status, product), the confidences that "
        "move by more than 0.1, and the changed rules behind each. The base is --base PACK, else "
        "the default pack with the --rules layers. A complete pack (its options.yaml lists "
        "strategies) replaces the default under the --rules layers; a layer goes on top of them.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("new", type=Path, metavar="NEW_PACK", help="the changed rule pack folder")
    parser.add_argument(
        "dir", type=Path, metavar="DIR", help="folder of answers files (searched recursively)"
    )
    parser.add_argument(
        "--base", type=Path, metavar="PACK", help="the rule pack as published (default: the --rules stack)"
    )
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
    add_output_option(parser)
    parser.add_argument(
        "--exit-code", action="store_true", help="exit with 1 when any recommendation flips, for CI"
    )
    add_jobs_argument(parser)
    add_rules_argument(parser)
    parser.set_defaults(run=run_impact)


def run_impact(args: argparse.Namespace) -> int:
    from advisor import collector
    from advisor.batch import find_answers_files
    from advisor.commands.common import pack_files, refuse_to_overwrite
    from advisor.pack.load import require_pack_folder
    from advisor.recheck.impact import impact, load_state, with_pack
    from advisor.render.decisions import render_impact

    for folder in (args.new, args.base):
        if folder is not None:
            require_pack_folder(folder)
    base = with_pack(args.rules, args.base) if args.base else list(args.rules)
    new = with_pack(args.rules, args.new)
    answers = [(f"an answers file of {args.dir}", path) for path in find_answers_files(args.dir).files]
    inputs = [*answers, *pack_files(base), *pack_files(new)]
    refuse_to_overwrite([("-o", args.output)], inputs)
    state = load_state(base, new)
    collector.settle()  # both packs live as long as the run
    found = impact(args.dir, state, base, new, args.jobs)
    emit(render_impact(found, args.format), args.output)
    if any(row.error is not None for row in found.rows):
        return ExitCode.BAD_INPUT
    flipped = any(row.flips for row in found.rows)
    return ExitCode.FAILED if args.exit_code and flipped else ExitCode.OK
