"""A repository of answers files and the decision records advisor wrote from them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor.cli import main
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
# Each example's decision under the default pack, and its record's file name.
RECORDS = {
    "bookings-rails-kamal": "0001-use-containers-docker-hosts-for-bookings.md",
    "checkout-platform": "0002-use-containers-serverless-containers-for-checkout-platform.md",
    "storefront-startup": "0003-use-paas-for-storefront.md",
}
# A pack edit that moves one weight: Rails on Kamal counts against Docker hosts, which flips
# the bookings system (Docker hosts 63 against PaaS 58) and nothing else.
ONE_WEIGHT = "rules:\n  - override: rails-with-kamal\n    effects: {docker-hosts: -4}\n"


@dataclass(frozen=True)
class Repo:
    root: Path

    @property
    def adr(self) -> Path:
        return self.root / "docs" / "adr"

    def answers(self, name: str) -> Path:
        return self.root / "answers" / f"{name}.yaml"

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.answers(name)
        text = path.read_text("utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), "utf-8")

    def record(self, name: str, *args: str) -> None:
        code = main(
            [
                "report",
                "--answers",
                str(self.answers(name)),
                "--format",
                "adr",
                "-o",
                f"{self.adr}/",
                "-q",
                *args,
            ]
        )
        assert code == 0


def layer(folder: Path, *, rules: str = "", options: str = "", name: str = "house") -> Path:
    """A rule pack layered over the default one."""
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(f"name: {name}\nversion: 1.0.0\n")
    if rules:
        (folder / "rules.yaml").write_text(rules)
    if options:
        (folder / "options.yaml").write_text(options)
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """Three answers files and the three records advisor wrote from them with the default pack."""
    found = Repo(tmp_path / "repo")
    (found.root / "answers").mkdir(parents=True)
    for name in RECORDS:
        shutil.copy(EXAMPLES / f"{name}.yaml", found.answers(name))
        found.record(name)
    assert sorted(path.name for path in found.adr.glob("*.md")) == sorted(RECORDS.values())
    return found
