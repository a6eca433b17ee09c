"""The command line: parse arguments, call the core, map errors to exit codes.

Nothing below this layer prints or exits. Heavy libraries (pydantic, rich, questionary,
markdown) are imported inside the commands, so `--help` and `--version` start instantly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Collection, Sequence

from advisor import __version__, collector

TYPE_CHECKING = False  # typing itself is a few milliseconds of `advisor --help`
if TYPE_CHECKING:
    from typing import Any


class _PrintVersion(argparse.Action):
    """`--version` without argparse's help formatter, which imports shutil, lzma and textwrap."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"advisor {__version__}")
        parser.exit()


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal, found as shutil finds it (COLUMNS, then the
    terminal, else 80) without importing shutil, which brings in bz2, lzma and zlib: about a
    tenth of `advisor --help`."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose help (and its commands' parsers', made of the same class) uses
    `_HelpFormatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)


def _columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


QUIET_HELP = "no summary on standard error after writing a file (errors and warnings still show)"


def build_parser(built: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with only the `built` commands' parsers built in full.

    The others are listed by name and help, so that `advisor --help` and a command's run
    import no other command's module.
    """
    parser = _Parser(
        prog="advisor",
        description="Should we run on containers with an orchestrator, a PaaS, or golden VM images?",
    )
    parser.add_argument("--version", action=_PrintVersion, nargs=0, help="show the version and exit")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    from advisor.commands import COMMANDS

    modules = {COMMANDS[name][0] for name in built if name in COMMANDS} if built is not None else None
    listed: list[argparse.ArgumentParser] = []  # commands only named in the help: never parsed
    for name, (module, summary) in COMMANDS.items():
        if name in subparsers.choices:
            continue  # registered with another command of its module
        if modules is None or module in modules:
            importlib.import_module(f"advisor.commands.{module}").register(subparsers)
        else:
            listed.append(subparsers.add_parser(name, help=summary, add_help=False))
    _accept_in_every_command(
        parser,
        listed,
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks of unexpected errors",
    )
    _accept_in_every_command(
        parser, listed, "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help=QUIET_HELP
    )
    return parser


def _accept_in_every_command(
    parser: argparse.ArgumentParser, listed: list[argparse.ArgumentParser], *flags: str, **options: object
) -> None:
    """Let a global option also follow the command (`advisor report ... --debug`, `... -q`)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                if command not in listed:
                    command.add_argument(*flags, **options)
                    _accept_in_every_command(command, listed, *flags, **options)


def entry() -> int:
    """The `advisor` command: `main`, with the cycle collector held back while advisor starts,
    until the rule pack is loaded (`advisor.collector`)."""
    collector.hold()
    try:
        return main()
    finally:
        collector.release()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:  # answered before any command module loads (bench/startup.py)
        print(f"advisor {__version__}")
        return 0
    # Global options take no value: the first other argument names the command.
    command = next((argument for argument in arguments if not argument.startswith("-")), None)
    args = build_parser(() if command is None else (command,)).parse_args(arguments)
    from advisor.errors import AdvisorError, ExitCode

    try:
        return int(args.run(args))
    except AdvisorError as error:
        print(error_text(error), file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        print("\nadvisor: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return ExitCode.OK
    except OSError as error:
        if error.filename is None:
            return _unexpected(error, debug=args.debug)
        # A path the file system refuses (too long, a loop of links...): the user's to fix.
        from pathlib import Path

        from advisor.output import cannot_write

        print(error_text(cannot_write(Path(os.fsdecode(error.filename)), error, "use")), file=sys.stderr)
        return ExitCode.BAD_INPUT
    except Exception as error:
        return _unexpected(error, debug=args.debug)


def _unexpected(error: Exception, *, debug: bool) -> int:
    from advisor.errors import ExitCode, bounded
    from advisor.words import inert

    if debug:
        import traceback

        traceback.print_exc()
    print(
        f"advisor: unexpected error: {type(error).__name__}: {inert(bounded(str(error)))}\n"
        "This is a bug in advisor; please report it to the project's issue tracker with the "
        f"command you ran{'' if debug else ' and its output with --debug'}.",
        file=sys.stderr,
    )
    return ExitCode.FAILED


def error_text(error: Exception) -> str:
    """Located problems as `FILE:LINE:COL: message` lines; anything else after `advisor: error:`.

    Messages name files and quote inputs, so they are made inert before they reach a terminal.
    """
    from advisor.errors import InputError, Interrupted
    from advisor.words import inert

    if isinstance(error, Interrupted):
        return inert(f"\nadvisor: {error}")
    if isinstance(error, InputError) and error.problems:
        count = len(error.problems)
        return inert(str(error)) + (f"\nadvisor: {count} problems found" if count > 1 else "")
    return inert(f"advisor: error: {error}")
