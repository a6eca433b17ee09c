"""Regenerate the sample reports and the golden files from every answers file in examples/.

    python scripts/update_reports.py           # rewrite reports/ and tests/golden/
    python scripts/update_reports.py --check   # list stale files and exit 1, write nothing

reports/ holds the Markdown and HTML report of each example (what a reader browses), for
engineers (NAME.md, NAME.html) and for clients, under the sample brand (NAME.client.md,
NAME.client.html); tests/golden/ holds its JSON result and ADR. Every file is produced by the
real command line, `advisor report --answers examples/NAME.yaml --format FORMAT [--audience
client --brand docs/brand/northwind.yaml]`, with the bundled rule pack;
tests/e2e/test_golden.py fails when any of them is stale. Run this after changing a renderer,
the rule pack or an example, and review the diff like code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BRAND = ROOT / "docs" / "brand" / "northwind.yaml"
# output -> (folder, file suffix)
OUTPUTS = {
    "md": (ROOT / "reports", ".md"),
    "html": (ROOT / "reports", ".html"),
    "json": (ROOT / "tests" / "golden", ".json"),
    "adr": (ROOT / "tests" / "golden", ".adr.md"),
    "client-md": (ROOT / "reports", ".client.md"),
    "client-html": (ROOT / "reports", ".client.html"),
}
CLIENT = "client-"


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def output_path(example: Path, fmt: str) -> Path:
    folder, suffix = OUTPUTS[fmt]
    return folder / f"{example.stem}{suffix}"


def arguments(example: Path, output: str) -> list[str]:
    """The command line of one output, at the top of the repository: `report --answers
    examples/NAME.yaml --format FMT` (an ADR names its answers file as given), and for a
    client's report `--audience client --brand` the sample brand."""
    fmt = output.removeprefix(CLIENT)
    args = ["report", "--answers", example.relative_to(ROOT).as_posix(), "--format", fmt]
    if output.startswith(CLIENT):
        args += ["--audience", "client", "--brand", BRAND.relative_to(ROOT).as_posix()]
    return args


def render_with_cli(example: Path, output: str) -> str:
    """What `advisor report` prints for one output of one example."""
    from advisor.cli import main

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.chdir(ROOT):
        code = main(arguments(example, output))
    if code != 0:
        raise RuntimeError(f"advisor report failed on {example} ({output}) with exit code {code}")
    return captured.getvalue()


def expected_files() -> dict[Path, str]:
    return {
        output_path(example, fmt): render_with_cli(example, fmt) for example in examples() for fmt in OUTPUTS
    }


def stale_files(expected: dict[Path, str]) -> list[Path]:
    stale = [path for path, text in expected.items() if not path.exists() or path.read_text("utf-8") != text]
    folders = {folder for folder, _ in OUTPUTS.values()}
    suffixes = tuple(suffix for _, suffix in OUTPUTS.values())
    extra = [
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.name.endswith(suffixes) and path not in expected and path.name != "README.md"
    ]
    return sorted(stale + extra)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="list stale files and exit 1; write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from advisor.output import write_atomic

    expected = expected_files()
    stale = stale_files(expected)
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)}")
        return 1 if stale else 0
    for path in stale:
        if path in expected:
            write_atomic(path, expected[path])
            print(f"wrote {path.relative_to(ROOT)}")
        else:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)} (no example left)")
    print(f"{len(expected)} files, {len(stale)} updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
