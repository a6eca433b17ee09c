"""Estimate data in layers: a consultant's prices and terms over the packs below.

A layer's `estimates.yaml` may

- add prices and terms (an entry with a new `id:`),
- change one (`override: ID`: the fields it gives replace the entry's; inside an amount such
  as `people_fte`, the keys it gives replace the amount's). A price whose `usd` or `per`
  changes needs its own `source` and `as_of`, and is unverified unless the layer says so;
- switch terms off (`disable: [ID, ...]`),
- change `settings` key by key.

Every price and term remembers the pack it came from, so a report can name the layer
behind each number.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from advisor.errors import Location, Problem, did_you_mean
from advisor.pack.estimate_compile import (
    check_price,
    check_term_settings,
    checked_settings,
    compile_caveats,
    compile_term,
)
from advisor.pack.estimates import (
    MEASURES,
    AmountSpec,
    CaveatSpec,
    CopiesSettings,
    Estimates,
    EstimateSettings,
    Id,
    Number,
    Price,
    PriceSpec,
    RunningSettings,
    StreamSettings,
    Term,
    TermSpec,
    build_estimates,
)
from advisor.pack.questions import QuestionBank
from advisor.source.document import Document, KeyPath


class LayerPrice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id | None = None
    override: Id | None = None
    item: str | None = None
    usd: Number | tuple[Number, Number] | None = None
    per: Literal["hour", "month"] | None = None
    source: str | None = None
    as_of: datetime.date | None = None
    verified: bool | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> LayerPrice:
        if (self.id is None) == (self.override is None):
            raise ValueError("give either 'id' (a new price) or 'override' (change an existing one)")
        given = self.model_fields_set
        if self.id is not None:
            missing = [key for key in ("item", "usd", "per", "source", "as_of") if key not in given]
            if missing:
                raise ValueError(f"a new price needs {', '.join(missing)}")
        elif given & {"usd", "per"} and not {"source", "as_of"} <= given:
            raise ValueError("a changed price needs its own 'source' and 'as_of', so the report cites it")
        return self


class LayerTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id | None = None
    override: Id | None = None
    options: list[Id] | None = Field(default=None, min_length=1)
    when: Any = None
    people_fte: AmountSpec | None = None
    weeks_to_production: AmountSpec | None = None
    monthly_cost_usd: AmountSpec | None = None
    because: str | None = None
    source: str | None = None
    unless_running: bool | None = None
    unpriced: bool | None = None

    @model_validator(mode="after")
    def _complete(self) -> LayerTerm:
        if (self.id is None) == (self.override is None):
            raise ValueError("give either 'id' (a new term) or 'override' (change an existing one)")
        if self.id is not None and (self.options is None or self.because is None):
            raise ValueError("a new term needs 'options' and 'because'")
        return self


class LayerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    hours_per_month: float | None = None
    engineer_year_fact: str | None = None
    instances_fact: str | None = None
    headcount: dict[str, str] | None = None
    running: RunningSettings | None = None
    streams: StreamSettings | None = None
    copies: CopiesSettings | None = None
    scope: str | None = None


class LayerEstimatesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    settings: LayerSettings | None = None
    prices: list[LayerPrice] = Field(default_factory=list)
    terms: list[LayerTerm] = Field(default_factory=list)
    disable: list[Id] = Field(default_factory=list)
    caveats: list[CaveatSpec] = Field(default_factory=list)


def layer_estimates(
    base: Estimates,
    loaded: tuple[LayerEstimatesFile, Document] | None,
    bank: QuestionBank,
    reach: Mapping[str, tuple[str, ...]],
    origin: str,
    problems: list[Problem],
) -> Estimates:
    """The estimates of the packs below with a layer's file applied; problems are appended."""
    if loaded is None:
        return base.rebuilt(bank, reach)
    spec, doc = loaded
    declared = settings = base.settings
    settings_where = base.settings_where
    if spec.settings is not None:
        update = spec.settings.model_dump(exclude_unset=True, exclude_none=True)
        declared = EstimateSettings.model_validate({**base.settings.model_dump(), **update})
        settings_where = doc.at(("settings",))
        settings = checked_settings(declared, doc, bank, reach, problems)
    prices = _merge_prices(base.prices, spec.prices, doc, origin, problems)
    terms = _merge_terms(base.terms, spec.terms, doc, bank, reach, prices, origin, problems)
    for index, term_id in enumerate(spec.disable):
        if term_id not in terms:
            hint = did_you_mean(term_id, terms)
            problems.append(
                doc.problem(("disable", index), f"disable: no term '{term_id}' below this pack{hint}")
            )
        terms.pop(term_id, None)
    problems.extend(check_term_settings(declared, terms.values()))
    caveats = compile_caveats(spec.caveats, base.caveats, doc, bank, origin, problems)
    return build_estimates(settings, prices, tuple(terms.values()), bank, reach, settings_where, caveats)


def _merge_prices(
    below: Mapping[str, Price], entries: list[LayerPrice], doc: Document, origin: str, problems: list[Problem]
) -> dict[str, Price]:
    prices = dict(below)
    changed: set[str] = set()
    for index, entry in enumerate(entries):
        path: KeyPath = ("prices", index)
        fields = entry.model_dump(exclude_unset=True, exclude={"id", "override"})
        if entry.id is not None:
            if entry.id in prices:
                problems.append(_taken(doc, (*path, "id"), "price", entry.id, prices[entry.id].where))
                continue
            price = PriceSpec.model_validate({"id": entry.id, **fields})
            where = doc.at((*path, "id"))
        else:
            price_id = entry.override or ""
            where = doc.at((*path, "override"))
            if price_id not in prices or price_id in changed:
                problems.append(_no_such(where, "price", price_id, prices, price_id in changed))
                continue
            old = prices[price_id].spec.model_dump()
            if {"usd", "per"} & set(fields):
                old |= {"verified": False, "note": ""}
            price = PriceSpec.model_validate(old | fields)
            changed.add(price_id)
        problems.extend(check_price(price, doc, path))
        prices[price.id] = Price(price, origin, where)
    return prices


def _merge_terms(
    below: tuple[Term, ...],
    entries: list[LayerTerm],
    doc: Document,
    bank: QuestionBank,
    reach: Mapping[str, tuple[str, ...]],
    prices: Mapping[str, Price],
    origin: str,
    problems: list[Problem],
) -> dict[str, Term]:
    terms = {term.id: term for term in below}
    changed: set[str] = set()
    for index, entry in enumerate(entries):
        path: KeyPath = ("terms", index)
        fields = {name: getattr(entry, name) for name in entry.model_fields_set - {"id", "override"}}
        if entry.id is not None:
            if entry.id in terms:
                problems.append(_taken(doc, (*path, "id"), "term", entry.id, terms[entry.id].where))
                continue
            spec = TermSpec.model_validate({"id": entry.id, **fields})
            terms[spec.id] = compile_term(spec, doc, path, bank, reach, prices, origin, problems)
            continue
        term_id = entry.override or ""
        where = doc.at((*path, "override"))
        if term_id not in terms or term_id in changed:
            problems.append(_no_such(where, "term", term_id, terms, term_id in changed))
            continue
        old = terms[term_id]
        for measure in MEASURES:
            amount, before = fields.get(measure), getattr(old.spec, measure)
            if amount is not None and before is not None:
                fields[measure] = before.model_copy(
                    update={key: getattr(amount, key) for key in amount.model_fields_set}
                )
        spec = old.spec.model_copy(update=fields)
        keep = None if "when" in fields else old
        terms[term_id] = compile_term(spec, doc, path, bank, reach, prices, origin, problems, where, keep)
        changed.add(term_id)
    return terms


def _taken(doc: Document, path: KeyPath, kind: str, item_id: str, first: Location) -> Problem:
    return doc.problem(
        path,
        f"{kind} '{item_id}' is already defined at {first}; write 'override: {item_id}' to change it, "
        "or choose another id",
    )


def _no_such(where: Location, kind: str, item_id: str, known: Mapping[str, Any], twice: bool) -> Problem:
    if twice:
        return Problem(where, f"{kind} '{item_id}' is already overridden in this pack")
    return Problem(where, f"override: no {kind} '{item_id}' below this pack{did_you_mean(item_id, known)}")
