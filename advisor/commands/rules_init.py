"""`advisor rules init DIR`: scaffold a rule pack layered over the default."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.errors import ExitCode


def register_init(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = actions.add_parser(
        "init",
        help="create a rule pack to layer over the default (one question, rule and test case)",
        description="Write a small working rule pack into DIR: pack.yaml, questions.yaml, "
        "rules.yaml and tests/house.yaml. Use it with --rules DIR.",
    )
    init.add_argument(
        "dir", type=Path, metavar="DIR", help="new folder for the pack (must not exist, or be empty)"
    )
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    from advisor.commands.common import show, tell
    from advisor.pack.scaffold import init_pack

    for path in init_pack(args.dir):
        if not args.quiet:
            tell(f"advisor: wrote {path}")
    folder = args.dir.as_posix()
    show(
        f"Next: edit {folder}/rules.yaml, then run `advisor rules check {folder}`, "
        f"`advisor rules test {folder}` and `advisor report --answers FILE --rules {folder}`.\n"
    )
    return ExitCode.OK
