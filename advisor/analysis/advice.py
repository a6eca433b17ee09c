"""What the recommendation means for this team: the product on its provider, the risks that
apply to it, and the next steps from where it stands. All of it is pack data with conditions.
"""

from __future__ import annotations

from collections.abc import Mapping

from advisor.facts import FactValue
from advisor.pack.model import Guarded, Product, RulePack
from advisor.result import ProductRef, RiskView
from advisor.words import PLACEHOLDER, interpolate


def product_ref(product: Product) -> ProductRef:
    return ProductRef(
        name=product.name,
        docs=product.docs,
        status=product.status,
        source=product.source,
        as_of=product.as_of.isoformat() if product.as_of else None,
        note=product.note,
        providers=list(product.providers),
    )


def offered(
    pack: RulePack, platform: str, facts: Mapping[str, FactValue]
) -> tuple[Product | None, list[Product]]:
    """The product that carries `platform` for this team, and the list to show beside it.

    A product applies when its `when` holds and it serves the team's provider (or every
    provider). The first that applies is *the* product. When none applies (the provider is
    undecided, unknown, or has no such product), the list holds the candidates on every
    provider whose conditions could still hold, and there is no single product.
    """
    own = [entry for entry in pack.products if entry.item.platform == platform]
    provider = facts.get(pack.info.provider_fact) if pack.info.provider_fact else None
    here = [entry.item for entry in own if entry.test(facts) is True and _serves(entry, provider)]
    if here:
        return here[0], here
    return None, [entry.item for entry in own if entry.test(facts) is not False]


def _serves(entry: Guarded[Product], provider: FactValue | None) -> bool:
    providers = entry.item.providers
    return not providers or (isinstance(provider, str) and provider in providers)


def risks(pack: RulePack, facts: Mapping[str, FactValue]) -> list[RiskView]:
    """Every option's risks that apply to this team, in pack order."""
    return [
        RiskView(
            id=entry.item.id,
            option=entry.item.option,
            risk=interpolate(entry.item.risk, facts),
            mitigation=interpolate(entry.item.mitigation, facts),
            source=entry.item.source,
        )
        for entry in pack.risks
        if entry.test(facts) is True
    ]


def next_steps(
    pack: RulePack, options: tuple[str, ...], facts: Mapping[str, FactValue], product: Product | None
) -> list[str]:
    """The first moves for the chosen strategy, then its platform, for where the team stands."""
    steps: list[str] = []
    for option in dict.fromkeys(options):
        steps += pack.option(option).next_steps
        steps += [
            entry.item.step
            for entry in pack.next_steps
            if entry.item.option == option and entry.test(facts) is True
        ]
    named = product.name if product else None
    return [_fill(step, facts, named) for step in steps]


def _fill(text: str, facts: Mapping[str, FactValue], product: str | None) -> str:
    """`{product}` is the chosen product, or "the chosen product" while none is chosen."""
    text = PLACEHOLDER.sub(lambda m: (product or "the chosen product") if m[0] == "{product}" else m[0], text)
    return interpolate(text, facts)
