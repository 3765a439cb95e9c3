"""The profile page (with the 24-hour clock) and the "My profile" editing page. Thin.

The clock is an inline SVG drawn on the server from `domain.clockface`: the
viewer's working window (outer ring) and the freelancer's (inner ring) on the
chosen date, in the viewer's zone, with the overlap between them. The same
windows are listed as text for screen readers and for anyone who prefers words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from bornglobal import clock
from bornglobal.domain import clockface, places
from bornglobal.domain.availability import WorkingWeek, overlap_hours_on, windows_between
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.money.views_shared import viewer_locale
from bornglobal.network import forms_profiles as forms
from bornglobal.network import profiles, selectors
from bornglobal.network import selectors_profiles as profile_selectors
from bornglobal.network.schemas_profiles import language_name
from bornglobal.tenancy.views import refusals_as_http

CENTRE = clockface.Point(130, 130)
VIEWER_RING, PERSON_RING, OVERLAP_RING = (104, 88), (82, 66), (60, 50)
DIAL_RADIUS = 104
SKILL_OPTIONS = 8


@dataclass(frozen=True, slots=True)
class ClockDrawing:
    day: date
    zone: str
    viewer: clockface.Ring
    person: clockface.Ring
    overlap: clockface.Ring
    ticks: list[clockface.Tick]
    hand: clockface.Point | None
    overlap_hours: str


def _windows(week: WorkingWeek, day: date):
    return windows_between(week, day - timedelta(days=2), day + timedelta(days=2))


def clock_drawing(person: WorkingWeek, viewer: WorkingWeek, day: date) -> ClockDrawing:
    """Both working windows on the viewer's dial for `day`, and the overlap hours."""
    zone = viewer.zone
    viewer_arcs = clockface.arcs_on(_windows(viewer, day), zone, day)
    person_arcs = clockface.arcs_on(_windows(person, day), zone, day)
    overlap_arcs = clockface.intersect(viewer_arcs, person_arcs)
    now = clock.now().astimezone(ZoneInfo(zone))
    hand = None
    if now.date() == day:
        seconds = now.hour * 3600 + now.minute * 60
        hand = clockface.point(seconds, PERSON_RING[1] - 4, CENTRE)
    return ClockDrawing(
        day=day, zone=zone,
        viewer=clockface.ring("viewer", viewer_arcs, *VIEWER_RING, CENTRE),
        person=clockface.ring("person", person_arcs, *PERSON_RING, CENTRE),
        overlap=clockface.ring("overlap", overlap_arcs, *OVERLAP_RING, CENTRE),
        ticks=clockface.ticks(CENTRE, DIAL_RADIUS + 4), hand=hand,
        overlap_hours=str(overlap_hours_on(person, viewer, day)),
    )


def _chosen_day(raw: str | None, zone: str) -> tuple[date, str]:
    today = clock.now().astimezone(ZoneInfo(zone)).date()
    if not raw:
        return today, ""
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return today, f"{raw!r} is not a date (YYYY-MM-DD); showing today."
    if not 1900 <= day.year <= 2999:
        return today, "Choose a date between 1900 and 2999; showing today."
    return day, ""


def _local_time(zone: str) -> str:
    now = clock.now()
    minutes = places.utc_offset_minutes(zone, now)
    sign = "+" if minutes >= 0 else "-"
    offset = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{now.astimezone(ZoneInfo(zone)):%H:%M, %a %d %b} ({offset})"


def profile_context(actor, profile, day: date, viewer: WorkingWeek) -> dict:
    locale = viewer_locale(actor.user)
    person = profile_selectors.week_of(profile.pattern)
    rate = profile_selectors.rate(profile)
    converted = None
    if actor.user.currency != profile.currency:
        converted = profile_selectors.rate_in(profile, actor.user.currency, day)
    return {
        "profile": profile,
        "person": profile.user,
        "country": places.country_name(profile.country),
        "local_time": _local_time(person.zone),
        "pattern": profile.pattern,
        "days_text": ", ".join(name for value, name in forms.WEEKDAYS
                               if value in profile.pattern.days),
        "rate": rate.format(locale),
        "converted": converted,
        "converted_rate": converted.target.format(locale) if converted else "",
        "viewer_currency": actor.user.currency,
        "skills": list(profile.skills.all()),
        "languages": [(language_name(lang.language), lang) for lang in profile.languages.all()],
        "portfolio": list(profile.portfolio.all()),
        "clock": clock_drawing(person, viewer, day),
        "viewer_week": viewer,
        "payout": profile_selectors.payout_details(actor, profile),
        "tax_residencies": profile_selectors.tax_residencies(actor, profile),
        "is_owner": profile_selectors.is_owner(actor, profile),
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
    }


@never_cache
@login_required
@require_GET
@refusals_as_http
def profile_page(request, profile_id: int):
    actor = request.actor
    profile = profile_selectors.profile_for(actor, profile_id)
    viewer = profile_selectors.viewer_week(actor)
    day, day_error = _chosen_day(request.GET.get("on"), viewer.zone)
    context = profile_context(actor, profile, day, viewer)
    context["day_error"] = day_error
    return render(request, "network/profile.html", context)


def _save(request, actor, form) -> bool:
    skills, skill_errors = forms.skill_rows(request.POST)
    if not form.is_valid() or skill_errors:
        return _refused(request, skill_errors)
    data = form.cleaned_data
    details = profiles.ProfileDetails(
        headline=data["headline"], bio=data["bio"], country=data["country"], city=data["city"],
        working_hours=form.working_hours(), rate=data["rate"], currency=data["currency"],
        hours_per_week=data["hours_per_week"], listed=data["listed"], skills=tuple(skills),
        languages=tuple(forms.language_rows(request.POST)))
    try:
        profiles.save_profile(actor, details)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        if error.code in forms.SKILL_ERRORS:
            return _refused(request, [error.message])
        if error.code in forms.LANGUAGE_ERRORS:
            request.language_errors = [error.message]
            return False
        forms.show_error(form, error, forms.FIELD_OF_ERROR)
        return False
    return True


def _refused(request, skill_errors: list[str]) -> bool:
    request.skill_errors = skill_errors
    return False


def _profile_form(actor) -> forms.FreelancerProfileForm:
    return forms.FreelancerProfileForm(
        initial=forms.initial_of(profile_selectors.my_profile(actor), actor.user))


def my_profile_context(request, actor, form, portfolio_form=None, tax_form=None) -> dict:
    profile = profile_selectors.my_profile(actor)
    return {
        "form": form,
        "profile": profile,
        "skills": list(profile.skills.all()) if profile else [],
        "languages": [(language_name(lang.language), lang)
                      for lang in profile.languages.all()] if profile else [],
        "portfolio": list(profile.portfolio.all()) if profile else [],
        "tax_residencies": profile_selectors.tax_residencies(actor, profile) if profile else [],
        "skill_levels": forms.SKILL_LEVELS,
        "language_levels": forms.LANGUAGE_LEVELS,
        "language_choices": forms.language_choices(),
        "skill_errors": getattr(request, "skill_errors", []),
        "language_errors": getattr(request, "language_errors", []),
        "posted": request.POST if request.method == "POST" else {},
        "portfolio_form": portfolio_form or forms.PortfolioForm(),
        "tax_form": tax_form or forms.TaxResidencyForm(
            initial={"country": profile.country if profile else actor.user.country}),
    }


@never_cache
@login_required
@refusals_as_http
def my_profile(request):
    actor = request.actor
    profile = profile_selectors.my_profile(actor)
    form = forms.FreelancerProfileForm(request.POST or None,
                                       initial=forms.initial_of(profile, actor.user))
    if request.method == "POST" and _save(request, actor, form):
        messages.success(request, "Your profile is saved.")
        return redirect("network_my_profile")
    return render(request, "network/my_profile.html", my_profile_context(request, actor, form))


@login_required
@require_POST
@refusals_as_http
def my_portfolio_add(request):
    actor = request.actor
    portfolio_form = forms.PortfolioForm(request.POST)
    if portfolio_form.is_valid():
        data = portfolio_form.cleaned_data
        try:
            profiles.add_portfolio_item(actor, data["title"], data["url"], data["description"],
                                        data["year"])
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            forms.show_error(portfolio_form, error, {"invalid_title": "title",
                                                     "invalid_url": "url", "invalid_year": "year",
                                                     "invalid_description": "description"})
        else:
            messages.success(request, f"\"{data['title']}\" is in your portfolio.")
            return redirect("network_my_profile")
    form = _profile_form(actor)
    context = my_profile_context(request, actor, form, portfolio_form=portfolio_form)
    return render(request, "network/my_profile.html", context)


@login_required
@require_POST
@refusals_as_http
def my_portfolio_remove(request, item_id: int):
    profiles.remove_portfolio_item(request.actor, item_id)
    messages.success(request, "The portfolio item is removed.")
    return redirect("network_my_profile")


@login_required
@require_POST
@refusals_as_http
def my_tax_residency_add(request):
    actor = request.actor
    tax_form = forms.TaxResidencyForm(request.POST)
    if tax_form.is_valid():
        data = tax_form.cleaned_data
        try:
            profiles.add_tax_residency(actor, data["country"], data["tax_id"], data["since"])
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            forms.show_error(tax_form, error, {"invalid_tax_id": "tax_id",
                                               "invalid_country": "country",
                                               "invalid_since": "since",
                                               "tax_residency_exists": "since"})
        else:
            messages.success(request, "Your tax residency is recorded.")
            return redirect("network_my_profile")
    form = _profile_form(actor)
    return render(request, "network/my_profile.html",
                  my_profile_context(request, actor, form, tax_form=tax_form))


@login_required
@require_POST
@refusals_as_http
def my_tax_residency_remove(request, residency_id: int):
    profiles.remove_tax_residency(request.actor, residency_id)
    messages.success(request, "The tax residency is removed.")
    return redirect("network_my_profile")


@login_required
@require_GET
def skill_options(request):
    """`<option>`s of ESCO labels for the "add a skill" box (htmx fills its datalist)."""
    query = " ".join(request.GET.get("add_skill", "").split())[:100]
    skills = selectors.autocomplete(query, SKILL_OPTIONS) if query else []
    return render(request, "network/my_profile_skill_options.html", {"skills": skills})
