"""Brand files are checked like every other input: every problem located, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.brand import load_brand
from advisor.errors import InputError
from tests.conftest import ROOT, run_advisor

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def write(folder: Path, text: str) -> Path:
    path = folder / "brand.yaml"
    path.write_text(text, "utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_brand(path)
    return [str(problem) for problem in caught.value.problems] or [caught.value.text]


def test_the_sample_brand_loads_with_its_logo_embedded() -> None:
    brand = load_brand(ROOT / "docs" / "brand" / "northwind.yaml")
    assert brand.organisation == "Northwind Advisory" and brand.accent == "#0f766e"
    assert brand.logo is not None and brand.logo.startswith("data:image/svg+xml;base64,")


def test_every_problem_is_located_in_one_pass(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "format: advisor/brand-v1\norganisation: '  '\naccent: teal\nlogo: https://cdn.example/logo.png\n",
    )
    found = problems(path)
    assert found == [
        f"{path}:2:15: organisation: is blank; write the text or leave the key out",
        f"{path}:3:9: accent: expected a colour as #rrggbb (quoted), got 'teal'",
        f"{path}:4:7: logo: 'https://cdn.example/logo.png' is not a local file; give the path of an image "
        "file (a URL would make the report load it, so it is never fetched)",
    ]


def test_unknown_keys_wrong_format_and_fake_images_are_refused(tmp_path: Path) -> None:
    assert "format: expected 'advisor/brand-v1'" in problems(write(tmp_path, "organisation: X\n"))[0]
    assert (
        "colour" in problems(write(tmp_path, "format: advisor/brand-v1\norganisation: X\ncolour: red\n"))[0]
    )
    (tmp_path / "logo.png").write_bytes(b"<svg/>")
    found = problems(write(tmp_path, "format: advisor/brand-v1\norganisation: X\nlogo: logo.png\n"))
    assert found[0].endswith("logo: 'logo.png' is not a PNG image")
    found = problems(write(tmp_path, "format: advisor/brand-v1\norganisation: X\nlogo: missing.png\n"))
    assert "logo: 'missing.png': no such file" in found[0]
    (tmp_path / "logo.png").write_bytes(PNG)
    brand = load_brand(write(tmp_path, "format: advisor/brand-v1\norganisation: X\nlogo: logo.png\n"))
    assert brand.logo is not None and brand.logo.startswith("data:image/png;base64,iVBORw0KGgo")


def test_a_bad_brand_file_exits_2_with_its_location(tmp_path: Path) -> None:
    path = write(tmp_path, "format: advisor/brand-v1\norganisation: X\naccent: '#12345'\n")
    run = run_advisor(
        "report", "--answers", str(ROOT / "examples" / "storefront-startup.yaml"), "--brand", str(path)
    )
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith(f"{path}:3:9: accent:") and "Traceback" not in run.stderr


def test_audience_and_brand_are_refused_where_they_change_nothing() -> None:
    run = run_advisor(
        "report",
        "--answers",
        str(ROOT / "examples" / "storefront-startup.yaml"),
        "--format",
        "json",
        "--audience",
        "client",
    )
    assert run.returncode == 2 and "the JSON is the same for every reader" in run.stderr
