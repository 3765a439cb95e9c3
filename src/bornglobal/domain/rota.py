"""Support rotas: at least K people on every hour of a week, within their own hours.

`rota(team, week_of, min_people)` rosters a team for the 168 UTC hours starting at
00:00 UTC on `week_of` (or only the hours of the day listed in `hours_utc`, on each
of the seven days). The rules:

- A member **can take** UTC hour [h, h+1) only when one of their shifts contains
  all of it (see `clock_chain`: local working hours converted on that date, so
  DST-correct; public holidays and non-working days excluded). A Kolkata 09:00
  to 17:00 (03:30-11:30 UTC) can take 04:00 to 11:00, seven hours.
- A member is rostered for at most `max_weekly_hours` (when they have one).
- Every hour gets exactly `min_people` people where it can; where it cannot, it
  is **uncovered** and reported with the reason (`rota_reasons`).
- The solver first leaves as few hours as it can with nobody at all, then as few
  hours below K, then as few person-hours short of K, then picks the smallest
  maximum load, then the smallest spread between the most and the least loaded
  member who can work at all. Each aim is solved in turn with the optima before it
  kept as constraints (lexicographic, `Rota.objective`).

The model is exact (OR-Tools CP-SAT, one Boolean per member and hour they can
take); with the time limit reached it returns the best rota found so far with
status `feasible`. `greedy_rota` fills hour by hour with the least-loaded free
people: a baseline for the benchmark and the tests, never better than CP-SAT.
"""

from __future__ import annotations

import math
import time as timer
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from ortools.sat.python import cp_model

from bornglobal.domain.clock_chain import Shift, member_shifts
from bornglobal.domain.clock_team import Member, Team, checked_team
from bornglobal.domain.errors import DomainError
from bornglobal.domain.rota_reasons import Uncovered, explain

ONE_HOUR = timedelta(hours=1)
WEEK_HOURS = 168
MAX_MIN_PEOPLE = 50
DEFAULT_TIME_LIMIT = 10.0


class RotaStatus(StrEnum):
    OPTIMAL = "optimal"  # proved best by CP-SAT
    FEASIBLE = "feasible"  # the best found within the time limit
    UNKNOWN = "unknown"  # no rota found within the time limit
    GREEDY = "greedy"  # the greedy baseline, no claim of optimality


@dataclass(frozen=True, slots=True)
class RotaHour:
    """One demanded UTC hour, from `start`, and who is rostered on it."""

    start: datetime
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Load:
    """A member's rostered hours, the demanded hours they could take, and their maximum."""

    member: str
    hours: int
    could_take: int
    max_weekly_hours: int | None


@dataclass(frozen=True, slots=True)
class Rota:
    week_of: date
    min_people: int
    status: RotaStatus
    hours: tuple[RotaHour, ...]
    loads: tuple[Load, ...]
    uncovered: tuple[Uncovered, ...]
    seconds: float
    # CP-SAT's proven lower bound on each aim it reached, in the order of `objective`
    # (empty for the greedy baseline): equal to the aim's value where it was proved.
    bounds: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.uncovered

    @property
    def max_load(self) -> int:
        return max((load.hours for load in self.loads), default=0)

    @property
    def spread(self) -> int:
        """Most minus least rostered hours, among members who could take any hour."""
        working = [load.hours for load in self.loads if load.could_take]
        return max(working) - min(working) if working else 0

    @property
    def shortfall(self) -> int:
        """Person-hours missing: the sum over hours of K minus the people rostered."""
        return sum(self.min_people - len(hour.people) for hour in self.hours)

    @property
    def objective(self) -> tuple[int, int, int, int, int]:
        """What the solver minimises, in order: hours with nobody, hours below K,
        person-hours short, the maximum load, the spread."""
        empty = sum(not hour.people for hour in self.hours)
        return (empty, len(self.uncovered), self.shortfall, self.max_load, self.spread)


def demanded_hours(week_of: date, hours_utc: Iterable[int] | None = None) -> list[datetime]:
    """The UTC hour starts to cover: the week from `week_of`, only `hours_utc` of each day."""
    if not isinstance(week_of, date) or isinstance(week_of, datetime):
        raise DomainError(f"{week_of!r} is not a date (YYYY-MM-DD).", code="invalid_date")
    chosen = set(range(24)) if hours_utc is None else set(hours_utc)
    if not chosen or any(type(h) is not int or not 0 <= h <= 23 for h in chosen):
        raise DomainError(
            "The hours to cover must be a non-empty set of UTC hours 0 to 23.",
            code="invalid_hours",
        )
    first = datetime.combine(week_of, time(0), tzinfo=UTC)
    starts = (first + n * ONE_HOUR for n in range(WEEK_HOURS))
    return [start for start in starts if start.hour in chosen]


def hours_open(shifts: Iterable[Shift], demand: list[datetime]) -> frozenset[int]:
    """Indices of the demanded hours lying wholly inside one of the shifts."""
    inside = set()
    for shift in shifts:
        inside |= {
            i for i, h in enumerate(demand) if shift.start <= h and h + ONE_HOUR <= shift.end
        }
    return frozenset(inside)


def availability(team: Team, demand: list[datetime]) -> dict[str, frozenset[int]]:
    """For each member, the demanded hours (by index) they can take."""
    first, last = demand[0].date() - timedelta(days=2), demand[-1].date() + timedelta(days=1)
    return {m.name: hours_open(member_shifts(m, first, last), demand) for m in team}


def _checked_min_people(min_people: int) -> int:
    if type(min_people) is not int or not 1 <= min_people <= MAX_MIN_PEOPLE:
        raise DomainError(
            f"min_people must be a whole number from 1 to {MAX_MIN_PEOPLE}.",
            code="invalid_min_people",
        )
    return min_people


def rota(
    team: Iterable[Member],
    week_of: date,
    min_people: int,
    hours_utc: Iterable[int] | None = None,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int = 1,
) -> Rota:
    """The balanced rota with CP-SAT (see the module docstring)."""
    members, demand, k = checked_team(team), demanded_hours(week_of, hours_utc), min_people
    _checked_min_people(k)
    started = timer.perf_counter()
    open_hours = availability(members, demand)
    status, assigned, bounds = _solve(members, demand, open_hours, k, time_limit, workers)
    elapsed = timer.perf_counter() - started
    found = _rota(members, week_of, k, demand, open_hours, assigned, status, elapsed)
    return replace(found, bounds=bounds)


def greedy_rota(
    team: Iterable[Member], week_of: date, min_people: int, hours_utc: Iterable[int] | None = None
) -> Rota:
    """Hour by hour, the `min_people` least-loaded members who can still take it."""
    members, demand, k = checked_team(team), demanded_hours(week_of, hours_utc), min_people
    _checked_min_people(k)
    started = timer.perf_counter()
    open_hours = availability(members, demand)
    assigned: dict[str, set[int]] = {m.name: set() for m in members}
    for index in range(len(demand)):
        free = [m for m in members if index in open_hours[m.name] and _has_room(m, assigned)]
        free.sort(key=lambda m: (len(assigned[m.name]), m.name))
        for chosen in free[:k]:
            assigned[chosen.name].add(index)
    elapsed = timer.perf_counter() - started
    return _rota(members, week_of, k, demand, open_hours, assigned, RotaStatus.GREEDY, elapsed)


def _has_room(member: Member, assigned: Mapping[str, set[int]]) -> bool:
    limit = member.max_weekly_hours
    return limit is None or len(assigned[member.name]) < limit


def _solve(
    members: Team,
    demand: list[datetime],
    open_hours: Mapping[str, frozenset[int]],
    k: int,
    time_limit: float,
    workers: int,
) -> tuple[RotaStatus, dict[str, set[int]], tuple[int, ...]]:
    """Solve the aims one after another, each optimum kept as a bound for the next.

    One weighted objective says the same, but its huge weights make CP-SAT slow to
    prove the last aim; five small solves, each hinted with the previous rota, are
    proved in a fraction of the time.
    """
    model = cp_model.CpModel()
    on = {(m.name, i): model.new_bool_var(f"{m.name}@{i}") for m in members
          for i in sorted(open_hours[m.name])}  # fmt: skip
    covers = [_cover(model, on, members, i, k) for i in range(len(demand))]
    most, least = _balance(model, on, members, open_hours)
    empty, below, short = (sum(cover[n] for cover in covers) for n in range(3))
    deadline = timer.perf_counter() + time_limit
    status, bounds, values = RotaStatus.OPTIMAL, [], []
    for stage, aim in enumerate((empty, below, short, most, most - least)):
        if stage == 3:  # a redundant bound that lets CP-SAT close the load stage early
            model.add(most >= _water_level(members, open_hours, k * len(demand) - values[-1]))
        model.minimize(aim)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(deadline - timer.perf_counter(), 0.01)
        solver.parameters.num_workers = workers
        code = solver.solve(model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            stopped = RotaStatus.UNKNOWN if stage == 0 else RotaStatus.FEASIBLE
            return stopped, _hinted(model, on, members), tuple(bounds)
        if code == cp_model.FEASIBLE:
            status = RotaStatus.FEASIBLE
        bounds.append(math.ceil(solver.best_objective_bound - 1e-6))
        values.append(round(solver.objective_value))
        model.add(aim <= values[-1])
        model.clear_hints()
        for var in on.values():
            model.add_hint(var, solver.boolean_value(var))
    return status, _hinted(model, on, members), tuple(bounds)


def _water_level(
    members: Team, open_hours: Mapping[str, frozenset[int]], rostered: int
) -> int:
    """The least maximum load that can hold `rostered` person-hours: the least L with
    the sum over members of min(L, their weekly maximum, the hours they can take) at
    least `rostered`. Every rota rostering that many hours has a maximum load of at least L.
    """
    room = [len(open_hours[m.name]) if m.max_weekly_hours is None
            else min(len(open_hours[m.name]), m.max_weekly_hours) for m in members]  # fmt: skip
    low, high = 0, max(room, default=0)
    while low < high:
        middle = (low + high) // 2
        if sum(min(middle, r) for r in room) >= rostered:
            high = middle
        else:
            low = middle + 1
    return low


def _hinted(model: cp_model.CpModel, on: dict, members: Team) -> dict[str, set[int]]:
    """The rota held in the model's hints: the last one solved (none before the first)."""
    hints = model.proto.solution_hint
    chosen = {index for index, value in zip(hints.vars, hints.values, strict=True) if value}
    assigned: dict[str, set[int]] = {m.name: set() for m in members}
    for (name, hour), var in on.items():
        if var.index in chosen:
            assigned[name].add(hour)
    return assigned


def _cover(model: cp_model.CpModel, on: dict, members: Team, index: int, k: int) -> tuple:
    """Hour `index` gets exactly k people, less a shortfall; flags for nobody and below k."""
    rostered = sum(on[m.name, index] for m in members if (m.name, index) in on)
    short = model.new_int_var(0, k, f"short@{index}")
    empty, below = model.new_bool_var(f"empty@{index}"), model.new_bool_var(f"below@{index}")
    model.add(rostered + short == k)
    model.add(rostered >= 1).only_enforce_if(empty.Not())
    model.add(rostered >= k).only_enforce_if(below.Not())
    return empty, below, short


def _balance(
    model: cp_model.CpModel, on: dict, members: Team, open_hours: Mapping[str, frozenset[int]]
) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """Weekly maxima, and the most and least loaded member (of those who can work)."""
    by_member: dict[str, list[cp_model.IntVar]] = {m.name: [] for m in members}
    for (name, _), var in on.items():
        by_member[name].append(var)
    most, least = (model.new_int_var(0, WEEK_HOURS, name) for name in ("most", "least"))
    for m in members:
        load = sum(by_member[m.name])
        if m.max_weekly_hours is not None:
            model.add(load <= m.max_weekly_hours)
        model.add(most >= load)
        if open_hours[m.name]:
            model.add(least <= load)
    return most, least


def _rota(
    members: Team,
    week_of: date,
    k: int,
    demand: list[datetime],
    open_hours: Mapping[str, frozenset[int]],
    assigned: Mapping[str, set[int]],
    status: RotaStatus,
    seconds: float,
) -> Rota:
    hours = tuple(
        RotaHour(start, tuple(m.name for m in members if i in assigned[m.name]))
        for i, start in enumerate(demand)
    )
    load = {m.name: len(assigned[m.name]) for m in members}
    uncovered = tuple(
        explain(members, hour.start, k, hour.people, _can_take(members, open_hours, i), load)
        for i, hour in enumerate(hours)
        if len(hour.people) < k
    )
    loads = tuple(
        Load(m.name, load[m.name], len(open_hours[m.name]), m.max_weekly_hours) for m in members
    )
    return Rota(week_of, k, status, hours, loads, uncovered, seconds)


def _can_take(
    members: Team, open_hours: Mapping[str, frozenset[int]], index: int
) -> tuple[str, ...]:
    return tuple(m.name for m in members if index in open_hours[m.name])
