"""Partner endpoints: the directory, one partner, listing and editing. Thin.

Writes go through `network.partners` and reads through `network.selectors_partners`.
"""

from __future__ import annotations

from ninja import Query, Router, Status

from bornglobal.domain import places
from bornglobal.money.schemas import decimal_text
from bornglobal.network import partners, selectors_partners
from bornglobal.network.models import Partner
from bornglobal.network.schemas_partners import (
    DetailQuery,
    PartnerIn,
    PartnerOut,
    PartnerQuery,
    PartnersOut,
)
from bornglobal.network.selectors_partners import PartnerFilters
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["partners"])


def _zone_count(partner: Partner) -> int:
    """Annotated in the directory; counted from the prefetched zones on the detail."""
    counted = getattr(partner, "zone_count", None)
    return counted if counted is not None else len(partner.ships_to.all())


def _summary(partner: Partner, actor: Actor) -> dict:
    return {
        "id": partner.id,
        "name": partner.name,
        "kind": partner.kind,
        "country": partner.country,
        "country_name": places.country_name(partner.country),
        "city": partner.city,
        "time_zone": partner.time_zone,
        "currency": partner.currency,
        "min_order": {"quantity": partner.min_order_quantity, "unit": partner.min_order_unit},
        "lead_time_days": partner.lead_time_days,
        "listed": partner.listed,
        "yours": partner.owner_id == actor.user.id,
        "capabilities": [{"kind": c.kind, "name": c.name} for c in partner.capabilities.all()],
        "ships_to_count": _zone_count(partner),
    }


def _conversion(prices: selectors_partners.PriceList) -> dict:
    rate = prices.rate
    return {
        "currency": prices.currency,
        "on": prices.on,
        "rate": decimal_text(rate.value) if rate else None,
        "rate_date": rate.used if rate else None,
        "source": rate.source if rate else None,
        "describe": rate.describe() if rate else prices.no_rate,
    }


def _detail(actor: Actor, partner_id: int, currency: str | None = None) -> dict:
    partner = selectors_partners.partner_for(actor, partner_id)
    prices = selectors_partners.price_list(partner, currency or actor.user.currency)
    local = selectors_partners.local_time(partner)
    return {
        **_summary(partner, actor),
        "description": partner.description,
        "local_time": local.at,
        "utc_offset_minutes": local.offset_minutes,
        "shipping_zones": [
            {"country": z.country, "country_name": places.country_name(z.country),
             "transit_days": z.transit_days}
            for z in partner.ships_to.all()
        ],
        "prices": [
            {"item": row.item, "unit": row.unit, "min_quantity": row.min_quantity,
             "price": row.price, "converted": row.converted}
            for row in prices.rows
        ],
        "conversion": _conversion(prices),
        "created_at": partner.created_at,
        "updated_at": partner.updated_at,
    }


@router.get("/partners", response={200: PartnersOut, **ERRORS})
def list_partners(request, query: Query[PartnerQuery]):
    """The partner directory: filter by kind, capability, country, where the partner
    ships, lead time and minimum order; sort by name or lead time."""
    actor = actor_of(request)
    filters = PartnerFilters(
        kind=query.kind or "", capability=query.capability or "", country=query.country or "",
        ships_to=query.ships_to or "", max_lead_time=query.max_lead_time,
        max_min_order=query.max_min_order, q=query.q or "", mine=query.mine, sort=query.sort,
    )
    page = selectors_partners.partner_page(actor, filters, query.limit, query.offset)
    return {"items": [_summary(p, actor) for p in page.items], "count": page.count}


@router.get("/partners/{partner_id}", response={200: PartnerOut, **ERRORS})
def get_partner(request, partner_id: ObjectId, query: Query[DetailQuery]):
    """One partner with its price list, also converted into your currency (or `currency`)."""
    return _detail(actor_of(request), partner_id, query.currency)


@router.post("/partners", response={201: PartnerOut, **ERRORS})
def create_partner(request, payload: PartnerIn):
    """List your partner business. You become its owner."""
    actor = actor_of(request)
    partner = partners.create_partner(actor, payload.to_listing())
    return Status(201, _detail(actor, partner.id))


@router.put("/partners/{partner_id}", response={200: PartnerOut, **ERRORS})
def update_partner(request, partner_id: ObjectId, payload: PartnerIn):
    """Replace your listing: facts, capabilities, price list and shipping zones."""
    actor = actor_of(request)
    partners.update_partner(actor, partner_id, payload.to_listing())
    return _detail(actor, partner_id)
