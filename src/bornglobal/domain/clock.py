"""Follow-the-sun plans: who works when, who hands to whom, and what nobody covers.

`plan(team, start_date, end_date)` lays a team's working time out on UTC days,
`start_date` to `end_date` inclusive. For each UTC day it gives:

- **shifts**: each member's working time within that UTC day, as UTC intervals.
  They come from `availability.window_on` on each local date, so daylight saving
  time is applied on the date in question, public holidays (country and
  subdivision) and non-working days are left out, and a window that crosses
  midnight (local or UTC) lands on both days it touches;
- **handoffs**: the handoff chain (see `clock_chain`) whose handoff instant, the
  end of the giver's shift, falls on that day; each names giver, receiver, the
  instant, how long both were on (overlap) or how long the work waited (gap);
- **gaps**: the parts of the day nobody covers, and **coverage hours**, the length
  of the union of all shifts on that day (never more than 24);
- **absences**: the members who have no window starting on that date in their own
  calendar, and why (not a working day, a public holiday by name, or a window
  swallowed by a clock change).

`estimate` (the calendar time a work item takes along the chain, against the best
person working alone) lives in `clock_estimate` and is re-exported here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from bornglobal.domain.availability import (
    ONE_DAY,
    Window,
    hours,
    merge,
    public_holiday_name,
    utc_day,
    window_on,
)
from bornglobal.domain.clock_chain import (
    Handoff,
    HandoffKind,
    Shift,
    WindowReader,
    handoffs,
    relay,
    remembered_windows,
    team_shifts,
)
from bornglobal.domain.clock_estimate import Estimate, estimate
from bornglobal.domain.clock_team import Member, Team, checked_team, team_from_document
from bornglobal.domain.errors import DomainError

__all__ = [
    "Absence",
    "AbsenceReason",
    "DayPlan",
    "Estimate",
    "Handoff",
    "HandoffKind",
    "Member",
    "Plan",
    "Shift",
    "Team",
    "estimate",
    "plan",
    "team_from_document",
]

MAX_PLAN_DAYS = 366
# A window lasts at most 25 real hours and zones run from UTC-12 to UTC+14, so the
# windows touching UTC days first..last start on local days two either side.
LOCAL_MARGIN = 2 * ONE_DAY
# How far past the range the chain looks for the receiver of its last handoff.
LOOK_AHEAD = 31 * ONE_DAY


class AbsenceReason(StrEnum):
    NOT_A_WORKING_DAY = "not_a_working_day"
    PUBLIC_HOLIDAY = "public_holiday"
    CLOCK_CHANGE = "clock_change"


@dataclass(frozen=True, slots=True)
class Absence:
    """`member` has no window starting on local date `day`; `holiday` names the holiday."""

    member: str
    day: date
    reason: AbsenceReason
    holiday: str | None = None


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One UTC day of a plan; every interval lies within [day 00:00, day+1 00:00) UTC."""

    day: date
    shifts: tuple[Shift, ...]
    handoffs: tuple[Handoff, ...]
    coverage: tuple[Window, ...]
    gaps: tuple[Window, ...]
    absences: tuple[Absence, ...]

    @property
    def coverage_hours(self) -> Decimal:
        return hours(sum((end - start for start, end in self.coverage), timedelta(0)))

    @property
    def gap_hours(self) -> Decimal:
        return hours(sum((end - start for start, end in self.gaps), timedelta(0)))


@dataclass(frozen=True, slots=True)
class Plan:
    start: date
    end: date
    team: tuple[str, ...]
    days: tuple[DayPlan, ...]

    @property
    def coverage_hours(self) -> Decimal:
        return sum((day.coverage_hours for day in self.days), Decimal(0))

    @property
    def handoff_count(self) -> int:
        return sum(len(day.handoffs) for day in self.days)


def checked_range(start: date, end: date, limit: int = MAX_PLAN_DAYS) -> int:
    """The number of days from `start` to `end` inclusive, refused when out of bounds."""
    for value in (start, end):
        if not isinstance(value, date) or isinstance(value, datetime):
            raise DomainError(f"{value!r} is not a date (YYYY-MM-DD).", code="invalid_date")
    if end < start:
        raise DomainError(
            f"The range ends ({end}) before it starts ({start}).", code="end_before_start"
        )
    days = (end - start).days + 1
    if days > limit:
        raise DomainError(f"The range has {days} days; at most {limit}.", code="range_too_long")
    return days


def plan(team: Iterable[Member], start_date: date, end_date: date) -> Plan:
    """The follow-the-sun plan of `team` for UTC days `start_date` to `end_date`."""
    members = checked_team(team)
    day_count = checked_range(start_date, end_date)
    window = remembered_windows()
    first, last = start_date - LOCAL_MARGIN, end_date + LOCAL_MARGIN
    shifts = list(team_shifts(members, first, last, window))
    range_start, range_end = utc_day(start_date)[0], utc_day(end_date)[1]
    legs = []
    ahead = team_shifts(members, first, end_date + LOOK_AHEAD, window)
    for leg in relay(ahead, range_start):
        legs.append(leg)
        if leg.start >= range_end:  # the receiver of the range's last handoff
            break
    by_day = _shifts_by_day(shifts)
    chain_by_day = _handoffs_by_day(handoffs(legs))
    days = tuple(
        _day_plan(members, day, by_day[day], chain_by_day[day], window)
        for day in (start_date + offset * ONE_DAY for offset in range(day_count))
    )
    return Plan(start_date, end_date, tuple(m.name for m in members), days)


def _utc_days_touched(shift: Shift) -> Iterable[date]:
    day, last = shift.start.date(), (shift.end - timedelta.resolution).date()
    while day <= last:
        yield day
        day += ONE_DAY


def _shifts_by_day(shifts: list[Shift]) -> defaultdict[date, list[Shift]]:
    by_day: defaultdict[date, list[Shift]] = defaultdict(list)
    for shift in shifts:
        for day in _utc_days_touched(shift):
            day_start, day_end = utc_day(day)
            by_day[day].append(
                Shift(shift.member, max(shift.start, day_start), min(shift.end, day_end))
            )
    return by_day


def _handoffs_by_day(chain: list[Handoff]) -> defaultdict[date, list[Handoff]]:
    by_day: defaultdict[date, list[Handoff]] = defaultdict(list)
    for handoff in chain:
        by_day[handoff.at.date()].append(handoff)
    return by_day


def _day_plan(
    members: Team, day: date, shifts: list[Shift], chain: list[Handoff], window: WindowReader
) -> DayPlan:
    coverage = merge((shift.start, shift.end) for shift in shifts)
    return DayPlan(
        day=day,
        shifts=tuple(sorted(shifts, key=lambda shift: (shift.start, shift.member))),
        handoffs=tuple(chain),
        coverage=tuple(coverage),
        gaps=tuple(_gaps(coverage, utc_day(day))),
        absences=tuple(a for m in members if (a := absence_on(m, day, window)) is not None),
    )


def _gaps(coverage: list[Window], span: Window) -> list[Window]:
    gaps, cursor = [], span[0]
    for start, end in coverage:
        if cursor < start:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < span[1]:
        gaps.append((cursor, span[1]))
    return gaps


def absence_on(member: Member, day: date, window: WindowReader = window_on) -> Absence | None:
    """Why `member` has no window starting on local `day`, or None when they have one."""
    if window(member.week, day) is not None:
        return None
    if day.isoweekday() not in member.week.days:
        return Absence(member.name, day, AbsenceReason.NOT_A_WORKING_DAY)
    holiday = public_holiday_name(member.week, day)
    if holiday is not None:
        return Absence(member.name, day, AbsenceReason.PUBLIC_HOLIDAY, holiday)
    return Absence(member.name, day, AbsenceReason.CLOCK_CHANGE)
