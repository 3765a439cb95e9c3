"""Reading a team formation instance from JSON (the format is in docs/teams.md).

`load_instance` takes JSON text, `parse_instance` an already decoded document.
Both check every field and raise `DomainError` naming the field, the record and
the rule broken. Candidates are read in one pass into columns (see
`CandidatePool`); the zone, currency and working-hours checks are made once per
distinct value, so a million candidates cost a few seconds, most of it JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from bornglobal.domain.errors import DomainError
from bornglobal.domain.teams_coverage import coverage_mask
from bornglobal.domain.teams_instance import (
    CANDIDATE_KEYS,
    HOURS_SCALE,
    RATING_SCALE,
    SKILL_LEVEL_MAX,
    TOP_KEYS,
    CandidatePool,
    InvalidInstance,
    Role,
    TeamInstance,
    clock_time,
    is_int,
    read_coverage,
    read_currency,
    read_date,
    read_fx,
    read_id,
    read_optional_count,
    read_roles,
    read_scaled,
    read_skills,
    read_zone,
    refuse_unknown_keys,
    required,
    scaled_number,
)


def load_instance(text: str | bytes) -> TeamInstance:
    """Read an instance from JSON text."""
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as error:
        raise DomainError(
            f"The instance is not valid JSON: {error}.", code="invalid_json"
        ) from None
    return parse_instance(document)


def parse_instance(document: Any) -> TeamInstance:
    """Check a decoded JSON instance and build a `TeamInstance` from it."""
    if not isinstance(document, dict):
        raise InvalidInstance("The instance must be a JSON object.")
    refuse_unknown_keys(document, TOP_KEYS, "the instance")
    currency = read_currency(required(document, "currency", "the instance"), "currency")
    on = read_date(required(document, "date", "the instance"))
    fx = read_fx(document.get("fx", {}), currency)
    roles = read_roles(required(document, "roles", "the instance"))
    raw_candidates = required(document, "candidates", "the instance")
    return TeamInstance(
        currency=currency,
        date=on,
        budget_minor=read_optional_count(document.get("budget_minor"), "budget_minor"),
        max_team_size=read_optional_count(document.get("max_team_size"), "max_team_size"),
        min_rating_milli=read_scaled(document.get("min_rating", 0), RATING_SCALE, "min_rating"),
        coverage=read_coverage(document.get("coverage")),
        fx=fx,
        roles=roles,
        candidates=read_pool(raw_candidates, roles, fx, on),
    )


@dataclass(slots=True)
class _Seen:
    """What the reading needs besides the rows: fx, the date, and values already checked."""

    fx: dict[str, Decimal]
    on: date
    currency_index: dict[str, int] = field(default_factory=dict)
    mask_of: dict[tuple[Any, Any, Any], int] = field(default_factory=dict)


def read_pool(raw: Any, roles: tuple[Role, ...], fx: dict[str, Decimal], on: date) -> CandidatePool:
    """Read the candidate list into columns."""
    if not isinstance(raw, list):
        raise InvalidInstance("candidates: give a list of candidates.")
    skills = tuple(sorted({skill for role in roles for skill, _ in role.skills}))
    columns = _Seen(fx, on)
    rows = [_read_candidate(candidate, index, columns) for index, candidate in enumerate(raw)]
    fields = tuple(zip(*rows, strict=True)) if rows else ((),) * FIELDS
    ids, rates, ratings, available, currencies, masks, held = fields
    if len(set(ids)) != len(ids):
        _refuse_duplicate(ids)
    return CandidatePool(
        ids=ids,
        rate_minor=np.array(rates, dtype=np.int64),
        currency=np.array(currencies, dtype=np.int32),
        currencies=tuple(columns.currency_index),
        rating_milli=np.array(ratings, dtype=np.int64),
        available_centi=np.array(available, dtype=np.int64),
        coverage_mask=np.array(masks, dtype=np.int64),
        skill_levels={skill: _levels(held, skill) for skill in skills},
    )


def _levels(skills: tuple[dict[str, int], ...], skill: str) -> np.ndarray:
    return np.array([held.get(skill, 0) for held in skills], dtype=np.int32)


def _refuse_duplicate(ids: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for index, candidate_id in enumerate(ids):
        if candidate_id in seen:
            raise InvalidInstance(
                f"candidates[{index}]: the id {candidate_id!r} is used twice.", code="duplicate_id"
            )
        seen.add(candidate_id)


# id, rate_minor, rating (thousandths), available hours (hundredths), currency, mask, skills
_Candidate = tuple[str, int, int, int, int, int, dict[str, int]]
FIELDS = 7


def _read_candidate(raw: Any, index: int, columns: _Seen) -> _Candidate:
    """One candidate's fields: a fast path that checks types only (zones, currencies and
    hours are checked once each); anything wrong goes through `_read_checked`, which
    finds the first problem and explains it."""
    try:
        currency = columns.currency_index.get(raw["currency"])
        mask = columns.mask_of.get((raw["zone"], raw["work_start"], raw["work_end"]))
        fields = (
            raw["id"],
            raw["rate_minor"],
            scaled_number(raw["rating"], RATING_SCALE),
            scaled_number(raw["available_hours"], HOURS_SCALE),
            _currency_index(raw, index, columns) if currency is None else currency,
            _mask(raw, index, columns) if mask is None else mask,
            raw.get("skills", _NO_SKILLS),
        )
    except (KeyError, TypeError, AttributeError):
        return _read_checked(raw, index, columns)
    return fields if _plainly_valid(raw, fields) else _read_checked(raw, index, columns)


_NO_SKILLS: dict[str, int] = {}


def _plainly_valid(raw: dict, fields: _Candidate) -> bool:
    candidate_id, rate, rating, available, _, _, skills = fields
    return (
        raw.keys() <= CANDIDATE_KEYS
        and type(candidate_id) is str
        and candidate_id != ""
        and type(rate) is int
        and rate >= 0
        and rating is not None
        and rating >= 0
        and available is not None
        and available >= 0
        and type(skills) is dict
        and all(type(level) is int and 0 <= level <= SKILL_LEVEL_MAX for level in skills.values())
        and all(type(skill) is str and skill for skill in skills)
    )


def _read_checked(raw: Any, index: int, columns: _Seen) -> _Candidate:
    """Check one candidate field by field, raising the first problem in words."""
    where = f"candidates[{index}]"
    if not isinstance(raw, dict):
        raise InvalidInstance(f"{where}: a candidate is an object.")
    refuse_unknown_keys(raw, CANDIDATE_KEYS, where)
    candidate_id = read_id(raw.get("id"), where)
    where = f"{where} ({candidate_id})"
    skills = read_skills(raw.get("skills", {}), where, minimum=0)
    rate = raw.get("rate_minor")
    if not is_int(rate) or rate < 0:
        raise InvalidInstance(
            f"{where}: rate_minor must be a whole number of minor units >= 0, not {rate!r}.",
            code="invalid_amount",
        )
    required(raw, "rating", where)
    rating = read_scaled(raw["rating"], RATING_SCALE, f"{where} rating", code="invalid_rating")
    required(raw, "available_hours", where)
    available = read_scaled(
        raw["available_hours"], HOURS_SCALE, f"{where} available_hours", code="invalid_hours"
    )
    currency = _currency_index(raw, index, columns)
    return candidate_id, rate, rating, available, currency, _mask(raw, index, columns), skills


def _where(raw: dict, index: int) -> str:
    return f"candidates[{index}] ({raw.get('id')})"


def _currency_index(raw: dict, index: int, columns: _Seen) -> int:
    """The currency's column index, checking a currency (and its fx rate) on first sight."""
    code = raw.get("currency")
    try:
        return columns.currency_index[code]
    except (KeyError, TypeError):  # not seen yet, or not even a string
        pass
    where = _where(raw, index)
    read_currency(code, f"{where} currency")
    if code not in columns.fx:
        raise DomainError(
            f'{where}: no fx rate for {code}; add "{code}": "<rate>" to fx.',
            code="missing_fx_rate",
            details={"currency": code},
        )
    return columns.currency_index.setdefault(code, len(columns.currency_index))


def _mask(raw: dict, index: int, columns: _Seen) -> int:
    """The coverage mask of the candidate's hours, checking zone and times on first sight."""
    key = (raw.get("zone"), raw.get("work_start"), raw.get("work_end"))
    try:
        return columns.mask_of[key]
    except (KeyError, TypeError):
        pass
    where = _where(raw, index)
    zone = read_zone(required(raw, "zone", where), where)
    start = clock_time(required(raw, "work_start", where), f"{where} work_start")
    end = clock_time(required(raw, "work_end", where), f"{where} work_end")
    columns.mask_of[key] = mask = coverage_mask(zone, start, end, columns.on)
    return mask
