"""Checked inputs for the solver and the clock, shared by the REST API and the pages.

The API (`work.api_teams`) and the pages (team clock, Teams) read the same
parameters with the same checks and call the same domain functions through the
functions here, so a value refused by one is refused by the other with the same
code: `solve_instance_text` for `POST /teams/solve`, `estimate_for` for
`/clock/estimate` and `rota_for` for `/clock/rota`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from bornglobal.domain.clock_team import Team
from bornglobal.domain.errors import DomainError
from bornglobal.jsonbody import MAX_BODY_BYTES, parse_object

MAX_INSTANCE_BYTES = MAX_BODY_BYTES
MAX_TIME_LIMIT = 30.0
DEFAULT_TIME_LIMIT = 10.0
MAX_OVERHEAD_MINUTES = 480


def json_document(raw: bytes | str, limit: int) -> dict[str, Any]:
    """The JSON object of a body or an upload of at most `limit` bytes (`jsonbody`)."""
    return parse_object(raw, limit=limit)


def checked_date(value: Any, key: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(
            f"{key}: {value!r} is not a date (YYYY-MM-DD).", code="invalid_date"
        ) from None


def checked_instant(value: Any) -> datetime:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        raise DomainError(
            f"start: {value!r} is not an ISO 8601 instant (2026-03-02T08:00:00Z).",
            code="invalid_instant",
        ) from None


def checked_number(value: Any, code: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if isinstance(value, bool) or not number.is_finite():
        raise DomainError(f"{value!r} is not a number.", code=code)
    return number


def time_limit(value: Any, default: float = DEFAULT_TIME_LIMIT) -> float:
    limit = checked_number(value if value is not None else default, "invalid_time_limit")
    if not 0 < limit <= Decimal(str(MAX_TIME_LIMIT)):
        raise DomainError(
            f"time_limit is above 0 and at most {MAX_TIME_LIMIT:g} seconds.",
            code="invalid_time_limit",
        )
    return float(limit)


def solve_instance_text(
    raw: bytes | str, *, exact: bool = False, limit: Any = DEFAULT_TIME_LIMIT
) -> dict:
    """The solver's output document for a teams instance (JSON text, docs/teams.md)."""
    from bornglobal.domain.teams import parse_instance, solve

    instance = parse_instance(json_document(raw, MAX_INSTANCE_BYTES))
    return solve(instance, exact=exact, time_limit=time_limit(limit)).as_dict()


def estimate_for(team: Team, effort_hours: Any, start: Any, overhead_minutes: Any = 30):
    """`domain.clock.estimate` on checked inputs (hours, ISO instant, minutes)."""
    from bornglobal.domain.clock import estimate

    effort = checked_number(effort_hours, "invalid_effort")
    overhead = checked_number(overhead_minutes, "invalid_overhead")
    if not 0 <= overhead <= MAX_OVERHEAD_MINUTES:
        raise DomainError(
            f"overhead_minutes is 0 to {MAX_OVERHEAD_MINUTES}.", code="invalid_overhead"
        )
    instant = checked_instant(start)
    return estimate(team, effort, instant, timedelta(microseconds=int(overhead * 60_000_000)))


def rota_inputs(
    week_of: Any, min_people: Any = 1, hours_utc: Any = None, limit: Any = None
) -> tuple[date, int, list[int] | None, float]:
    """A rota's checked parameters: the week's date, K (1-50), hours 0-23 or None, seconds."""
    from bornglobal.domain.rota import MAX_MIN_PEOPLE

    week = checked_date(week_of, "week_of")
    if isinstance(min_people, bool) or not isinstance(min_people, int):
        raise DomainError("min_people is a whole number.", code="invalid_min_people")
    if not 1 <= min_people <= MAX_MIN_PEOPLE:
        raise DomainError(
            f"min_people must be a whole number from 1 to {MAX_MIN_PEOPLE}.",
            code="invalid_min_people",
        )
    if hours_utc is not None and (
        not isinstance(hours_utc, list | tuple)
        or not hours_utc
        or any(isinstance(h, bool) or not isinstance(h, int) or not 0 <= h <= 23 for h in hours_utc)
    ):
        raise DomainError(
            "hours_utc is a non-empty list of whole hours 0-23.", code="invalid_hours"
        )
    hours = None if hours_utc is None else list(hours_utc)
    return week, min_people, hours, time_limit(limit)


def rota_for(
    team: Team, week_of: Any, min_people: Any = 1, hours_utc: Any = None, limit: Any = None
):
    """`domain.rota.rota` on checked inputs (see `rota_inputs`)."""
    from bornglobal.domain.rota import rota

    week, k, hours, seconds = rota_inputs(week_of, min_people, hours_utc, limit)
    return rota(team, week, k, hours, time_limit=seconds)
