"""How two rule packs, or two sets of answers, differ in what decides results.

A pack difference is told as the rules added, removed or changed in their condition, effects
or exclusions, the products whose status (or its date) changed, and the other changes that
move scores (option bases, confidence settings, questions). Wording, sources and mitigations
are left out: they change no decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from advisor.facts import FactValue, Unknown, to_plain
from advisor.pack.layers import describe_stack
from advisor.pack.model import RulePack
from advisor.result import AnswerChange, Decision, PackMove, ProductMove, RuleMove, RulePart

_RULE_PARTS: tuple[tuple[RulePart, str], ...] = (
    ("condition", "when"),
    ("effects", "effects"),
    ("excludes", "exclude"),
)


def pack_move(old: RulePack, new: RulePack) -> PackMove:
    """Everything in which `new` decides differently from `old`."""
    return PackMove(
        before=describe_stack(old),
        after=describe_stack(new),
        rules=_rule_moves(old, new),
        products=_product_moves(old, new),
        other=_other_moves(old, new),
    )


def concerning(move: PackMove, decisions: Iterable[Decision | None]) -> PackMove:
    """The part of `move` that concerns an assessment: the changed rules that fired, or could
    have fired, in any of its `decisions`, and the products they name."""
    known = [decision for decision in decisions if decision is not None]
    rules = set().union(*(decision.reads() for decision in known))
    products = {decision.product for decision in known}
    return move.model_copy(
        update={
            "rules": [rule for rule in move.rules if rule.id in rules],
            "products": [product for product in move.products if product.name in products],
        }
    )


def answer_changes(old: Mapping[str, FactValue], new: Mapping[str, FactValue]) -> list[AnswerChange]:
    """Every fact given differently (a value, `unknown`, or left out) in `new`, in the order of `old`."""
    changes = []
    for fact in [*old, *(fact for fact in new if fact not in old)]:
        before, after = old.get(fact), new.get(fact)
        if before != after:
            changes.append(
                AnswerChange(
                    fact=fact,
                    before=None if before is None else to_plain(before),
                    after=None if after is None else to_plain(after),
                    before_status=_status(before),
                    after_status=_status(after),
                )
            )
    return changes


def _status(value: FactValue | None) -> str:
    if value is None:
        return "unanswered"
    return "unknown" if isinstance(value, Unknown) else "answered"


def _rule_moves(old: RulePack, new: RulePack) -> list[RuleMove]:
    before = {rule.id: rule.spec for rule in old.rules}
    after = {rule.id: rule.spec for rule in new.rules}
    moves = []
    for rule_id in [*before, *(rule_id for rule_id in after if rule_id not in before)]:
        was, now = before.get(rule_id), after.get(rule_id)
        if was is None:
            moves.append(RuleMove(id=rule_id, change=["added"]))
        elif now is None:
            moves.append(RuleMove(id=rule_id, change=["removed"]))
        else:
            parts = [part for part, field in _RULE_PARTS if getattr(was, field) != getattr(now, field)]
            if parts:
                moves.append(RuleMove(id=rule_id, change=parts))
    return moves


def _product_moves(old: RulePack, new: RulePack) -> list[ProductMove]:
    before = {entry.item.name: entry.item for entry in old.products}
    after = {entry.item.name: entry.item for entry in new.products}
    moves = []
    for name in [*before, *(name for name in after if name not in before)]:
        was, now = before.get(name), after.get(name)
        if was is not None and now is not None and (was.status, was.as_of) == (now.status, now.as_of):
            continue
        moves.append(
            ProductMove(
                name=name,
                before_status=was.status if was else None,
                before_as_of=was.as_of.isoformat() if was and was.as_of else None,
                after_status=now.status if now else None,
                after_as_of=now.as_of.isoformat() if now and now.as_of else None,
            )
        )
    return moves


def _other_moves(old: RulePack, new: RulePack) -> list[str]:
    found = []
    if _bases(old) != _bases(new):
        found.append("the options or their base scores")
    if old.info.confidence != new.info.confidence:
        found.append("the confidence settings")
    if _questions(old) != _questions(new):
        found.append("the questions")
    return found


def _bases(pack: RulePack) -> dict[str, tuple[float, str | None]]:
    return {option.id: (option.base, option.strategy) for option in (*pack.strategies, *pack.platforms)}


def _questions(pack: RulePack) -> dict[str, object]:
    return {
        fact: (q.type, dict(q.choices), q.min, q.max, q.open, q.when) for fact, q in pack.bank.facts.items()
    }
