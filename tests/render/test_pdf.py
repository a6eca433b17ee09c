"""The PDF renderer's parts that need no browser: finding one, and fixing the PDF's dates."""

from __future__ import annotations

import os

from advisor.render.pdf import INSTALL_HINT, find_browser, fixed_dates
from tests.conftest import ROOT, run_advisor


def test_the_browser_comes_from_the_variable_or_the_path() -> None:
    found = {"chromium": "/usr/bin/chromium", "/opt/chrome": "/opt/chrome"}
    assert find_browser({}, found.get) == "/usr/bin/chromium"
    assert find_browser({"ADVISOR_CHROMIUM": "/opt/chrome"}, found.get) == "/opt/chrome"
    assert find_browser({"ADVISOR_CHROMIUM": "/nowhere"}, found.get) is None
    assert find_browser({}, {}.get) is None


def test_the_dates_become_the_reports_without_moving_a_byte() -> None:
    data = b"<</CreationDate (D:20991231235959+00'00')\n/ModDate (D:20991231235959+00'00')>>"
    fixed = fixed_dates(data, "2026-11-27")
    assert len(fixed) == len(data) and fixed.count(b"(D:20261127000000+00'00')") == 2


def test_without_a_browser_pdf_exits_2_saying_what_to_install(tmp_path: os.PathLike[str]) -> None:
    import subprocess
    import sys

    env = {**os.environ, "PATH": str(tmp_path), "ADVISOR_CHROMIUM": ""}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor",
            "report",
            "--answers",
            str(ROOT / "examples" / "storefront-startup.yaml"),
            "--format",
            "pdf",
            "-o",
            str(tmp_path) + "/r.pdf",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 2 and run.stderr.strip() == f"advisor: error: {INSTALL_HINT}"
    assert not os.path.exists(str(tmp_path) + "/r.pdf")
    assert run_advisor("report", "--help").stdout.count("pdf") >= 1
