"""Which VAT or GST applies to a sale, at what rate, and why.

A sale is described by its *facts*: where the seller is and whether it is
registered for VAT/GST, where the buyer is, whether the buyer is a business
(with its VAT number), what is supplied -- general services, electronically
supplied services ("e-services") or goods shipped from one country to
another -- and the date of the supply. `decide` turns the facts into a
*treatment*, the country whose rate applies, the rate in force on that date,
the wording the invoice must carry, and a sentence naming the rule. It is a
pure function: the same facts always give the same decision.

The treatments:

- **domestic**: the seller charges the VAT of its own country (or of the
  country the goods are sold in);
- **reverse charge**: a business buyer abroad accounts for the tax itself,
  the invoice carries none (Art. 44 + 196 Directive 2006/112/EC inside the EU;
  the UK, Norway, Switzerland, Australia, New Zealand, Singapore and India have
  their own versions for imported services);
- **OSS destination rate**: e-services or distance sales of goods to consumers
  in another member state once the seller's EU-wide cross-border sales pass
  EUR 10,000 a year (Art. 59c; below it the seller's own VAT applies), charged
  at the consumer's rate and declared through the One-Stop Shop. A seller
  outside the EU selling e-services to EU consumers uses the non-Union OSS
  scheme, with no threshold. The same treatment is used for the comparable
  foreign-seller schemes of the UK, Norway (VOEC), Switzerland, Australia, New
  Zealand, Singapore (OVR) and India (OIDAR): the destination's tax is charged;
- **intra-community exempt supply**: goods sent to a business in another
  member state that gave a valid VAT number (Art. 138); the buyer accounts
  for the acquisition;
- **export zero-rated**: goods leaving the territory (Art. 146 in the EU),
  and, in Norway, Australia, New Zealand, Singapore and India, services to
  customers abroad;
- **outside scope**: the place of supply is outside the seller's tax
  territory (an EU seller's services to a business in the United States:
  "outside the scope of EU VAT"), or the seller is not registered and
  charges no tax.

Countries are ISO 3166-1 alpha-2 codes; "UK" and "EL" are read as GB and GR.
VAT numbers are checked for format only ("format valid, not verified online").
In the EU a business buyer in another member state that gives no VAT number
is treated as a consumer (Art. 18 Implementing Regulation 282/2011).

Rounding. An invoice's tax is computed per *rate group*: the net amounts of
all lines taxed at the same rate are added up in integer minor units, the
group's tax is that sum times the rate, rounded half to even to the
currency's minor unit once (`tax_on`). The invoice total is the sum of the
line nets plus each group's tax. Lines are never rounded one by one, so the
total does not depend on how the lines are split. `tax_by_rate` does exactly
this for a list of lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from bornglobal.domain import tax_ids
from bornglobal.domain.money import Money
from bornglobal.domain.tax_rates import RateKind, TaxError, data_begins, rate_on
from bornglobal.domain.tax_regimes import regime_of
from bornglobal.domain.tax_rules import rule
from bornglobal.domain.tax_terms import Ruling, Sale, Supply, Treatment

_Choice = TypeVar("_Choice", Supply, RateKind)

__all__ = [
    "RateGroup",
    "RateKind",
    "Supply",
    "TaxDecision",
    "TaxError",
    "TaxFacts",
    "Treatment",
    "decide",
    "tax_by_rate",
    "tax_on",
]


@dataclass(frozen=True, slots=True)
class TaxFacts:
    seller_country: str
    seller_vat_id: str | None
    buyer_country: str
    buyer_is_business: bool
    buyer_vat_id: str | None
    supply: Supply
    supply_date: date
    ship_from: str | None = None
    ship_to: str | None = None
    over_eu_threshold: bool = False
    rate_kind: RateKind = RateKind.STANDARD


@dataclass(frozen=True, slots=True)
class TaxDecision:
    treatment: Treatment
    rate_country: str | None
    rate: Decimal
    tax_name: str
    legal_text: str
    why: str
    buyer_vat_id_status: str
    rate_source: str


def decide(facts: TaxFacts) -> TaxDecision:
    """The treatment, rate, invoice wording and reason for one sale."""
    sale = _checked(facts)
    ruling = _unregistered(rule(sale), sale)
    return _priced(ruling, sale, _member(RateKind, facts.rate_kind, "invalid_rate_kind"))


def _member(kind: type[_Choice], value: object, code: str) -> _Choice:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        raise TaxError(f"{value!r} is not one of: {choices}.", code=code) from None


def _checked(facts: TaxFacts) -> Sale:
    seller = tax_ids.country(facts.seller_country)
    buyer = tax_ids.country(facts.buyer_country)
    if not isinstance(facts.supply_date, date):
        raise TaxError("The supply date must be a date.", code="invalid_date")
    earliest = data_begins()
    if facts.supply_date < earliest:
        raise TaxError(
            f"The rate data begins on {earliest}; {facts.supply_date} is earlier.",
            code="date_before_data",
            details={"date": facts.supply_date.isoformat()},
        )
    seller_vat = tax_ids.check(facts.seller_vat_id, seller, party="seller")
    buyer_vat = tax_ids.check(facts.buyer_vat_id, buyer, party="buyer")
    ship_from = tax_ids.country(facts.ship_from) if facts.ship_from else seller
    ship_to = tax_ids.country(facts.ship_to) if facts.ship_to else buyer
    return Sale(
        seller=seller,
        buyer=buyer,
        registered=seller_vat.number is not None,
        business=bool(facts.buyer_is_business) or buyer_vat.number is not None,
        buyer_vat=buyer_vat,
        supply=_member(Supply, facts.supply, "invalid_supply"),
        day=facts.supply_date,
        ship_from=ship_from,
        ship_to=ship_to,
        over_threshold=bool(facts.over_eu_threshold),
    )


def _unregistered(ruling: Ruling, sale: Sale) -> Ruling:
    """A seller without a VAT/GST number charges no tax and claims no exemption."""
    needs_registration = ruling.treatment in (
        Treatment.DOMESTIC,
        Treatment.INTRA_COMMUNITY_EXEMPT,
        Treatment.EXPORT,
    )
    if sale.registered or not needs_registration:
        return ruling
    regime = regime_of(ruling.rate_country or sale.seller)
    tax = regime.tax_name if regime else "VAT"
    return Ruling(
        Treatment.OUTSIDE_SCOPE,
        None,
        f"{tax} not charged: the supplier is not registered for {tax}",
        f"The seller gave no {tax} number, so it is treated as not registered (for example "
        f"under a small-business scheme) and charges no {tax}; had it been registered the "
        f"answer would be {ruling.treatment.value}: {ruling.why}",
        tax,
    )


def _priced(ruling: Ruling, sale: Sale, kind: RateKind) -> TaxDecision:
    if ruling.treatment.charges_tax and ruling.rate_country:
        rate = rate_on(ruling.rate_country, sale.day, kind)
        figure, source = rate.rate, rate.source
    else:
        figure, source = Decimal("0"), f"no tax charged ({ruling.treatment.value})"
    return TaxDecision(
        treatment=ruling.treatment,
        rate_country=ruling.rate_country,
        rate=figure,
        tax_name=ruling.tax_name,
        legal_text=ruling.legal_text,
        why=ruling.why,
        buyer_vat_id_status=sale.buyer_vat.status,
        rate_source=source,
    )


def tax_on(net_minor: int, rate: Decimal, currency: str) -> int:
    """The tax on one rate group: net x rate %, rounded half-even to the minor unit.

    `net_minor` is the group's net sum in minor units of `currency` (a credit
    note's is negative; rounding is symmetric about zero). 12.50 EUR at 19% is
    237.5 cents, which rounds to the even 238; 10.50 EUR at 5% is 52.5 cents,
    which rounds to 52. ``currency`` is checked against ISO 4217.
    """
    if isinstance(rate, bool) or not isinstance(rate, Decimal | int):
        raise TaxError(f"{rate!r} is not a tax rate in percent.", code="invalid_rate")
    if not Decimal(rate).is_finite():
        raise TaxError(f"{rate!r} is not a tax rate in percent.", code="invalid_rate")
    numerator, denominator = Decimal(rate).as_integer_ratio()
    return Money(net_minor, currency).scaled(numerator, denominator * 100).minor


@dataclass(frozen=True, slots=True)
class RateGroup:
    """The lines of an invoice taxed at one rate: their net sum and its tax."""

    rate: Decimal
    net_minor: int
    tax_minor: int


def tax_by_rate(lines: Iterable[tuple[int, Decimal]], currency: str) -> list[RateGroup]:
    """Group (net_minor, rate) lines by rate and tax each group once, highest rate first.

    The invoice total is ``sum(net for lines) + sum(group.tax_minor)``.
    """
    nets: dict[Decimal, int] = {}
    for net_minor, rate in lines:
        key = Decimal(rate).normalize()
        nets[key] = nets.get(key, 0) + net_minor
    return [
        RateGroup(rate, net, tax_on(net, rate, currency))
        for rate, net in sorted(nets.items(), key=lambda item: -item[0])
    ]
