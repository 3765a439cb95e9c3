"""Partner pages: the directory with live filters, a partner's page, and the listing
editor for its owner. Thin: reads through `selectors_partners`, writes through `partners`.

The directory is a GET form. With htmx, changing a filter asks the same URL for the
results list only (and pushes the filtered URL into the history); without JavaScript the
form submits and the whole page comes back filtered.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.money.views_shared import viewer_locale
from bornglobal.network import partners, selectors_partners
from bornglobal.network.forms_partners import PartnerFilterForm, PartnerForm, initial_for
from bornglobal.network.models import CapabilityKind, Partner, PartnerKind
from bornglobal.tenancy.forms import currency_choices
from bornglobal.tenancy.views import clock_label, offset_label, refusals_as_http

PAGE_SIZE = 20
KIND_LABELS = dict(PartnerKind.choices)
ABBREVIATED_UNITS = frozenset({"kg", "g", "t", "cbm", "m", "km", "l"})
CARD_ORDER = {CapabilityKind.PROCESS: 0, CapabilityKind.SERVICE: 1, CapabilityKind.MATERIAL: 2}
CAPABILITY_HEADINGS = {CapabilityKind.PROCESS: "Processes", CapabilityKind.MATERIAL: "Materials",
                       CapabilityKind.SERVICE: "Services"}


@dataclass(frozen=True, slots=True)
class PartnerCard:
    partner: Partner
    kind_label: str
    country_name: str
    local_time: str
    capabilities: list[str]
    more_capabilities: int
    min_order: str


def quantity_label(quantity: int, unit: str, locale: str = "en") -> str:
    """ "2,500 sheets", "1 hour", "5 kg": the number in the viewer's locale, a plain English
    plural for a word unit (units are typed in the singular)."""
    number = format_decimal(quantity, locale=locale)
    if quantity == 1 or not unit.isalpha() or unit in ABBREVIATED_UNITS or unit.endswith("s"):
        return f"{number} {unit}"
    plural = f"{unit}es" if unit.endswith(("x", "ch", "sh")) else f"{unit}s"
    return f"{number} {plural}"


def _card(partner: Partner, now, locale: str) -> PartnerCard:
    capabilities = sorted(partner.capabilities.all(),
                          key=lambda c: (CARD_ORDER.get(c.kind, 9), c.name))
    names = [capability.name for capability in capabilities]
    return PartnerCard(partner, KIND_LABELS.get(partner.kind, partner.kind),
                       places.country_name(partner.country), clock_label(partner.time_zone, now),
                       names[:5], max(0, len(names) - 5),
                       quantity_label(partner.min_order_quantity, partner.min_order_unit, locale))


def _offset(request) -> int:
    raw = request.GET.get("offset", "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0


def _page_link(request, offset: int | None) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["offset"] = str(offset)
    return f"{reverse('network_partners')}?{query.urlencode()}"


def _directory_context(request) -> dict:
    form = PartnerFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    try:
        page = selectors_partners.partner_page(request.actor, form.filters(), PAGE_SIZE,
                                               _offset(request))
    except DomainError as error:
        form.add_error(None, error.message)
        page = selectors_partners.PartnerPage([], 0, PAGE_SIZE, 0)
    now = clock.now()
    shown_to = page.offset + len(page.items)
    return {
        "form": form, "page": page,
        "cards": [_card(p, now, viewer_locale(request.user)) for p in page.items],
        "shown_from": page.offset + 1 if page.items else 0, "shown_to": shown_to,
        "next_url": _page_link(request, page.next_offset),
        "previous_url": _page_link(request, page.previous_offset),
    }


@login_required
@require_GET
def directory(request):
    """The partner directory; the results list alone for an htmx request."""
    context = _directory_context(request)
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "network/partner_results.html", context)
    context["capability_names"] = selectors_partners.capability_names(request.actor, limit=200)
    return render(request, "network/partners.html", context)


def _price_rows(price_list: selectors_partners.PriceList, locale: str) -> list[dict]:
    return [{"item": row.item, "unit": row.unit,
             "from": quantity_label(row.min_quantity, row.unit, locale),
             "price": row.price.format(locale),
             "converted": row.converted.format(locale) if row.converted else ""}
            for row in price_list.rows]


def _viewer_currency(request) -> str:
    raw = request.GET.get("currency", "")
    try:
        return places.currency_code(raw) if raw else request.user.currency
    except DomainError:
        return request.user.currency


@login_required
@require_GET
@refusals_as_http
def detail(request, partner_id: int):
    partner = selectors_partners.partner_for(request.actor, partner_id)
    currency = _viewer_currency(request)
    price_list = selectors_partners.price_list(partner, currency)
    local = selectors_partners.local_time(partner, clock.now())
    groups = selectors_partners.capabilities_by_kind(partner)
    locale = viewer_locale(request.user)
    zones = [{"country": z.country, "name": places.country_name(z.country),
              "transit_days": z.transit_days} for z in partner.ships_to.all()]
    return render(request, "network/partner_detail.html", {
        "partner": partner, "kind_label": KIND_LABELS.get(partner.kind, partner.kind),
        "country_name": places.country_name(partner.country),
        "local_time": f"{local.at:%H:%M} {local.at:%a}", "offset": offset_label(
            local.offset_minutes),
        "groups": [(CAPABILITY_HEADINGS[kind], names) for kind, names in groups.items()],
        "prices": _price_rows(price_list, locale),
        "min_order": quantity_label(partner.min_order_quantity, partner.min_order_unit, locale),
        "price_list": price_list, "same_currency": currency == partner.currency,
        "zones": zones, "yours": partner.owner_id == request.user.id,
        "currency": currency, "currency_choices": currency_choices(),
    })


def _save(request, form: PartnerForm, partner_id: int | None):
    listing = form.listing()
    if listing is None:
        return None
    try:
        if partner_id is None:
            return partners.create_partner(request.actor, listing)
        return partners.update_partner(request.actor, partner_id, listing)
    except DomainError as error:
        if isinstance(error, NotFound | Forbidden):
            raise
        form.show_error(error)
        return None


def _editor(request, form: PartnerForm, partner: Partner | None, status: int = 200):
    return render(request, "network/partner_form.html",
                  {"form": form, "partner": partner}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@refusals_as_http
def new(request):
    """List a partner business (the user becomes its owner)."""
    if request.method == "GET":
        user = request.user
        return _editor(request, PartnerForm(initial={
            "country": user.country, "time_zone": user.time_zone, "currency": user.currency,
            "listed": True}), None)
    form = PartnerForm(request.POST)
    partner = _save(request, form, None)
    if partner is None:
        return _editor(request, form, None)
    messages.success(request, f"{partner.name} is listed.")
    return redirect("network_partner", partner_id=partner.id)


@login_required
@require_http_methods(["GET", "POST"])
@refusals_as_http
def edit(request, partner_id: int):
    """Change one's own listing; anyone else gets 403 (or 404 for an unlisted one)."""
    partner = selectors_partners.partner_for(request.actor, partner_id)
    if partner.owner_id != request.user.id:
        raise PermissionDenied("Only the owner of a listing may change it.")
    if request.method == "GET":
        return _editor(request, PartnerForm(initial=initial_for(partner)), partner)
    form = PartnerForm(request.POST)
    saved = _save(request, form, partner_id)
    if saved is None:
        return _editor(request, form, partner)
    messages.success(request, f"{saved.name} is saved.")
    return redirect("network_partner", partner_id=saved.id)
