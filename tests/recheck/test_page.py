"""`report --check`: a page is fresh, or stale with what moved and how it would change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.cli import main
from advisor.evaluate import evaluate
from advisor.pack.layers import load_pack_stack
from advisor.render.markdown import render_markdown
from advisor.render.stamp import stamp_markdown
from tests.recheck.conftest import EXAMPLES, ONE_WEIGHT, layer

FORMATS = ["md", "html", "json", "adr"]


@pytest.fixture
def wiki(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "bookings-rails-kamal.yaml", tmp_path / "bookings.yaml")
    return tmp_path


def report(wiki: Path, fmt: str, *extra: str) -> list[str]:
    page = wiki / "pages" / ("0001-bookings.md" if fmt == "adr" else f"bookings.{fmt}")
    return ["report", "--answers", str(wiki / "bookings.yaml"), "--format", fmt, "-o", str(page), *extra]


def checked(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main([*args, "--check"])
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_page_just_written_is_up_to_date(wiki: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*report(wiki, fmt), "-q"]) == 0
    code, lines = checked(report(wiki, fmt), capsys)
    assert (code, lines) == (0, [f"advisor: {report(wiki, fmt)[-1]}: up to date"])
    assert checked([*report(wiki, fmt), "-q"], capsys) == (0, [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_answers_edit_makes_the_page_stale_because_of_the_answers(
    wiki: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*report(wiki, fmt), "-q"]) == 0
    answers = wiki / "bookings.yaml"
    answers.write_text(answers.read_text().replace("paas_allowed: true", "paas_allowed: false"))
    code, lines = checked(report(wiki, fmt), capsys)
    assert code == 1
    assert lines[0] == f"advisor: {report(wiki, fmt)[-1]}: stale: the answers changed"
    assert lines[1].startswith("  recommendation unchanged: Containers on Docker hosts (clear); confidence ")
    assert "; sections that differ: " in lines[1]
    assert len(lines) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_pack_edit_makes_the_page_stale_because_of_the_pack(
    wiki: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*report(wiki, fmt), "-q"]) == 0
    house = layer(wiki / "house", rules=ONE_WEIGHT)
    code, lines = checked([*report(wiki, fmt), "--rules", str(house)], capsys)
    assert code == 1
    version = load_pack_stack([]).info.version  # the bundled pack's
    moved = f"default {version} → default {version} + house 1.0.0"
    if fmt == "adr":  # a record names the stack as one pack
        moved = f"default {version} → default+house {version}+1.0.0"
    assert lines[0] == f"advisor: {report(wiki, fmt)[-1]}: stale: the rule pack changed ({moved})"
    assert lines[1].startswith(
        "  recommendation Containers on Docker hosts (clear) → Platform as a service (close-call); "
        "confidence 0.73 → 0.56; sections that differ: "
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_same_inputs_with_a_different_page_is_advisor_itself(
    wiki: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page another advisor wrote from the same answers and pack: its stamp says the same
    inputs, and its content is intact, yet the text is not what this advisor writes."""
    pack = load_pack_stack([])
    result = evaluate(pack, load_answers(wiki / "bookings.yaml", pack.bank).dated())
    body = render_markdown(result).replace("## Decision drivers", "## Why")
    assert "## Why" in body
    page = Path(report(wiki, fmt)[-1])
    page.parent.mkdir()
    if fmt == "md":
        page.write_text(stamp_markdown(result, body))
    else:
        from advisor.render.html import html_page
        from advisor.render.stamp import stamp_html

        page.write_text(stamp_html(result, html_page("Deployment strategy: Bookings", body)))
    code, lines = checked(report(wiki, fmt), capsys)
    assert code == 1
    assert lines[0].startswith(
        f"advisor: {page}: stale: advisor itself changed: the same answers and rule pack now give a "
        "different page (this is advisor "
    )
    assert "recommendation unchanged" in lines[1] and "Decision drivers" in lines[1] and "Why" in lines[1]


def test_a_json_result_from_the_same_inputs_that_differs_is_advisor_itself(
    wiki: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*report(wiki, "json"), "-q"]) == 0
    page = Path(report(wiki, "json")[-1])
    data = json.loads(page.read_text())
    data["drivers"] = list(reversed(data["drivers"]))
    page.write_text(json.dumps(data, indent=2) + "\n")
    code, lines = checked(report(wiki, "json"), capsys)
    assert code == 1 and "stale: advisor itself changed" in lines[0]
    assert lines[1].endswith("sections that differ: drivers")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_page_edited_by_hand_is_told_apart(
    wiki: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*report(wiki, fmt), "-q"]) == 0
    page = Path(report(wiki, fmt)[-1])
    page.write_text(page.read_text().replace("Bookings", "Bookings (reviewed)", 1))
    code, lines = checked(report(wiki, fmt), capsys)
    assert code == 1
    assert lines[0] == (
        f"advisor: {page}: stale: it was edited after advisor wrote it (the answers and the rule pack "
        "are as they were)"
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_page_for_another_audience_or_brand_says_so(
    wiki: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    brand = wiki / "brand.yaml"
    brand.write_text("format: advisor/brand-v1\norganisation: Northwind Advisory\n")
    client = ["--audience", "client", "--brand", str(brand)]
    assert main([*report(wiki, fmt), *client, "-q"]) == 0
    assert checked([*report(wiki, fmt), *client], capsys)[0] == 0
    code, lines = checked(report(wiki, fmt), capsys)
    assert code == 1
    assert lines[0].endswith("stale: the audience changed (client → engineer) and the brand was taken away")
    brand.write_text("format: advisor/brand-v1\norganisation: Southwind Advisory\n")
    code, lines = checked([*report(wiki, fmt), *client], capsys)
    assert (code, lines[0].split(": stale: ")[1]) == (1, "the brand changed")


def test_check_refuses_a_pdf(wiki: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*report(wiki, "pdf"), "--check"]) == 2
    assert "a PDF is printed from the HTML page: check that page instead" in capsys.readouterr().err


def test_a_page_without_a_stamp_or_not_there(wiki: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = Path(report(wiki, "md")[-1])
    assert checked(report(wiki, "md"), capsys) == (
        1,
        [
            f"advisor: {page}: stale: it does not exist yet",
            "  run the same command without --check to write it",
        ],
    )
    page.parent.mkdir()
    page.write_text("# Bookings\n\nWe chose Kamal.\n")
    code, lines = checked(report(wiki, "md"), capsys)
    assert code == 1
    assert lines[0] == (
        f"advisor: {page}: stale: it says nothing of what it was written from (written by hand, or by an "
        "older advisor)"
    )
    assert lines[1].startswith("  sections that differ: ")
    assert not page.read_text().startswith("# Deployment")  # --check writes nothing


def test_bad_input_still_exits_2_and_check_needs_a_page(
    wiki: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (wiki / "bookings.yaml").write_text("format: advisor/v1\nanswers: {team: {engineers: -1}}\n")
    assert main([*report(wiki, "md"), "--check"]) == 2
    assert "answers.team.engineers" in capsys.readouterr().err
    shutil.copy(EXAMPLES / "bookings-rails-kamal.yaml", wiki / "bookings.yaml")
    assert main(["report", "--answers", str(wiki / "bookings.yaml"), "--check"]) == 2
    assert "--check compares a page" in capsys.readouterr().err
    assert (
        main(
            [
                "report",
                "--answers",
                str(wiki / "bookings.yaml"),
                "--format",
                "adr",
                "--check",
                "-o",
                f"{wiki}/",
            ]
        )
        == 2
    )
    assert "advisor revisit" in capsys.readouterr().err
