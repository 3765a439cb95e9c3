"""The Teams page: each project's team on the clock, and a tool to solve a teams instance.

`teams_home` lists the venture's projects with their status, the seats their roles
need, the people under contract (zone and local time now; only for members who see
the books, like the board) and links to "Assemble a team" and the team clock.
`teams_solve` takes a teams instance (docs/teams.md) pasted or uploaded, checks it
and starts a solve job, like `POST /api/v1/teams/solve` (`work.jobs_teams`); the page
comes back with `?job=` and shows the job's progress (htmx polls its fragment every
second) and then the solver's answer. Thin: reads through selectors, the work in
domain and in the background worker.
"""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.jobs import selectors as jobs
from bornglobal.jobs.models import JobKind
from bornglobal.jobs.views import job_context
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import jobs_teams, selectors
from bornglobal.work.clock_inputs import MAX_INSTANCE_BYTES, MAX_TIME_LIMIT, json_document
from bornglobal.work.clock_pages import OPEN_STATES, clock_people
from bornglobal.work.page_actions import new_key

SHOWN_TEXT_CHARACTERS = 200_000
EXAMPLE = {
    "currency": "EUR",
    "date": "2026-03-02",
    "budget_minor": 2_500_000,
    "coverage": {"hours_utc": list(range(4, 16)), "min_people": 1},
    "fx": {"INR": "0.0109", "USD": "0.92"},
    "roles": [
        {"id": "backend", "skills": {"python": 3}, "hours": 160, "count": 1},
        {"id": "design", "skills": {"figma": 3}, "hours": 40, "count": 1},
    ],
    "candidates": [
        {"id": "priya", "skills": {"python": 4}, "rate_minor": 450_000, "currency": "INR",
         "rating": 4.8, "zone": "Asia/Kolkata", "work_start": "09:00", "work_end": "17:00",
         "available_hours": 200},
        {"id": "anna", "skills": {"python": 3, "figma": 4}, "rate_minor": 6_000,
         "currency": "EUR", "rating": 4.6, "zone": "Europe/Berlin", "work_start": "09:00",
         "work_end": "17:00", "available_hours": 160},
        {"id": "pat", "skills": {"figma": 3}, "rate_minor": 5_000, "currency": "USD",
         "rating": 4.2, "zone": "America/Phoenix", "work_start": "08:00", "work_end": "16:00",
         "available_hours": 80},
    ],
}  # fmt: skip


def example_text() -> str:
    """The example instance, one top-level field and one role or candidate per line."""
    lines = []
    for key, value in EXAMPLE.items():
        if isinstance(value, list):
            inner = ",\n".join(f"    {json.dumps(item)}" for item in value)
            lines.append(f'  "{key}": [\n{inner}\n  ]')
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}"


def _team_rows(contracts, now) -> list[dict]:
    return [
        {
            "name": person.member.name,
            "zone": person.member.week.zone,
            "hours": f"{person.member.week.start:%H:%M}-{person.member.week.end:%H:%M}",
            "local_now": f"{now.astimezone(ZoneInfo(person.member.week.zone)):%a %H:%M}",
        }
        for person in clock_people(contracts)
    ]


def _projects(request, venture_id: int, sees_money: bool) -> list[dict]:
    projects = list(selectors.projects_of(request.actor, venture_id).order_by("-id"))
    contracts: dict[int, list] = {p.id: [] for p in projects}
    if sees_money:
        for contract in selectors.contracts_of(request.actor, venture_id).filter(
            state__in=OPEN_STATES
        ).select_related("freelancer__profile__pattern"):
            contracts.setdefault(contract.project_id, []).append(contract)
    now = clock.now()
    return [
        {
            "project": project,
            "seats": sum(role.count for role in project.roles.all()),
            "roles": list(project.roles.all()),
            "team": _team_rows(contracts[project.id], now),
        }
        for project in projects
    ]


def _solve_job(request):
    """The solve job named by `?job=`, if it is the viewer's; else None."""
    job_id = request.GET.get("job", "")
    if not job_id.isdigit():
        return None
    try:
        job = jobs.job_for(request.actor, int(job_id))
    except NotFound:
        return None
    return job if job.kind == JobKind.TEAM_SOLVE else None


def _form_of(job) -> dict:
    """The form as it was sent for `job`: the instance, exact, the time limit."""
    text = json.dumps(job.input["instance"], indent=1)
    return {
        "text": text if len(text) <= SHOWN_TEXT_CHARACTERS else "",
        "exact": job.input["exact"],
        "limit": f"{job.input['time_limit']:g}",
    }


def _page(request, venture_id: int, solve: dict | None = None):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_VENTURE)
    role = tenancy.role_in(request.user, venture_id)
    sees_money, edits = may(role, Action.VIEW_MONEY), may(role, Action.EDIT_VENTURE)
    job = _solve_job(request) if solve is None and edits else None
    if job is not None:
        solve = _form_of(job)
    context = {
        "venture": venture,
        "projects": _projects(request, venture_id, sees_money),
        "sees_money": sees_money,
        "edits": edits,
        "solve": solve or {"text": example_text(), "exact": False, "limit": "10"},
        "max_mb": MAX_INSTANCE_BYTES // 1_000_000,
        "max_seconds": f"{MAX_TIME_LIMIT:g}",
        "key": new_key(),
        **(job_context(request, job) if job else {"job": None}),
    }
    return render(request, "work/teams_home.html", context, status=(solve or {}).get("status", 200))


@login_required
@refusals_as_http
def teams_home(request, venture_id: int):
    return _page(request, venture_id)


def _instance_text(request) -> bytes | str:
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > MAX_INSTANCE_BYTES:
            raise DomainError(
                f"The file is larger than {MAX_INSTANCE_BYTES:,} bytes.", code="too_large"
            )
        return upload.read()
    return request.POST.get("instance", "")


@login_required
@require_POST
@refusals_as_http
def teams_solve(request, venture_id: int):
    """Check a pasted or uploaded instance and start its solve job; the page shows it."""
    tenancy.venture_for(request.actor, venture_id, Action.EDIT_VENTURE)
    exact, limit = request.POST.get("exact") == "on", request.POST.get("time_limit", "10")
    raw = b""
    try:
        raw = _instance_text(request)
        job = jobs_teams.start_team_solve(
            request.actor,
            json_document(raw, MAX_INSTANCE_BYTES),
            exact=exact,
            limit=limit or None,
            key=request.POST.get("idempotency_key") or None,
        )
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        status = refused.status if 400 <= refused.status < 500 else 400
        solve = {
            "exact": exact,
            "limit": limit,
            "status": status,
            "error": f"{refused.message} ({refused.code})",
            "text": text if len(text) <= SHOWN_TEXT_CHARACTERS else "",
        }
        return _page(request, venture_id, solve)
    return redirect(f"{reverse('teams_home', args=[venture_id])}?job={job.id}#solve")
