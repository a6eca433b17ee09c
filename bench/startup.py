"""Startup: how long `advisor --version`, `--help` and one `advisor report` take, side by side
with a bare interpreter and with importing the libraries the report needs.

`--version` and `--help` must not import pydantic, questionary, rich or markdown (the
command modules import those inside their run functions); this script lists any that do.
Targets: `advisor --version` and `--help` at most 2.5x `python -c pass`; one report at most
1.25x importing the modules it loads from its dependencies (also shown against the same
imports with the cycle collector held back, as `advisor` starts). Every process runs with
advisor's modules compiled, as an installed wheel has them.

Run: python bench/startup.py
"""

from __future__ import annotations

import argparse
import compileall
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from _timing import Row, print_rows, process_times, verdict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "checkout-platform.yaml"
HEAVY = (
    "pydantic",
    "pydantic_core",
    "questionary",
    "prompt_toolkit",
    "rich",
    "markdown",
    "markdown_it",
    "pygments",
)
TARGET = 2.5  # advisor --version and --help, against python -c pass
REPORT_TARGET = 1.25  # one report, against importing what it imports

_MODULES_AFTER = """
import json, sys
from advisor.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
top = {name.split(".")[0] for name in sys.modules}
installed = sorted(
    name for name, module in list(sys.modules.items())
    if "-packages" in (getattr(module, "__file__", None) or "")
    and name.split(".")[0] != "advisor" and not name.startswith("_")
)
print(json.dumps({"all": sorted(top), "installed": installed}), file=sys.stderr)
"""


# Every module a report loads from its dependencies, submodules included: pydantic, say,
# loads most of itself lazily, when the first model class is defined.
_IMPORT_ALL = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""


# `advisor` holds the cycle collector back while it starts (advisor.cli.entry): the same
# imports, so held, show what of the report's time is advisor's own work.
_HELD = "import gc\ngc.disable()\n"


def modules_after(*args: str) -> dict[str, list[str]]:
    """Modules loaded after running `advisor ARGS` in a fresh interpreter: every top-level
    name, and every module (submodules too) installed from packages, not advisor's own."""
    done = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    loaded: dict[str, list[str]] = json.loads(done.stderr.strip().splitlines()[-1])
    return loaded


def advisor_command() -> list[str]:
    script = Path(sys.executable).with_name("advisor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "advisor"]


def compile_advisor() -> None:
    """Bytecode for advisor's modules, as a wheel install has them (pip compiles at install
    time). Without it (PYTHONDONTWRITEBYTECODE set, a read-only checkout) every run would
    compile advisor from source while its dependencies load theirs compiled."""
    compileall.compile_dir(ROOT / "advisor", quiet=1)


def run(*, quick: bool = False) -> list[Row]:
    compile_advisor()
    advisor = advisor_command()
    report_args = ["report", "--answers", str(EXAMPLE), "--date", "2026-11-27"]
    report_deps = modules_after(*report_args)["installed"]
    packages = ", ".join(sorted({name.split(".")[0] for name in report_deps}))
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "advisor --version": [*advisor, "--version"],
        "advisor --help": [*advisor, "--help"],
        "advisor report": [*advisor, *report_args],
        "import report deps": [sys.executable, "-c", _IMPORT_ALL, *report_deps],
        "import report deps, collector held": [sys.executable, "-c", _HELD + _IMPORT_ALL, *report_deps],
    }
    times = process_times(commands, runs=5 if quick else 20)
    wall = {name: t.wall * 1000 for name, t in times.items()}
    cpu = {name: t.cpu * 1000 for name, t in times.items()}
    base = "python -c pass"
    rows = [Row("startup", base, f"{wall[base]:.0f} ms (CPU {cpu[base]:.0f} ms)")]
    for name in ("advisor --version", "advisor --help"):
        ratio = wall[name] / wall[base]
        rows.append(
            Row(
                "startup",
                f"{name} / {base}",
                f"{ratio:.2f}x ({wall[name]:.0f} ms; CPU {cpu[name] / cpu[base]:.2f}x)",
                f"<= {TARGET:g}x",
                verdict(ratio <= TARGET),
            )
        )
    for flag in ("--version", "--help"):
        heavy = sorted(set(HEAVY) & set(modules_after(flag)["all"]))
        rows.append(
            Row(
                "startup",
                f"heavy imports of advisor {flag}",
                ", ".join(heavy) or "none",
                "none",
                verdict(not heavy),
            )
        )
    report, deps = wall["advisor report"], wall["import report deps"]
    held = wall["import report deps, collector held"]
    rows += [
        Row(
            "startup",
            "advisor report, one example, to stdout",
            f"{report:.0f} ms (CPU {cpu['advisor report']:.0f} ms)",
        ),
        Row(
            "startup", f"importing the {len(report_deps)} modules it loads from {packages}", f"{deps:.0f} ms"
        ),
        Row(
            "startup",
            "report / importing its dependencies",
            f"{report / deps:.2f}x (advisor's own work: {report - deps:.0f} ms)",
            f"<= {REPORT_TARGET:g}x",
            verdict(report / deps <= REPORT_TARGET),
        ),
        Row(
            "startup",
            "the same imports with the cycle collector held back, as advisor starts; report / those",
            f"{held:.0f} ms; {report / held:.2f}x (advisor's own work: {report - held:.0f} ms)",
        ),
    ]
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer runs")
    args = parser.parse_args(argv)
    print_rows(run(quick=args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
