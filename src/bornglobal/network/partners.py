"""Partner listings: every write. A partner is a supplier, micro-factory, logistics or
service provider that a venture can route orders to.

A listing is written as a whole, the way its owner sees it on the edit form: the
facts (name, kind, location, currency, minimum order, lead time) and three lists that
are *replaced* on every save -- capabilities, the price list and the shipping zones.
Before anything is written the listing is checked and normalised:

- the country is ISO 3166-1 alpha-2, the zone an IANA name and the price-list currency
  ISO 4217 (`bornglobal.domain.places`);
- a price is decimal text ("4.20") read with `Money.of` in the listing's currency, so it
  becomes exact minor units and "4.205" EUR or "1.5" JPY is refused, never rounded;
  a price list has one line per item and quantity break;
- capability names are lower case with single spaces, and each (kind, name) counts once;
- a shipping zone is a country with its transit days. The one region shortcut is "EU",
  which stands for the 27 member states as python-stdnum lists them for VAT; a country
  named on its own line overrides the region's transit days;
- lead and transit times are whole days from 0 to 365.

Only the owner (the user who created the listing) may change it, and only from a
session or a personal token: a venture token acts for its venture, not for a person.
Each write leaves an audit record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.db import transaction
from stdnum.eu import vat as eu_vat

from bornglobal import clock
from bornglobal.apitypes import MAX_ID
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import InvalidAmount, Money
from bornglobal.network.models import (
    CapabilityKind,
    Partner,
    PartnerCapability,
    PartnerKind,
    PartnerPrice,
    PartnerShippingZone,
)
from bornglobal.tenancy import audit
from bornglobal.tenancy.actors import Actor

MAX_DAYS = 365
MAX_QUANTITY = 2**31 - 1  # what the quantity columns hold
MAX_PRICE_MINOR = 10**15  # far above any real unit price, far below the 64-bit column
MAX_CAPABILITIES, MAX_PRICES, MAX_ZONES = 100, 200, 250
MAX_DESCRIPTION = 4_000
EU = "EU"


@dataclass(frozen=True, slots=True)
class Capability:
    kind: str  # process | material | service
    name: str


@dataclass(frozen=True, slots=True)
class PriceBreak:
    """One price-list line: `price` per `unit` of `item`, from `min_quantity` units on."""

    item: str
    min_quantity: int
    price: str | Decimal | int  # decimal text in the listing's currency, never float
    unit: str = "unit"


@dataclass(frozen=True, slots=True)
class ShippingZone:
    country: str  # ISO 3166-1 alpha-2, or "EU"
    transit_days: int


@dataclass(frozen=True, slots=True)
class Listing:
    """What the owner says about their partner business."""

    name: str
    kind: str
    country: str
    time_zone: str
    currency: str
    lead_time_days: int
    city: str = ""
    description: str = ""
    min_order_quantity: int = 1
    min_order_unit: str = "unit"
    listed: bool = True
    capabilities: tuple[Capability, ...] = ()
    prices: tuple[PriceBreak, ...] = ()
    shipping_zones: tuple[ShippingZone, ...] = ()


@dataclass(slots=True)
class CleanListing:
    facts: dict
    capabilities: list[tuple[str, str]] = field(default_factory=list)
    prices: list[tuple[str, str, int, int]] = field(default_factory=list)  # item, unit, qty, minor
    zones: list[tuple[str, int]] = field(default_factory=list)


@cache
def eu_member_states() -> tuple[str, ...]:
    """The EU's member states as python-stdnum keeps them (its "XI" is not a country)."""
    return tuple(sorted(code.upper() for code in eu_vat.MEMBER_STATES if code != "xi"))


def _refuse(message: str, code: str, field_name: str, index: int | None = None) -> DomainError:
    details = {"field": field_name} if index is None else {"field": field_name, "index": index}
    return DomainError(message, code=code, details=details)


def _line(raw: object, field_name: str, limit: int, code: str, required: bool = True) -> str:
    """One line of text with its spaces collapsed; refused if empty (when required) or long."""
    if not isinstance(raw, str) or "\x00" in raw:
        raise _refuse(f"The {field_name.replace('_', ' ')} must be text.", code, field_name)
    text = " ".join(raw.split())
    if required and not text:
        raise _refuse(f"The {field_name.replace('_', ' ')} is required.", code, field_name)
    if len(text) > limit:
        raise _refuse(f"The {field_name.replace('_', ' ')} has more than {limit} characters.",
                      code, field_name)
    return text


def _whole(raw: object, low: int, high: int, message: str, code: str, field_name: str,
           index: int | None = None) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise _refuse(message, code, field_name, index)
    return raw


def _checked(check, raw: str, field_name: str) -> str:
    try:
        return check(raw if isinstance(raw, str) else "")
    except DomainError as error:
        error.details = {"field": field_name}
        raise


def _facts(listing: Listing) -> dict:
    if listing.kind not in PartnerKind.values:
        raise _refuse(f"{listing.kind!r} is not a kind of partner "
                      f"({', '.join(PartnerKind.values)}).", "invalid_kind", "kind")
    description = listing.description if isinstance(listing.description, str) else None
    if description is None or "\x00" in description or len(description) > MAX_DESCRIPTION:
        raise _refuse(f"The description must be text of at most {MAX_DESCRIPTION} characters.",
                      "invalid_description", "description")
    return {
        "name": _line(listing.name, "name", 200, "invalid_name"),
        "kind": listing.kind,
        "description": description.strip(),
        "country": _checked(places.country_code, listing.country, "country"),
        "city": _line(listing.city, "city", 100, "invalid_city", required=False),
        "time_zone": _checked(places.time_zone, listing.time_zone, "time_zone"),
        "currency": _checked(places.currency_code, listing.currency, "currency"),
        "min_order_quantity": _whole(listing.min_order_quantity, 1, MAX_QUANTITY,
                                     "The minimum order is a whole number of at least 1.",
                                     "invalid_min_order", "min_order_quantity"),
        "min_order_unit": _line(listing.min_order_unit, "min_order_unit", 32, "invalid_unit"),
        "lead_time_days": _whole(listing.lead_time_days, 0, MAX_DAYS,
                                 f"The lead time is a whole number of days from 0 to {MAX_DAYS}.",
                                 "invalid_lead_time", "lead_time_days"),
        "listed": bool(listing.listed),
    }


def clean_capabilities(capabilities: tuple[Capability, ...]) -> list[tuple[str, str]]:
    """(kind, name) pairs, names lower case, each pair once, in the order first given."""
    if len(capabilities) > MAX_CAPABILITIES:
        raise _refuse(f"List at most {MAX_CAPABILITIES} capabilities.",
                      "too_many_capabilities", "capabilities")
    seen: dict[tuple[str, str], None] = {}
    for index, capability in enumerate(capabilities):
        if capability.kind not in CapabilityKind.values:
            raise _refuse(f"{capability.kind!r} is not a kind of capability "
                          f"({', '.join(CapabilityKind.values)}).",
                          "invalid_capability", "capabilities", index)
        try:
            name = _line(capability.name, "capabilities", 100, "invalid_capability").lower()
        except DomainError as error:
            error.details = {"field": "capabilities", "index": index}
            raise
        seen.setdefault((capability.kind, name), None)
    return list(seen)


def _price_minor(line: PriceBreak, currency: str, index: int) -> int:
    try:
        price = Money.of(line.price, currency)
    except (InvalidAmount, TypeError) as error:
        message = error.message if isinstance(error, InvalidAmount) else str(error)
        raise _refuse(f"Price line {index + 1}: {message}", "invalid_price", "prices",
                      index) from None
    if not 0 < price.minor < MAX_PRICE_MINOR:
        raise _refuse(f"Price line {index + 1}: a price must be above zero and below "
                      f"{Money(MAX_PRICE_MINOR, currency)}.", "invalid_price", "prices", index)
    return price.minor


def clean_prices(prices: tuple[PriceBreak, ...], currency: str) -> list[tuple[str, str, int, int]]:
    """(item, unit, min quantity, minor units) per line; one line per item and break."""
    if len(prices) > MAX_PRICES:
        raise _refuse(f"A price list has at most {MAX_PRICES} lines.", "too_many_prices", "prices")
    rows, breaks = [], set()
    for index, line in enumerate(prices):
        try:
            item = _line(line.item, "prices", 160, "invalid_price")
            unit = _line(line.unit, "prices", 32, "invalid_price")
        except DomainError as error:
            raise _refuse(f"Price line {index + 1}: the item and unit are required "
                          "(at most 160 and 32 characters).", "invalid_price", "prices",
                          index) from error
        quantity = _whole(line.min_quantity, 1, MAX_QUANTITY,
                          f"Price line {index + 1}: the quantity is a whole number of at least 1.",
                          "invalid_price", "prices", index)
        if (item.casefold(), quantity) in breaks:
            raise _refuse(f"Price line {index + 1}: {item!r} from {quantity} is listed twice.",
                          "duplicate_price_break", "prices", index)
        breaks.add((item.casefold(), quantity))
        rows.append((item, unit, quantity, _price_minor(line, currency, index)))
    return rows


def clean_zones(zones: tuple[ShippingZone, ...]) -> list[tuple[str, int]]:
    """(country, transit days), the "EU" shortcut expanded; a named country overrides it."""
    if len(zones) > MAX_ZONES:
        raise _refuse(f"List at most {MAX_ZONES} shipping zones.", "too_many_zones",
                      "shipping_zones")
    from_region: dict[str, int] = {}
    named: dict[str, int] = {}
    for index, zone in enumerate(zones):
        days = _whole(zone.transit_days, 0, MAX_DAYS,
                      f"Shipping zone {index + 1}: transit days are a whole number from 0 to "
                      f"{MAX_DAYS}.", "invalid_transit_days", "shipping_zones", index)
        raw = zone.country.strip().upper() if isinstance(zone.country, str) else ""
        if raw == EU:
            for code in eu_member_states():
                from_region[code] = min(days, from_region.get(code, days))
            continue
        try:
            code = places.country_code(raw)
        except DomainError as error:
            raise _refuse(f"Shipping zone {index + 1}: {error.message}", "invalid_country",
                          "shipping_zones", index) from None
        if code in named:
            raise _refuse(f"Shipping zone {index + 1}: {code} is listed twice.",
                          "duplicate_shipping_zone", "shipping_zones", index)
        named[code] = days
    merged = {**from_region, **named}
    return sorted(merged.items())


def clean_listing(listing: Listing) -> CleanListing:
    facts = _facts(listing)
    return CleanListing(
        facts=facts,
        capabilities=clean_capabilities(tuple(listing.capabilities)),
        prices=clean_prices(tuple(listing.prices), facts["currency"]),
        zones=clean_zones(tuple(listing.shipping_zones)),
    )


def _require_personal(actor: Actor) -> None:
    if actor.venture_scope is not None:
        raise Forbidden("A venture token cannot change partner listings; use a personal "
                        "token or log in.", code="token_scope")


def _replace_lists(partner: Partner, clean: CleanListing) -> None:
    PartnerCapability.objects.filter(partner=partner).delete()
    PartnerPrice.objects.filter(partner=partner).delete()
    PartnerShippingZone.objects.filter(partner=partner).delete()
    PartnerCapability.objects.bulk_create(
        [PartnerCapability(partner=partner, kind=kind, name=name)
         for kind, name in clean.capabilities])
    PartnerPrice.objects.bulk_create(
        [PartnerPrice(partner=partner, item=item, unit=unit, min_quantity=quantity,
                      price_minor=minor) for item, unit, quantity, minor in clean.prices])
    PartnerShippingZone.objects.bulk_create(
        [PartnerShippingZone(partner=partner, country=country, transit_days=days)
         for country, days in clean.zones])


def _lists_summary(clean: CleanListing) -> dict:
    return {"capabilities": len(clean.capabilities), "prices": len(clean.prices),
            "shipping_zones": len(clean.zones)}


def _current_lists(partner: Partner) -> CleanListing:
    return CleanListing(
        facts={},
        capabilities=list(partner.capabilities.values_list("kind", "name")),
        prices=list(partner.prices.values_list("item", "unit", "min_quantity", "price_minor")),
        zones=list(partner.ships_to.values_list("country", "transit_days")),
    )


def create_partner(actor: Actor, listing: Listing) -> Partner:
    """List a new partner business, owned by the actor."""
    _require_personal(actor)
    clean = clean_listing(listing)
    with transaction.atomic():
        now = clock.now()
        partner = Partner.objects.create(owner=actor.user, created_at=now, updated_at=now,
                                         **clean.facts)
        _replace_lists(partner, clean)
        audit.record(actor.user, "partner.created", target=partner,
                     after={"name": partner.name, "kind": partner.kind,
                            "country": partner.country, "currency": partner.currency,
                            **_lists_summary(clean)})
    return partner


def _locked_own_partner(actor: Actor, partner_id: int) -> Partner:
    partner = None
    if 1 <= partner_id <= MAX_ID:
        partner = Partner.objects.select_for_update().filter(pk=partner_id).first()
    if partner is None or (partner.owner_id != actor.user.id and not partner.listed):
        raise NotFound("No such partner.")
    if partner.owner_id != actor.user.id:
        raise Forbidden("Only the owner of a listing may change it.", code="not_owner")
    return partner


def update_partner(actor: Actor, partner_id: int, listing: Listing) -> Partner:
    """Replace the owner's listing with `listing` (facts, capabilities, prices, zones)."""
    with transaction.atomic():
        partner = _locked_own_partner(actor, partner_id)
        _require_personal(actor)
        clean = clean_listing(listing)
        before, after = audit.changes(partner, clean.facts)
        current = _current_lists(partner)
        for name in ("capabilities", "prices", "zones"):
            old, new = getattr(current, name), getattr(clean, name)
            if sorted(old) != sorted(new):
                label = "shipping_zones" if name == "zones" else name
                before[label], after[label] = len(old), len(new)
        for name, value in clean.facts.items():
            setattr(partner, name, value)
        partner.updated_at = clock.now()
        partner.save()
        _replace_lists(partner, clean)
        audit.record(actor.user, "partner.updated", target=partner, before=before, after=after)
    return partner
