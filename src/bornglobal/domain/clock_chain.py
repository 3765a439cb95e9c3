"""The handoff chain: how one piece of work is relayed around the clock.

A **shift** is one stretch of time, in UTC, in which one member is working: their
windows from `availability.window_on` (DST-correct on each date, holidays and
non-working days left out, crossing midnight where the local hours do), with a
member's touching windows joined so that a 24-hour worker has one long shift.

The **chain** relays a single work item, held by exactly one person at a time:

1. At the start instant the holder is whoever is on then and stays on longest;
   when nobody is on, the work waits for the next shift to start (of those
   starting together, the one that runs longest).
2. The holder keeps the work until their shift ends, at instant `t`.
3. If anyone is on at `t` (overlapping or touching neighbour), the one who stays
   on longest takes over at `t`: the handoff is live, with the time both were on
   as its overlap. If nobody is on, the work waits (a gap) and the next shift to
   start takes over when it starts: the handoff is a written note.
4. Ties go to the name that sorts first, so a chain is deterministic.

Taking the longest-running shift at every step is the greedy rule for covering a
line with intervals, so the chain uses the fewest handoffs of any relay that keeps
the work moving whenever somebody is on. Shifts lying wholly inside the holder's
shift are never on the chain. When the next holder is the same person (after a
night off), that is a resumption, not a handoff.

The chain is on at every instant at which any member is on (from the start
instant): `estimate` relies on that for its bound against working alone.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bornglobal.domain.availability import ONE_DAY, Window, WorkingWeek, window_on
from bornglobal.domain.clock_team import Member

ZERO = timedelta(0)


class HandoffKind(StrEnum):
    """How the work passes: with both on (overlap), end to start, or across a gap."""

    OVERLAP = "overlap"
    TOUCHING = "touching"
    GAP = "gap"


@dataclass(frozen=True, slots=True)
class Shift:
    """A stretch of UTC time in which `member` works (their touching windows joined)."""

    member: str
    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Leg:
    """The part of the chain in which `member` holds the work, and the shift it is in."""

    member: str
    start: datetime
    end: datetime
    shift_start: datetime


@dataclass(frozen=True, slots=True)
class Handoff:
    """`giver` stops at `at`; `receiver` takes over at `resumes` (later only after a gap)."""

    giver: str
    receiver: str
    at: datetime
    resumes: datetime
    overlap: timedelta

    @property
    def wait(self) -> timedelta:
        return self.resumes - self.at

    @property
    def kind(self) -> HandoffKind:
        if self.overlap > ZERO:
            return HandoffKind.OVERLAP
        return HandoffKind.GAP if self.wait > ZERO else HandoffKind.TOUCHING


WindowReader = Callable[[WorkingWeek, date], Window | None]


def remembered_windows() -> WindowReader:
    """`availability.window_on` with a memory, for one plan that reads windows twice."""
    memory: dict[tuple[WorkingWeek, date], Window | None] = {}

    def window(week: WorkingWeek, day: date) -> Window | None:
        if (week, day) not in memory:
            memory[week, day] = window_on(week, day)
        return memory[week, day]

    return window


def member_shifts(
    member: Member, first: date, last: date, window: WindowReader = window_on
) -> Iterator[Shift]:
    """The member's shifts from windows starting on local days `first` to `last`, lazily.

    Windows of consecutive local days start in order, so touching or overlapping
    ones are joined as they come.
    """
    current: Shift | None = None
    for offset in range((last - first).days + 1):
        found = window(member.week, first + offset * ONE_DAY)
        if found is None:
            continue
        if current is not None and found[0] <= current.end:
            current = Shift(member.name, current.start, max(current.end, found[1]))
            continue
        if current is not None:
            yield current
        current = Shift(member.name, *found)
    if current is not None:
        yield current


def team_shifts(
    team: Iterable[Member], first: date, last: date, window: WindowReader = window_on
) -> Iterator[Shift]:
    """Every member's shifts for local days `first` to `last`, ordered by start, lazily."""
    streams = [member_shifts(member, first, last, window) for member in team]
    return heapq.merge(*streams, key=lambda shift: (shift.start, shift.member))


def _longer(candidate: Shift, best: Shift | None) -> bool:
    if best is None or candidate.end > best.end:
        return True
    return candidate.end == best.end and candidate.member < best.member


def relay(shifts: Iterable[Shift], start: datetime) -> Iterator[Leg]:
    """The legs of the chain from `start`, over `shifts` ordered by start (see above).

    The running longest shift among those started by `t` is on at `t` exactly when
    its end is after `t`, so one pass over the shifts suffices, and a lazy stream
    of shifts is read only as far as the chain gets.
    """
    pending = iter(shifts)
    upcoming = next(pending, None)
    best: Shift | None = None
    moment = start
    while True:
        while upcoming is not None and upcoming.start <= moment:
            if _longer(upcoming, best):
                best = upcoming
            upcoming = next(pending, None)
        if best is not None and best.end > moment:
            yield Leg(best.member, moment, best.end, best.start)
            moment = best.end
        elif upcoming is not None:
            moment = upcoming.start
        else:
            return


def handoff_between(giver: Leg, receiver: Leg) -> Handoff | None:
    """The handoff from one leg to the next; None when the same person resumes."""
    if giver.member == receiver.member:
        return None
    overlap = max(giver.end - receiver.shift_start, ZERO)
    return Handoff(giver.member, receiver.member, giver.end, receiver.start, overlap)


def handoffs(legs: Iterable[Leg]) -> list[Handoff]:
    """The handoffs along consecutive legs of a chain, in order."""
    found: list[Handoff] = []
    previous: Leg | None = None
    for leg in legs:
        handoff = handoff_between(previous, leg) if previous is not None else None
        if handoff is not None:
            found.append(handoff)
        previous = leg
    return found


def local_days_around(first: date, last: date) -> tuple[date, date]:
    """Local days whose windows can touch UTC days `first` to `last` (zones ±14 h)."""
    return first - 2 * ONE_DAY, last + 2 * ONE_DAY
