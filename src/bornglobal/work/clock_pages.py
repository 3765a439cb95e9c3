"""The team clock page's reads: who is on the clock, and the estimate and rota forms.

The people are the freelancers under contract on the project (active, paused or
disputed contracts), each with the working pattern of their profile (09:00-17:00
Monday to Friday in their own zone without one) and, for rotas, their profile's
free hours per week as their weekly maximum. The estimate goes through
`work.clock_inputs`, the same checks and domain call as `POST /api/v1/clock/estimate`;
it is bounded and answers in the request. The rota is a job, like
`POST /api/v1/clock/rota` (`work.jobs_teams.start_rota`): the team goes in as team-file
records, and the page draws the rota document the job answers (`rota_grid`,
`uncovered_runs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bornglobal.domain.clock_team import HOURS_IN_WEEK, Member
from bornglobal.domain.contracts import ContractState
from bornglobal.domain.errors import DomainError
from bornglobal.jobs.models import Job
from bornglobal.network.selectors_profiles import person_week
from bornglobal.tenancy.actors import Actor
from bornglobal.work import assemble
from bornglobal.work.clock_inputs import estimate_for

OPEN_STATES = (ContractState.ACTIVE, ContractState.PAUSED, ContractState.DISPUTED)


@dataclass(frozen=True, slots=True)
class ClockPerson:
    member: Member
    note: str


def member_of(contract) -> ClockPerson:
    """The freelancer's working week from their profile; 09:00-17:00 Mon-Fri without one."""
    person = contract.freelancer
    profile = getattr(person, "profile", None)
    name = f"{person.full_name or person.email} ({contract.role.title})"
    week = person_week(person)
    if profile is None:
        return ClockPerson(
            Member(name, week), "no profile: 09:00-17:00 Mon-Fri in their zone assumed"
        )
    pattern = profile.pattern
    weekly = profile.hours_per_week if 0 <= profile.hours_per_week <= HOURS_IN_WEEK else None
    note = f"{pattern.start:%H:%M}-{pattern.end:%H:%M} {pattern.time_zone}"
    return ClockPerson(Member(name, week, weekly), note + f", at most {weekly} h a week")


def clock_people(contracts) -> list[ClockPerson]:
    """One person per open contract, a name only once (the first contract wins)."""
    seen: set[str] = set()
    people = []
    for contract in contracts:
        if contract.state not in OPEN_STATES:
            continue
        person = member_of(contract)
        if person.member.name.casefold() not in seen:
            seen.add(person.member.name.casefold())
            people.append(person)
    return people


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7)


def estimate_form(team: tuple[Member, ...], data, now: datetime) -> dict:
    """The estimate form's values and, when it was sent, the estimate or the refusal."""
    start_text = data.get("start") or f"{now:%Y-%m-%dT%H:00}"
    form = {
        "effort_hours": data.get("effort_hours", "40"),
        "start": start_text,
        "overhead_minutes": data.get("overhead_minutes", "30"),
        "result": None,
        "error": None,
    }
    if "effort_hours" not in data:
        return form
    instant = start_text if _has_offset(start_text) else f"{start_text}+00:00"
    try:
        result = estimate_for(team, form["effort_hours"], instant, form["overhead_minutes"] or "30")
    except DomainError as refused:
        form["error"] = f"{refused.message} ({refused.code})"
        return form
    hour = timedelta(hours=1)
    form["result"] = result
    form["chain_hours"] = f"{result.chain_elapsed / hour:.2f}"
    form["solo_hours"] = f"{result.solo_elapsed / hour:.2f}"
    return form


def _has_offset(text: str) -> bool:
    return text.endswith("Z") or "+" in text[10:] or text[10:].count("-") > 0


def rota_form(data, today: date) -> dict:
    """The rota form's values (as sent, or the defaults: next Monday, K = 1, 10 s)."""
    return {
        "week_of": data.get("week_of") or next_monday(today).isoformat(),
        "min_people": data.get("min_people", "1"),
        "hours_utc": data.get("hours_utc", ""),
        "time_limit": data.get("time_limit", "10"),
    }


def member_record(member: Member) -> dict:
    """A member as a team-file record (docs/clock.md), the input of a rota job."""
    week = member.week
    record = {
        "name": member.name,
        "zone": week.zone,
        "work_start": f"{week.start:%H:%M}",
        "work_end": f"{week.end:%H:%M}",
        "working_days": sorted(week.days),
    }
    if week.holidays_country:
        record["holiday_country"] = week.holidays_country
    if week.holidays_subdivision:
        record["holiday_subdivision"] = week.holidays_subdivision
    if member.max_weekly_hours is not None:
        record["max_weekly_hours"] = member.max_weekly_hours
    return record


def start_rota(
    actor: Actor,
    venture_id: int,
    project_id: int,
    people: list[ClockPerson],
    data,
    today: date,
    key: str,
) -> Job:
    """The rota job for the form's values and the people on the clock (refused now if bad)."""
    from bornglobal.work import jobs_teams

    form = rota_form(data, today)
    text = form["min_people"].strip()
    if not text.isdigit():
        raise DomainError("People per hour is a whole number.", code="invalid_min_people")
    hours = assemble.parse_hours(form["hours_utc"])
    return jobs_teams.start_rota(
        actor,
        [member_record(person.member) for person in people],
        form["week_of"],
        int(text),
        list(hours) or None,
        form["time_limit"] or None,
        venture_id=venture_id,
        project_id=project_id,
        key=key,
    )


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def rota_grid(result: dict) -> list[dict]:
    """The rota document as rows of days, each with 24 cells (count, short or not asked)."""
    by_start = {_instant(hour["start"]): hour for hour in result["hours"]}
    need = result["min_people"]
    rows = []
    first = datetime.combine(date.fromisoformat(result["week_of"]), time(0), tzinfo=UTC)
    for day in range(7):
        cells = []
        for hour in range(24):
            start = first + timedelta(days=day, hours=hour)
            found = by_start.get(start)
            if found is None:
                cells.append({"text": "", "kind": "off", "title": f"{start:%a %H}:00 not asked"})
                continue
            count = len(found["people"])
            cells.append(
                {
                    "text": str(count),
                    "kind": "short" if count < need else "ok",
                    "title": f"{start:%a %H}:00 UTC: " + (", ".join(found["people"]) or "nobody"),
                }
            )
        rows.append({"label": f"{first + timedelta(days=day):%a %d}", "cells": cells})
    return rows


def uncovered_runs(result: dict) -> list[str]:
    """Uncovered hours joined into runs of consecutive hours with the same explanation."""
    runs: list[list] = []
    for gap in result["uncovered"]:
        start = _instant(gap["start"])
        why = gap["message"].removeprefix(f"{gap['label']}: ")
        last = runs[-1] if runs else None
        if last and last[1] == start and last[2] == why:
            last[1] = start + timedelta(hours=1)
        else:
            runs.append([start, start + timedelta(hours=1), why])
    return [
        f"{a:%a %H:%M}-{_run_end(a, b)} UTC ({int((b - a).total_seconds() // 3600)} h): {why}"
        for a, b, why in runs
    ]


def _run_end(start: datetime, end: datetime) -> str:
    """The end of a run: "24:00" at the start's midnight, the weekday when on another day."""
    if end.date() == start.date():
        return f"{end:%H:%M}"
    if end - timedelta(microseconds=1) <= datetime.combine(start.date(), time.max, end.tzinfo):
        return "24:00"
    return f"{end:%a %H:%M}"
