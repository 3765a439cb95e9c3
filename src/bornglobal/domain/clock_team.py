"""A clock team: the people a follow-the-sun plan or a support rota is made from.

A member is a name, a `WorkingWeek` (zone, local hours, working days, public
holiday calendar; see `availability`) and, for rotas, the most hours a week they
may be rostered. A team is a non-empty tuple of members with distinct names.

`team_from_document` reads the public team-file format (documented in
docs/clock.md), either a bare list of people or `{"people": [...]}`:

    {"name": "Anna Schmidt", "zone": "Europe/Berlin",
     "work_start": "09:00", "work_end": "17:00",
     "working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
     "holiday_country": "DE", "holiday_subdivision": "BE",
     "max_weekly_hours": 40}

Only name and zone are required: hours default to 09:00-17:00, days to Monday to
Friday, no holiday calendar and no weekly maximum. Every refusal is a
`DomainError` with a stable code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.errors import DomainError

MAX_TEAM = 200
MAX_NAME = 100
HOURS_IN_WEEK = 168
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_NUMBERS = {
    name: number for number, full in enumerate(FULL_DAY_NAMES, start=1) for name in (full, full[:3])
}
DEFAULT_DAYS = frozenset(range(1, 6))
HH_MM = re.compile(r"([0-9]{2}):([0-9]{2})")
FIELDS = frozenset(
    {
        "name",
        "zone",
        "work_start",
        "work_end",
        "working_days",
        "holiday_country",
        "holiday_subdivision",
        "max_weekly_hours",
    }
)


@dataclass(frozen=True, slots=True)
class Member:
    """One person on the clock: who, when they work, and their weekly maximum (if any)."""

    name: str
    week: WorkingWeek
    max_weekly_hours: int | None = None

    def __post_init__(self) -> None:
        name = " ".join(str(self.name).split())
        if not name or len(name) > MAX_NAME:
            raise DomainError(
                f"A member needs a name of 1 to {MAX_NAME} characters.", code="invalid_name"
            )
        object.__setattr__(self, "name", name)
        limit = self.max_weekly_hours
        if limit is not None and (type(limit) is not int or not 0 <= limit <= HOURS_IN_WEEK):
            raise DomainError(
                f"{name}: max_weekly_hours must be a whole number from 0 to {HOURS_IN_WEEK}.",
                code="invalid_max_hours",
            )


Team = tuple[Member, ...]


def checked_team(members: Iterable[Member]) -> Team:
    """The members as a team: at least one, at most MAX_TEAM, names distinct."""
    team = tuple(members)
    if not team:
        raise DomainError("The team has nobody in it.", code="empty_team")
    if len(team) > MAX_TEAM:
        raise DomainError(
            f"The team has {len(team)} people; at most {MAX_TEAM}.", code="team_too_large"
        )
    seen: set[str] = set()
    for member in team:
        if member.name.casefold() in seen:
            raise DomainError(f"Two members are called {member.name!r}.", code="duplicate_name")
        seen.add(member.name.casefold())
    return team


def parse_hhmm(text: Any, field: str = "time") -> time:
    """A local time of day from 'HH:MM' (00:00 to 23:59); 24:00 is midnight, i.e. 00:00."""
    match = HH_MM.fullmatch(text.strip()) if isinstance(text, str) else None
    hour, minute = (int(match[1]), int(match[2])) if match else (-1, -1)
    if (hour, minute) == (24, 0):
        return time(0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise DomainError(
            f"{field} {text!r} is not a time of day as HH:MM (e.g. 09:00, 17:30).",
            code="invalid_time",
        )
    return time(hour, minute)


def parse_days(raw: Any) -> frozenset[int]:
    """Working days as ISO numbers (1 = Monday) or names ('Mon', 'monday')."""
    if not isinstance(raw, list) or not raw:
        raise DomainError(
            f"working_days {raw!r} is not a non-empty list of days (e.g. ['Mon', 'Tue']).",
            code="invalid_days",
        )
    return frozenset(_day(item) for item in raw)


def _day(item: Any) -> int:
    if type(item) is int and 1 <= item <= 7:
        return item
    if isinstance(item, str) and item.strip().lower() in DAY_NUMBERS:
        return DAY_NUMBERS[item.strip().lower()]
    raise DomainError(
        f"{item!r} is not a day (1 = Monday .. 7 = Sunday, or Mon .. Sun).", code="invalid_days"
    )


def member_from_record(record: Any) -> Member:
    """One member from a team-file record (see the module docstring)."""
    if not isinstance(record, Mapping):
        raise DomainError(f"{record!r} is not a person (a JSON object).", code="invalid_team")
    unknown = sorted(set(record) - FIELDS)
    name = record.get("name")
    if unknown:
        raise DomainError(
            f"{name or 'a person'}: unknown field(s) {', '.join(unknown)}.", code="invalid_team"
        )
    if not isinstance(name, str) or not isinstance(record.get("zone"), str):
        raise DomainError("Each person needs a name and a zone.", code="invalid_team")
    week = WorkingWeek(
        zone=record["zone"],
        start=parse_hhmm(record.get("work_start", "09:00"), f"{name}: work_start"),
        end=parse_hhmm(record.get("work_end", "17:00"), f"{name}: work_end"),
        days=parse_days(record.get("working_days", list(DEFAULT_DAYS))),
        holidays_country=record.get("holiday_country") or None,
        holidays_subdivision=record.get("holiday_subdivision") or None,
    )
    return Member(name, week, record.get("max_weekly_hours"))


def team_from_document(document: Any) -> Team:
    """A team from a parsed team file: a list of people, or an object with `people`."""
    people = document.get("people") if isinstance(document, Mapping) else document
    if not isinstance(people, list):
        raise DomainError(
            "A team file is a JSON list of people, or an object with a 'people' list.",
            code="invalid_team",
        )
    if len(people) > MAX_TEAM:
        raise DomainError(
            f"The team has {len(people)} people; at most {MAX_TEAM}.", code="team_too_large"
        )
    return checked_team(member_from_record(record) for record in people)
