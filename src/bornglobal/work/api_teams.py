"""Teams and clock endpoints: the solver and the clock over HTTP, and a project's team.

`POST /teams/solve` takes the instance of docs/teams.md and answers the solver's
output; `POST /clock/plan|estimate|rota` take the team file of docs/clock.md with the
command's parameters and answer the documents of `domain.clock_documents`. Bodies are
read as raw JSON (the formats are public contracts with their own checks) and refused
above a size limit (413 `too_large`). `GET /projects/{id}/assemble` proposes a team
for a project from the network; `POST .../assemble/offers` sends the offers. Thin:
the work is in `domain` and `work.assemble`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from ninja import Query, Router, Schema, Status

from bornglobal.apierrors import ErrorOut
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import assemble
from bornglobal.work.assemble_offers import send_team_offers
from bornglobal.work.models import Project

router = Router(tags=["teams and clock"])

MAX_INSTANCE_BYTES = 5_000_000
MAX_TEAM_FILE_BYTES = 1_000_000
MAX_TIME_LIMIT = 30.0
MAX_OVERHEAD_MINUTES = 480
TOO_LARGE = {**ERRORS, 413: ErrorOut}


class TooLarge(DomainError):
    code = "too_large"
    status = 413


def _body(request, limit: int) -> Any:
    if len(request.body) > limit:
        raise TooLarge(f"The body is larger than {limit:,} bytes.")
    try:
        return json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DomainError("The request body is not valid JSON.", code="malformed_json") from None


def _json_body(description: str) -> dict:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    }


def _field(document: Any, key: str, default: Any = None) -> Any:
    if not isinstance(document, dict):
        raise DomainError("The body is a JSON object.", code="invalid_body")
    value = document.get(key, default)
    if value is None:
        raise DomainError(f"The body needs {key!r}.", code="missing_field")
    return value


def _date(value: Any, key: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(
            f"{key}: {value!r} is not a date (YYYY-MM-DD).", code="invalid_date"
        ) from None


def _instant(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise DomainError(
            f"start: {value!r} is not an ISO 8601 instant (2026-03-02T08:00:00Z).",
            code="invalid_instant",
        ) from None


def _number(value: Any, code: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if isinstance(value, bool) or not number.is_finite():
        raise DomainError(f"{value!r} is not a number.", code=code)
    return number


def _time_limit(value: Any, default: float) -> float:
    limit = _number(value if value is not None else default, "invalid_time_limit")
    if not 0 < limit <= Decimal(str(MAX_TIME_LIMIT)):
        raise DomainError(
            f"time_limit is above 0 and at most {MAX_TIME_LIMIT:g} seconds.",
            code="invalid_time_limit",
        )
    return float(limit)


def _team(document: Any):
    from bornglobal.domain.clock_team import team_from_document

    return team_from_document(_field(document, "people"))


@router.post(
    "/teams/solve",
    response={200: dict, **TOO_LARGE},
    openapi_extra=_json_body("The team instance of docs/teams.md."),
)
def solve_team(request, exact: bool = False, time_limit: float = 10.0):
    """The cheapest, then best-rated, team for an instance (the output of `teams solve`)."""
    from bornglobal.domain.teams import parse_instance, solve

    instance = parse_instance(_body(request, MAX_INSTANCE_BYTES))
    result = solve(instance, exact=exact, time_limit=_time_limit(time_limit, 10.0))
    return result.as_dict()


@router.post(
    "/clock/plan",
    response={200: dict, **TOO_LARGE},
    openapi_extra=_json_body('{"people": [...team file...], "from": "YYYY-MM-DD", "to": ...}'),
)
def clock_plan(request):
    """Per UTC day: who works when, the handoff chain, the gaps and the hours covered."""
    from bornglobal.domain.clock import plan
    from bornglobal.domain.clock_documents import plan_document

    document = _body(request, MAX_TEAM_FILE_BYTES)
    start = _date(_field(document, "from"), "from")
    end = _date(document.get("to") or start.isoformat(), "to")
    return plan_document(plan(_team(document), start, end))


@router.post(
    "/clock/estimate",
    response={200: dict, **TOO_LARGE},
    openapi_extra=_json_body(
        '{"people": [...], "effort_hours": 40, "start": "2026-03-02T08:00:00Z", '
        '"overhead_minutes": 30}'
    ),
)
def clock_estimate(request):
    """When E effort hours finish along the chain, against the best person alone."""
    from bornglobal.domain.clock import estimate
    from bornglobal.domain.clock_documents import estimate_document

    document = _body(request, MAX_TEAM_FILE_BYTES)
    effort = _number(_field(document, "effort_hours"), "invalid_effort")
    overhead = _number(document.get("overhead_minutes", 30), "invalid_overhead")
    if not 0 <= overhead <= MAX_OVERHEAD_MINUTES:
        raise DomainError(
            f"overhead_minutes is 0 to {MAX_OVERHEAD_MINUTES}.", code="invalid_overhead"
        )
    start = _instant(_field(document, "start"))
    result = estimate(
        _team(document), effort, start, timedelta(microseconds=int(overhead * 60_000_000))
    )
    return estimate_document(result)


@router.post(
    "/clock/rota",
    response={200: dict, **TOO_LARGE},
    openapi_extra=_json_body(
        '{"people": [...], "week_of": "2026-03-02", "min_people": 1, "hours_utc": [0, 1, ...]}'
    ),
)
def clock_rota(request):
    """At least K people on every asked hour of a week (CP-SAT), load balanced."""
    from bornglobal.domain.clock_documents import rota_document
    from bornglobal.domain.rota import rota

    document = _body(request, MAX_TEAM_FILE_BYTES)
    week_of = _date(_field(document, "week_of"), "week_of")
    min_people = document.get("min_people", 1)
    if isinstance(min_people, bool) or not isinstance(min_people, int):
        raise DomainError("min_people is a whole number.", code="invalid_min_people")
    hours = document.get("hours_utc")
    if hours is not None and (
        not isinstance(hours, list)
        or any(isinstance(h, bool) or not isinstance(h, int) or not 0 <= h <= 23 for h in hours)
    ):
        raise DomainError("hours_utc is a list of whole hours 0-23.", code="invalid_hours")
    limit = _time_limit(document.get("time_limit"), 10.0)
    return rota_document(rota(_team(document), week_of, min_people, hours, time_limit=limit))


class AssembleQuery(Schema):
    hours_utc: str = ""
    min_people: int = 1


class TeamMemberOut(Schema):
    role_id: int
    role: str
    profile_id: int
    name: str
    cost_minor: int
    alternatives: list[dict]


class ProposalOut(Schema):
    status: str
    currency: str
    team: list[TeamMemberOut]
    cost_minor: int | None
    budget_minor: int
    covered_hours_utc: list[int]
    reasons: list[str]
    candidates: int
    seconds: float


class OffersOut(Schema):
    offer_ids: list[int]


def _settings(query: AssembleQuery) -> assemble.Settings:
    return assemble.Settings(assemble.parse_hours(query.hours_utc), query.min_people)


def _venture_of(project_id: int) -> int:
    venture_id = Project.objects.filter(id=project_id).values_list("venture_id", flat=True).first()
    if venture_id is None:
        raise NotFound("No such project.", code="project_not_found")
    return venture_id


def _proposal_out(proposal: assemble.Proposal) -> dict:
    return {
        "status": proposal.status.value,
        "currency": proposal.budget.currency,
        "team": [
            {
                "role_id": seat.role.id,
                "role": seat.role.title,
                "profile_id": seat.person.profile_id,
                "name": seat.person.name,
                "cost_minor": seat.cost.minor,
                "alternatives": [
                    {
                        "profile_id": alt.person.profile_id,
                        "name": alt.person.name,
                        "cost_minor": alt.cost.minor,
                        "delta_minor": alt.delta.minor,
                        "hours_lost_utc": list(alt.hours_lost),
                        "hours_gained_utc": list(alt.hours_gained),
                        "breaks_coverage": alt.breaks_coverage,
                        "over_budget": alt.over_budget,
                    }
                    for alt in seat.alternatives
                ],
            }
            for seat in proposal.seats
        ],
        "cost_minor": None if proposal.total is None else proposal.total.minor,
        "budget_minor": proposal.budget.minor,
        "covered_hours_utc": list(proposal.covered_hours_utc),
        "reasons": list(proposal.reasons),
        "candidates": proposal.candidates,
        "seconds": round(proposal.seconds, 3),
    }


@router.get("/projects/{project_id}/assemble", response={200: ProposalOut, **ERRORS})
def get_proposal(request, project_id: ObjectId, query: Query[AssembleQuery]):
    """The proposed team for a project, from the network (see docs/teams.md)."""
    proposal = assemble.propose(
        actor_of(request), _venture_of(project_id), project_id, _settings(query)
    )
    return _proposal_out(proposal)


@router.post("/projects/{project_id}/assemble/offers", response={201: OffersOut, **ERRORS})
def send_offers(request, project_id: ObjectId, query: Query[AssembleQuery]):
    """An offer to each member of the proposed team, all or none."""
    offers = send_team_offers(
        actor_of(request), _venture_of(project_id), project_id, _settings(query)
    )
    return Status(201, {"offer_ids": [offer.id for offer in offers]})
