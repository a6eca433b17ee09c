"""`advisor report`: an answers file in, a report out, no prompts."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.commands import summary
from advisor.commands.common import (
    add_answers_arguments,
    add_output_arguments,
    add_presentation_arguments,
    add_rules_argument,
    brand_files,
    load_pack,
    names_a_folder,
    pack_files,
    prepare_presentation,
    record_source,
    refuse_to_overwrite,
    tell,
    write_report,
)
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.answers import Answers
    from advisor.commands.common import Presentation
    from advisor.pack.model import RulePack


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "report",
        help=summary("report"),
        description="Evaluate an answers file with the rule pack and write the report.",
    )
    add_answers_arguments(
        parser, set_help="override one answer, e.g. --set team.ops_engineers=2 (repeatable)"
    )
    parser.add_argument("--strict", action="store_true", help="fail when applicable facts are unanswered")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing: exit 0 when the page -o names is exactly what would be written now, "
        "1 when it is stale (saying whether the answers, the rule pack or advisor itself moved)",
    )
    add_rules_argument(parser)
    add_output_arguments(parser)
    add_presentation_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import apply_settings, load_answers
    from advisor.evaluate import require_complete

    if args.check:
        _check_arguments(args)
    refuse_to_overwrite(
        [("-o", args.output)],
        [("the answers file", args.answers), *brand_files(args.brand), *pack_files(args.rules)],
    )
    shown = prepare_presentation(args, (args.format,))
    pack = load_pack(args.rules)
    answers = apply_settings(load_answers(args.answers, pack.bank), args.settings, pack.bank)
    if args.strict:
        require_complete(pack, answers)
    if args.check:
        return check(pack, answers, args, shown)
    write_report(pack, answers, args, args.answers, shown)
    return ExitCode.OK


def _check_arguments(args: argparse.Namespace) -> None:
    from advisor.errors import InputError

    if args.output == "-":
        raise InputError("--check compares a page with what would be written there: name it with -o PAGE")
    if args.format == "pdf":
        raise InputError(
            "--check compares a text page (--format md, html, json or adr); a PDF is printed "
            "from the HTML page: check that page instead"
        )
    if names_a_folder(args.output, args.format):
        raise InputError(
            f"{args.output}: is a folder; --check compares one page (for a folder of decision records, "
            f"run `advisor revisit {args.output}`)"
        )


def check(pack: RulePack, answers: Answers, args: argparse.Namespace, shown: Presentation) -> int:
    """`--check`: 0 when the page is what would be written now; 1, saying what moved, when not."""
    from advisor.evaluate import evaluate
    from advisor.recheck.page import check_page
    from advisor.render import render

    page = Path(args.output)
    result = evaluate(pack, answers.dated(args.date))
    source = record_source(args.answers, page.parent, args.settings)[0] if args.format == "adr" else None
    text = render(result, args.format, source, audience=shown.audience, brand=shown.brand)
    outcome = check_page(page, text, result, args.format, source, shown.audience, shown.brand)
    if outcome.fresh:
        if not args.quiet:
            tell(f"advisor: {page}: up to date")
        return ExitCode.OK
    tell(f"advisor: {page}: stale: {outcome.reason}")
    if outcome.summary:
        tell(f"  {outcome.summary}")
    return ExitCode.FAILED
