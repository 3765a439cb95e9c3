"""Pages: "Assemble a team" for a project, and the project's "Team clock".

Assemble shows the proposal of `work.assemble` (team, cost against budget, a 24-hour
UTC coverage bar, the next-best alternatives per seat) and sends the offers with one
button through `work.assemble_offers`. The team clock shows today's follow-the-sun
chain of the people under contract on the project (`domain.clock.plan`), with the gaps.
Views stay thin: reads through selectors, writes through services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock import plan
from bornglobal.domain.clock_team import Member
from bornglobal.domain.contracts import ContractState
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import assemble, selectors
from bornglobal.work.assemble_offers import send_team_offers

BAR_LEFT = 150
HOUR_WIDTH = 26
ROW_HEIGHT = 26
DAY_SECONDS = 86_400
OPEN_STATES = (ContractState.ACTIVE, ContractState.PAUSED, ContractState.DISPUTED)


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
    return assemble.Settings(assemble.parse_hours(data.get("hours_utc", "")), int(min_people))


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
    return [
        {
            "seat": seat,
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
        for seat in proposal.seats
    ]


@login_required
@require_POST
@refusals_as_http
def assemble_offers(request, venture_id: int, project_id: int):
    back = reverse("work_assemble", args=[venture_id, project_id])
    try:
        settings = _settings(request.POST)
        offers = send_team_offers(request.actor, venture_id, project_id, settings)
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        messages.error(request, f"{refused.message} ({refused.code})")
        return redirect(back)
    messages.success(request, f"{len(offers)} offer(s) sent.")
    return redirect("work_board", venture_id, project_id)


def _member(contract) -> tuple[Member, str]:
    """The freelancer's working week from their profile; 09:00-17:00 Mon-Fri without one."""
    person = contract.freelancer
    profile = getattr(person, "profile", None)
    name = f"{person.full_name or person.email} ({contract.role.title})"
    if profile is None:
        week = WorkingWeek(person.time_zone or "UTC", time(9), time(17), frozenset(range(1, 6)))
        return Member(name, week), "no profile: 09:00-17:00 Mon-Fri in their zone assumed"
    pattern = profile.pattern
    week = WorkingWeek(
        pattern.time_zone,
        pattern.start,
        pattern.end,
        frozenset(int(d) for d in pattern.days),
        pattern.holidays_country or None,
        pattern.holidays_subdivision or None,
    )
    return Member(name, week), f"{pattern.start:%H:%M}-{pattern.end:%H:%M} {pattern.time_zone}"


def _seconds(instant: datetime, midnight: datetime) -> int:
    return int((instant - midnight).total_seconds())


@login_required
@refusals_as_http
def team_clock(request, venture_id: int, project_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_MONEY)
    found = selectors.board(request.actor, venture_id, project_id)
    contracts = [c for c in found.contracts if c.state in OPEN_STATES]
    today = clock.now().date()
    members = [_member(c) for c in contracts]
    day, chart = None, None
    if members:
        names: set[str] = set()
        unique = []
        for member, note in members:
            if member.name.casefold() not in names:
                names.add(member.name.casefold())
                unique.append((member, note))
        members = unique
        day = plan([m for m, _ in members], today, today).days[0]
        midnight = datetime.combine(today, time(0), tzinfo=UTC)
        rows = []
        for member, _ in members:
            spans = [
                (_seconds(s.start, midnight), _seconds(s.end, midnight), "person", "works")
                for s in day.shifts
                if s.member == member.name
            ]
            rows.append((member.name, spans))
        rows.append(
            (
                "Gaps",
                [
                    (_seconds(a, midnight), _seconds(b, midnight), "gap", "nobody on")
                    for a, b in day.gaps
                ],
            )
        )
        chart = _chart(rows)
    context = {
        "venture": venture,
        "project": found.project,
        "today": today,
        "members": members,
        "day": day,
        "chart": chart,
        "gaps": [(a, b if b.date() == today else None) for a, b in day.gaps] if day else [],
        "next_day": today + timedelta(days=1),
    }
    return render(request, "work/team_clock.html", context)
