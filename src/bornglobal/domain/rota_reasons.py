"""Why a rota leaves an hour uncovered, in words a founder can act on.

An hour is uncovered when fewer than K people are rostered on it. The reason is
one of:

- **nobody works then**: no member's hours contain the whole UTC hour;
- **too few work then**: fewer than K members can take it, and they are named
  ("Tue 03:00 UTC: only 1 of 2 people work then (Priya Nair)");
- **weekly maximum**: enough members can take it, but those not rostered on it
  have used up their `max_weekly_hours` elsewhere;
- **time limit**: the solver stopped before rostering someone who had room.

A member who would have worked that hour but for a public holiday in their
calendar is named too ("Anna Schmidt is off for Christmas Day"), since that is
often the surprise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bornglobal.domain.availability import public_holiday_name, window_on
from bornglobal.domain.clock_team import WEEKDAY_NAMES, Member

ONE_HOUR = timedelta(hours=1)


class UncoveredReason(StrEnum):
    NOBODY_WORKS = "nobody_works"
    TOO_FEW_WORK = "too_few_work"
    WEEKLY_MAXIMUM = "weekly_maximum"
    TIME_LIMIT = "time_limit"


@dataclass(frozen=True, slots=True)
class Uncovered:
    """UTC hour from `start` has `rostered` but needs `need`; `reason` says why."""

    start: datetime
    need: int
    rostered: tuple[str, ...]
    can_take: tuple[str, ...]
    reason: UncoveredReason
    at_maximum: tuple[tuple[str, int], ...] = ()
    on_holiday: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        return f"{WEEKDAY_NAMES[self.start.weekday()]} {self.start:%H:%M} UTC"

    @property
    def message(self) -> str:
        return f"{self.label}: {self.explanation}"

    @property
    def explanation(self) -> str:
        """The message without the hour: the same for a run of hours with one cause."""
        text = self._why()
        if self.reason is not UncoveredReason.WEEKLY_MAXIMUM:
            for name, limit in self.at_maximum:
                text += f"; {name} is at their weekly maximum ({limit} h)"
        for name, holiday in self.on_holiday:
            text += f"; {name} is off for {holiday}"
        return text

    def _why(self) -> str:
        names = ", ".join(self.can_take)
        if self.reason is UncoveredReason.NOBODY_WORKS:
            return f"nobody works then (need {self.need})"
        if self.reason is UncoveredReason.TOO_FEW_WORK:
            return f"only {len(self.can_take)} of {self.need} people work then ({names})"
        if self.reason is UncoveredReason.WEEKLY_MAXIMUM:
            full = ", ".join(f"{name} {limit}/{limit} h" for name, limit in self.at_maximum)
            if len(self.can_take) == 1:
                limit = self.at_maximum[0][1]
                return f"only {names} works then, already at their weekly maximum ({limit} h)"
            return (
                f"{len(self.can_take)} people work then but only {len(self.rostered)} of "
                f"{self.need} could be rostered; the rest are at their weekly maximum ({full})"
            )
        return f"only {len(self.rostered)} of {self.need} rostered before the time limit"


def explain(
    members: Iterable[Member],
    start: datetime,
    need: int,
    rostered: tuple[str, ...],
    can_take: tuple[str, ...],
    load: Mapping[str, int],
) -> Uncovered:
    """The reason the hour from `start` has fewer than `need` people rostered."""
    team = tuple(members)
    idle = [m for m in team if m.name in can_take and m.name not in rostered]
    at_maximum = tuple(
        (m.name, m.max_weekly_hours)
        for m in idle
        if m.max_weekly_hours is not None and load[m.name] >= m.max_weekly_hours
    )
    if not can_take:
        reason = UncoveredReason.NOBODY_WORKS
    elif len(can_take) < need:
        reason = UncoveredReason.TOO_FEW_WORK
    elif len(at_maximum) == len(idle):
        reason = UncoveredReason.WEEKLY_MAXIMUM
    else:
        reason = UncoveredReason.TIME_LIMIT
    on_holiday = tuple(
        (m.name, holiday)
        for m in team
        if m.name not in can_take and (holiday := holiday_during(m, start)) is not None
    )
    return Uncovered(start, need, rostered, can_take, reason, at_maximum, on_holiday)


def holiday_during(member: Member, start: datetime) -> str | None:
    """The public holiday that keeps `member` off the UTC hour from `start`, if any."""
    week = member.week
    if week.holidays_country is None:
        return None
    ordinary = replace(week, holidays_country=None, holidays_subdivision=None)
    for shift in (-2, -1, 0, 1):
        day = start.date() + timedelta(days=shift)
        window = window_on(ordinary, day)
        inside = window is not None and window[0] <= start and start + ONE_HOUR <= window[1]
        if inside and window_on(week, day) is None:
            return public_holiday_name(week, day)
    return None
