"""`attribute`: which input moved a decision, from the evaluations that cross them."""

from __future__ import annotations

import pytest

from advisor.recheck.causes import attribute
from advisor.result import Decision, PackMove, ProductMove

PAAS = Decision(strategy="paas", platform=None, status="clear", confidence=0.9)
ECS = Decision(strategy="containers", platform="ecs", status="clear", confidence=0.8)
CLOSE = ECS.model_copy(update={"status": "close-call"})


def test_a_decision_that_holds_has_no_cause() -> None:
    assert (
        attribute(
            PAAS, PAAS.model_copy(update={"confidence": 0.5}), answers_moved=True, pack_moved=True
        ).causes
        == []
    )


@pytest.mark.parametrize(
    ("answers", "pack", "causes"),
    [(True, False, ["answers"]), (False, True, ["pack"]), (False, False, ["advisor"])],
)
def test_when_one_input_moved_it_is_the_cause(answers: bool, pack: bool, causes: list[str]) -> None:
    found = attribute(PAAS, ECS, answers_moved=answers, pack_moved=pack)
    assert (found.causes, found.separated) == (causes, True)


@pytest.mark.parametrize(
    ("answers_alone", "pack_alone", "causes"),
    [
        (ECS, PAAS, ["answers"]),  # the new answers alone move it; the new pack alone does not
        (PAAS, ECS, ["pack"]),
        (ECS, ECS, ["answers", "pack"]),  # each alone would
        (PAAS, PAAS, ["answers", "pack"]),  # only both together do
    ],
)
def test_when_both_moved_the_crossed_evaluations_tell(
    answers_alone: Decision, pack_alone: Decision, causes: list[str]
) -> None:
    found = attribute(
        PAAS, ECS, answers_moved=True, pack_moved=True, answers_alone=answers_alone, pack_alone=pack_alone
    )
    assert (found.causes, found.separated) == (causes, True)


@pytest.mark.parametrize(
    ("crossing", "decision", "causes"),
    [
        ("pack_alone", PAAS, ["answers"]),  # old answers, new pack: as recorded, so the answers did it
        ("pack_alone", ECS, ["pack"]),  # old answers, new pack: as now, so the pack did it
        ("pack_alone", CLOSE, ["answers", "pack"]),
        ("answers_alone", PAAS, ["pack"]),
        ("answers_alone", ECS, ["answers"]),
    ],
)
def test_one_crossed_evaluation_alone_still_tells(
    crossing: str, decision: Decision, causes: list[str]
) -> None:
    found = attribute(PAAS, ECS, answers_moved=True, pack_moved=True, **{crossing: decision})  # type: ignore[arg-type]
    assert (found.causes, found.separated) == (causes, True)


def test_without_a_crossed_evaluation_both_are_named_unseparated() -> None:
    found = attribute(PAAS, ECS, answers_moved=True, pack_moved=True)
    assert (found.causes, found.separated) == (["answers", "pack"], False)


def test_a_restated_product_status_is_its_own_cause() -> None:
    heroku = PAAS.model_copy(update={"product": "Heroku", "product_status": "active"})
    sustaining = heroku.model_copy(update={"product_status": "sustaining"})
    move = PackMove(
        before="default 1",
        after="default 2",
        products=[ProductMove(name="Heroku", before_status="active", after_status="sustaining")],
    )
    assert attribute(heroku, sustaining, answers_moved=False, pack_moved=True, pack=move).causes == [
        "product-status"
    ]
    # A change of strategy is the pack's doing, whatever it says of products besides.
    moved_on = ECS.model_copy(update={"product": "Heroku", "product_status": "sustaining"})
    assert attribute(heroku, moved_on, answers_moved=False, pack_moved=True, pack=move).causes == ["pack"]
    # A product status the pack did not change (another product now) is the pack's doing too.
    other = PAAS.model_copy(update={"product": "Render", "product_status": "active"})
    assert attribute(heroku, other, answers_moved=False, pack_moved=True, pack=move).causes == ["pack"]
