"""What moved a decision: the answers, the rule pack, a product's status, or advisor itself.

When only one input moved, it is the cause. When both did, the old answers are evaluated with
the new pack and the new answers with the old pack: whichever alone changes the decision is a
cause; when each alone would, or only both together do, both are. With one of the two
evaluations (a copy of only the old answers, or only the old pack), it alone tells: the old
answers under the new pack deciding as before put it down to the answers, deciding as now to
the pack. With neither, both are named, unseparated. A pack change that leaves the
recommendation as it was but restates the status of the product it names is a product status
change.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.result import Cause, Decision, PackMove


@dataclass(frozen=True)
class Attribution:
    causes: list[Cause]
    separated: bool = True


def attribute(
    recorded: Decision,
    now: Decision,
    *,
    answers_moved: bool,
    pack_moved: bool,
    answers_alone: Decision | None = None,
    pack_alone: Decision | None = None,
    pack: PackMove | None = None,
) -> Attribution:
    """Why `now` decides differently from `recorded` (no causes: it does not).

    `answers_alone` is the new answers under the old pack, `pack_alone` the old answers under
    the new pack; they matter only when both inputs moved. `pack` is how the packs differ.
    """
    if recorded.key() == now.key():
        return Attribution([])
    if not answers_moved and not pack_moved:
        return Attribution(["advisor"])
    if not pack_moved:
        return Attribution(["answers"])
    causes: list[Cause]
    separated = True
    if not answers_moved:
        causes = ["pack"]
    elif answers_alone is not None and pack_alone is not None:
        by_answers = answers_alone.key() != recorded.key()
        by_pack = pack_alone.key() != recorded.key()
        causes = ["answers"] if by_answers and not by_pack else ["pack"] if by_pack and not by_answers else []
        causes = causes or ["answers", "pack"]
    elif pack_alone is not None:
        causes = _one_crossing(pack_alone, recorded, now, alone="pack", other="answers")
    elif answers_alone is not None:
        causes = _one_crossing(answers_alone, recorded, now, alone="answers", other="pack")
    else:
        causes, separated = ["answers", "pack"], False
    if "pack" in causes and restates_product(recorded, now, pack):
        causes = [cause if cause != "pack" else "product-status" for cause in causes]
    return Attribution(causes, separated)


def _one_crossing(
    crossed: Decision, recorded: Decision, now: Decision, *, alone: Cause, other: Cause
) -> list[Cause]:
    """The causes from one crossed evaluation: `alone` changed, `other` as it was."""
    if crossed.key() == recorded.key():
        return [other]
    if crossed.key() == now.key():
        return [alone]
    return ["answers", "pack"]


def restates_product(recorded: Decision, now: Decision, pack: PackMove | None) -> bool:
    """Only the status of the recommended product differs, and the pack changed that status."""
    same_choice = recorded.key()[:4] == now.key()[:4]
    return (
        same_choice
        and recorded.product_status != now.product_status
        and pack is not None
        and any(product.name == recorded.product for product in pack.products)
    )
