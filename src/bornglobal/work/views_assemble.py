"""Pages: "Assemble a team" for a project, and the project's "Team clock".

Assemble starts a proposal job ("Propose"), shows its progress and then the proposal
of `work.assemble` (team, cost against budget, a 24-hour UTC coverage bar, the
next-best alternatives per seat; drawn by `work.jobs_pages`), and sends the offers
with one button, as a job too (`work.assemble_offers`). The team clock shows today's
follow-the-sun chain of the people under contract on the project
(`domain.clock.plan`), with the gaps, the estimate form (bounded: answered in the
request) and the rota form (a job). Pages that start a job redirect to themselves
with the job's id (`?job=` / `?rota_job=`) and include its progress fragment, which
htmx polls every second. Views stay thin: reads through selectors, writes through
services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.clock import plan
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action
from bornglobal.jobs import selectors as jobs
from bornglobal.jobs.models import JobKind
from bornglobal.jobs.views import job_context
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import assemble, clock_dial, clock_pages, jobs_teams, selectors
from bornglobal.work.assemble_offers import parse_shown
from bornglobal.work.page_actions import new_key

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


def bar_chart(rows: list[tuple[str, list[tuple[int, int, str, str]]]]) -> dict:
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


def hour_spans(hours, kind: str, title: str) -> list[tuple[int, int, str, str]]:
    return [(h * 3600, (h + 1) * 3600, kind, f"{title} {h:02d}:00 UTC") for h in hours]


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


def _job_of(request, name: str, project_id: int, kinds: tuple[JobKind, ...]):
    """The job named in the query (`?job=`) if the viewer may see it and it is one of this
    project's `kinds`; else None."""
    job_id = request.GET.get(name, "")
    if not job_id.isdigit():
        return None
    try:
        job = jobs.job_for(request.actor, int(job_id))
    except NotFound:
        return None
    if job.kind not in kinds or job.input.get("project_id") != project_id:
        return None
    return job


@login_required
@refusals_as_http
def assemble_team(request, venture_id: int, project_id: int):
    """The coverage form ("Propose") and, with `?job=`, that proposal's or offers' job."""
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_VENTURE)
    project = assemble.project_to_assemble(request.actor, venture_id, project_id)
    job = _job_of(
        request, "job", project_id, (JobKind.ASSEMBLE_PROPOSAL, JobKind.ASSEMBLE_OFFERS)
    )
    context = {
        "venture": venture,
        "project": project,
        "hours_utc": request.GET.get("hours_utc", ""),
        "min_people": request.GET.get("min_people", "1"),
        "key": new_key(),
        "budget": project.budget.format(),
        **(job_context(request, job) if job else {"job": None}),
    }
    return render(request, "work/assemble.html", context)


def _back_to_assemble(venture_id: int, project_id: int, job=None, data=None) -> str:
    query = {}
    if data is not None:
        query |= {k: data.get(k, "") for k in ("hours_utc", "min_people") if data.get(k)}
    if job is not None:
        query["job"] = job.id
    url = reverse("work_assemble", args=[venture_id, project_id])
    return f"{url}?{urlencode(query)}" if query else url


@login_required
@require_POST
@refusals_as_http
def assemble_propose(request, venture_id: int, project_id: int):
    """Start a proposal job, then show it on the Assemble page."""
    return _start_job(
        request, venture_id, project_id,
        lambda key: jobs_teams.start_proposal(
            request.actor, venture_id, project_id, _settings(request.POST), key
        ),
    )  # fmt: skip


@login_required
@require_POST
@refusals_as_http
def assemble_offers(request, venture_id: int, project_id: int):
    """Start sending the offers to the team shown, as a job, then show it."""
    return _start_job(
        request, venture_id, project_id,
        lambda key: jobs_teams.start_offers(
            request.actor, venture_id, project_id, _settings(request.POST),
            parse_shown(request.POST.getlist("seat")), key,
        ),
    )  # fmt: skip


def _start_job(request, venture_id: int, project_id: int, start):
    """Check the project, start the job (`start(idempotency_key)`) and show it on the
    Assemble page; a refusal other than 404/403 comes back as a message on the form."""
    assemble.project_to_assemble(request.actor, venture_id, project_id)
    try:
        job = start(request.POST.get("idempotency_key") or None)
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        messages.error(request, f"{refused.message} ({refused.code})")
        return redirect(_back_to_assemble(venture_id, project_id, data=request.POST))
    return redirect(_back_to_assemble(venture_id, project_id, job, request.POST))


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
    return bar_chart(rows)


def _clock(request, venture_id: int, project_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_MONEY)
    found = selectors.board(request.actor, venture_id, project_id)
    return venture, found, clock_pages.clock_people(found.contracts)


@login_required
@refusals_as_http
def team_clock(request, venture_id: int, project_id: int):
    """Today's chain on a dial and bars, the estimate form (an htmx partial) and the rota
    form, whose job (`?rota_job=`) is shown with its progress."""
    venture, found, people = _clock(request, venture_id, project_id)
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
            "rota": clock_pages.rota_form(request.GET, today),
            "rota_key": new_key(),
        }
        job = _job_of(request, "rota_job", found.project.id, (JobKind.CLOCK_ROTA,))
        if job is not None:
            context |= job_context(request, job)
    if request.htmx and people and "effort_hours" in request.GET:
        return render(request, "work/team_clock_estimate.html", context)
    return render(request, "work/team_clock.html", context)


@login_required
@require_POST
@refusals_as_http
def team_clock_rota(request, venture_id: int, project_id: int):
    """Start a rota job for the people on the clock: htmx gets the job's fragment, a plain
    form post goes back to the team clock showing the job."""
    venture, found, people = _clock(request, venture_id, project_id)
    back = reverse("work_team_clock", args=[venture_id, project_id])
    try:
        if not people:
            raise DomainError("Nobody is under contract on this project.", code="empty_team")
        job = clock_pages.start_rota(
            request.actor, venture.id, found.project.id, people, request.POST,
            clock.now().date(), request.POST.get("idempotency_key") or None,
        )  # fmt: skip
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        if request.htmx:
            error = f"{refused.message} ({refused.code})"
            return render(request, "work/team_clock_rota_error.html", {"error": error})
        messages.error(request, f"{refused.message} ({refused.code})")
        return redirect(back)
    if request.htmx:
        return render(request, "jobs/_job.html", job_context(request, job))
    query = {k: request.POST.get(k, "") for k in ("week_of", "min_people", "hours_utc",
                                                   "time_limit")}  # fmt: skip
    return redirect(f"{back}?{urlencode({**query, 'rota_job': job.id})}#rota")
