"""Handoffs of tasks along the follow-the-sun chain: who holds a task, and from when.

A **task** is held by one person of a project team at a time. When the holder stops
for the day they **hand it off** with a note (what is done, what is next, what
blocks), and the task passes to the next person in the relay of `clock_chain`:

1. Of the *other* members, whoever is on at the handoff instant `t` and stays on
   longest takes it at once (a live handoff: both read the note together).
2. When nobody else is on at `t`, the task waits: it goes to the member whose
   working window opens first after `t` (of those opening together, the one who
   stays on longest; ties to the name that sorts first).

The receiver's **turn** says when the task becomes theirs (`opens_at`, which is
`t` itself when they are on) and when that stretch of work ends (`closes_at`).
Before `opens_at` the task is "coming to them"; from `opens_at` on, it is "theirs".
A handoff may also name its receiver; then the task opens for them at the start of
their next window (or at `t` when they are on).

Windows are never worked out here: they come from `availability.window_on` through
`clock_chain` (zone, local hours, working days, public holidays, each on the date in
question, so daylight saving time and half-hour zones are right on that day).

`turns(team, start, end)` lays out the relay itself, whose turn it is and whose
comes next, for a page that shows the chain's order with local times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bornglobal.domain.availability import ONE_DAY
from bornglobal.domain.clock_chain import (
    Leg,
    local_days_around,
    member_shifts,
    relay,
    remembered_windows,
    team_shifts,
)
from bornglobal.domain.clock_team import Member, checked_team
from bornglobal.domain.errors import DomainError

# How far ahead a receiver's window is looked for (holidays, long weekends).
LOOK_AHEAD = 31 * ONE_DAY
MAX_TURNS = 200


@dataclass(frozen=True, slots=True)
class Turn:
    """`member` holds the work from `opens_at` to `closes_at` (UTC); `zone` is theirs."""

    member: str
    zone: str
    opens_at: datetime
    closes_at: datetime

    def is_open(self, instant: datetime) -> bool:
        """Whether the task is theirs at `instant` (their window has opened)."""
        return self.opens_at <= instant

    def local(self, instant: datetime) -> datetime:
        """`instant` on the member's own clock."""
        return instant.astimezone(ZoneInfo(self.zone))


def checked_instant(instant: datetime) -> datetime:
    """An aware instant as UTC; a naive one is refused (it names no moment)."""
    if not isinstance(instant, datetime) or instant.tzinfo is None:
        raise DomainError(f"{instant!r} is not an aware instant.", code="invalid_instant")
    return instant.astimezone(UTC)


def member_named(team: Iterable[Member], name: str) -> Member:
    """The member called `name` (case and spacing ignored)."""
    wanted = " ".join(str(name).split()).casefold()
    for member in team:
        if member.name.casefold() == wanted:
            return member
    raise DomainError(f"{name!r} is not on the team.", code="not_on_team")


def _zones(team: Iterable[Member]) -> dict[str, str]:
    return {member.name: member.week.zone for member in team}


def _legs(team: tuple[Member, ...], start: datetime) -> Iterator[Leg]:
    first, last = local_days_around(start.date(), (start + LOOK_AHEAD).date())
    return relay(team_shifts(team, first, last, remembered_windows()), start)


def receiver(team: Iterable[Member], giver: str | None, at: datetime) -> Turn:
    """Who holds a task that `giver` hands off at `at`, and from when (see above).

    `giver` may be None or someone outside the team (a founder passing a task on):
    then every member is a candidate.
    """
    members = checked_team(team)
    moment = checked_instant(at)
    folded = (giver or "").casefold()
    others = tuple(member for member in members if member.name.casefold() != folded)
    if not others:
        raise DomainError("Nobody else is on the team to hand to.", code="nobody_to_hand_to")
    leg = next(_legs(others, moment), None)
    if leg is None:
        raise DomainError(
            f"Nobody else on the team works in the next {LOOK_AHEAD.days} days.",
            code="no_window_ahead",
        )
    return Turn(leg.member, _zones(others)[leg.member], leg.start, leg.end)


def turn_of(member: Member, at: datetime) -> Turn:
    """When a task handed to `member` at `at` becomes theirs: at once if they are on,
    else when their next window opens."""
    moment = checked_instant(at)
    first, last = local_days_around(moment.date(), (moment + LOOK_AHEAD).date())
    for shift in member_shifts(member, first, last, remembered_windows()):
        if shift.end > moment:
            return Turn(member.name, member.week.zone, max(shift.start, moment), shift.end)
    raise DomainError(
        f"{member.name} does not work in the next {LOOK_AHEAD.days} days.",
        code="no_window_ahead",
    )


def turns(team: Iterable[Member], start: datetime, end: datetime) -> list[Turn]:
    """The relay's turns that open from `start` until before `end`, in order."""
    members = checked_team(team)
    first, last = checked_instant(start), checked_instant(end)
    if last <= first:
        raise DomainError("The span ends before it starts.", code="end_before_start")
    zones = _zones(members)
    found: list[Turn] = []
    for leg in _legs(members, first):
        if leg.start >= last or len(found) >= MAX_TURNS:
            break
        found.append(Turn(leg.member, zones[leg.member], leg.start, leg.end))
    return found


def now_and_next(team: Iterable[Member], at: datetime) -> tuple[Turn | None, Turn | None]:
    """Whose turn it is at `at` (None when nobody is on) and who comes next after them."""
    members = checked_team(team)
    moment = checked_instant(at)
    legs = _legs(members, moment)
    zones = _zones(members)
    first = next(legs, None)
    if first is None:
        return None, None
    current = Turn(first.member, zones[first.member], first.start, first.end)
    if first.start > moment:
        return None, current
    for leg in legs:
        if leg.member != first.member:
            return current, Turn(leg.member, zones[leg.member], leg.start, leg.end)
    return current, None


def waiting(turn: Turn, at: datetime) -> timedelta:
    """How long the task waits for `turn` after `at` (zero when they are on)."""
    return max(turn.opens_at - checked_instant(at), timedelta(0))
