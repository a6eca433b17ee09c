"""Arguments and steps that several commands share."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.answers import Answers
    from advisor.rulepack import RulePack


def add_rules_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        type=Path,
        metavar="DIR",
        default=[],
        help="rule pack folder to layer over the default pack (repeatable, applied in order; "
        "a complete pack given first replaces the default)",
    )


REPORT_FORMATS = ("md", "json")


def add_output_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...] = REPORT_FORMATS) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default="-",
        help="file to write; '-' (the default) writes to standard output",
    )
    parser.add_argument(
        "--format",
        choices=formats,
        default=formats[0],
        help=f"output format (default: {formats[0]})",
    )
    parser.add_argument(
        "--date",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="date of the assessment (default: project.date, else today)",
    )


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def load_pack(rules: list[Path]) -> RulePack:
    """The default pack with each `--rules` folder layered on top, in order."""
    from advisor.packstack import load_pack_stack

    return load_pack_stack(rules)


def dated(answers: Answers, date: datetime.date | None) -> Answers:
    """The answers with the report date fixed: --date, else project.date, else today."""
    from dataclasses import replace

    chosen = date or answers.project.date or datetime.date.today()
    return replace(answers, project=answers.project.model_copy(update={"date": chosen}))


def emit(text: str, output: str) -> None:
    """Write to standard output for '-', else atomically to the file."""
    from advisor.output import write_atomic

    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(Path(output), text)


def write_report(pack: RulePack, answers: Answers, args: argparse.Namespace) -> None:
    """Evaluate, render in `args.format`, write to `args.output`; the step `report` and `assess` share."""
    from advisor.engine import evaluate
    from advisor.render import render

    result = evaluate(pack, dated(answers, args.date))
    emit(render(result, args.format), args.output)
    if args.output != "-":
        rec = result.recommendation
        choice = rec.strategy if rec.platform is None else f"{rec.strategy} on {rec.platform}"
        print(
            f"advisor: wrote {args.output}: {choice}, confidence {rec.confidence:.2f} "
            f"({rec.confidence_label})",
            file=sys.stderr,
        )
