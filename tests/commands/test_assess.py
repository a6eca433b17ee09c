"""`advisor assess --scan PATH`: detected facts prefill the interview; the answers file wins."""

from __future__ import annotations

from pathlib import Path

from advisor.answers import load_answers
from advisor.pack.model import RulePack
from tests.conftest import ROOT, run_advisor


def test_scan_fills_what_the_answers_file_leaves_open(tmp_path: Path, pack: RulePack) -> None:
    repo = tmp_path / "repo"
    for service, base in (("api", "golang:1.22"), ("worker", "golang:1.22")):
        (repo / service).mkdir(parents=True)
        (repo / service / "Dockerfile").write_text(f"FROM {base}\nCOPY . .\n")
        (repo / service / "go.mod").write_text(f"module example.com/{service}\n")
    known = load_answers(ROOT / "examples" / "checkout-platform.yaml", pack.bank)
    lines = (ROOT / "examples" / "checkout-platform.yaml").read_text().splitlines()
    partial = tmp_path / "partial.yaml"
    partial.write_text("\n".join(line for line in lines if "components:" not in line) + "\n")

    saved = tmp_path / "answers.yaml"
    result = run_advisor(
        "assess",
        "--scan",
        str(repo),
        "--answers",
        str(partial),
        "--save-answers",
        str(saved),
        "-o",
        str(tmp_path / "report.md"),
        "--quiet",
    )

    assert result.returncode == 0, result.stderr
    answers = load_answers(saved, pack.bank)
    assert answers.facts["app.components"] == 2  # from the scan: the file left it out
    assert answers.facts["stack.languages"] == known.facts["stack.languages"]  # the file wins
    assert answers.project.name == "Checkout platform"
