"""Golden files: every example in every format, through the real command line, byte for byte.

reports/ (Markdown and HTML, for engineers and for clients) and tests/golden/ (JSON, ADR) are regenerated with
`python scripts/update_reports.py`; these tests fail when either is stale.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT

UPDATE = "python scripts/update_reports.py"


def _load_updater() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_reports", ROOT / "scripts" / "update_reports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


updater = _load_updater()
CASES = [(example, fmt) for example in updater.examples() for fmt in updater.OUTPUTS]


def test_every_example_has_a_golden_file_in_every_format() -> None:
    assert len(updater.examples()) >= 5
    assert set(updater.OUTPUTS) == {"md", "html", "json", "adr", "client-md", "client-html"}


@pytest.mark.parametrize(("example", "fmt"), CASES, ids=[f"{e.stem}-{f}" for e, f in CASES])
def test_output_matches_its_golden_file(example: Path, fmt: str) -> None:
    golden = updater.output_path(example, fmt)
    assert golden.exists(), f"{golden.relative_to(ROOT)} is missing; run {UPDATE}"
    actual = updater.render_with_cli(example, fmt)
    assert actual == golden.read_text("utf-8"), f"{golden.relative_to(ROOT)} is stale; run {UPDATE}"


def test_no_golden_file_outlives_its_example() -> None:
    extra = [p for p in updater.stale_files({}) if p.exists()]
    expected = {updater.output_path(e, f) for e, f in CASES}
    assert [p for p in extra if p not in expected] == []


def test_the_json_golden_keeps_the_contract_fields() -> None:
    data = json.loads((ROOT / "tests" / "golden" / "checkout-platform.json").read_text("utf-8"))
    assert data["format"] == "advisor/v1"
    for key in ("project", "recommendation", "scores", "fired", "unanswered", "unknown", "dev_environment"):
        assert key in data
    assert set(data["recommendation"]) >= {"strategy", "platform", "confidence"}


_RENDER_ALL = """
import sys
from advisor.cli import main
for fmt in ("md", "html", "json", "adr"):
    sys.stdout.write("\\0" + fmt + "\\0")
    main(["report", "--answers", sys.argv[1], "--format", fmt, "--date", "2026-01-15"])
"""


def test_same_answers_pack_and_date_give_identical_bytes_across_processes(tmp_path: Path) -> None:
    """Different hash seeds, different working directories: the output must not move."""
    answers = tmp_path / "undated.yaml"
    source = (ROOT / "examples" / "render-farm-mixed.yaml").read_text("utf-8")
    answers.write_text(source.replace(", date: 2026-11-27", ""), "utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _RENDER_ALL, str(answers)],
            capture_output=True,
            check=True,
            env=env,
            cwd=tmp_path if seed == "2" else ROOT,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert b"2026-01-15" in outputs[0]
    assert outputs[0].count(b"\0") == 8
