"""The Teams page: each project's team on the clock, and a tool to solve a teams instance.

`teams_home` lists the venture's projects with their status, the seats their roles
need, the people under contract (zone and local time now; only for members who see
the books, like the board) and links to "Assemble a team" and the team clock.
`teams_solve` takes a teams instance (docs/teams.md) pasted or uploaded and shows
the solver's answer, through `work.clock_inputs.solve_instance_text`, the function
behind `POST /api/v1/teams/solve`. Thin: reads through selectors, the work in domain.
"""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action, may
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import selectors
from bornglobal.work.clock_inputs import MAX_INSTANCE_BYTES, solve_instance_text, time_limit
from bornglobal.work.clock_pages import OPEN_STATES, clock_people

PAGE_TIME_LIMIT = 20.0  # below the web server's 30-second request timeout
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


def _page(request, venture_id: int, solve: dict | None = None):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_VENTURE)
    role = tenancy.role_in(request.user, venture_id)
    sees_money, edits = may(role, Action.VIEW_MONEY), may(role, Action.EDIT_VENTURE)
    context = {
        "venture": venture,
        "projects": _projects(request, venture_id, sees_money),
        "sees_money": sees_money,
        "edits": edits,
        "solve": solve or {"text": example_text(), "exact": False, "limit": "10"},
        "max_mb": MAX_INSTANCE_BYTES // 1_000_000,
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


def _solve(raw: bytes | str, exact: bool, limit: str, locale: str) -> dict:
    if time_limit(limit or None) > PAGE_TIME_LIMIT:
        raise DomainError(
            f"On this page the time limit is at most {PAGE_TIME_LIMIT:g} seconds "
            "(the API allows more).",
            code="invalid_time_limit",
        )
    output = solve_instance_text(raw, exact=exact, limit=limit or None)
    try:
        document = json.loads(raw)
        currency = document.get("currency", "") if isinstance(document, dict) else ""
    except ValueError:
        currency = ""
    def money(minor):
        return None if minor is None else Money(minor, currency).format(locale)

    return {
        "output": output,
        "team": [{**member, "cost": money(member["cost_minor"])} for member in output["team"]],
        "cost": money(output["cost_minor"]),
        "bound": money(output["lower_bound_minor"]),
        "pretty": json.dumps(output, indent=2),
    }


@login_required
@require_POST
@refusals_as_http
def teams_solve(request, venture_id: int):
    """Solve a pasted or uploaded instance and show the answer on the Teams page."""
    tenancy.venture_for(request.actor, venture_id, Action.EDIT_VENTURE)
    exact, limit = request.POST.get("exact") == "on", request.POST.get("time_limit", "10")
    raw = b""
    solve = {"exact": exact, "limit": limit, "status": 200}
    try:
        raw = _instance_text(request)
        solve |= _solve(raw, exact, limit, viewer_locale(request.user))
    except (NotFound, Forbidden):
        raise
    except DomainError as refused:
        solve |= {"error": f"{refused.message} ({refused.code})", "status": 400}
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    solve["text"] = text if len(text) <= 200_000 else ""
    return _page(request, venture_id, solve)
