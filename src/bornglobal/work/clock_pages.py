"""The team clock page's reads: who is on the clock, and the estimate and rota forms.

The people are the freelancers under contract on the project (active, paused or
disputed contracts), each with the working pattern of their profile (09:00-17:00
Monday to Friday in their own zone without one) and, for rotas, their profile's
free hours per week as their weekly maximum. The forms go through
`work.clock_inputs`, the same checks and domain calls as `POST /api/v1/clock/estimate`
and `/clock/rota`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bornglobal.domain.clock_team import HOURS_IN_WEEK, Member
from bornglobal.domain.contracts import ContractState
from bornglobal.domain.errors import DomainError
from bornglobal.network.selectors_profiles import person_week
from bornglobal.work import assemble
from bornglobal.work.clock_inputs import estimate_for, rota_for

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


def rota_form(team: tuple[Member, ...], data, today: date) -> dict:
    """The rota form's values and, when it was sent, the rota or the refusal."""
    form = {
        "week_of": data.get("week_of") or next_monday(today).isoformat(),
        "min_people": data.get("min_people", "1"),
        "hours_utc": data.get("hours_utc", ""),
        "time_limit": data.get("time_limit", "10"),
        "result": None,
        "error": None,
    }
    if "min_people" not in data:
        return form
    try:
        text = form["min_people"].strip()
        if not text.isdigit():
            raise DomainError("People per hour is a whole number.", code="invalid_min_people")
        hours = assemble.parse_hours(form["hours_utc"])
        form["result"] = rota_for(
            team, form["week_of"], int(text), list(hours) or None, form["time_limit"] or None
        )
    except DomainError as refused:
        form["error"] = f"{refused.message} ({refused.code})"
    return form


def rota_grid(result) -> list[dict]:
    """The rota as rows of days, each with 24 cells (people count, short or not asked)."""
    by_start = {hour.start: hour for hour in result.hours}
    rows = []
    first = datetime.combine(result.week_of, time(0), tzinfo=result.hours[0].start.tzinfo)
    for day in range(7):
        cells = []
        for hour in range(24):
            start = first + timedelta(days=day, hours=hour)
            found = by_start.get(start)
            if found is None:
                cells.append({"text": "", "kind": "off", "title": f"{start:%a %H}:00 not asked"})
                continue
            count = len(found.people)
            cells.append(
                {
                    "text": str(count),
                    "kind": "short" if count < result.min_people else "ok",
                    "title": f"{start:%a %H}:00 UTC: " + (", ".join(found.people) or "nobody"),
                }
            )
        rows.append({"label": f"{first + timedelta(days=day):%a %d}", "cells": cells})
    return rows


def uncovered_runs(result) -> list[str]:
    """Uncovered hours joined into runs of consecutive hours with the same explanation."""
    runs: list[list] = []
    for gap in result.uncovered:
        last = runs[-1] if runs else None
        if last and last[1] == gap.start and last[2] == gap.explanation:
            last[1] = gap.start + timedelta(hours=1)
        else:
            runs.append([gap.start, gap.start + timedelta(hours=1), gap.explanation])
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
