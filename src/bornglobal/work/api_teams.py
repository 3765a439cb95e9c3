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

from datetime import date
from typing import Any

from ninja import Query, Router, Schema, Status

from bornglobal.apierrors import ErrorOut
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import assemble
from bornglobal.work.assemble_offers import ShownSeat, send_team_offers
from bornglobal.work.clock_inputs import (
    checked_date,
    estimate_for,
    json_document,
    rota_for,
    solve_instance_text,
)
from bornglobal.work.models import Project

router = Router(tags=["teams and clock"])

MAX_TEAM_FILE_BYTES = 1_000_000
TOO_LARGE = {**ERRORS, 413: ErrorOut}


def _body(request, limit: int) -> Any:
    return json_document(request.body, limit)


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
    return solve_instance_text(request.body, exact=exact, limit=time_limit)


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
    start = checked_date(_field(document, "from"), "from")
    end = checked_date(document.get("to") or start.isoformat(), "to")
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
    from bornglobal.domain.clock_documents import estimate_document

    document = _body(request, MAX_TEAM_FILE_BYTES)
    result = estimate_for(
        _team(document),
        _field(document, "effort_hours"),
        _field(document, "start"),
        document.get("overhead_minutes", 30),
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

    document = _body(request, MAX_TEAM_FILE_BYTES)
    team = _team(document)
    result = rota_for(
        team,
        _field(document, "week_of"),
        document.get("min_people", 1),
        document.get("hours_utc"),
        document.get("time_limit"),
    )
    return rota_document(result)


class AssembleQuery(Schema):
    hours_utc: str = ""
    min_people: int = 1
    on: date | None = None


class ShownSeatIn(Schema):
    role_id: int
    profile_id: int
    cost_minor: int


class OffersIn(Schema):
    team: list[ShownSeatIn] | None = None


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
    date: date
    date_why: str
    covered_hours_utc: list[int]
    reasons: list[str]
    candidates: int
    seconds: float


class OffersOut(Schema):
    offer_ids: list[int]


def _settings(query: AssembleQuery) -> assemble.Settings:
    return assemble.Settings(assemble.parse_hours(query.hours_utc), query.min_people, query.on)


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
        "date": proposal.on,
        "date_why": proposal.on_why,
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
def send_offers(request, project_id: ObjectId, query: Query[AssembleQuery], body: OffersIn):
    """An offer to each member of the team, all or none.

    With `team` (the seats of a proposal: role_id, profile_id, cost_minor; pass the
    proposal's `date` as `on`), exactly those people, checked again: 409 `team_changed`
    with the `problems` when anything changed. Without it, the proposal computed again.
    """
    shown = None
    if body.team is not None:
        shown = tuple(ShownSeat(s.role_id, s.profile_id, s.cost_minor) for s in body.team)
    offers = send_team_offers(
        actor_of(request), _venture_of(project_id), project_id, _settings(query), shown
    )
    return Status(201, {"offer_ids": [offer.id for offer in offers]})
