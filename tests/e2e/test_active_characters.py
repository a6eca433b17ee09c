"""Text from files reaches terminals and reports inert: no escape sequence, C1 control or bidi
override in a rule pack, an answers file or a file name gets through any command as itself.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import run_advisor
from tests.hostile import PAYLOAD, active_in, hostile_pack

DATE = "2026-11-27"
# C0 controls are refused in project fields; the C1 and bidi characters are accepted there.
PROJECT_PAYLOAD = "\x9b8m\u202e\u2066\u2028"
WRITTEN = r"\x9b8m\u202e\u2066\u2028"  # as the answers file spells it, in a quoted string
ANSWERS = f"""\
format: advisor/v1
project:
  name: "Acme{WRITTEN}"
  client: "Client{WRITTEN}"
  assessor: "Assessor{WRITTEN}"
answers:
  app: {{components: 12, os: linux}}
  stack: {{languages: [python, go]}}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    hostile_pack(folder / "pack")
    (folder / "answers.yaml").write_text(ANSWERS, "ascii")
    return folder


def assert_inert(*texts: str) -> None:
    found = [hit for text in texts for hit in active_in(text)]
    assert found == [], found[:5]


@pytest.mark.parametrize("fmt", ["md", "html", "json", "adr"])
def test_reports_from_a_hostile_pack_and_answers_hold_no_active_character(hostile: Path, fmt: str) -> None:
    out = hostile / f"report-{fmt}"
    done = run_advisor(
        "report", "--answers", "answers.yaml", "--rules", "pack", "--date", DATE, "--format", fmt,
        "-o", str(out), cwd=hostile,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert_inert(out.read_text("utf-8"), done.stderr)
    if fmt == "json":
        assert json.loads(out.read_text("utf-8"))["project"]["name"] == f"Acme{PROJECT_PAYLOAD}"


@pytest.mark.parametrize(
    "args",
    [
        ("questions", "--rules", "pack"),
        ("schema", "--rules", "pack"),
        ("rules", "check", "pack"),
        ("rules", "check", "--strict", "pack"),
        ("rules", "test", "pack"),
        ("rules", "test", "pack", "--format", "json"),
        ("whatif", "--answers", "answers.yaml", "--rules", "pack", "--set", "app.components=1"),
        (
            "whatif",
            "--answers",
            "answers.yaml",
            "--rules",
            "pack",
            "--set",
            "app.os=windows",
            "--format",
            "json",
        ),
        ("diff", "answers.yaml", "answers.yaml", "--rules", "pack"),
        ("diff", "answers.yaml", "answers.yaml", "--rules", "pack", "--format", "json"),
        ("report", "--answers", "answers.yaml", "--rules", "pack", "--date", DATE),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_every_listing_and_comparison_of_hostile_text_is_inert(hostile: Path, args: tuple[str, ...]) -> None:
    done = run_advisor(*args, cwd=hostile)
    assert done.returncode in (0, 1, 2), done.stderr
    assert done.stdout or done.stderr
    assert_inert(done.stdout, done.stderr)


def test_error_messages_quote_hostile_keys_and_values_inert(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        'format: advisor/v1\nproject: {name: "x\\e[8m"}\nanswers:\n'
        '  "app\\e]0;pwned\\a": {}\n  team: {"ops\\x9b8m": 1, engineers: "\\u202e5"}\n',
        "utf-8",
    )
    done = run_advisor("report", "--answers", "bad.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "unknown section 'app\\x1b]0;pwned\\x07'" in done.stderr
    assert_inert(done.stderr)


def test_batch_shows_hostile_file_names_and_contents_inert(hostile: Path, tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    clients.mkdir()
    (clients / f"acme{PAYLOAD.replace(chr(0x85), '')}.yaml").write_text(
        (hostile / "answers.yaml").read_text("ascii"), "ascii"
    )
    (clients / "broken\x1b[8m.yaml").write_text('format: advisor/v1\nanswers: {"\\e[8m": 1}\n', "utf-8")
    done = run_advisor("batch", "clients", "-o", "out", "--format", "md,html,json", cwd=tmp_path)
    assert done.returncode == 2
    outputs = [path.read_text("utf-8") for path in sorted((tmp_path / "out").iterdir())]
    assert len(outputs) == 5  # one assessment in three formats, the index twice
    assert_inert(done.stderr, *outputs)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_colour_summary_in_a_terminal_is_inert(hostile: Path) -> None:
    env = {**os.environ, "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "advisor", "report", "--answers", "answers.yaml", "--rules", "pack", "-o", "r.md"],
        cwd=str(hostile), env=env, encoding="utf-8", timeout=30, dimensions=(40, 200),
    )  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    shown = child.before or ""
    assert child.exitstatus == 0, shown
    assert "\\x9b31m" in shown  # the pack's option names, written out
    # The summary's own colours are SGR sequences; nothing else may be active.
    without_colours = __import__("re").sub(r"\x1b\[[0-9;]*m", "", shown)
    assert_inert(without_colours.replace("\r\n", "\n"))
