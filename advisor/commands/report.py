"""`advisor report`: an answers file in, a report out, no prompts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.commands.common import add_output_arguments, add_rules_argument, dated, emit, load_pack

FORMATS = ("md", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report", help="write a report from an answers file, without prompts",
        description="Evaluate an answers file with the rule pack and write the report.",
    )
    parser.add_argument("--answers", type=Path, required=True, metavar="FILE", help="answers file (advisor/v1)")
    parser.add_argument("--set", action="append", default=[], metavar="FACT=VALUE", dest="settings",
                        help="override one answer, e.g. --set team.ops_engineers=2 (repeatable)")
    parser.add_argument("--strict", action="store_true", help="fail when applicable facts are unanswered")
    add_rules_argument(parser)
    add_output_arguments(parser, FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import apply_settings, load_answers
    from advisor.engine import evaluate, require_complete
    from advisor.render import render

    pack = load_pack(args.rules)
    answers = apply_settings(load_answers(args.answers, pack.bank), args.settings, pack.bank)
    if args.strict:
        require_complete(pack, answers)
    result = evaluate(pack, dated(answers, args.date))
    emit(render(result, args.format), args.output)
    if args.output != "-":
        rec = result.recommendation
        choice = rec.strategy if rec.platform is None else f"{rec.strategy} on {rec.platform}"
        print(f"advisor: wrote {args.output}: {choice}, confidence {rec.confidence:.2f} "
              f"({rec.confidence_label})", file=sys.stderr)
    return 0
