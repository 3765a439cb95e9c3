"""Working hours across time zones: when a person works, as instants.

A person's working week is kept the way they think of it: local hours in their
own IANA zone ("09:00 to 17:00, Monday to Friday, Europe/Berlin") and the public
holidays of their country (and subdivision, e.g. DE-BY). It is never stored as a
UTC offset, because the offset changes with daylight saving time and the
difference between two people changes on the days when only one of them moves
the clock (the US changes in March about three weeks before the EU).

So a window is always converted on the date in question. `window_on(week, day)`
takes the local `day`, checks that it is a working day and not a public holiday
there, puts the local start and end on that date and converts both to aware UTC
with `zoneinfo`. Everything after that (overlap, coverage, gaps) works on UTC
instants only.

Local times that are not one instant follow RFC 5545 (iCalendar, section 3.3.5)
and Python's default `fold=0`:

- an ambiguous time (the repeated hour of a fall-back night) is its first
  occurrence, i.e. the one still on summer time;
- a nonexistent time (in the gap of a spring-forward night) is read with the
  offset from before the gap, so it moves forward by the length of the gap:
  02:30 on 2026-03-08 in America/New_York becomes 03:30 EDT;
- a window that falls entirely into a gap (Samoa skipped 2011-12-30), or that
  the rules above leave empty, is no window at all.

A window whose end is not after its start (22:00 to 06:00) crosses midnight: it
starts on `day` and ends on the next local day; start equal to end is a whole
24 hours (25 or 23 hours of real time on a night when the clocks change).

Holidays come from the `holidays` package, public holidays only. Its calendar is
taken as it is: Ukraine, for example, has no public holidays from 2023 under
martial law, and the package rightly returns none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays

from bornglobal.domain.errors import DomainError
from bornglobal.domain.places import time_zone

Window = tuple[datetime, datetime]

ONE_DAY = timedelta(days=1)
ONE_SECOND = timedelta(seconds=1)
SECONDS_PER_HOUR = Decimal(3600)
HOURS_PLACES = Decimal("0.01")
ISO_WEEKDAYS = frozenset(range(1, 8))
# Zones run from UTC-12 to UTC+14 and a window lasts at most 25 real hours, so the
# windows that can touch a given day start at most two local days either side.
NEIGHBOUR_DAYS = (-2, -1, 0, 1, 2)


@dataclass(frozen=True, slots=True)
class WorkingWeek:
    """Local working hours in `zone` on ISO weekdays `days` (1 = Monday .. 7 = Sunday).

    `end <= start` means the window crosses midnight. `holidays_country` (ISO 3166-1
    alpha-2) and `holidays_subdivision` name the public holiday calendar; without a
    country there are no holidays.
    """

    zone: str
    start: time
    end: time
    days: frozenset[int]
    holidays_country: str | None = None
    holidays_subdivision: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", time_zone(self.zone))
        _check_hours(self.start, self.end)
        object.__setattr__(self, "days", _checked_days(self.days))
        country, subdivision = _checked_calendar(self.holidays_country, self.holidays_subdivision)
        object.__setattr__(self, "holidays_country", country)
        object.__setattr__(self, "holidays_subdivision", subdivision)


def _check_hours(start: time, end: time) -> None:
    for value in (start, end):
        if not isinstance(value, time) or value.tzinfo is not None:
            raise DomainError(
                f"{value!r} is not a local time of day (a naive time such as 09:00).",
                code="invalid_working_hours",
            )


def _checked_days(days: Iterable[int]) -> frozenset[int]:
    try:
        chosen = frozenset(days)
    except TypeError:
        chosen = frozenset()
    if not chosen or not chosen <= ISO_WEEKDAYS or any(type(d) is not int for d in chosen):
        raise DomainError(
            f"{days!r} is not a set of ISO weekdays (1 = Monday .. 7 = Sunday).",
            code="invalid_days",
        )
    return chosen


def _checked_calendar(country: str | None, subdivision: str | None) -> tuple[str | None, ...]:
    if not country:
        if subdivision:
            raise DomainError("A holiday subdivision needs a country.", code="invalid_country")
        return None, None
    code = country.strip().upper()
    supported = holidays.list_supported_countries()
    if code not in supported:
        raise DomainError(
            f"{country!r} has no public holiday calendar (e.g. DE, IN, BR).",
            code="invalid_country",
        )
    if subdivision and subdivision not in supported[code]:
        raise DomainError(
            f"{subdivision!r} is not a holiday subdivision of {code}.",
            code="invalid_country",
        )
    return code, subdivision or None


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    try:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=year)
    except NotImplementedError:
        raise DomainError(
            f"No public holiday calendar for {country} {subdivision or ''}".strip() + ".",
            code="invalid_country",
        ) from None
    return frozenset(calendar)


def is_public_holiday(week: WorkingWeek, day: date) -> bool:
    return is_holiday_in(week.holidays_country, week.holidays_subdivision, day)


def is_holiday_in(country: str | None, subdivision: str | None, day: date) -> bool:
    """Whether `day` is a public holiday in the calendar (no calendar: never)."""
    if country is None:
        return False
    return day in _public_holidays(country, subdivision, day.year)


@lru_cache(maxsize=65_536)
def _steady_offset(zone_name: str, day: date) -> timedelta | None:
    """The zone's UTC offset when it holds from local `day` 00:00 for two days, else None.

    A window starting on `day` ends before `day` + 2, so with a steady offset it is
    plain arithmetic; on the days around a clock change the slow path handles gaps
    and folds. (Every zone changes its clocks at most once within two days.)
    """
    zone = _zone(zone_name)
    first = datetime.combine(day, time(0), tzinfo=zone).utcoffset()
    later = datetime.combine(day + 2 * ONE_DAY, time(0), tzinfo=zone).utcoffset()
    return first if first == later else None


def _exists(local: datetime) -> bool:
    """Whether a local wall time happens at all (it does not in a spring-forward gap)."""
    round_trip = local.astimezone(UTC).astimezone(local.tzinfo)
    return round_trip.replace(tzinfo=None) == local.replace(tzinfo=None)


def window_on(week: WorkingWeek, day: date) -> Window | None:
    """The UTC instants of the window that starts on local `day`, or None.

    None when `day` is not one of the working weekdays, is a public holiday in the
    week's calendar, or its window falls into a DST gap (see the module docstring).
    """
    if day.isoweekday() not in week.days or is_public_holiday(week, day):
        return None
    return hours_on(week.zone, week.start, week.end, day)


def hours_on(zone_name: str, start_time: time, end_time: time, day: date) -> Window | None:
    """The UTC instants of local `start_time`-`end_time` starting on `day`, whatever
    the weekday or holidays; None in a DST gap. (`window_on` checks the week first.)"""
    end_day = day + ONE_DAY if end_time <= start_time else day
    steady = _steady_offset(zone_name, day)
    if steady is not None:  # no clock change from local `day` 00:00 to two days later
        start = datetime.combine(day, start_time, tzinfo=UTC) - steady
        end = datetime.combine(end_day, end_time, tzinfo=UTC) - steady
        return (start, end) if start < end else None
    zone = _zone(zone_name)
    local_start = datetime.combine(day, start_time, tzinfo=zone)
    local_end = datetime.combine(end_day, end_time, tzinfo=zone)
    if not _exists(local_start) and not _exists(local_end):
        return None
    start, end = local_start.astimezone(UTC), local_end.astimezone(UTC)
    if end <= start:
        return None
    return start, end


def overlap(a: Window | None, b: Window | None) -> timedelta:
    """How long two windows overlap; zero if either is missing or they are disjoint."""
    if a is None or b is None:
        return timedelta(0)
    return max(min(a[1], b[1]) - max(a[0], b[0]), timedelta(0))


def hours(duration: timedelta) -> Decimal:
    """A duration in hours, to the hundredth (quarter hours are exact)."""
    seconds = duration // ONE_SECOND
    return (Decimal(seconds) / SECONDS_PER_HOUR).quantize(HOURS_PLACES)


def _windows_near(week: WorkingWeek, day: date) -> list[Window]:
    candidates = (window_on(week, day + timedelta(days=shift)) for shift in NEIGHBOUR_DAYS)
    return [window for window in candidates if window is not None]


def overlap_hours_on(person: WorkingWeek, viewer: WorkingWeek, day: date) -> Decimal:
    """Hours the person works during the viewer's window starting on the viewer's `day`.

    The person's windows are taken from the days around `day` in their own calendar
    (their Monday evening can be the viewer's Tuesday morning) and merged first, so
    that no instant is counted twice.
    """
    viewer_window = window_on(viewer, day)
    if viewer_window is None:
        return hours(timedelta(0))
    person_windows = merge(_windows_near(person, day))
    return hours(sum((overlap(viewer_window, w) for w in person_windows), timedelta(0)))


def windows_between(week: WorkingWeek, start: date, end: date) -> list[Window]:
    """The windows that start on local days `start` to `end`, both included, in order."""
    candidates = (window_on(week, start + timedelta(days=n)) for n in range((end - start).days + 1))
    return [window for window in candidates if window is not None]


def merge(windows: Iterable[Window]) -> list[Window]:
    """Sorted, disjoint intervals covering the same instants; touching ones are joined."""
    merged: list[Window] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def utc_day(day: date) -> Window:
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return start, start + ONE_DAY


def coverage(weeks: Iterable[WorkingWeek], day: date) -> list[Window]:
    """The parts of the UTC day `day` in which at least one of `weeks` is working."""
    day_start, day_end = utc_day(day)
    clipped = (
        (max(start, day_start), min(end, day_end))
        for week in weeks
        for start, end in _windows_near(week, day)
    )
    return merge((start, end) for start, end in clipped if start < end)


def uncovered(weeks: Iterable[WorkingWeek], day: date) -> list[Window]:
    """The gaps in the UTC day `day` in which nobody in `weeks` is working."""
    day_start, day_end = utc_day(day)
    gaps: list[Window] = []
    cursor = day_start
    for start, end in coverage(weeks, day):
        if cursor < start:
            gaps.append((cursor, start))
        cursor = end
    if cursor < day_end:
        gaps.append((cursor, day_end))
    return gaps


@cache
def _holiday_names(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    _public_holidays(country, subdivision, year)  # the same calendar, and its error
    return dict(holidays.country_holidays(country, subdiv=subdivision, years=year))


def public_holiday_name(week: WorkingWeek, day: date) -> str | None:
    """The name of the public holiday on local `day` in the week's calendar, or None."""
    if not is_public_holiday(week, day):
        return None
    assert week.holidays_country is not None
    names = _holiday_names(week.holidays_country, week.holidays_subdivision, day.year)
    return names[day]
