"""Values derived from a rule pack once, by layers above the pack that it cannot know of
(the engine's index, the parts of a result that only the pack decides).

A pack is a frozen dataclass holding dicts, so it cannot be a dictionary key; it is known by
its identity instead. Each entry holds its pack, so that an id is never taken for another
pack's, and only the last few packs are kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from advisor.pack.model import RulePack

T = TypeVar("T")
KEPT = 8


def per_pack(build: Callable[[RulePack], T]) -> Callable[[RulePack], T]:
    """`build`, run once per pack: later calls with the same pack return what it built."""
    kept: OrderedDict[int, tuple[RulePack, T]] = OrderedDict()

    @wraps(build)
    def once(pack: RulePack) -> T:
        found = kept.get(id(pack))
        if found is not None and found[0] is pack:
            kept.move_to_end(id(pack))
            return found[1]
        value = build(pack)
        kept[id(pack)] = (pack, value)
        while len(kept) > KEPT:
            kept.popitem(last=False)
        return value

    return once
