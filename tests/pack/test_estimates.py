"""Estimate data in a pack: read once beside the rules, indexed for the arithmetic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.pack.bundled import default_rules_dir
from advisor.pack.estimates import ESTIMATES_FILE
from advisor.pack.load import load_rule_pack, rule_file_paths
from advisor.pack.model import RulePack


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The default pack's files in a folder of their own, tests left out."""
    folder = tmp_path / "pack"
    folder.mkdir()
    for path in default_rules_dir().glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def with_estimates(root: Path, text: str) -> Path:
    (root / ESTIMATES_FILE).write_text(text, encoding="utf-8")
    return root


def test_the_default_pack_carries_prices_and_terms(pack: RulePack) -> None:
    data = pack.estimates
    assert data.settings.instances_fact == "scale.peak_instances"
    assert data.settings.engineer_year_fact == "cost.engineer_year_usd"
    assert "aws-eks-cluster" in data.prices and data.prices["aws-eks-cluster"].spec.verified
    assert {"scale.peak_instances", "cost.engineer_year_usd", "app.components"} <= data.reads
    assert all(price.spec.source.startswith("https://") for price in data.prices.values())


def test_every_unverified_price_says_where_its_figure_comes_from(pack: RulePack) -> None:
    unexplained = [
        pid for pid, price in pack.estimates.prices.items() if not price.spec.verified and not price.spec.note
    ]
    assert unexplained == []


def test_the_estimate_file_is_not_read_as_a_rule_file(root: Path) -> None:
    assert (root / ESTIMATES_FILE).is_file()
    assert root / ESTIMATES_FILE not in rule_file_paths(root)


def test_a_pack_without_estimates_has_none(root: Path) -> None:
    (root / ESTIMATES_FILE).unlink()
    pack = load_rule_pack(root)
    assert pack.estimates.terms == () and pack.estimates.prices == {}


def test_the_estimates_are_part_of_the_packs_digest(root: Path) -> None:
    before = load_rule_pack(root).sha256
    with_estimates(root, (root / ESTIMATES_FILE).read_text() + "\n# a comment\n")
    assert load_rule_pack(root).sha256 != before


def test_terms_reach_every_platform_of_a_strategy(pack: RulePack) -> None:
    ids = pack.estimates.ids  # by position in `counted`, where a term may be split into copies
    reached = {
        platform
        for platform, numbers in pack.estimates.reaching.items()
        if any(ids[n] == "no-container-experience" for n in numbers)
    }
    assert reached == set(pack.carriers["containers"])
