"""The talent search page: live filters (htmx) over `network.search`. Thin.

The filter form is a plain GET form, so the URL carries every filter and the page
works without JavaScript; with htmx, typing or changing a filter re-renders only
the result list (`search_results.html`) and pushes the URL.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET
from pydantic import ValidationError

from bornglobal.domain import regions
from bornglobal.domain.errors import DomainError
from bornglobal.network.api_search import SearchParams, query_from
from bornglobal.network.search import search
from bornglobal.network.search_query import LEVELS, Sort
from bornglobal.tenancy.actors import session_actor

LIST_FIELDS = ("skill", "country", "language")
FIELD_NAMES = {
    "q": "Search", "region": "Region", "language": "Language", "overlap_hours": "Overlap",
    "zone": "Time zone", "start": "From", "end": "To", "date": "Date", "rate_min": "Rate from",
    "rate_max": "Rate to", "min_hours": "Hours free per week", "min_reputation": "Reputation",
    "sort": "Sort", "limit": "Per page", "offset": "Page",
}


def _raw(request) -> dict:
    raw = {key: request.GET.get(key, "") for key in SearchParams.model_fields}
    for key in LIST_FIELDS:
        raw[key] = [value for value in request.GET.getlist(key) if value.strip()]
    for key in ("min_hours", "min_reputation", "limit", "offset"):
        if not raw[key]:
            raw.pop(key)
    if not raw["sort"]:
        raw.pop("sort")
    return raw


def _profile_url(profile_id: int) -> str:
    try:
        return reverse("network_profile", args=[profile_id])
    except NoReverseMatch:
        return f"/network/profiles/{profile_id}/"


def _page_links(request, page, limit: int, offset: int) -> dict:
    def at(new_offset: int) -> str:
        params = request.GET.copy()
        params["offset"] = str(new_offset)
        return f"?{params.urlencode()}"

    return {
        "previous_url": at(max(0, offset - limit)) if offset else "",
        "next_url": at(offset + limit) if page.has_more else "",
    }


def results_context(request) -> dict:
    """The result list for the filters in the URL, or the message for a bad filter."""
    raw = _raw(request)
    context = {"raw": raw, "page": None, "error": ""}
    try:
        params = SearchParams(**raw)
        query = query_from(params)
        page = search(session_actor(request.user), query)
    except ValidationError as invalid:
        first = invalid.errors()[0]
        field = FIELD_NAMES.get(str(first["loc"][0]), str(first["loc"][0]))
        context["error"] = f"{field}: {first['msg']}."
        return context
    except DomainError as refusal:
        context["error"] = refusal.message
        return context
    context["page"] = page
    context["results"] = [
        {"item": item, "url": _profile_url(item.profile_id)} for item in page.items
    ]
    context.update(_page_links(request, page, query.limit, query.offset))
    return context


@login_required
@require_GET
def talent_search(request):
    """The page, or only its result list when htmx asks."""
    context = results_context(request)
    if request.htmx:
        return render(request, "network/search_results.html", context)
    context.update(
        regions=regions.all_regions(),
        levels=LEVELS,
        sorts=[sort.value for sort in Sort],
        viewer_currency=request.user.currency,
        language_value=(context["raw"]["language"] or [""])[0],
    )
    return render(request, "network/search.html", context)
