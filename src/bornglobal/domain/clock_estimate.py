"""How much calendar time a follow-the-sun chain saves on one work item.

`estimate(team, effort_hours, start_instant, handoff_overhead)` relays a work
item of `effort_hours` of effort along the handoff chain (see `clock_chain`) from
`start_instant`, and compares it with each member doing it alone.

Rules:

- The first holder starts on the work without overhead. Every handoff costs the
  receiver `handoff_overhead` of their own working time, from the instant they
  take over (reading the handoff note, catching up), before any effort counts.
  Overlap with the giver is not treated as free handover time, so the estimate
  errs on the slow side. A leg shorter than the overhead does no effort at all
  and the next receiver pays the overhead again. A person resuming their own work
  after a night off pays nothing.
- Working **alone**, a member spends their own shifts on the item, from the start
  instant, with no overhead. The best solo is the member who finishes first
  (ties to the name that sorts first). `solos` lists every member who finishes
  within the ten-year horizon, first to last.
- The **ratio** is chain elapsed / best solo elapsed, both from the start instant:
  1 means no gain, 1/2 and 1/3 are the limits for two and three sites that cover
  16 and 24 hours a day.

A bound follows (the tests check it): the chain is on at every instant some member
is on, and each of its n handoffs loses at most `overhead` of effort, so by the
time any member P alone would have finished E + n * overhead, the chain has done
at least E. The chain therefore never finishes after that instant.

Durations are `timedelta` (exact to the microsecond), effort a `Decimal` of hours,
and all instants aware UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from bornglobal.domain.clock_chain import Handoff, Leg, handoff_between, relay, team_shifts
from bornglobal.domain.clock_team import Member, Team, checked_team
from bornglobal.domain.errors import DomainError

DEFAULT_OVERHEAD = timedelta(minutes=30)
MAX_OVERHEAD = timedelta(hours=8)
MAX_EFFORT_HOURS = Decimal(10_000)
# How far ahead shifts are generated: ten years of local days.
HORIZON = timedelta(days=3653)
LOOK_BEHIND = timedelta(days=2)
RATIO_PLACES = Decimal("0.0001")
MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)
ZERO = timedelta(0)


@dataclass(frozen=True, slots=True)
class SoloRun:
    """`member` working alone from the start instant finishes at `finish`."""

    member: str
    finish: datetime


@dataclass(frozen=True, slots=True)
class Estimate:
    """The chain's finish against the best solo finish, from `start`."""

    effort: timedelta
    start: datetime
    overhead: timedelta
    chain_finish: datetime
    legs: tuple[Leg, ...]
    handoffs: tuple[Handoff, ...]
    solos: tuple[SoloRun, ...]

    @property
    def best_solo(self) -> SoloRun:
        return self.solos[0]

    @property
    def solo_finish(self) -> datetime:
        return self.best_solo.finish

    @property
    def chain_elapsed(self) -> timedelta:
        return self.chain_finish - self.start

    @property
    def solo_elapsed(self) -> timedelta:
        return self.solo_finish - self.start

    @property
    def handoff_count(self) -> int:
        return len(self.handoffs)

    @property
    def ratio(self) -> Decimal:
        """Chain elapsed / best solo elapsed, to four places (half-even)."""
        chain = self.chain_elapsed // timedelta.resolution
        solo = self.solo_elapsed // timedelta.resolution
        return (Decimal(chain) / Decimal(solo)).quantize(RATIO_PLACES, ROUND_HALF_EVEN)


def effort_duration(effort_hours: Decimal | int | str) -> timedelta:
    """Effort hours as a duration, exact to the microsecond; positive and bounded."""
    try:
        effort = Decimal(str(effort_hours))
    except InvalidOperation:
        effort = Decimal("NaN")
    if not effort.is_finite() or effort <= 0 or effort > MAX_EFFORT_HOURS:
        raise DomainError(
            f"Effort {effort_hours!r} is not a number of hours above 0 and at most "
            f"{MAX_EFFORT_HOURS}.",
            code="invalid_effort",
        )
    micros = (effort * MICROSECONDS_PER_HOUR).to_integral_value(ROUND_HALF_EVEN)
    return timedelta(microseconds=int(micros))


def checked_instant(instant: datetime) -> datetime:
    """An aware instant, as UTC; a naive one is refused rather than guessed."""
    if not isinstance(instant, datetime) or instant.utcoffset() is None:
        raise DomainError(
            f"{instant!r} is not an instant with a UTC offset (e.g. 2026-03-02T08:00:00Z).",
            code="naive_instant",
        )
    return instant.astimezone(UTC)


def checked_overhead(overhead: timedelta) -> timedelta:
    if not isinstance(overhead, timedelta) or not ZERO <= overhead <= MAX_OVERHEAD:
        raise DomainError(
            f"The handoff overhead must be between 0 and {MAX_OVERHEAD}.",
            code="invalid_overhead",
        )
    return overhead


def estimate(
    team: Iterable[Member],
    effort_hours: Decimal | int | str,
    start_instant: datetime,
    handoff_overhead: timedelta = DEFAULT_OVERHEAD,
) -> Estimate:
    """The chain's and the best solo's finish for `effort_hours` from `start_instant`."""
    members = checked_team(team)
    effort = effort_duration(effort_hours)
    start = checked_instant(start_instant)
    overhead = checked_overhead(handoff_overhead)
    finish, legs, chain = _run(members, effort, start, overhead)
    solos = sorted(
        (solo for member in members if (solo := _solo(member, effort, start)) is not None),
        key=lambda solo: (solo.finish, solo.member),
    )
    if not solos:
        raise DomainError(
            f"Nobody alone finishes {effort} of effort within {HORIZON.days} days.",
            code="no_capacity",
        )
    return Estimate(effort, start, overhead, finish, legs, chain, tuple(solos))


def _solo(member: Member, effort: timedelta, start: datetime) -> SoloRun | None:
    """`member` alone from `start`; None when they cannot finish within the horizon."""
    try:
        return SoloRun(member.name, _run((member,), effort, start, ZERO)[0])
    except DomainError:
        return None


def _run(
    members: Team, effort: timedelta, start: datetime, overhead: timedelta
) -> tuple[datetime, tuple[Leg, ...], tuple[Handoff, ...]]:
    """Relay `effort` along the members' chain; the finish, the legs used, the handoffs."""
    shifts = team_shifts(members, (start - LOOK_BEHIND).date(), (start + HORIZON).date())
    remaining, previous = effort, None
    legs: list[Leg] = []
    chain: list[Handoff] = []
    for leg in relay(shifts, start):
        handoff = handoff_between(previous, leg) if previous is not None else None
        if handoff is not None:
            chain.append(handoff)
        working_from = min(leg.start + (overhead if handoff else ZERO), leg.end)
        if leg.end - working_from >= remaining:
            finish = working_from + remaining
            legs.append(Leg(leg.member, leg.start, finish, leg.shift_start))
            return finish, tuple(legs), tuple(chain)
        remaining -= leg.end - working_from
        legs.append(leg)
        previous = leg
    names = ", ".join(member.name for member in members)
    raise DomainError(
        f"{names} cannot finish {effort} of effort within {HORIZON.days} days.",
        code="no_capacity",
    )
