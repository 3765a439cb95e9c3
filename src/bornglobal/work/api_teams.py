"""Teams and clock endpoints: the solver and the clock over HTTP, and a project's team.

`POST /teams/solve` takes the instance of docs/teams.md; `POST /clock/plan|estimate|rota`
take the team file of docs/clock.md with the command's parameters. Bodies are read as
raw JSON (the formats are public contracts with their own checks) and refused above a
size limit (413 `too_large`). `POST /projects/{id}/assemble` proposes a team for a
project from the network; `POST .../assemble/offers` sends the offers.

The solver never runs in the request: the team solve, the rota, the proposal and the
offers are jobs (`work.jobs_teams`). Their POST checks the input (a bad one is a 4xx
now), answers 202 `{"id", "status", "url"}` with a `Location` header, and the result
is read from `GET /api/v1/jobs/{id}`. `clock/plan` and `clock/estimate` stay
synchronous: they are bounded (at most 200 people; a plan of at most 366 days, an
estimate of at most 10,000 effort hours); their budget is under 10 s at the largest
sizes and milliseconds for a usual team (docs/clock.md has the measurements).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from bornglobal.apierrors import ErrorOut
from bornglobal.apitypes import Day, InSchema, Int
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.jobs.api import accepted
from bornglobal.jobs.schemas import IdempotencyKeyHeader, JobAccepted
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import assemble, jobs_teams
from bornglobal.work.assemble_offers import ShownSeat
from bornglobal.work.clock_inputs import (
    MAX_INSTANCE_BYTES,
    checked_date,
    estimate_for,
    json_document,
)
from bornglobal.work.models import Project

router = Router(tags=["teams and clock"])

MAX_TEAM_FILE_BYTES = 1_000_000
TOO_LARGE = {**ERRORS, 413: ErrorOut}
JOB_ERRORS = {**TOO_LARGE, 429: ErrorOut}


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
    response={202: JobAccepted, **JOB_ERRORS},
    openapi_extra=_json_body("The team instance of docs/teams.md."),
)
def solve_team(
    request,
    response: HttpResponse,
    idempotency_key: IdempotencyKeyHeader = None,
    exact: bool = False,
    time_limit: float = 10.0,
):
    """Start a solve: the cheapest, then best-rated, team for an instance, as a job.

    The instance is checked now (400 with its code); the job's result is the output
    of `teams solve`. 429 `too_many_jobs` past the caps on running jobs.
    """
    document = json_document(request.body, MAX_INSTANCE_BYTES)
    job = jobs_teams.start_team_solve(
        actor_of(request), document, exact=exact, limit=time_limit, key=idempotency_key
    )
    return accepted(response, job)


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
    response={202: JobAccepted, **JOB_ERRORS},
    openapi_extra=_json_body(
        '{"people": [...], "week_of": "2026-03-02", "min_people": 1, "hours_utc": [0, 1, ...]}'
    ),
)
def clock_rota(request, response: HttpResponse, idempotency_key: IdempotencyKeyHeader = None):
    """Start a rota, as a job: at least K people on every asked hour of a week (CP-SAT),
    load balanced. The team and parameters are checked now; the job's result is the
    rota document of docs/clock.md."""
    document = _body(request, MAX_TEAM_FILE_BYTES)
    _team(document)
    job = jobs_teams.start_rota(
        actor_of(request),
        document["people"],
        _field(document, "week_of"),
        document.get("min_people", 1),
        document.get("hours_utc"),
        document.get("time_limit"),
        key=idempotency_key,
    )
    return accepted(response, job)


HOUR = r"(?:[01]?[0-9]|2[0-3])"
HOURS_PATTERN = rf"^(?:{HOUR}(?:-{HOUR})?(?:,{HOUR}(?:-{HOUR})?)*)?$"


class AssembleQuery(Schema):
    hours_utc: str = Field(
        "",
        max_length=100,
        pattern=HOURS_PATTERN,
        description="UTC hours to cover: `0-23`, `8-16,20` or empty for none.",
    )
    min_people: int = Field(1, ge=0, le=10, description="People per covered hour.")
    on: Day | None = None


class ShownSeatIn(InSchema):
    role_id: Int
    profile_id: Int
    cost_minor: Int


class OffersIn(InSchema):
    team: list[ShownSeatIn] | None = None


def _settings(query: AssembleQuery) -> assemble.Settings:
    return assemble.Settings(assemble.parse_hours(query.hours_utc), query.min_people, query.on)


def _venture_of(project_id: int) -> int:
    venture_id = Project.objects.filter(id=project_id).values_list("venture_id", flat=True).first()
    if venture_id is None:
        raise NotFound("No such project.", code="project_not_found")
    return venture_id


@router.post(
    "/projects/{project_id}/assemble", response={202: JobAccepted, **ERRORS, 429: ErrorOut}
)
def propose_team(
    request,
    response: HttpResponse,
    project_id: ObjectId,
    query: Query[AssembleQuery],
    idempotency_key: IdempotencyKeyHeader = None,
):
    """Start a proposal, as a job: the team for a project, from the network.

    Refused now (404/403) when you may not assemble the project's team. The job's
    result is the proposal of docs/teams.md (team with alternatives, cost, budget,
    coverage date, covered hours, reasons).
    """
    job = jobs_teams.start_proposal(
        actor_of(request), _venture_of(project_id), project_id, _settings(query), idempotency_key
    )
    return accepted(response, job)


@router.post(
    "/projects/{project_id}/assemble/offers",
    response={202: JobAccepted, **ERRORS, 429: ErrorOut},
)
def send_offers(
    request,
    response: HttpResponse,
    project_id: ObjectId,
    query: Query[AssembleQuery],
    body: OffersIn,
    idempotency_key: IdempotencyKeyHeader = None,
):
    """Start sending an offer to each member of the team, all or none, as a job.

    With `team` (the seats of a proposal: role_id, profile_id, cost_minor; pass the
    proposal's `date` as `on`), exactly those people, checked again: the job fails with
    `team_changed` and the `problems` when anything changed. Without it, the proposal
    is computed again. The job's result is `{"offer_ids": [...]}`.
    """
    shown = None
    if body.team is not None:
        shown = tuple(ShownSeat(s.role_id, s.profile_id, s.cost_minor) for s in body.team)
    job = jobs_teams.start_offers(
        actor_of(request), _venture_of(project_id), project_id, _settings(query), shown,
        idempotency_key,
    )  # fmt: skip
    return accepted(response, job)
