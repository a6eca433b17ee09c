"""`advisor rules ...`: check and test a rule pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import summary
from advisor.commands.rules_impact import register_impact
from advisor.commands.rules_init import register_init
from advisor.errors import ExitCode

TEST_EXIT_CODES = (
    "exit codes: 0 every case passed (todo cases are skipped); 1 a case failed, or with "
    "--fail-on-uncovered a rule is fired by no case; 2 bad rule pack or test file"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("rules", help=summary("rules"))
    actions = parser.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate a rule pack; problems as FILE:LINE:COL",
        description="Load a rule pack and report every problem in one pass.",
    )
    check.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="rule pack folder (default: bundled)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="also report lint findings: unused facts, rules with no effect or that can never fire, "
        "rules no test case fires",
    )
    check.set_defaults(run=run_check)
    test = actions.add_parser(
        "test",
        help="run a rule pack's test cases (DIR/tests/*.yaml)",
        description="Run every case in DIR/tests/*.yaml: PASS/FAIL per case, the traced "
        "conditions for each failure, and the rules no case fires.",
        epilog=TEST_EXIT_CODES,
    )
    test.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="rule pack folder (default: bundled)")
    test.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    test.add_argument(
        "--fail-on-uncovered",
        action="store_true",
        help="exit 1 when a rule is fired by no case",
    )
    test.set_defaults(run=run_test)
    register_impact(actions)
    register_init(actions)


def run_check(args: argparse.Namespace) -> int:
    from advisor.checks.lint import lint_pack
    from advisor.commands.common import load_pack, show
    from advisor.errors import InputError
    from advisor.words import counted

    pack = load_pack([args.dir] if args.dir else [])
    if args.strict:
        findings = lint_pack(pack)
        if findings:
            raise InputError(findings)
    show(
        f"{pack.root}: ok: rule pack {pack.info.name} {pack.info.version} (sha256 {pack.sha256[:12]}): "
        f"{counted(len(pack.bank.facts), 'question')}, "
        f"{counted(len(pack.strategies), 'strategy', 'strategies')}, "
        f"{counted(len(pack.platforms), 'platform')}, {counted(len(pack.rules), 'rule')}\n"
    )
    return ExitCode.OK


def run_test(args: argparse.Namespace) -> int:
    from advisor.checks.cases import load_test_cases, run_tests
    from advisor.checks.report import render_suite_json, render_suite_text
    from advisor.commands.common import load_pack, show

    pack = load_pack([args.dir] if args.dir else [])
    run = run_tests(pack, load_test_cases(pack))
    text = render_suite_json(run, pack) if args.format == "json" else render_suite_text(run)
    show(text)
    failed = run.count("fail") > 0 or (args.fail_on_uncovered and bool(run.uncovered))
    return ExitCode.FAILED if failed else ExitCode.OK
