"""What moved a decision: the answers, the rule pack, a product's status, or advisor itself.

When only one input moved, it is the cause. When both did, the old answers are evaluated with
the new pack and the new answers with the old pack: whichever alone changes the decision is a
cause; when each alone would, or only both together do, both are. Without those two
evaluations (no copy of the old answers or the old pack), both are named, unseparated. A
pack change that leaves the recommendation as it was but restates the status of the product
it names is a product status change.
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
    elif answers_alone is None or pack_alone is None:
        causes, separated = ["answers", "pack"], False
    else:
        by_answers = answers_alone.key() != recorded.key()
        by_pack = pack_alone.key() != recorded.key()
        causes = ["answers"] if by_answers and not by_pack else ["pack"] if by_pack and not by_answers else []
        causes = causes or ["answers", "pack"]
    if "pack" in causes and restates_product(recorded, now, pack):
        causes = [cause if cause != "pack" else "product-status" for cause in causes]
    return Attribution(causes, separated)


def restates_product(recorded: Decision, now: Decision, pack: PackMove | None) -> bool:
    """Only the status of the recommended product differs, and the pack changed that status."""
    same_choice = recorded.key()[:4] == now.key()[:4]
    return (
        same_choice
        and recorded.product_status != now.product_status
        and pack is not None
        and any(product.name == recorded.product for product in pack.products)
    )
