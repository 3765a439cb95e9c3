"""From an invoice's parties and lines to its tax groups and totals.

The rounding rule, once and for all:

1. A line's net amount is quantity x unit price (exclusive of tax), rounded half to
   even to the currency's minor unit (`domain.money.quantize`).
2. Lines are grouped by their tax decision: (treatment, rate country, rate).
3. Each group's tax is computed ONCE on the group's net sum with `domain.tax.tax_on`
   (half to even) -- never line by line and summed, which would drift.
4. The document's total is the sum of the line nets plus the sum of the group taxes.

A credit note's amounts are negative; its tax is the tax of the absolute amount,
negated, so that reversing a whole invoice gives back exactly its tax.

Where the invoice currency is not the seller's national currency, each group's tax
is also converted into the national currency (Art. 230 of Directive 2006/112/EC)
with this instance's rates (ECB reference rates, then the operator's table), on
the date of supply, rounded half to even; the rate, its source and date are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.numbers import get_territory_currencies

from bornglobal.domain import tax
from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import Rate, convert
from bornglobal.domain.money import Money, quantize


@dataclass(frozen=True, slots=True)
class Party:
    """A seller or buyer as printed on the invoice."""

    name: str
    address: str
    country: str
    vat_id: str = ""
    is_business: bool = True
    email: str = ""


@dataclass(frozen=True, slots=True)
class LinePlan:
    """One line to invoice. `unit_price` is exclusive of tax."""

    description: str
    quantity: Decimal
    unit_price: Money
    supply: str = tax.Supply.SERVICES.value
    rate_kind: str = "standard"
    ship_from: str = ""
    ship_to: str = ""


@dataclass(frozen=True, slots=True)
class Decided:
    """A tax decision as stored on an issued line (a credit note reuses it)."""

    treatment: str
    rate_country: str
    rate: Decimal
    tax_name: str
    legal_text: str = ""
    why: str = ""
    buyer_vat_id_status: str = ""
    rate_source: str = ""


@dataclass(frozen=True, slots=True)
class PricedLine:
    plan: LinePlan
    net_minor: int
    decision: tax.TaxDecision | Decided


@dataclass(frozen=True, slots=True)
class GroupTotal:
    treatment: str
    rate_country: str
    rate: Decimal
    tax_name: str
    legal_text: str
    net_minor: int
    tax_minor: int
    national_tax_minor: int | None = None

    @property
    def key(self) -> tuple[str, str, Decimal]:
        return (self.treatment, self.rate_country, self.rate)


def line_net(quantity: Decimal, unit_price: Money) -> int:
    """Quantity x unit price, rounded half-even once to the minor unit."""
    return quantize(quantity * unit_price.to_decimal(), unit_price.currency).minor


def signed_tax(net_minor: int, rate: Decimal, currency: str) -> int:
    """`tax_on` for a group, symmetric for the negative amounts of credit notes."""
    if net_minor < 0:
        return -tax.tax_on(-net_minor, rate, currency)
    return tax.tax_on(net_minor, rate, currency)


def facts(
    seller: Party, buyer: Party, plan: LinePlan, supply_date: date, over_threshold: bool
) -> tax.TaxFacts:
    """The facts `domain.tax.decide` needs for one line."""
    goods = plan.supply == tax.Supply.GOODS.value
    return tax.TaxFacts(
        seller_country=seller.country,
        seller_vat_id=seller.vat_id or None,
        buyer_country=buyer.country,
        buyer_is_business=buyer.is_business,
        buyer_vat_id=buyer.vat_id or None,
        supply=tax.Supply(plan.supply),
        supply_date=supply_date,
        ship_from=(plan.ship_from or seller.country) if goods else None,
        ship_to=(plan.ship_to or buyer.country) if goods else None,
        over_eu_threshold=over_threshold,
        rate_kind=tax.RateKind(plan.rate_kind),
    )


def price(
    lines: Sequence[LinePlan],
    seller: Party,
    buyer: Party,
    supply_date: date,
    over_threshold: bool,
    *,
    sign: int = 1,
    decided: Sequence[Decided] = (),
) -> list[PricedLine]:
    """Each line's net amount and tax decision; a credit note passes sign=-1 and the
    decisions of the lines it reverses."""
    if not lines:
        raise DomainError("An invoice needs at least one line.", code="no_lines")
    priced = []
    for index, plan in enumerate(lines):
        if plan.quantity <= 0:
            raise DomainError("A line's quantity must be more than zero.", code="invalid_quantity")
        decision = (
            decided[index]
            if decided
            else _decide(facts(seller, buyer, plan, supply_date, over_threshold))
        )
        priced.append(PricedLine(plan, sign * line_net(plan.quantity, plan.unit_price), decision))
    return priced


def _decide(line_facts: tax.TaxFacts) -> tax.TaxDecision | Decided:
    """`domain.tax.decide`; where neither country's rules are known, no tax, said so."""
    try:
        return tax.decide(line_facts)
    except tax.TaxError as error:
        if error.code != "not_in_scope":
            raise
        return Decided(
            treatment=tax.Treatment.OUTSIDE_SCOPE.value,
            rate_country="",
            rate=Decimal(0),
            tax_name="VAT/GST",
            legal_text="No VAT/GST charged by this invoice: the platform holds no tax rules "
            f"for {line_facts.seller_country} or {line_facts.buyer_country}.",
            why=error.message,
            buyer_vat_id_status="",
            rate_source="none",
        )


def group(priced: Sequence[PricedLine], currency: str) -> list[GroupTotal]:
    """One total per (treatment, rate country, rate), its tax rounded once."""
    nets: dict[tuple[str, str, Decimal], int] = {}
    firsts: dict[tuple[str, str, Decimal], tax.TaxDecision] = {}
    for line in priced:
        decision = line.decision
        key = (str(decision.treatment), decision.rate_country or "", decision.rate)
        nets[key] = nets.get(key, 0) + line.net_minor
        firsts.setdefault(key, decision)
    return [
        GroupTotal(
            treatment=key[0],
            rate_country=key[1],
            rate=key[2],
            tax_name=firsts[key].tax_name,
            legal_text=firsts[key].legal_text,
            net_minor=net,
            tax_minor=signed_tax(net, key[2], currency),
        )
        for key, net in nets.items()
    ]


def national_currency(country: str, on: date) -> str:
    """The legal tender of `country` on `on` (ISO 4217), e.g. SE -> SEK, IN -> INR."""
    found = get_territory_currencies(country, start_date=on, end_date=on)
    if not found:
        raise DomainError(f"No national currency is known for {country}.", code="invalid_country")
    return found[0]


@dataclass(frozen=True, slots=True)
class NationalTax:
    """Art. 230: the tax in the seller's national currency, and the rate used."""

    currency: str
    groups: list[GroupTotal]
    total_minor: int | None
    rate: Rate | None


def in_national_currency(
    groups: list[GroupTotal], currency: str, national: str, on: date, rates
) -> NationalTax:
    """Each group's tax converted on `on`, when the currencies differ and tax is due."""
    if currency == national or all(g.tax_minor == 0 for g in groups):
        return NationalTax(national, groups, None, None)
    converted, rate = [], None
    for total in groups:
        conversion = convert(Money(total.tax_minor, currency), national, on, rates)
        rate = conversion.rate
        converted.append(_with_national(total, conversion.target.minor))
    return NationalTax(national, converted, sum(g.national_tax_minor for g in converted), rate)


def _with_national(total: GroupTotal, minor: int) -> GroupTotal:
    return GroupTotal(
        total.treatment,
        total.rate_country,
        total.rate,
        total.tax_name,
        total.legal_text,
        total.net_minor,
        total.tax_minor,
        minor,
    )
