"""What the recommendation means for this team: the product on its provider, the risks that
apply to it, and the next steps from where it stands. All of it is pack data with conditions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from advisor.facts import FactValue
from advisor.pack.model import Guarded, Product, RulePack
from advisor.result import ProductRef, RiskView
from advisor.words import PLACEHOLDER, interpolate


def product_ref(pack: RulePack, product: Product, *, beside: bool = False) -> ProductRef:
    """A product as a result carries it, its providers named as the question bank names them;
    `beside` when it is listed beside the named product, for what its `beside` says."""
    fact = pack.bank.facts.get(pack.info.provider_fact or "")
    names = fact.choices if fact else {}
    return ProductRef(
        name=product.name,
        docs=product.docs,
        status=product.status,
        source=product.source,
        as_of=product.as_of.isoformat() if product.as_of else None,
        note=product.note,
        providers=[names.get(provider, provider) for provider in product.providers],
        beside=product.beside if beside else None,
    )


@dataclass(frozen=True)
class Offer:
    """The products for one platform: the one named (if any), the list shown, whether the
    list is what the team's provider offers (else: candidates on every provider), and the
    products that complement the named ones (shown beside them, not among the choices)."""

    product: Product | None
    listed: list[Product]
    here: bool
    beside: list[Product] = field(default_factory=list)


def offered(pack: RulePack, platform: str, facts: Mapping[str, FactValue]) -> Offer:
    """The product that carries `platform` for this team, and the products to list with it.

    A product applies when it serves the team's provider (or every provider) and its `when`
    holds. When exactly one applies, it is *the* product; when several do, they are the
    team's choice and none is named. A product with `beside` complements the others (a batch
    service beside a web one): it is listed beside them, and named only when no other applies.
    When none applies, the list holds the candidates whose conditions could still hold: on the
    team's provider, or on every provider while the provider is open (undecided, unknown, or
    one no product in the pack names). A provider the pack knows products on gets no other
    provider's products as candidates, unless production cannot stay with it on this platform
    (`provider_moves`): then the candidates are those of the providers it could move to, and
    while the answers leave that open, those of its own provider too.
    """
    own = [entry for entry in pack.products if entry.item.platform == platform]
    provider = facts.get(pack.info.provider_fact) if pack.info.provider_fact else None
    moves = pack.provider_moves
    moving = moves.test(facts) if moves is not None and platform in moves.item.platforms else False
    if moves is not None and moving is not False:
        reach = [*moves.item.to, provider] if moving is None else moves.item.to
        listed = [
            entry.item
            for entry in own
            if any(_serves(entry, to) for to in reach) and entry.test(facts) is not False
        ]
        # a product for every provider (Nomad, Kamal) is still the one named when it is alone
        named = listed[0] if len(listed) == 1 and not listed[0].providers else None
        return Offer(named, listed, False)
    serving = [entry for entry in own if _serves(entry, provider)]
    here = [entry.item for entry in serving if entry.test(facts) is True]
    if here:
        main = [product for product in here if not product.beside]
        companions = [product for product in here if product.beside]
        if not main:  # a companion alone carries the work: it is the product
            main, companions = companions, []
        # "Another cloud" is many vendors: Render and Fly.io are candidates, not both the team's.
        vendors = provider in pack.info.many_vendors and any(product.providers for product in main)
        return Offer(main[0] if len(main) == 1 else None, main, not vendors, companions)
    if not serving and provider in pack.providers_named:
        return Offer(None, [], False)
    return Offer(None, [entry.item for entry in serving or own if entry.test(facts) is not False], False)


def _serves(entry: Guarded[Product], provider: FactValue | None) -> bool:
    providers = entry.item.providers
    return not providers or (isinstance(provider, str) and provider in providers)


def risks(pack: RulePack, facts: Mapping[str, FactValue]) -> list[RiskView]:
    """Every option's risks that apply to this team, in pack order."""
    return [
        RiskView(
            id=entry.item.id,
            option=entry.item.option,
            risk=interpolate(entry.item.risk, facts, pack.bank.said),
            mitigation=interpolate(entry.item.mitigation, facts, pack.bank.said),
            source=entry.item.source,
        )
        for entry in pack.risks
        if entry.test(facts) is True
    ]


def next_steps(
    pack: RulePack, options: tuple[str, ...], facts: Mapping[str, FactValue], product: Product | None
) -> list[str]:
    """The first moves for the chosen strategy, then its platform, for where the team stands;
    a strategy's steps marked `after_platform` (moving components) come after the platform's,
    and steps marked `first` (a decision the rest depends on) before all."""
    first: list[str] = []
    steps: list[str] = []
    later: list[str] = []
    for option in dict.fromkeys(options):
        steps += pack.option(option).next_steps
        for entry in pack.next_steps:
            if entry.item.option == option and entry.test(facts) is True:
                item = entry.item
                if item.first:
                    first.append(item.step)
                elif item.after_platform:
                    later.append(item.step)
                else:
                    steps.append(item.step)
    steps = first + steps + later
    named = product.name if product else None
    return [_fill(step, facts, named, pack.bank.said) for step in steps]


def _fill(
    text: str, facts: Mapping[str, FactValue], product: str | None, said: Mapping[str, Mapping[str, str]]
) -> str:
    """`{product}` is the chosen product, or "the chosen service" while none is chosen."""
    text = PLACEHOLDER.sub(lambda m: (product or "the chosen service") if m[0] == "{product}" else m[0], text)
    return interpolate(text, facts, said)
