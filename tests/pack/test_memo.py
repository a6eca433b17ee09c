"""`per_pack`: built once per pack, known by identity, only the last few packs kept."""

from __future__ import annotations

import dataclasses

from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.pack.memo import KEPT, per_pack
from advisor.pack.model import RulePack


def test_a_value_is_built_once_per_pack_and_again_for_another_pack() -> None:
    pack = load_rule_pack(default_rules_dir())
    other = dataclasses.replace(pack)  # equal fields, another pack
    built: list[RulePack] = []

    @per_pack
    def name_of(found: RulePack) -> str:
        built.append(found)
        return found.info.name

    assert name_of(pack) == name_of(pack) == pack.info.name
    assert built == [pack]
    name_of(other)
    assert len(built) == 2 and built[1] is other


def test_only_the_last_packs_are_kept_and_an_evicted_one_is_built_again() -> None:
    pack = load_rule_pack(default_rules_dir())
    packs = [dataclasses.replace(pack) for _ in range(KEPT + 1)]
    built: list[int] = []

    @per_pack
    def number(found: RulePack) -> int:
        built.append(id(found))
        return len(built)

    for each in packs:
        number(each)
    assert number(packs[-1]) == KEPT + 1  # kept: not built again
    assert len(built) == KEPT + 1
    number(packs[0])  # the oldest was let go
    assert len(built) == KEPT + 2
