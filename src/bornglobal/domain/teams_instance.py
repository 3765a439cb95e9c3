"""A team formation instance: roles to fill from a pool of candidates.

The instance is the public contract of `bornglobal teams solve` (see
docs/teams.md). It names the instance currency, a `date`, an optional budget,
team size limit and minimum rating, the UTC hours to keep covered, exchange
rates, the roles and the candidates. `parse_instance` (in `teams_parse`) checks
every field and refuses bad input with a `DomainError` whose `code` says what
kind of mistake it is and whose message says where ("candidates[3] (f4): ...").

Candidates are held column by column (`CandidatePool`), because a pool may hold a
million people: one numpy array per field, and one per role skill for the
candidates' levels in that skill (0 when they lack it). Only skills some role
asks for are kept.

**Coverage.** A candidate's local working hours (`work_start` to `work_end`,
crossing midnight when the end is not after the start, 24 hours when they are
equal) repeat every local day. On `date` they cover UTC hour h when one of their
windows -- the one starting on their local `date`, or on a local day around it,
each converted with that day's UTC offset -- fully contains [h:00, h+1:00) UTC
of `date`. So a night shift from the local evening before counts, and a zone
that changes its clocks that day is read with the right offset on each side of
the change. Half-hour zones cover only the whole UTC hours inside the window:
09:00-17:00 in Asia/Kolkata (UTC+5:30) is 03:30-11:30 UTC and covers hours 4 to
10. The hours covered are kept as a 24-bit mask, computed once per distinct
(zone, start, end) by `teams_coverage`.

Ratings and hours are kept as exact integers: ratings in thousandths (4.8 is
4800), hours in hundredths (37.5 is 3750); more decimals than that are refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

import numpy as np

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import exponent
from bornglobal.domain.places import time_zone

HOURS_IN_DAY = 24
RATING_SCALE = 1000
HOURS_SCALE = 100
_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)|24:00")
SKILL_LEVEL_MAX = 1_000


class InvalidInstance(DomainError):
    code = "invalid_instance"


@dataclass(frozen=True, slots=True)
class Role:
    """`count` people with every skill in `skills` at the level given, for `hours`."""

    id: str
    skills: tuple[tuple[str, int], ...]
    hours_centi: int
    count: int

    @property
    def hours(self) -> Decimal:
        return Decimal(self.hours_centi) / HOURS_SCALE


@dataclass(frozen=True, slots=True)
class Coverage:
    """Each of `hours_utc` needs at least `min_people` team members at work."""

    hours_utc: tuple[int, ...]
    min_people: int

    @property
    def mask(self) -> int:
        return sum(1 << hour for hour in self.hours_utc) if self.min_people else 0


@dataclass(frozen=True, slots=True, eq=False)
class CandidatePool:
    """The candidates, one array per field; index i is the i-th candidate of the file."""

    ids: tuple[str, ...]
    rate_minor: np.ndarray  # int64, minor units of the candidate's currency per hour
    currency: np.ndarray  # int32 index into `currencies`
    currencies: tuple[str, ...]
    rating_milli: np.ndarray  # int64, rating in thousandths
    available_centi: np.ndarray  # int64, available hours in hundredths
    coverage_mask: np.ndarray  # int64, bit h set when the candidate covers UTC hour h
    skill_levels: Mapping[str, np.ndarray]  # int32 per role skill; 0 when absent

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True, eq=False)
class TeamInstance:
    currency: str
    date: date
    budget_minor: int | None
    max_team_size: int | None
    min_rating_milli: int
    coverage: Coverage
    fx: Mapping[str, Decimal]
    roles: tuple[Role, ...]
    candidates: CandidatePool

    @property
    def team_size(self) -> int:
        """Every member fills one role, so a team has exactly this many people."""
        return sum(role.count for role in self.roles)


TOP_KEYS = frozenset(
    {
        "currency",
        "date",
        "budget_minor",
        "max_team_size",
        "min_rating",
        "coverage",
        "fx",
        "roles",
        "candidates",
    }
)
_ROLE_KEYS = frozenset({"id", "skills", "hours", "count"})
CANDIDATE_KEYS = frozenset(
    {
        "id",
        "skills",
        "rate_minor",
        "currency",
        "rating",
        "zone",
        "work_start",
        "work_end",
        "available_hours",
    }
)


def refuse_unknown_keys(record: dict, allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(record) - allowed)
    if unknown:
        raise InvalidInstance(
            f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(allowed))}).",
            code="unknown_field",
        )


def required(record: dict, key: str, where: str) -> Any:
    if key not in record or record[key] is None:
        raise InvalidInstance(f"{where}: {key!r} is required.", code="missing_field")
    return record[key]


def is_int(value: Any) -> bool:
    return type(value) is int


def read_currency(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidInstance(
            f"{where}: a currency is an ISO 4217 code such as EUR.", code="invalid_currency"
        )
    try:
        exponent(value)
    except DomainError as error:
        raise DomainError(f"{where}: {error.message}", code=error.code) from None
    return value


def read_date(value: Any) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInstance(
            f"date: {value!r} is not a date (YYYY-MM-DD).", code="invalid_date"
        ) from None


def read_optional_count(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not is_int(value) or value < 0:
        raise InvalidInstance(
            f"{where}: {value!r} is not a whole number >= 0.", code="invalid_number"
        )
    return value


@lru_cache(maxsize=4096, typed=True)
def scaled_number(value: Any, scale: int) -> int | None:
    """`value` * `scale` as an int, or None when it is no number or has too many decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        exact = Decimal(value) if isinstance(value, int | str) else Decimal(repr(value))
    except InvalidOperation:
        return None
    scaled = exact * scale
    if not scaled.is_finite() or scaled != scaled.to_integral_value():
        return None
    return int(scaled)


def read_scaled(value: Any, scale: int, where: str, *, code: str = "invalid_number") -> int:
    scaled = scaled_number(value, scale)
    if scaled is None or scaled < 0:
        places = len(str(scale)) - 1
        raise InvalidInstance(
            f"{where}: {value!r} is not a number >= 0 with at most {places} decimals.", code=code
        )
    return scaled


def read_fx(value: Any, currency: str) -> dict[str, Decimal]:
    if not isinstance(value, dict):
        raise InvalidInstance(
            "fx: give an object of currency: rate (a decimal string).", code="invalid_fx_rate"
        )
    rates = {currency: Decimal(1)}
    for code, text in value.items():
        read_currency(code, f"fx[{code!r}]")
        try:
            rate = Decimal(text) if isinstance(text, str) else None
        except InvalidOperation:
            rate = None
        if rate is None or not rate.is_finite() or rate <= 0:
            raise InvalidInstance(
                f'fx[{code!r}]: {text!r} is not a positive decimal string such as "0.92".',
                code="invalid_fx_rate",
            )
        if code == currency and rate != 1:
            raise InvalidInstance(
                f"fx[{code!r}]: the instance currency's own rate must be 1.", code="invalid_fx_rate"
            )
        rates[code] = rate
    return rates


def read_skills(value: Any, where: str, *, minimum: int) -> dict[str, int]:
    if not isinstance(value, dict):
        raise InvalidInstance(
            f"{where}: skills are an object of skill: level.", code="invalid_skills"
        )
    for skill, level in value.items():
        if not is_int(level) or not minimum <= level <= SKILL_LEVEL_MAX or not skill:
            raise InvalidInstance(
                f"{where}: skill {skill!r} needs a whole level from {minimum} to "
                f"{SKILL_LEVEL_MAX}, not {level!r}.",
                code="invalid_skills",
            )
    return value


def read_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidInstance(f"{where}: 'id' must be a non-empty string.", code="invalid_id")
    return value


def _role(raw: Any, index: int) -> Role:
    where = f"roles[{index}]"
    if not isinstance(raw, dict):
        raise InvalidInstance(f"{where}: a role is an object.")
    refuse_unknown_keys(raw, _ROLE_KEYS, where)
    role_id = read_id(required(raw, "id", where), where)
    where = f"{where} ({role_id})"
    skills = read_skills(raw.get("skills", {}), where, minimum=0)
    hours = read_scaled(
        required(raw, "hours", where), HOURS_SCALE, f"{where} hours", code="invalid_hours"
    )
    count = raw.get("count", 1)
    if not is_int(count) or count < 1:
        raise InvalidInstance(
            f"{where}: count must be a whole number >= 1, not {count!r}.", code="invalid_number"
        )
    return Role(role_id, tuple(sorted(skills.items())), hours, count)


def read_roles(value: Any) -> tuple[Role, ...]:
    if not isinstance(value, list) or not value:
        raise InvalidInstance("roles: give a non-empty list of roles.")
    roles = tuple(_role(raw, index) for index, raw in enumerate(value))
    seen: set[str] = set()
    for role in roles:
        if role.id in seen:
            raise InvalidInstance(f"roles: the id {role.id!r} is used twice.", code="duplicate_id")
        seen.add(role.id)
    return roles


def read_coverage(value: Any) -> Coverage:
    if value is None:
        return Coverage((), 0)
    if not isinstance(value, dict):
        raise InvalidInstance('coverage: give {"hours_utc": [...], "min_people": n}.')
    refuse_unknown_keys(value, frozenset({"hours_utc", "min_people"}), "coverage")
    hours = value.get("hours_utc", [])
    if not isinstance(hours, list) or not all(is_int(h) and 0 <= h < HOURS_IN_DAY for h in hours):
        raise InvalidInstance(
            "coverage.hours_utc: give whole UTC hours from 0 to 23.", code="invalid_hours"
        )
    min_people = value.get("min_people", 1)
    if not is_int(min_people) or min_people < 0:
        raise InvalidInstance(
            f"coverage.min_people: {min_people!r} is not a whole number >= 0.",
            code="invalid_number",
        )
    return Coverage(tuple(sorted(set(hours))), min_people)


def clock_time(value: Any, where: str) -> time:
    """Read HH:MM (00:00 to 23:59; 24:00 is the midnight that ends a day)."""
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise InvalidInstance(
            f"{where}: {value!r} is not a time of day HH:MM.", code="invalid_time_of_day"
        )
    return time(0) if value == "24:00" else time(int(match[1]), int(match[2]))


@cache
def _zone(value: Any) -> str:
    return time_zone(value)


def read_zone(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidInstance(
            f"{where}: zone must be an IANA time zone name.", code="invalid_time_zone"
        )
    try:
        return _zone(value)
    except DomainError as error:
        raise DomainError(f"{where}: {error.message}", code=error.code) from None
