"""The spool gives back the entries it was given, in the index's orders, and holds them on disk."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.render.portfolio import HeldPortfolio, render_index
from advisor.render.portfolio_html import render_index_html
from advisor.result import PortfolioEntry
from advisor.spool import EntrySpool


def entries(count: int, seed: int = 3) -> list[PortfolioEntry]:
    rng = random.Random(seed)
    found = []
    for number in range(count):
        label = f"team-{number % 4}/client-{number:04d}.yaml"
        if rng.random() < 0.1:
            found.append(
                PortfolioEntry(label=label, slug=f"c-{number}", source=f"/in/{label}", error="bad: é ✓")
            )
            continue
        found.append(
            PortfolioEntry(
                label=label,
                slug=f"c-{number}",
                source=f"/in/{label}",
                outputs=(f"c-{number}.md", f"c-{number}.json"),
                name=f"System {number}" if number % 5 else None,
                client="Ünïcode & Co" if number % 7 == 0 else f"Client {number % 3}",
                strategy=rng.choice(["paas", "containers", None]),
                platform=rng.choice(["managed-paas", "managed-kubernetes", None]),
                strategy_name="Platform as a service",
                platform_name=None,
                confidence=rng.choice([0.2, 0.55, 0.55, 0.9]),
                confidence_label="moderate",
                top_driver=rng.choice(["small-team", None]),
                unexpected=False,
            )
        )
    return sorted(found, key=lambda entry: entry.label)  # a batch's files come in name order


def test_entries_come_back_equal_in_the_orders_the_index_reads(tmp_path: Path) -> None:
    held = entries(300)
    with EntrySpool(tmp_path) as spool:
        for entry in random.Random(5).sample(held, len(held)):  # in the order workers finish
            spool.add(entry)
        portfolio = HeldPortfolio(held)
        assert len(spool) == len(portfolio) == 300
        assert list(spool.assessed()) == portfolio.assessed()
        assert list(spool.failed()) == portfolio.failed()
        assert list(spool.assessed()) == portfolio.assessed()  # read as often as needed


def test_the_index_from_the_spool_is_the_index_from_the_entries(tmp_path: Path) -> None:
    held = entries(120)
    with EntrySpool(tmp_path) as spool:
        for entry in held:
            spool.add(entry)
        assert render_index(spool, "md", "default 1") == render_index(held, "md", "default 1")
        assert render_index_html(spool, "html", "default 1") == render_index_html(held, "html", "default 1")


def test_nothing_is_left_behind(tmp_path: Path) -> None:
    spool = EntrySpool(tmp_path)
    spool.add(entries(1)[0])
    handle = spool._file
    spool.close()
    assert handle.closed
    assert list(tmp_path.iterdir()) == []


def test_a_folder_it_cannot_write_in_is_a_located_error(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    with pytest.raises(InputError, match="gone: cannot keep the batch's entries"):
        EntrySpool(missing)
