"""The cycle collector while advisor starts: held, then resumed with what was loaded frozen,
and only a collector that advisor held."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from advisor import collector
from advisor.commands.common import load_pack


@pytest.fixture(autouse=True)
def collector_as_found() -> Iterator[None]:
    """Each test leaves the collector running and nothing frozen, as it found them."""
    yield
    collector.release()
    gc.enable()
    gc.unfreeze()


def test_loading_the_pack_freezes_what_is_loaded_and_resumes_a_held_collector() -> None:
    frozen = gc.get_freeze_count()
    collector.hold()
    assert not gc.isenabled()
    load_pack([])
    assert gc.isenabled() and gc.get_freeze_count() > frozen
    load_pack([])  # once only: a second pack (rules impact loads two) changes nothing
    assert gc.isenabled()


def test_a_running_collector_is_left_alone_and_nothing_is_frozen() -> None:
    frozen = gc.get_freeze_count()
    load_pack([])
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_collector_the_caller_stopped_stays_stopped() -> None:
    """advisor as a library: a program that turned its collector off keeps it off."""
    frozen = gc.get_freeze_count()
    gc.disable()
    collector.hold()
    load_pack([])
    collector.release()
    assert not gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_run_that_loads_no_pack_gets_its_collector_back() -> None:
    collector.hold()
    collector.release()
    assert gc.isenabled()
