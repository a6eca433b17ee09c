"""`advisor assess`: the interview, then the answers file, then the report.

Answers come from `--answers` (or a draft with `--resume`), then from the person at the
terminal; without a terminal, every applicable fact must already be answered.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.commands import summary
from advisor.commands.common import (
    Presentation,
    add_output_arguments,
    add_presentation_arguments,
    add_rules_argument,
    brand_files,
    load_pack,
    names_a_folder,
    pack_files,
    prepare_presentation,
    refuse_to_overwrite,
    tell,
)
from advisor.errors import ExitCode

if TYPE_CHECKING:
    from advisor.answers import Answers
    from advisor.interview.draft import DraftStore
    from advisor.pack.model import RulePack


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "assess",
        help=summary("assess"),
        description="Ask the questions that are not answered yet, let you review and change "
        "every answer, then write the answers file and the report. The answers so far are "
        "saved to a draft after every answer; Ctrl-C keeps it and prints how to resume.",
    )
    parser.add_argument(
        "--answers",
        type=Path,
        metavar="FILE",
        help="answers known already (advisor/v1, may be partial); only the missing facts are asked",
    )
    parser.add_argument(
        "--scan",
        type=Path,
        metavar="PATH",
        help="prefill with the facts `advisor scan` detects in a repository; answers from "
        "--answers or --resume take precedence",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="ask only the questions that could still change the recommendation, the one that "
        "matters most first, and stop when no answer to the rest could change it",
    )
    parser.add_argument(
        "--ask-all",
        action="store_true",
        help="ask every question, with the known answers as defaults",
    )
    parser.add_argument(
        "--resume",
        type=Path,
        metavar="DRAFT",
        help="continue an interrupted interview from its draft (NAME.advisor-draft.yaml)",
    )
    parser.add_argument(
        "--save-answers",
        type=Path,
        metavar="FILE",
        help="where to write the answers (default: beside the report as NAME.answers.yaml; "
        "with the report on standard output, beside the draft being resumed, else "
        "./assessment.answers.yaml)",
    )
    add_rules_argument(parser)
    add_output_arguments(parser)
    add_presentation_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from advisor.answers import Answers, load_answers
    from advisor.errors import InputError

    if args.resume and args.answers:
        raise InputError("--resume and --answers: give one; the draft already holds the answers")
    if args.quick and args.ask_all:
        raise InputError("--quick and --ask-all: give one; --quick asks only what could change the result")
    names_a_folder(args.output, args.format)
    refuse_to_overwrite(
        [("-o", args.output), ("--save-answers", args.save_answers or "-")],
        [
            *([("the answers file", args.answers)] if args.answers else []),
            *brand_files(args.brand),
            *pack_files(args.rules),
        ],
    )
    shown = prepare_presentation(args, (args.format,))
    pack = load_pack(args.rules)
    source = args.resume or args.answers
    prefilled = load_answers(source, pack.bank) if source else Answers()
    if args.scan:
        from advisor.scan import scan_answers

        scanned = scan_answers(args.scan, pack.bank)
        prefilled = replace(prefilled, facts={**scanned.facts, **prefilled.facts}) if source else scanned
    return assess(pack, prefilled, args, shown)


def assess(
    pack: RulePack, prefilled: Answers, args: argparse.Namespace, shown: Presentation | None = None
) -> int:
    """Complete `prefilled` (from a file, a draft or a scan), then write answers and report."""
    from advisor.answers import answers_to_yaml
    from advisor.commands.common import write_report
    from advisor.errors import InputError, Interrupted
    from advisor.interview.draft import DraftStore, default_answers_path, draft_path_for
    from advisor.interview.plan import Questionnaire
    from advisor.output import write_atomic

    answers_path: Path = args.save_answers or default_answers_path(args.output, args.resume)
    draft_path: Path = args.resume or draft_path_for(answers_path)
    answers_label = "--save-answers" if args.save_answers else f"the answers file to write ({answers_path})"
    refuse_to_overwrite(
        [
            ("-o", args.output),
            (answers_label, answers_path),
            ("--resume" if args.resume else f"the interview's draft ({draft_path})", draft_path),
        ],
        [("the answers file", args.answers)] if args.answers else [],
    )
    draft = DraftStore(draft_path, pack.bank, resume_command(args, draft_path, answers_path))
    missing = [q.fact for q in Questionnaire(pack).missing(prefilled.facts)]
    interactive = sys.stdin.isatty()
    if not interactive and args.quick and missing:
        from advisor.interview.quick import quick_step

        missing = [q.fact for q in quick_step(pack, prefilled.facts).questions]
    if not interactive and (missing or args.ask_all):
        raise InputError(no_terminal_message(missing, quick=args.quick))
    if interactive:
        if args.resume is None:
            try:
                draft.create(prefilled)
            except FileExistsError:
                raise InputError(
                    f"{draft.path}: an earlier interview was interrupted and its answers are here "
                    f"(or another interview is running): resume it with `{draft.resume_hint}`, "
                    "or delete the file to start over"
                ) from None
        try:
            final = interview(pack, prefilled, draft, ask_all=args.ask_all, quick=args.quick)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted(
                f"interrupted; the answers so far are saved in {draft.path}\nResume with: {draft.resume_hint}"
            ) from None
    else:
        final = prefilled
    final = final.dated(args.date)
    write_atomic(answers_path, answers_to_yaml(final, pack.bank))
    if not args.quiet:
        tell(f"advisor: wrote answers to {answers_path}")
    if interactive or args.resume:
        draft.discard()
    write_report(pack, final, args, answers_path, shown)
    return ExitCode.OK


def interview(
    pack: RulePack, prefilled: Answers, draft: DraftStore, *, ask_all: bool, quick: bool
) -> Answers:
    from advisor.interview.loop import run_interview
    from advisor.interview.terminal import TerminalPrompter

    with terminal_output():
        return run_interview(
            pack, prefilled, TerminalPrompter(), save=draft.save, ask_all=ask_all, quick=quick
        )


@contextmanager
def terminal_output() -> Iterator[None]:
    """Prompts on the terminal's standard error, so a report on standard output stays clean."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.output import create_output

    stream = sys.stderr if sys.stderr.isatty() or not sys.stdout.isatty() else sys.stdout
    with create_app_session(output=create_output(stdout=stream)):
        yield


def no_terminal_message(missing: list[str], *, quick: bool = False) -> str:
    if not missing:
        return "--ask-all needs a terminal: standard input is not one"
    if quick:
        return (
            f"cannot ask questions: standard input is not a terminal and {len(missing)} unanswered "
            f"facts could change the recommendation ({', '.join(missing)}); answer them in --answers "
            "FILE ('unknown' is allowed), or run advisor assess in a terminal"
        )
    return (
        f"cannot ask questions: standard input is not a terminal and {len(missing)} "
        f"facts are unanswered ({', '.join(missing)}); pass --answers FILE with every fact "
        "answered ('unknown' is allowed), or run advisor assess in a terminal"
    )


def resume_command(args: argparse.Namespace, draft: Path, answers: Path) -> str:
    """The exact command that continues this interview with the same options; a word with
    unprintable characters is written in bash's $'...' quoting, so the command stays both
    safe to show and runnable."""
    words = ["advisor", "assess", "--resume", str(draft)]
    for rules in args.rules:
        words += ["--rules", str(rules)]
    if args.ask_all:
        words.append("--ask-all")
    if args.quick:
        words.append("--quick")
    words += ["--save-answers", str(answers), "-o", args.output, "--format", args.format]
    if args.date:
        words += ["--date", args.date.isoformat()]
    return " ".join(_shell_word(word) for word in words)


def _shell_word(word: str) -> str:
    if word.isprintable():
        return shlex.quote(word)
    escaped = "".join(
        char if char.isprintable() and char not in "\\'" else _ansi_c_escape(char) for char in word
    )
    return f"$'{escaped}'"


def _ansi_c_escape(char: str) -> str:
    code = ord(char)
    if char in "\\'":
        return "\\" + char
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
