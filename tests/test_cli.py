"""The command line end to end, through a subprocess, as users and CI jobs run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import cli
from tests.conftest import ROOT, run_advisor

CHECKOUT = str(ROOT / "examples" / "checkout-platform.yaml")


def test_report_writes_markdown_to_standard_output() -> None:
    result = run_advisor("report", "--answers", CHECKOUT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    assert "Checkout platform" in result.stdout
    assert result.stderr == ""


def test_report_json_follows_the_contract() -> None:
    result = run_advisor("report", "--answers", CHECKOUT, "--format", "json")
    data = json.loads(result.stdout)
    assert data["format"] == "advisor/v1"
    assert set(data["recommendation"]) >= {
        "strategy",
        "platform",
        "confidence",
        "platform_confidence",
        "status",
        "product",
    }
    assert data["recommendation"]["status"] in ("clear", "close-call", "undecided")
    assert set(data["scores"]) >= {"paas", "containers", "golden-image"} | set(data["platform_scores"])
    assert data["scores"]["containers"] == max(data["platform_scores"].values())
    assert {"id", "because", "effects"} <= set(data["fired"][0])
    for key in ("unanswered", "unknown", "sensitivity", "dev_environment", "rule_pack", "project"):
        assert key in data
    assert set(data["rule_pack"]) >= {"name", "version", "sha256"}


def test_report_to_a_file_is_atomic_and_says_what_it_wrote(tmp_path: Path) -> None:
    target = tmp_path / "wiki" / "page.md"
    result = run_advisor("report", "--answers", CHECKOUT, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# ")
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.md"]
    assert str(target) in result.stderr


def test_set_overrides_an_answer() -> None:
    base = json.loads(run_advisor("report", "--answers", CHECKOUT, "--format", "json").stdout)
    changed = json.loads(
        run_advisor(
            "report",
            "--answers",
            CHECKOUT,
            "--format",
            "json",
            "--set",
            "app.components=1",
            "--set",
            "stack.languages=[ruby]",
        ).stdout
    )
    assert base["scores"] != changed["scores"]
    assert next(a for a in changed["answers"] if a["fact"] == "app.components")["value"] == 1


def test_a_bad_set_is_exit_2_with_the_fix() -> None:
    result = run_advisor(
        "report", "--answers", CHECKOUT, "--set", "team.ops_engineers=lots", "--set", "team.ops_enginers=1"
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "--set team.ops_engineers=lots: team.ops_engineers: expected an integer from 0 to 10000, "
        "or 'unknown'; got 'lots'",
        "--set team.ops_enginers=1: unknown fact 'team.ops_enginers' (did you mean 'team.ops_engineers'?)",
        "advisor: 2 problems found",
    ]


def test_strict_fails_on_unanswered_facts(tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text("format: advisor/v1\nanswers:\n  app: {components: 3}\n")
    result = run_advisor("report", "--answers", str(partial), "--strict")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{partial}: unanswered: app.architecture (Which shape is the system?); answer it or write 'unknown'"
    )
    assert lines[-1] == "advisor: 42 problems found"
    assert run_advisor("report", "--answers", CHECKOUT, "--strict").returncode == 0


def test_same_input_and_date_give_identical_output() -> None:
    args = ("report", "--answers", CHECKOUT, "--date", "2027-01-02")
    first, second = run_advisor(*args), run_advisor(*args)
    assert first.stdout == second.stdout
    assert "2027-01-02" in first.stdout


def test_questions_lists_every_fact(pack) -> None:  # type: ignore[no-untyped-def]
    result = run_advisor("questions")
    assert result.returncode == 0
    for fact in pack.bank.facts:
        assert f"`{fact}`" in result.stdout
    # conditions read as written, not as the data they load into
    assert (
        "- Asked when: `app.components > 1` and `app.architecture in [monolith, modular-monolith]`"
        in result.stdout
    )
    assert "{'all'" not in result.stdout and "['" not in result.stdout


def test_schema_describes_answers_files(pack) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(run_advisor("schema").stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "format" in schema["required"]
    sections = {section.id for section in pack.bank.sections}
    assert sections <= set(json.dumps(schema["$defs"]["Answers"]["properties"]).replace('"', " ").split())


def test_usage_errors_exit_2() -> None:
    result = run_advisor("report")
    assert result.returncode == 2
    assert "--answers" in result.stderr


def test_version_and_help_do_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from advisor.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'pydantic', 'rich', 'questionary', 'markdown', 'yaml'} & set(sys.modules)\n"
        "print(sorted(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"


def test_help_imports_neither_heavy_libraries_nor_shutil_and_wraps_as_argparse_would() -> None:
    code = (
        "import argparse, contextlib, io, sys; from advisor.cli import build_parser, main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as shown:\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
        "loaded = {'pydantic', 'rich', 'questionary', 'markdown', 'yaml', 'shutil'} & set(sys.modules)\n"
        "parser = build_parser(())\n"
        "parser.formatter_class = argparse.HelpFormatter\n"
        "print(sorted(loaded), shown.getvalue() == parser.format_help())"
    )
    for columns in ("44", "132", "not-a-number"):
        environment = {**os.environ, "COLUMNS": columns}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment
        )
        assert result.stdout.splitlines()[-1] == "[] True", columns


def test_an_unexpected_error_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(args: object) -> int:
        raise RuntimeError("boom")

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda *built: parser)
    parser.set_defaults(run=explode)
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for sub in action.choices.values():  # type: ignore[union-attr]
            sub.set_defaults(run=explode)
    assert cli.main(["questions"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("advisor: unexpected error: RuntimeError: boom\n")
    assert "Traceback" not in err and "--debug" in err


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("python,java", ["python", "java"]),
        ("ruby", ["ruby"]),
        ("[go, rust]", ["go", "rust"]),
        ("unknown", "unknown"),
    ],
)
def test_set_takes_a_list_fact_comma_separated(setting: str, expected: object) -> None:
    result = run_advisor(
        "report", "--answers", CHECKOUT, "--format", "json", "--set", f"stack.languages={setting}"
    )
    answers = json.loads(result.stdout)["answers"]
    assert next(a for a in answers if a["fact"] == "stack.languages")["value"] == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["--debug", "report", "--answers", "x"],
        ["report", "--answers", "x", "--debug"],
        ["rules", "check", "--debug"],
    ],
)
def test_debug_is_accepted_before_or_after_the_command(argv: list[str]) -> None:
    assert cli.build_parser().parse_args(argv).debug is True
    assert cli.build_parser().parse_args([a for a in argv if a != "--debug"]).debug is False


def test_a_list_value_that_would_silently_change_meaning_is_an_error(tmp_path: Path) -> None:
    answers = tmp_path / "team.yaml"
    answers.write_text("format: advisor/v1\nanswers:\n  stack: {languages: [pyhton, go, scala, '   ']}\n")
    result = run_advisor("report", "--answers", str(answers), "--set", "app.components=3")
    assert result.returncode == 2
    assert result.stderr == (
        f"{answers}:3:23: answers.stack.languages[0]: 'pyhton' is not a listed value "
        "(did you mean 'python'?); write the listed name\n"
        f"{answers}:3:42: answers.stack.languages[3]: an empty name; remove it, or write the name\n"
        "advisor: 2 problems found\n"
    )
    answers.write_text("format: advisor/v1\nanswers:\n  stack: {languages: [python, go, scala, deno]}\n")
    kept = run_advisor("report", "--answers", str(answers), "--set", "app.components=3")
    assert kept.returncode == 0 and kept.stderr == ""
    assert "scala" in kept.stdout and "deno" in kept.stdout  # the list is open: other runtimes count
    typo = run_advisor("report", "--answers", str(answers), "--set", "stack.languages=go,nodee")
    assert typo.returncode == 2
    assert typo.stderr == (
        "--set stack.languages=go,nodee: stack.languages[1]: 'nodee' is not a listed "
        "value (did you mean 'node'?); write the listed name\n"
    )


@pytest.mark.parametrize("argv", [["-q", "report", "--answers", "x"], ["report", "--answers", "x", "-q"]])
def test_quiet_is_accepted_before_or_after_the_command(argv: list[str]) -> None:
    assert cli.build_parser().parse_args(argv).quiet is True


def test_quiet_before_the_command_silences_the_summary(tmp_path: Path) -> None:
    done = run_advisor("-q", "report", "--answers", CHECKOUT, "-o", str(tmp_path / "r.md"))
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "r.md").read_text().startswith("# Deployment strategy")


def test_an_empty_output_path_is_a_usage_error(tmp_path: Path) -> None:
    done = run_advisor("report", "--answers", CHECKOUT, "-o", "", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.endswith(
        "advisor report: error: argument -o/--output: expected a file name, or '-' for standard "
        "output; got ''\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_not_a_rule_pack_says_how_to_make_one(tmp_path: Path) -> None:
    (tmp_path / "emptydir").mkdir()
    empty = run_advisor("rules", "test", "emptydir", cwd=tmp_path)
    assert (empty.returncode, empty.stderr) == (
        2,
        "advisor: error: emptydir: not a rule pack (it has no pack.yaml); give the folder that holds "
        "pack.yaml, or create a pack with `advisor rules init emptydir`\n",
    )
    missing = run_advisor("rules", "check", "nope", cwd=tmp_path)
    assert (missing.returncode, missing.stderr) == (
        2,
        "advisor: error: nope: no such folder; give a rule pack folder, or create one with "
        "`advisor rules init nope`\n",
    )


@pytest.mark.parametrize(("argv", "expected"), [(["--help"], []), (["schema"], ["reference"])])
def test_only_the_module_of_the_command_that_runs_is_imported(argv: list[str], expected: list[str]) -> None:
    code = (
        "import contextlib, io, json, sys\nfrom advisor.cli import main\n"
        f"with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()): main({argv!r})\n"
        "print(json.dumps([m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('advisor.commands.')]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert set(json.loads(done.stdout)) - {"common"} == set(expected)


def test_the_command_holds_the_cycle_collector_back_while_it_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`advisor` (`cli.entry`) runs `main` with the collector held back (advisor.collector),
    and resumes it when the command ends, pack or no pack."""
    import gc

    assert gc.isenabled()
    monkeypatch.setattr(sys, "argv", ["advisor", "--version"])
    assert cli.entry() == 0 and capsys.readouterr().out.startswith("advisor ")
    assert gc.isenabled()
    seen: list[bool] = []
    real_main = cli.main

    def main() -> int:
        seen.append(gc.isenabled())
        return real_main()

    monkeypatch.setattr(cli, "main", main)
    assert cli.entry() == 0
    assert seen == [False] and gc.isenabled()
