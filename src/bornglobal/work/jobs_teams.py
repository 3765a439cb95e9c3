"""The Teams capability's long work as jobs: starting them (checked) and running them.

A request checks everything it can cheaply and at once (the body is a JSON object,
the instance or team file parses, dates, K, hours, the time limit, who may assemble
a project), so that bad input is a 4xx of the POST, then records a job
(`jobs.services.create`). The worker runs it through the functions here: the solver
in the sandbox under the CPU cap (`jobs.runner.Progress.solve`), the rest (reading
the network's candidates, sending the offers) in the worker. The results are the
documents of the synchronous versions: the output of `teams solve`, the rota
document of docs/clock.md, the proposal of `proposal_document`, `{"offer_ids"}`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bornglobal.domain.teams import parse_instance
from bornglobal.jobs import services as jobs
from bornglobal.jobs import solvers
from bornglobal.jobs.models import Job, JobKind
from bornglobal.jobs.runner import Progress, actor_of
from bornglobal.tenancy.actors import Actor
from bornglobal.work import assemble
from bornglobal.work.assemble_offers import ShownSeat, send_team_offers
from bornglobal.work.clock_inputs import rota_inputs, time_limit


def start_team_solve(
    actor: Actor, document: Any, *, exact: bool, limit: Any, key: str | None = None
) -> Job:
    """A solve of a teams instance document (already parsed JSON); refused now if invalid."""
    seconds = time_limit(limit)
    parse_instance(document)
    return jobs.create(
        actor,
        JobKind.TEAM_SOLVE,
        {"instance": document, "exact": bool(exact), "time_limit": seconds},
        idempotency_key=key,
    )


def start_rota(
    actor: Actor,
    people: list,
    week_of: Any,
    min_people: Any = 1,
    hours_utc: Any = None,
    limit: Any = None,
    *,
    venture_id: int | None = None,
    project_id: int | None = None,
    key: str | None = None,
) -> Job:
    """A rota for a team file's people (checked by the caller); parameters refused now."""
    week, k, hours, seconds = rota_inputs(week_of, min_people, hours_utc, limit)
    document = {
        "people": people,
        "week_of": week.isoformat(),
        "min_people": k,
        "hours_utc": hours,
        "time_limit": seconds,
    }
    if project_id is not None:
        document["project_id"] = project_id
    return jobs.create(
        actor, JobKind.CLOCK_ROTA, document, venture_id=venture_id, idempotency_key=key
    )


def _settings_document(settings: assemble.Settings) -> dict:
    return {
        "hours_utc": list(settings.hours_utc),
        "min_people": settings.min_people,
        "on": settings.on.isoformat() if settings.on else None,
    }


def _settings_of(document: dict) -> assemble.Settings:
    on = document.get("on")
    return assemble.Settings(
        tuple(document["hours_utc"]),
        document["min_people"],
        date.fromisoformat(on) if on else None,
    )


def start_proposal(
    actor: Actor, venture_id: int, project_id: int, settings: assemble.Settings,
    key: str | None = None,
) -> Job:  # fmt: skip
    """Propose a team for a project (refused now if the actor may not assemble it)."""
    assemble.project_to_assemble(actor, venture_id, project_id)
    document = {"project_id": project_id, **_settings_document(settings)}
    return jobs.create(
        actor, JobKind.ASSEMBLE_PROPOSAL, document, venture_id=venture_id, idempotency_key=key
    )


def start_offers(
    actor: Actor,
    venture_id: int,
    project_id: int,
    settings: assemble.Settings,
    shown: tuple[ShownSeat, ...] | None,
    key: str | None = None,
) -> Job:
    """Send offers to the shown (or else the proposed) team, as a job."""
    assemble.project_to_assemble(actor, venture_id, project_id)
    team = None if shown is None else [
        {"role_id": s.role_id, "profile_id": s.profile_id, "cost_minor": s.cost_minor}
        for s in shown
    ]  # fmt: skip
    document = {"project_id": project_id, **_settings_document(settings), "team": team}
    return jobs.create(
        actor, JobKind.ASSEMBLE_OFFERS, document, venture_id=venture_id, idempotency_key=key
    )


def run_team_solve(job: Job, progress: Progress) -> dict:
    document = job.input
    limit = progress.time_limit(document["time_limit"])
    progress.stage(10, "parsing the instance")
    args = (document["instance"], document["exact"], limit, progress.threads())
    output = progress.solve(solvers.solve_team_document, args, limit)
    progress.stage(95, "writing the result")
    return output


def run_clock_rota(job: Job, progress: Progress) -> dict:
    document = job.input
    limit = progress.time_limit(document["time_limit"])
    progress.stage(10, "reading the team")
    week = date.fromisoformat(document["week_of"])
    args = (document["people"], week, document["min_people"], document["hours_utc"], limit)
    output = progress.solve(solvers.rota_for_people, args, limit)
    progress.stage(95, "writing the result")
    return output


def _team_solver(progress: Progress):
    """The solve step of `assemble.propose`, run in the sandbox with progress."""

    def solve(instance, time_limit: float):
        limit = progress.time_limit(time_limit)
        return progress.solve(
            solvers.solve_instance, (instance, limit, progress.threads()), limit
        )

    return solve


def run_assemble_proposal(job: Job, progress: Progress) -> dict:
    document = job.input
    progress.stage(10, "reading the network's candidates")
    proposal = assemble.propose(
        actor_of(job),
        job.venture_id,
        document["project_id"],
        _settings_of(document),
        solver=_team_solver(progress),
    )
    progress.stage(95, "writing the result")
    return proposal_document(proposal)


def run_assemble_offers(job: Job, progress: Progress) -> dict:
    document = job.input
    shown = None
    if document["team"] is not None:
        shown = tuple(ShownSeat(**seat) for seat in document["team"])
    progress.stage(10, "checking the team and sending the offers")
    offers = send_team_offers(
        actor_of(job),
        job.venture_id,
        document["project_id"],
        _settings_of(document),
        shown,
        solver=_team_solver(progress),
    )
    return {"offer_ids": [offer.id for offer in offers]}


def _hours(mask: int) -> list[int]:
    return [h for h in range(24) if mask >> h & 1]


def _seat_document(seat: assemble.Seat, place: int) -> dict:
    person = seat.person
    return {
        "role_id": seat.role.id,
        "role": seat.role.title,
        "role_count": seat.role.count,
        "place": place,
        "profile_id": person.profile_id,
        "name": person.name,
        "cost_minor": seat.cost.minor,
        "rate_minor": person.rate.minor,
        "rate_currency": person.rate.currency,
        "zone": person.zone,
        "work_start": person.start,
        "work_end": person.end,
        "rating": str(person.rating),
        "works_that_day": person.works_that_day,
        "hours_utc": _hours(person.mask),
        "alternatives": [
            {
                "profile_id": alt.person.profile_id,
                "name": alt.person.name,
                "zone": alt.person.zone,
                "rating": str(alt.person.rating),
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


def proposal_document(proposal: assemble.Proposal) -> dict:
    """The proposal as JSON: the API's result and what the Assemble page draws."""
    places: dict[int, int] = {}
    team = []
    for seat in proposal.seats:
        places[seat.role.id] = places.get(seat.role.id, 0) + 1
        team.append(_seat_document(seat, places[seat.role.id]))
    return {
        "project_id": proposal.project.id,
        "status": proposal.status.value,
        "currency": proposal.budget.currency,
        "team": team,
        "cost_minor": None if proposal.total is None else proposal.total.minor,
        "budget_minor": proposal.budget.minor,
        "date": proposal.on.isoformat(),
        "date_why": proposal.on_why,
        "required_hours_utc": list(proposal.settings.hours_utc),
        "min_people": proposal.settings.min_people,
        "covered_hours_utc": list(proposal.covered_hours_utc),
        "reasons": list(proposal.reasons),
        "candidates": proposal.candidates,
        "seconds": round(proposal.seconds, 3),
    }
