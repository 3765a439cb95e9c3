"""Request and response shapes of the partner endpoints.

Prices come in as decimal text in the listing's currency ("4.20") and go out as
`MoneyOut` (exact minor units, the currency, the same amount as text); rates go out as
text. No price or rate passes through binary floating point.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from bornglobal.apitypes import (
    MAX_ID,
    Bool,
    Country,
    Currency,
    InSchema,
    Int,
    PositiveAmount,
    Text,
    Zone,
)
from bornglobal.money.schemas import MoneyOut
from bornglobal.network import partners
from bornglobal.network.selectors_partners import DEFAULT_LIMIT, MAX_LIMIT

Kind = Literal["supplier", "micro_factory", "logistics", "service"]
CapabilityKindName = Literal["process", "material", "service"]
Days = Annotated[Int, Field(ge=0, le=partners.MAX_DAYS, description="whole days, 0 to 365")]
Quantity = Annotated[Int, Field(ge=1, le=partners.MAX_QUANTITY)]


class CapabilityIn(InSchema):
    kind: CapabilityKindName
    name: Text = Field(..., min_length=1, max_length=100, examples=["cnc milling"])


class PriceIn(InSchema):
    item: Text = Field(..., min_length=1, max_length=160, examples=["printed tote bag"])
    unit: Text = Field("unit", min_length=1, max_length=32, examples=["bag"])
    min_quantity: Quantity = Field(1, description="The price applies from this many units on.")
    price: PositiveAmount = Field(..., examples=["4.20"],
                          description="Per unit, decimal text in the partner's currency.")


class ShippingZoneIn(InSchema):
    country: Country | Literal["EU"] = Field(
        ..., examples=["ES"], description='ISO 3166-1 alpha-2, or "EU" for the 27 member states.'
    )
    transit_days: Days


class PartnerIn(InSchema):
    name: Text = Field(..., min_length=1, max_length=200)
    kind: Kind
    description: Text = Field("", max_length=partners.MAX_DESCRIPTION)
    country: Country = Field(..., examples=["PT"])
    city: Text = Field("", max_length=100)
    time_zone: Zone = Field(..., examples=["Europe/Lisbon"])
    currency: Currency = Field(..., description="ISO 4217, the currency of the price list.")
    min_order_quantity: Quantity = 1
    min_order_unit: Text = Field("unit", min_length=1, max_length=32)
    lead_time_days: Days
    listed: Bool = True
    capabilities: list[CapabilityIn] = Field(default_factory=list,
                                             max_length=partners.MAX_CAPABILITIES)
    prices: list[PriceIn] = Field(default_factory=list, max_length=partners.MAX_PRICES)
    shipping_zones: list[ShippingZoneIn] = Field(default_factory=list,
                                                 max_length=partners.MAX_ZONES)

    def to_listing(self) -> partners.Listing:
        return partners.Listing(
            name=self.name, kind=self.kind, description=self.description,
            country=self.country, city=self.city, time_zone=self.time_zone,
            currency=self.currency, min_order_quantity=self.min_order_quantity,
            min_order_unit=self.min_order_unit, lead_time_days=self.lead_time_days,
            listed=self.listed,
            capabilities=tuple(partners.Capability(c.kind, c.name) for c in self.capabilities),
            prices=tuple(partners.PriceBreak(p.item, p.min_quantity, p.price, p.unit)
                         for p in self.prices),
            shipping_zones=tuple(partners.ShippingZone(z.country, z.transit_days)
                                 for z in self.shipping_zones),
        )


class PartnerQuery(Schema):
    kind: Kind | None = None
    capability: Text | None = Field(None, max_length=100,
                                    description="A capability name or the start of one of "
                                                "its words, e.g. 'cnc' or 'printing'.")
    country: Country | None = Field(None, description="Where the partner is (ISO 3166-1 "
                                                      "alpha-2).")
    ships_to: Country | None = Field(None, description="A country the partner delivers to.")
    max_lead_time: int | None = Field(None, ge=0, le=32_767, description="days")
    max_min_order: int | None = Field(None, ge=1, le=partners.MAX_QUANTITY)
    q: Text | None = Field(None, max_length=100, description="Part of the partner's name.")
    mine: bool = Field(False, description="Only your own listings, listed or not.")
    sort: Literal["name", "lead_time"] = "name"
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_ID)


class DetailQuery(Schema):
    currency: Currency | None = Field(None, description="Show prices also in this currency "
                                                        "(default: yours).")


class CapabilityOut(Schema):
    kind: str
    name: str


class ShippingZoneOut(Schema):
    country: str
    country_name: str
    transit_days: int


class MinOrderOut(Schema):
    quantity: int
    unit: str


class PartnerSummaryOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    country_name: str
    city: str
    time_zone: str
    currency: str
    min_order: MinOrderOut
    lead_time_days: int
    listed: bool
    yours: bool
    capabilities: list[CapabilityOut]
    ships_to_count: int


class PartnersOut(Schema):
    items: list[PartnerSummaryOut]
    count: int


class PriceOut(Schema):
    item: str
    unit: str
    min_quantity: int
    price: MoneyOut
    converted: MoneyOut | None = Field(None, description="In `conversion.currency`; "
                                                         "null when there is no rate.")


class ConversionOut(Schema):
    currency: str
    on: date = Field(..., description="The date the rate was asked for (today).")
    rate: str | None = Field(None, description="1 unit of the partner's currency in "
                                               "`currency`, as decimal text.")
    rate_date: date | None = Field(None, description="The publication date of the rate used.")
    source: str | None = None
    describe: str = Field(..., description="The rate in words, or why there is none.")


class PartnerOut(PartnerSummaryOut):
    description: str
    local_time: datetime = Field(..., description="The partner's wall-clock time now.")
    utc_offset_minutes: int
    shipping_zones: list[ShippingZoneOut]
    prices: list[PriceOut]
    conversion: ConversionOut
    created_at: datetime
    updated_at: datetime
