"""Arguments and steps that several commands share."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.answers import Answers
    from advisor.pack.model import RulePack
    from advisor.render.brand import Brand
    from advisor.render.summary import Summary
    from advisor.result import RecordSource, Result


def add_answers_arguments(parser: argparse.ArgumentParser, *, set_help: str) -> None:
    """`--answers FILE` and the repeatable `--set FACT=VALUE` overrides."""
    parser.add_argument(
        "--answers", type=Path, required=True, metavar="FILE", help="answers file (advisor/v1)"
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="FACT=VALUE", dest="settings", help=set_help
    )


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


# The ids of advisor.render.FORMATS and pdf (kept literal here so that --help imports nothing).
REPORT_FORMATS = ("md", "html", "json", "adr", "pdf")
AUDIENCES = ("engineer", "client")
PRESENTED = ("md", "html", "pdf")


def add_output_option(
    parser: argparse.ArgumentParser, what: str = "file to write", *, extra: str = ""
) -> None:
    """`-o PATH`, standard output by default, so commands compose with pipes."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        type=output_path,
        default="-",
        help=f"{what}; '-' (the default) writes to standard output{extra}",
    )


def output_path(text: str) -> str:
    """`-o` as given, refused when empty (it would name the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a file name, or '-' for standard output; got ''")
    return text


def add_output_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...] = REPORT_FORMATS) -> None:
    add_output_option(parser, extra="; with --format adr, a folder of ADRs gets the next numbered record")
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


def add_presentation_arguments(parser: argparse.ArgumentParser) -> None:
    """`--audience` and `--brand`: who reads the report, and whose report it is."""
    parser.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="engineer",
        help="who reads the report: engineer (default; rule ids, effects and the arithmetic in the "
        "body) or client (an executive summary in plain words, the workings in an appendix)",
    )
    parser.add_argument(
        "--brand",
        type=Path,
        metavar="FILE",
        help="brand file (organisation, logo, accent colour, footer, contact) for the header and "
        "footer of Markdown, HTML and PDF reports",
    )


@dataclass(frozen=True)
class Presentation:
    """How a report is presented: its audience, a brand, and the browser that prints a PDF."""

    audience: str = "engineer"
    brand: Brand | None = None
    browser: str | None = None


def prepare_presentation(args: argparse.Namespace, formats: tuple[str, ...]) -> Presentation:
    """Check `--audience`, `--brand` and, for PDF, the browser, before any work is done: a
    brand file is read and checked here, and a missing browser is one line saying what to install."""
    from advisor.errors import InputError

    audience: str = getattr(args, "audience", "engineer")
    brand_path: Path | None = getattr(args, "brand", None)
    shaped = (audience != "engineer" or brand_path is not None) and not any(f in PRESENTED for f in formats)
    if shaped:
        given = " and ".join(
            flag for flag, used in (("--audience", audience != "engineer"), ("--brand", brand_path)) if used
        )
        raise InputError(
            f"{given}: shape{'s' if ' and ' not in given else ''} Markdown, HTML and PDF reports; "
            f"the {' and '.join(f.upper() for f in formats)} is the same for every reader: "
            "leave it out or use --format md, html or pdf"
        )
    brand = None
    if brand_path is not None:
        from advisor.brand import load_brand

        brand = load_brand(brand_path)
    browser = find_pdf_browser() if "pdf" in formats else None
    return Presentation(audience, brand, browser)


def brand_files(brand: Path | None) -> list[tuple[str, Path]]:
    """The brand file, as an input `-o` must not overwrite."""
    return [("the brand file", brand)] if brand is not None else []


def find_pdf_browser() -> str:
    """The browser that prints PDFs, or exit 2 with one line saying what to install."""
    from advisor.errors import InputError
    from advisor.render.pdf import BROWSER_VARIABLE, INSTALL_HINT, find_browser

    browser = find_browser(os.environ)
    if browser is not None:
        return browser
    given = os.environ.get(BROWSER_VARIABLE, "").strip()
    if given:
        raise InputError(f"{BROWSER_VARIABLE}={given}: not an executable browser; {INSTALL_HINT}")
    raise InputError(INSTALL_HINT)


def add_jobs_argument(parser: argparse.ArgumentParser, what: str = "worker processes") -> None:
    """`--jobs N`, one worker process per CPU by default."""
    parser.add_argument(
        "--jobs",
        type=parse_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help=f"{what} (default: one per CPU)",
    )


def parse_jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes >= 1, got {text!r}")
    return int(text)


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def pack_files(rules: list[Path]) -> list[tuple[str, Path]]:
    """The files of every rule pack a run reads (the default pack and each `--rules` folder)."""
    from advisor.pack.bundled import default_rules_dir

    files = []
    for folder in [default_rules_dir(), *rules]:
        try:
            found = sorted([*folder.glob("*.yaml"), *folder.glob("tests/*.yaml")])
        except OSError:
            continue  # a folder that cannot be read is reported when the pack loads
        files += [(f"a file of the rule pack {folder}", path) for path in found]
    return files


def refuse_to_overwrite(outputs: list[tuple[str, str | Path]], inputs: list[tuple[str, Path]]) -> None:
    """Exit 2 before any work when an output would land on an input of the run, or two
    outputs on one file: the input would be lost with no way back.

    Each output and input comes with what it is (`-o`, `the answers file`...), for the message.
    """
    from advisor.errors import InputError
    from advisor.output import is_stream

    claimed: list[tuple[str, Path]] = []
    for label, given in outputs:
        if str(given) == "-" or is_stream(Path(given)):
            continue
        path = Path(given)
        for what, source in inputs:
            if _same_file(path, source):
                raise InputError(
                    f"{given}: {label} names {what} ({source}), which this run reads; "
                    "writing there would destroy it: choose another file"
                )
        for other_label, other in claimed:
            if _same_file(path, other) or _same_place(path, other):
                raise InputError(
                    f"{given}: {label} and {other_label} name the same file; one would "
                    "overwrite the other: give them different names"
                )
        claimed.append((label, path))


def _same_file(path: Path, other: Path) -> bool:
    """Both exist and are one file (through links, hard links included)."""
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def _same_place(path: Path, other: Path) -> bool:
    """Both name one place, whether or not a file is there yet."""
    try:
        return os.path.realpath(path) == os.path.realpath(other)
    except (OSError, ValueError):
        return False


def load_pack(rules: list[Path]) -> RulePack:
    """The default pack with each `--rules` folder layered on top, in order."""
    from advisor import collector
    from advisor.pack.layers import load_pack_stack

    pack = load_pack_stack(rules)
    collector.settle()  # the pack lives as long as the run
    return pack


def tell(text: str) -> None:
    """A line for the person on standard error; what it quotes from files is made inert."""
    from advisor.words import inert

    print(inert(text), file=sys.stderr)


def show(text: str) -> None:
    """Text for standard output (a listing, a test run) whose parts came from files: inert."""
    from advisor.words import inert

    sys.stdout.write(inert(text))
    sys.stdout.flush()


def emit(text: str, output: str) -> None:
    """Write to standard output for '-', else atomically to the file."""
    from advisor.output import write_atomic

    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(Path(output), text)


def write_report(
    pack: RulePack,
    answers: Answers,
    args: argparse.Namespace,
    answers_file: Path,
    shown: Presentation | None = None,
) -> None:
    """Evaluate, render in `args.format`, write to `args.output`; the step `report` and `assess` share.

    `-o -` writes to standard output; with `--format adr`, `-o` naming a folder writes the
    folder's next numbered record, unless a record there holds the decision already. After
    writing a file, a short summary goes to standard error unless `--quiet`.
    """
    from advisor.evaluate import evaluate

    shown = shown or Presentation()
    result = evaluate(pack, answers.dated(args.date))
    if args.output == "-":
        source = record_source(answers_file, None, settings_of(args))[0] if args.format == "adr" else None
        data = render_for(result, args.format, shown, source)
        if isinstance(data, bytes):
            emit_bytes(data)
        else:
            emit(data, "-")
        return
    path = _write_file(pack, result, args, answers_file, shown)
    if path is not None and not args.quiet:
        show_summary(result, str(path))


def settings_of(args: argparse.Namespace) -> list[str]:
    """The `--set` overrides of a run (`assess` has none)."""
    return list(getattr(args, "settings", []))


def record_source(answers_file: Path, folder: Path | None, settings: list[str]) -> tuple[RecordSource, bytes]:
    """What an ADR in `folder` records of its answers: the file's path relative to the folder
    (as given, when the record goes to standard output), its sha256 and the overrides; and
    the file's bytes, to keep a copy of."""
    from advisor.recheck.store import sha256_of
    from advisor.result import RecordSource
    from advisor.source.document import read_bounded

    data = read_bounded(answers_file, "an answers file")
    if folder is None:
        shown = answers_file.as_posix()
    else:
        try:
            shown = Path(os.path.relpath(answers_file.resolve(), folder.resolve())).as_posix()
        except ValueError:  # another drive
            shown = answers_file.resolve().as_posix()
    return RecordSource(answers_path=shown, answers_sha256=sha256_of(data), settings=settings), data


def render_for(
    result: Result, fmt: str, shown: Presentation, source: RecordSource | None = None
) -> str | bytes:
    """The report in `fmt`, as `shown` says (an ADR records `source`); a PDF is the HTML
    page printed by the browser."""
    from advisor.errors import InputError
    from advisor.render import render

    if fmt != "pdf":
        return render(result, fmt, source, audience=shown.audience, brand=shown.brand)
    from advisor.render.html import render_html
    from advisor.render.pdf import PrintFailed, print_pdf

    page = render_html(result, shown.audience, shown.brand)
    try:
        return print_pdf(page, shown.browser or find_pdf_browser(), result.project.get("date"))
    except PrintFailed as error:
        raise InputError(
            f"--format pdf: {error}; check that the browser runs, or set ADVISOR_CHROMIUM"
        ) from None


def emit_bytes(data: bytes) -> None:
    """Binary output (a PDF) to standard output: never to a terminal, where it would be garbage."""
    from advisor.errors import InputError

    if sys.stdout.isatty():
        raise InputError("--format pdf writes a binary file: give -o FILE.pdf, or pipe standard output")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def names_a_folder(output: str, fmt: str) -> bool:
    """Whether the report goes into a folder (an ADR folder); a folder for any other format
    is refused, up front (assess checks it before it writes the answers)."""
    from advisor.errors import InputError
    from advisor.output import cannot_write

    if output == "-":
        return False
    try:
        is_folder = Path(output).is_dir()
    except OSError as error:
        raise cannot_write(Path(output), error) from None
    folder = is_folder or output.endswith(("/", os.sep))
    if folder and fmt != "adr":
        raise InputError(
            f"{output}: is a folder; give a file name "
            "(only --format adr writes a numbered record into a folder)"
        )
    return folder


def _write_file(
    pack: RulePack, result: Result, args: argparse.Namespace, answers_file: Path, shown: Presentation
) -> Path | None:
    """Write the report to a file; an ADR given a folder (existing, or ending in /) is numbered.

    An ADR keeps copies of its answers and rule pack beside it (`advisor.recheck.store`).
    Returns None when a record of the folder already held the decision and nothing was written.
    """
    from advisor.errors import InputError
    from advisor.output import write_atomic
    from advisor.pack.layers import stack_folders
    from advisor.recheck.records import record_decision
    from advisor.recheck.store import keep_inputs
    from advisor.render import render

    target = Path(args.output)
    if names_a_folder(args.output, args.format):
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"{args.output}: cannot create the folder: {error.strerror}") from None
        source, data = record_source(answers_file, target, settings_of(args))
        recorded = record_decision(
            target, result, source, data, pack, stack_folders(args.rules), answers_file
        )
        if recorded.written:
            return recorded.path
        earlier = (
            ""
            if recorded.same_inputs
            else " (made from earlier answers or an earlier rule pack; `advisor revisit` says what moved)"
        )
        tell(f"advisor: {recorded.path} already records this decision{earlier}; nothing written")
        return None
    if args.format != "adr":
        write_atomic(target, render_for(result, args.format, shown))
        return target
    source, data = record_source(answers_file, target.parent, settings_of(args))
    write_atomic(target, render(result, "adr", source))
    keep_inputs(target.parent, data, stack_folders(args.rules), pack)
    return target


def show_summary(result: Result, path: str) -> None:
    """Recommendation, confidence and score bars on standard error: rich in a colour terminal."""
    from advisor.render.summary import summarize, summary_text

    summary = summarize(result)
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb":
        _show_rich_summary(summary, path)
    else:
        tell(summary_text(summary, path).removesuffix("\n"))


def _show_rich_summary(summary: Summary, path: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from advisor.words import inert

    # Only Text, never markup; the summary's texts are inert already (render.summary), and
    # so is the path here.
    console = Console(stderr=True, highlight=False)
    colour = {"high": "green", "moderate": "yellow"}.get(summary.confidence_label, "red")
    console.print(Text.assemble(("✓ ", "bold green"), "wrote ", (inert(path), "bold")))
    facts = Table.grid(padding=(0, 2))
    facts.add_row(Text("Recommendation", style="dim"), Text(summary.recommendation, style="bold"))
    facts.add_row(Text("Confidence", style="dim"), Text(summary.confidence, style=colour))
    console.print(facts)
    scores = Table.grid(padding=(0, 2))
    for line in summary.scores:
        scores.add_row(
            Text(line.name, style="bold" if line.recommended else ""),
            Text(f"{line.score:g}", justify="right"),
            Text("excluded", style="dim italic") if line.excluded else Text(line.bar, style="cyan"),
        )
    console.print(scores)
