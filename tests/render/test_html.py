"""The HTML report: a standalone printable page, checked as text and in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.evaluate import evaluate
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.model import RulePack
from advisor.render.html import render_html
from advisor.result import Result
from tests.conftest import ROOT

SECTION_TITLES = [
    "Summary",
    "Scores",
    "Decision drivers",
    "What would change this recommendation",
    "Considered options",
    "Effort and cost",
    "Risks and mitigations",
    "Development environment and CI",
    "Next steps",
    "Open questions",
    "Appendix",
]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)",
)


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack(default_rules_dir())


def result_for(pack: RulePack, answers: Path) -> Result:
    return evaluate(pack, load_answers(answers, pack.bank))


class _Outline(HTMLParser):
    """Heading texts by level, and every tag and attribute seen."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-4]", tag):
            self._open = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_the_page_is_standalone_and_printable(pack: RulePack) -> None:
    result = result_for(pack, ROOT / "examples" / "checkout-platform.yaml")
    page = render_html(result)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    parsed = outline(page)
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "link", "img", "iframe")]
    assert "@media print" in page and "@page" in page
    assert "url(" not in page and "@import" not in page
    external = [
        a["href"] for tag, a in parsed.tags if tag == "a" and not (a.get("href") or "").startswith("#")
    ]
    cited = {rule.source for rule in result.fired if rule.source}
    cited |= {url for product in result.products for url in (product.docs, product.source) if url}
    cited |= {risk.source for risk in result.risks if risk.source}
    cited |= {term.source for term in result.estimate_basis.terms.values() if term.source}
    cited |= {price.source for price in result.estimate_basis.prices.values()}
    notes = [price.note for price in result.estimate_basis.prices.values()]
    notes += [product.note for product in result.products]
    cited |= {url.rstrip(".,;") for note in notes for url in re.findall(r"https://[^\s()]+", note)}
    assert external and set(external) <= cited  # sources and docs the pack cites, nothing loaded
    assert {rule.source for rule in result.fired if rule.source} <= set(external)


def test_the_page_keeps_the_report_outline(pack: RulePack) -> None:
    page = render_html(result_for(pack, ROOT / "examples" / "checkout-platform.yaml"))
    headings = outline(page).headings
    assert headings[0] == ("h1", "Deployment strategy: Checkout platform")
    assert [text for tag, text in headings if tag == "h2"] == SECTION_TITLES


def test_text_bars_become_drawn_bars_of_the_same_length(pack: RulePack) -> None:
    result = result_for(pack, ROOT / "examples" / "checkout-platform.yaml")
    page = render_html(result)
    assert "█" not in page
    table = page.split("<th>Strategy</th>", 1)[1].split("</table>", 1)[0]
    widths = re.findall(r'class="score-bar-fill" style="width: (\d+)%"', table)
    top = max(result.strategy_scores().values())
    expected = sorted(result.strategy_scores().values(), reverse=True)
    assert [int(w) for w in widths] == [round(20 * points / top) * 5 for points in expected]


def _chromium(page: Path, profile: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *flags,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)


@needs_chromium
def test_chromium_shows_the_headings_and_keeps_a_screenshot(pack: RulePack, tmp_path: Path) -> None:
    page = tmp_path / "checkout-platform.html"
    page.write_text(render_html(result_for(pack, ROOT / "examples" / "checkout-platform.yaml")), "utf-8")
    dom = _chromium(page, tmp_path / "profile", "--dump-dom").stdout
    headings = outline(dom).headings
    assert headings[0] == ("h1", "Deployment strategy: Checkout platform")
    assert [text for tag, text in headings if tag == "h2"] == SECTION_TITLES
    screenshot = tmp_path / "checkout-platform.png"
    _chromium(page, tmp_path / "profile", f"--screenshot={screenshot}", "--window-size=1280,3000")
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


@needs_chromium
def test_chromium_shows_a_script_in_the_project_name_as_text(pack: RulePack, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(render_html(result_for(pack, ROOT / "tests" / "data" / "hostile-project.yaml")), "utf-8")
    dom = _chromium(page, tmp_path / "profile", "--dump-dom").stdout
    parsed = outline(dom)
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "img")]
    assert parsed.headings[0][1].startswith("Deployment strategy: <script>alert('name')</script> | pipe")


def test_pages_written_at_once_in_threads_are_the_pages_written_one_by_one(pack: RulePack) -> None:
    """Pages share a Markdown reader per thread, reset before each page: a reader shared by
    threads would mix their pages."""
    from concurrent.futures import ThreadPoolExecutor

    results = [
        evaluate(pack, load_answers(path, pack.bank)) for path in sorted(ROOT.glob("examples/*.yaml"))[:4]
    ]
    alone = [render_html(result) for result in results]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(render_html, results * 10))
    assert together == alone * 10
