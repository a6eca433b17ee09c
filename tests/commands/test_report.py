"""`advisor report` writing files: formats, ADR folders, atomic writes and the terminal summary."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from advisor.cli import main
from advisor.commands.common import REPORT_FORMATS
from advisor.output import next_adr_number, write_numbered_adr
from advisor.render import FORMATS
from tests.conftest import ROOT

CHECKOUT = str(ROOT / "examples" / "checkout-platform.yaml")
ADVISOR = shutil.which("advisor", path=str(Path(sys.executable).parent)) or "advisor"


def test_the_command_line_offers_every_renderer() -> None:
    assert (*FORMATS, "pdf") == REPORT_FORMATS  # a PDF is the HTML page, printed


def test_writing_a_file_prints_a_plain_summary_when_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "wiki" / "page.html"
    assert main(["report", "--answers", CHECKOUT, "--format", "html", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert err.splitlines()[:3] == [
        f"advisor: wrote {target}",
        "  recommendation: Serverless containers",
        "  confidence:     0.99 (high) for the strategy, 0.66 (moderate) for the platform",
    ]
    assert "\x1b[" not in err and "████" in err
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]  # no temporary files left


def test_quiet_writes_the_file_and_says_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "page.md"
    assert main(["report", "--answers", CHECKOUT, "-o", str(target), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert target.read_text("utf-8").startswith("# Deployment strategy: Checkout platform")


def test_adr_into_a_folder_takes_the_next_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    adr = tmp_path / "docs" / "adr"
    adr.mkdir(parents=True)
    (adr / "0001-record-architecture-decisions.md").write_text("# 1\n")
    (adr / "0006-use-postgres.md").write_text("# 6\n")
    (adr / "README.md").write_text("index\n")
    other = tmp_path / "storefront.yaml"
    shutil.copy(ROOT / "examples" / "storefront-startup.yaml", other)
    for answers in (CHECKOUT, str(other)):
        assert main(["report", "--answers", answers, "--format", "adr", "-o", str(adr), "-q"]) == 0
    slug = "use-containers-serverless-containers-for-checkout-platform"
    assert sorted(p.name for p in adr.iterdir() if not p.name.startswith(".")) == [
        "0001-record-architecture-decisions.md",
        "0006-use-postgres.md",
        f"0007-{slug}.md",
        "0008-use-paas-for-storefront.md",
        "README.md",
    ]
    assert (adr / f"0007-{slug}.md").read_text("utf-8").startswith("---\nstatus: proposed\n")


def test_an_unchanged_adr_run_writes_nothing_and_names_the_record_that_holds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    adr = tmp_path / "adr"
    answers = tmp_path / "checkout.yaml"
    shutil.copy(CHECKOUT, answers)
    run = ["report", "--answers", str(answers), "--format", "adr", "-o", f"{adr}/"]
    assert main([*run, "-q"]) == 0
    before = {path: path.read_bytes() for path in adr.rglob("*") if path.is_file()}
    capsys.readouterr()
    assert main(run) == 0
    record = adr / "0001-use-containers-serverless-containers-for-checkout-platform.md"
    assert capsys.readouterr().err == f"advisor: {record} already records this decision; nothing written\n"
    assert {path: path.read_bytes() for path in adr.rglob("*") if path.is_file()} == before
    # A new answer that keeps the decision writes nothing either, and says the record is older.
    answers.write_text(answers.read_text().replace("deploys_per_week: 40", "deploys_per_week: 45"))
    assert main(run) == 0
    assert "made from earlier answers or an earlier rule pack" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in adr.rglob("*") if path.is_file()} == before


def test_a_numbered_adr_never_replaces_a_record_that_appeared_meanwhile(tmp_path: Path) -> None:
    (tmp_path / "0003-taken.md").write_text("keep me\n")
    assert next_adr_number(tmp_path) == 4
    first = write_numbered_adr(tmp_path, "one", "first\n")
    second = write_numbered_adr(tmp_path, "one", "second\n")
    assert (first.name, second.name) == ("0004-one.md", "0005-one.md")
    assert (tmp_path / "0003-taken.md").read_text() == "keep me\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_other_formats_refuse_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--answers", CHECKOUT, "--format", "md", "-o", str(tmp_path)]) == 2
    assert "is a folder; give a file name (only --format adr" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_standard_output_gets_the_report_and_no_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--answers", CHECKOUT, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith('{\n  "format": "advisor/v1"') and err == ""


def _run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    child = pexpect.spawn(ADVISOR, args, env=env, encoding="utf-8", timeout=30, dimensions=(40, 120))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return str(child.before)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_a_terminal_gets_a_rich_summary_unless_no_color(tmp_path: Path, no_color: bool) -> None:
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    if no_color:
        env["NO_COLOR"] = "1"
    shown = _run_in_terminal(["report", "--answers", CHECKOUT, "-o", str(tmp_path / "r.md")], env)
    assert "Serverless containers" in shown
    assert "0.99 (high)" in shown and "████" in shown
    assert ("\x1b[" in shown) is not no_color


def test_version_loads_no_renderer_libraries() -> None:
    code = "import sys; from advisor.cli import build_parser; build_parser(); " + (
        "print(sorted(m for m in ('rich', 'markdown', 'pydantic') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_pack_that_excludes_everything_still_gives_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules", pack)
    (pack / "zz-nothing-fits.yaml").write_text(
        "rules:\n"
        "  - id: nothing-fits\n"
        "    when: team.engineers >= 1\n"
        "    exclude: [paas, containers, golden-image]\n"
        "    because: This organisation has frozen every deployment change.\n"
    )
    assert main(["report", "--answers", CHECKOUT, "--rules", str(pack), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "frozen every deployment change" in out
    if fmt == "md":
        assert "**No recommendation:** every strategy is excluded" in out
        # every platform of every strategy is excluded with it, so none is estimated, and the
        # table says why rather than listing rows of dashes
        assert "Not estimated, since the answers exclude them: " in out
        assert "A dash waits for an answer" not in out
        effort = out.split("\n## Effort and cost\n", 1)[1].split("\n## ", 1)[0]
        assert "| Amazon ECS |" not in effort and "Amazon ECS" in effort.split("Not estimated, since", 1)[1]


def test_an_adr_folder_named_with_a_slash_is_created_and_starts_at_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs" / "adr"
    assert main(["report", "--answers", CHECKOUT, "--format", "adr", "-o", f"{folder}/", "-q"]) == 0
    assert [p.name for p in folder.iterdir() if not p.name.startswith(".")] == [
        "0001-use-containers-serverless-containers-for-checkout-platform.md"
    ]


def test_a_failed_write_keeps_the_old_report_and_leaves_no_stray_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "page.md"
    target.write_text("old report\n")

    def disk_full(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert main(["report", "--answers", CHECKOUT, "-o", str(target)]) == 2
    assert "page.md: cannot write: No space left on device" in capsys.readouterr().err
    assert target.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


@pytest.mark.parametrize(
    ("args", "output", "what"),
    [
        (["report", "--answers", "x.yaml"], "x.yaml", "the answers file (x.yaml)"),
        (["report", "--answers", "x.yaml"], "./link.yaml", "the answers file (x.yaml)"),
        (
            ["report", "--answers", "x.yaml", "--rules", "pack"],
            "pack/rules.yaml",
            "a file of the rule pack pack",
        ),
        (["whatif", "--answers", "x.yaml", "--set", "app.components=1"], "x.yaml", "the answers file"),
        (["diff", "old.json", "x.yaml"], "old.json", "OLD (old.json)"),
        (["diff", "old.json", "x.yaml", "--format", "json"], "x.yaml", "NEW (x.yaml)"),
        (["scan", "."], "pack/pack.yaml", "a file of the rule pack"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_writing_over_an_input_of_the_run_is_refused(
    args: list[str], output: str, what: str, tmp_path: Path
) -> None:
    shutil.copy(CHECKOUT, tmp_path / "x.yaml")
    (tmp_path / "link.yaml").symlink_to("x.yaml")
    subprocess.run([ADVISOR, "report", "--answers", "x.yaml", "--format", "json", "-o", "old.json", "-q"],
                   cwd=tmp_path, check=True)  # fmt: skip
    subprocess.run([ADVISOR, "rules", "init", "pack"], cwd=tmp_path, check=True, capture_output=True)
    if "--rules" not in args and args[0] == "scan":
        args = [*args, "--rules", "pack"]
    files = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    done = subprocess.run([ADVISOR, *args, "-o", output], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"advisor: error: {output}: -o names {what}")
    assert done.stderr.endswith("which this run reads; writing there would destroy it: choose another file\n")
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == files
