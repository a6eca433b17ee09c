"""`advisor rules ...`: check a rule pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands.rules_init import register_init


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("rules", help="check and test rule packs")
    actions = parser.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate a rule pack; problems as FILE:LINE:COL",
        description="Load a rule pack and report every problem in one pass.",
    )
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="rule pack folder (default: bundled)")
    check.add_argument("--strict", action="store_true", help="also report lint findings (unused facts, ...)")
    check.set_defaults(run=run_check)
    register_init(actions)


def run_check(args: argparse.Namespace) -> int:
    from advisor.commands.common import load_pack
    from advisor.errors import InputError
    from advisor.lint import lint_pack

    pack = load_pack([args.dir] if args.dir else [])
    if args.strict:
        findings = lint_pack(pack)
        if findings:
            raise InputError(findings)
    print(
        f"{pack.root}: ok: rule pack {pack.info.name} {pack.info.version} (sha256 {pack.sha256[:12]}): "
        f"{len(pack.bank.facts)} questions, {len(pack.strategies)} strategies, "
        f"{len(pack.platforms)} platforms, {len(pack.rules)} rules"
    )
    return 0
