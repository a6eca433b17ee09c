"""The PDF report: the HTML page printed by a locally installed Chromium or Chrome.

No PDF library: the browser that draws the HTML page prints it (`--headless
--print-to-pdf`), so the PDF is the page as a reader would print it: A4, a title page, every
later page numbered "Page 3 of 12" in its margin (CSS `@page` margin boxes), table headers
repeated and rows never cut. Chromium's own header and footer (date, file path) are turned
off. The browser runs on a copy of the page in a private temporary folder, with its own
empty profile and nothing to load; the folder is removed afterwards.

The same page and the same browser give the same bytes: the only varying bytes Chromium
writes are the creation and modification dates, which are set to the report's date.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

BROWSER_VARIABLE = "ADVISOR_CHROMIUM"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = (
    "--format pdf needs Chromium or Google Chrome: install one (Debian and Ubuntu: "
    "apt-get install chromium), or set ADVISOR_CHROMIUM to the browser's path"
)
TIMEOUT_SECONDS = 120
_DATES = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")


class PrintFailed(Exception):
    """The browser ran but wrote no PDF; the message says what it printed."""


def find_browser(environ: Mapping[str, str], which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The browser to print with: `ADVISOR_CHROMIUM` when set, else the first on PATH."""
    given = environ.get(BROWSER_VARIABLE, "").strip()
    if given:
        return which(given)
    return next((found for name in BROWSER_NAMES if (found := which(name))), None)


def print_pdf(page: str, browser: str, date: str | None = None) -> bytes:
    """`page` (a standalone HTML document) printed to PDF by `browser`; the PDF's dates are
    `date` (YYYY-MM-DD), at midnight, when given."""
    with tempfile.TemporaryDirectory(prefix="advisor-pdf-") as folder:
        work = Path(folder)
        source, target = work / "report.html", work / "report.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-sync",
            "--mute-audio",
            f"--user-data-dir={work / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        environment = {**os.environ, "TZ": "UTC"}
        try:
            ran = subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                stdin=subprocess.DEVNULL,
                env=environment,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PrintFailed(f"{browser} did not finish printing within {TIMEOUT_SECONDS} seconds") from None
        except OSError as error:
            raise PrintFailed(f"{browser} could not be started: {error.strerror}") from None
        if not target.is_file() or target.stat().st_size == 0:
            said = ran.stderr.decode("utf-8", "replace").strip().splitlines()
            last = said[-1] if said else f"exit code {ran.returncode}"
            raise PrintFailed(f"{browser} wrote no PDF ({last[:300]})")
        data = target.read_bytes()
    return fixed_dates(data, date) if date else data


def fixed_dates(data: bytes, date: str) -> bytes:
    """The PDF with its creation and modification dates set to `date` at midnight (the same
    number of bytes, so the cross-reference offsets stay right)."""
    stamp = date.replace("-", "").encode("ascii") + b"000000"
    if len(stamp) != 14 or not stamp.isdigit():
        return data
    return _DATES.sub(lambda match: b"/" + match[1] + b" (D:" + stamp, data)
