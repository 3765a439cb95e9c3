"""Reads of the partner directory. Any logged-in actor sees the listed partners; an
owner also sees their own unlisted ones.

Prices are shown in the partner's currency and, beside them, in the viewer's:
converted with the platform's rates (`bornglobal.money.rates`, ECB reference rates then
the operator's table) for today, rounded half-even to the viewer's minor unit. The rate,
its date and its source go with the prices; when there is no rate the converted column
says so instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from bornglobal import clock
from bornglobal.apitypes import MAX_ID
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.domain.fx import NoRate, Rate, convert
from bornglobal.domain.money import Money
from bornglobal.money import rates
from bornglobal.network.models import (
    CapabilityKind,
    Partner,
    PartnerCapability,
    PartnerKind,
    PartnerPrice,
    PartnerShippingZone,
)
from bornglobal.tenancy.actors import Actor

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
SORTS = {"name": ("name", "id"), "lead_time": ("lead_time_days", "name", "id")}


@dataclass(frozen=True, slots=True)
class PartnerFilters:
    """What the directory is narrowed by; every filter is optional."""

    kind: str = ""
    capability: str = ""  # a capability name, or the start of one of its words
    country: str = ""  # where the partner is
    ships_to: str = ""  # a country the partner delivers to
    max_lead_time: int | None = None
    max_min_order: int | None = None
    q: str = ""  # part of the name
    mine: bool = False  # only the actor's own listings (listed or not)
    sort: str = "name"  # name | lead_time


@dataclass(frozen=True, slots=True)
class PartnerPage:
    items: list[Partner]
    count: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.count else None

    @property
    def previous_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def visible_partners(actor: Actor) -> QuerySet[Partner]:
    """Listed partners, and the actor's own whether listed or not."""
    return Partner.objects.filter(Q(listed=True) | Q(owner_id=actor.user.id))


def normalise_capability(text: str) -> str:
    return " ".join((text or "").split()).lower()


def _capability_match(text: str) -> Q:
    """The name itself, a name starting with it, or a word of the name starting with it."""
    name = normalise_capability(text)
    return Q(name__startswith=name) | Q(name__contains=f" {name}")


def _with_lists(partners: QuerySet[Partner]) -> QuerySet[Partner]:
    return partners.select_related("owner").prefetch_related(
        Prefetch("capabilities", queryset=PartnerCapability.objects.order_by("kind", "name")),
    ).annotate(zone_count=Count("ships_to", distinct=True))


def check_filters(filters: PartnerFilters) -> None:
    """Refuse a filter that names no kind, country or sort order we know."""
    if filters.kind and filters.kind not in PartnerKind.values:
        raise DomainError(f"{filters.kind!r} is not a kind of partner "
                          f"({', '.join(PartnerKind.values)}).", code="invalid_kind",
                          details={"field": "kind"})
    for name in ("country", "ships_to"):
        if getattr(filters, name):
            try:
                places.country_code(getattr(filters, name))
            except DomainError as error:
                error.details = {"field": name}
                raise
    if filters.sort not in SORTS:
        raise DomainError(f"Sort by {' or '.join(SORTS)}.", code="invalid_sort",
                          details={"field": "sort"})


def search_partners(actor: Actor, filters: PartnerFilters) -> QuerySet[Partner]:
    """The visible partners that pass every filter, sorted, with capabilities prefetched."""
    check_filters(filters)
    partners = visible_partners(actor)
    if filters.mine:
        partners = partners.filter(owner_id=actor.user.id)
    if filters.kind:
        partners = partners.filter(kind=filters.kind)
    if filters.country:
        partners = partners.filter(country=filters.country.strip().upper())
    if filters.q.strip():
        partners = partners.filter(name__icontains=" ".join(filters.q.split()))
    if filters.max_lead_time is not None:
        partners = partners.filter(lead_time_days__lte=filters.max_lead_time)
    if filters.max_min_order is not None:
        partners = partners.filter(min_order_quantity__lte=filters.max_min_order)
    if normalise_capability(filters.capability):
        partners = partners.filter(Exists(PartnerCapability.objects.filter(
            _capability_match(filters.capability), partner=OuterRef("pk"))))
    if filters.ships_to:
        partners = partners.filter(Exists(PartnerShippingZone.objects.filter(
            partner=OuterRef("pk"), country=filters.ships_to.strip().upper())))
    return _with_lists(partners).order_by(*SORTS[filters.sort])


def partner_page(
    actor: Actor, filters: PartnerFilters, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> PartnerPage:
    """One page of `search_partners`, with the count of all matches."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    matches = search_partners(actor, filters)
    count = matches.count()
    return PartnerPage(items=list(matches[offset:offset + limit]), count=count, limit=limit,
                       offset=offset)


def capability_names(actor: Actor, prefix: str = "", limit: int = 50) -> list[str]:
    """Capability names in the directory (for suggestions), most common first."""
    names = PartnerCapability.objects.filter(partner__in=visible_partners(actor))
    if normalise_capability(prefix):
        names = names.filter(_capability_match(prefix))
    counted = names.values("name").annotate(n=Count("id")).order_by("-n", "name")[:limit]
    return [row["name"] for row in counted]


def partner_for(actor: Actor, partner_id: int) -> Partner:
    """One visible partner with its capabilities, prices and shipping zones."""
    if not 1 <= partner_id <= MAX_ID:
        raise NotFound("No such partner.")
    partner = (
        visible_partners(actor)
        .select_related("owner")
        .prefetch_related(
            Prefetch("capabilities", queryset=PartnerCapability.objects.order_by("kind", "name")),
            Prefetch("prices", queryset=PartnerPrice.objects.order_by("item", "min_quantity")),
            Prefetch("ships_to",
                     queryset=PartnerShippingZone.objects.order_by("transit_days", "country")),
        )
        .filter(pk=partner_id)
        .first()
    )
    if partner is None:
        raise NotFound("No such partner.")
    return partner


def capabilities_by_kind(partner: Partner) -> dict[str, list[str]]:
    """Capability names grouped by kind, in the order process, material, service."""
    grouped: dict[str, list[str]] = {kind: [] for kind in CapabilityKind.values}
    for capability in partner.capabilities.all():
        grouped[capability.kind].append(capability.name)
    return {kind: names for kind, names in grouped.items() if names}


@dataclass(frozen=True, slots=True)
class PriceRow:
    item: str
    unit: str
    min_quantity: int
    price: Money
    converted: Money | None


@dataclass(frozen=True, slots=True)
class PriceList:
    """The partner's price list with each line also in `currency` (None without a rate)."""

    rows: list[PriceRow]
    currency: str
    on: date
    rate: Rate | None
    no_rate: str  # why there is no conversion, or ""


def price_list(partner: Partner, currency: str, on: date | None = None) -> PriceList:
    """The price list converted into `currency` at the rate for `on` (today by default)."""
    on = on or clock.today()
    currency = places.currency_code(currency)
    lines = list(partner.prices.all())
    source = rates.current()
    try:
        rate = source.rate(partner.currency, currency, on)
    except NoRate as refusal:
        rows = [PriceRow(line.item, line.unit, line.min_quantity,
                         Money(line.price_minor, partner.currency), None) for line in lines]
        return PriceList(rows, currency, on, None, refusal.message)
    rows = []
    for line in lines:
        price = Money(line.price_minor, partner.currency)
        rows.append(PriceRow(line.item, line.unit, line.min_quantity, price,
                             convert(price, currency, on, source).target))
    return PriceList(rows, currency, on, rate, "")


@dataclass(frozen=True, slots=True)
class LocalTime:
    at: datetime
    offset_minutes: int


def local_time(partner: Partner, now: datetime | None = None) -> LocalTime:
    """The wall-clock time at the partner now, and its offset from UTC."""
    instant = now or clock.now()
    local = instant.astimezone(ZoneInfo(partner.time_zone))
    return LocalTime(local, places.utc_offset_minutes(partner.time_zone, instant))
