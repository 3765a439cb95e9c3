"""Pages: "Assemble a team" for a project, and the project's "Team clock".

Assemble shows the proposal of `work.assemble` (team, cost against budget, a 24-hour
UTC coverage bar, the next-best alternatives per seat) and sends the offers with one
button through `work.assemble_offers`. The team clock shows today's follow-the-sun
chain of the people under contract on the project (`domain.clock.plan`), with the gaps.
Views stay thin: reads through selectors, writes through services.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.clock import plan
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import assemble, clock_dial, clock_pages, selectors
from bornglobal.work.assemble_offers import parse_shown, send_team_offers

BAR_LEFT = 200
HOUR_WIDTH = 26
ROW_HEIGHT = 26
DAY_SECONDS = 86_400


@dataclass(frozen=True, slots=True)
class Segment:
    x: int
    width: int
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    y: int
    segments: tuple[Segment, ...]


def _chart(rows: list[tuple[str, list[tuple[int, int, str, str]]]]) -> dict:
    """A 24-hour UTC bar chart: rows of (label, [(start s, end s, kind, title)])."""
    scale = HOUR_WIDTH / 3600
    bars = [
        Bar(
            label,
            20 + index * ROW_HEIGHT,
            tuple(
                Segment(BAR_LEFT + round(a * scale), max(1, round((b - a) * scale)), kind, title)
                for a, b, kind, title in spans
            ),
        )
        for index, (label, spans) in enumerate(rows)
    ]
    ticks = [
        {"x": BAR_LEFT + hour * HOUR_WIDTH, "label": f"{hour:02d}"} for hour in range(0, 25, 3)
    ]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": BAR_LEFT + 24 * HOUR_WIDTH + 20,
        "height": 30 + len(rows) * ROW_HEIGHT,
        "left": BAR_LEFT,
        "right": BAR_LEFT + 24 * HOUR_WIDTH,
        "span": 24 * HOUR_WIDTH,
        "bar_height": ROW_HEIGHT - 8,
    }


def _hour_spans(hours, kind: str, title: str) -> list[tuple[int, int, str, str]]:
    return [(h * 3600, (h + 1) * 3600, kind, f"{title} {h:02d}:00 UTC") for h in hours]


def _mask_hours(mask: int) -> list[int]:
    return [h for h in range(24) if mask >> h & 1]


def _coverage_chart(proposal: assemble.Proposal) -> dict:
    rows = []
    if proposal.settings.hours_utc:
        rows.append(("Required", _hour_spans(proposal.settings.hours_utc, "viewer", "required")))
    for seat in proposal.seats:
        rows.append(
            (seat.person.name, _hour_spans(_mask_hours(seat.person.mask), "person", "works"))
        )
    if proposal.seats:
        rows.append(("Team", _hour_spans(proposal.covered_hours_utc, "overlap", "covered")))
    return _chart(rows)


def _settings(data) -> assemble.Settings:
    min_people = data.get("min_people") or "1"
    if not min_people.isdigit():
        raise DomainError("People per hour is a whole number.", code="invalid_min_people")
    on = None
    if data.get("on"):
        try:
            on = date.fromisoformat(data["on"])
        except ValueError:
            raise DomainError("The coverage date is not a date.", code="invalid_date") from None
    hours = assemble.parse_hours(data.get("hours_utc", ""))
    return assemble.Settings(hours, int(min_people), on)


@login_required
@refusals_as_http
def assemble_team(request, venture_id: int, project_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_VENTURE)
    project = assemble.project_to_assemble(request.actor, venture_id, project_id)
    locale, proposal, error = viewer_locale(request.user), None, None
    try:
        settings = _settings(request.GET)
        proposal = assemble.propose(request.actor, venture_id, project_id, settings)
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        error = f"{refused.message} ({refused.code})"
    context = {
        "venture": venture,
        "project": project,
        "proposal": proposal,
        "error": error,
        "locale": locale,
        "hours_utc": request.GET.get("hours_utc", ""),
        "min_people": request.GET.get("min_people", "1"),
        "chart": _coverage_chart(proposal) if proposal else None,
        "seats": _seats(proposal, locale) if proposal else [],
        "total": (
            proposal.total.format(locale) if proposal and proposal.total is not None else None
        ),
        "budget": project.budget.format(locale),
        "remaining": (
            proposal.remaining.format(locale)
            if proposal and proposal.remaining is not None
            else None
        ),
    }
    return render(request, "work/assemble.html", context)


def _hour_list(hours) -> str:
    return ", ".join(f"{h:02d}" for h in hours) or "none"


def _seats(proposal: assemble.Proposal, locale: str) -> list[dict]:
    places, seen = [], Counter()
    for seat in proposal.seats:
        seen[seat.role.id] += 1
        places.append(seen[seat.role.id])
    return [
        {
            "seat": seat,
            "place": place,
            "cost": seat.cost.format(locale),
            "rate": seat.person.rate.format(locale),
            "alternatives": [
                {
                    "alt": alt,
                    "cost": alt.cost.format(locale),
                    "delta": ("+" if alt.delta.minor > 0 else "") + alt.delta.format(locale),
                    "lost": _hour_list(alt.hours_lost),
                    "gained": _hour_list(alt.hours_gained),
                }
                for alt in seat.alternatives
            ],
        }
        for seat, place in zip(proposal.seats, places, strict=True)
    ]


@login_required
@require_POST
@refusals_as_http
def assemble_offers(request, venture_id: int, project_id: int):
    back = reverse("work_assemble", args=[venture_id, project_id])
    assemble.project_to_assemble(request.actor, venture_id, project_id)
    try:
        settings = _settings(request.POST)
        shown = parse_shown(request.POST.getlist("seat"))
        offers = send_team_offers(request.actor, venture_id, project_id, settings, shown)
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        messages.error(request, f"{refused.message} ({refused.code})")
        return redirect(back)
    messages.success(request, f"{len(offers)} offer(s) sent.")
    return redirect("work_board", venture_id, project_id)


def _seconds(instant: datetime, midnight: datetime) -> int:
    return int((instant - midnight).total_seconds())


def _bars(people, day, today) -> dict:
    midnight = datetime.combine(today, time(0), tzinfo=UTC)
    rows = []
    for person in people:
        spans = [
            (_seconds(s.start, midnight), _seconds(s.end, midnight), "person", "works")
            for s in day.shifts
            if s.member == person.member.name
        ]
        rows.append((person.member.name, spans))
    gaps = [(_seconds(a, midnight), _seconds(b, midnight), "gap", "nobody on") for a, b in day.gaps]
    rows.append(("Gaps", gaps))
    return _chart(rows)


@login_required
@refusals_as_http
def team_clock(request, venture_id: int, project_id: int):
    """Today's chain on a dial and bars, with the estimate and rota forms (htmx partials)."""
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_MONEY)
    found = selectors.board(request.actor, venture_id, project_id)
    people = clock_pages.clock_people(found.contracts)
    now = clock.now()
    today = now.date()
    team = tuple(p.member for p in people)
    context = {"venture": venture, "project": found.project, "today": today, "people": people}
    if people:
        day = plan(team, today, today).days[0]
        context |= {
            "day": day,
            "dial": clock_dial.dial(list(team), day, now),
            "chart": _bars(people, day, today),
            "gaps": [(a, b if b.date() == today else None) for a, b in day.gaps],
            "estimate": clock_pages.estimate_form(team, request.GET, now),
            "rota": clock_pages.rota_form(team, request.GET, today),
        }
        rota = context["rota"]["result"]
        if rota is not None:
            context["rota_grid"] = clock_pages.rota_grid(rota)
            context["rota_runs"] = clock_pages.uncovered_runs(rota)
            context["rota_hours"] = [f"{h:02d}" for h in range(24)]
    if request.htmx and people:
        if "effort_hours" in request.GET:
            return render(request, "work/team_clock_estimate.html", context)
        if "min_people" in request.GET:
            return render(request, "work/team_clock_rota.html", context)
    return render(request, "work/team_clock.html", context)
