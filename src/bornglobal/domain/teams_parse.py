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
from bornglobal.domain.teams_instance import (
    CANDIDATE_KEYS,
    HOURS_SCALE,
    RATING_SCALE,
    TOP_KEYS,
    CandidatePool,
    InvalidInstance,
    Role,
    TeamInstance,
    clock_time,
    coverage_mask,
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
class _Columns:
    """The candidate columns while they are read, as plain lists."""

    role_skills: tuple[str, ...]
    fx: dict[str, Decimal]
    on: date
    ids: list[str] = field(default_factory=list)
    rates: list[int] = field(default_factory=list)
    currencies: list[int] = field(default_factory=list)
    ratings: list[int] = field(default_factory=list)
    available: list[int] = field(default_factory=list)
    masks: list[int] = field(default_factory=list)
    levels: dict[str, list[int]] = field(default_factory=dict)
    currency_index: dict[str, int] = field(default_factory=dict)
    mask_of: dict[tuple[Any, Any, Any], int] = field(default_factory=dict)


def read_pool(raw: Any, roles: tuple[Role, ...], fx: dict[str, Decimal], on: date) -> CandidatePool:
    """Read the candidate list into columns."""
    if not isinstance(raw, list):
        raise InvalidInstance("candidates: give a list of candidates.")
    skills = tuple(sorted({skill for role in roles for skill, _ in role.skills}))
    columns = _Columns(skills, fx, on, levels={skill: [] for skill in skills})
    for index, candidate in enumerate(raw):
        _read_candidate(candidate, index, columns)
    if len(set(columns.ids)) != len(columns.ids):
        _refuse_duplicate(columns.ids)
    return CandidatePool(
        ids=tuple(columns.ids),
        rate_minor=np.array(columns.rates, dtype=np.int64),
        currency=np.array(columns.currencies, dtype=np.int32),
        currencies=tuple(columns.currency_index),
        rating_milli=np.array(columns.ratings, dtype=np.int64),
        available_centi=np.array(columns.available, dtype=np.int64),
        coverage_mask=np.array(columns.masks, dtype=np.int64),
        skill_levels={s: np.array(v, dtype=np.int32) for s, v in columns.levels.items()},
    )


def _refuse_duplicate(ids: list[str]) -> None:
    seen: set[str] = set()
    for index, candidate_id in enumerate(ids):
        if candidate_id in seen:
            raise InvalidInstance(
                f"candidates[{index}]: the id {candidate_id!r} is used twice.", code="duplicate_id"
            )
        seen.add(candidate_id)


def _read_candidate(raw: Any, index: int, columns: _Columns) -> None:
    where = f"candidates[{index}]"
    if not isinstance(raw, dict):
        raise InvalidInstance(f"{where}: a candidate is an object.")
    if not raw.keys() <= CANDIDATE_KEYS:
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
    rating = scaled_number(required(raw, "rating", where), RATING_SCALE)
    if rating is None or rating < 0:
        rating = read_scaled(raw["rating"], RATING_SCALE, f"{where} rating", code="invalid_rating")
    available = scaled_number(required(raw, "available_hours", where), HOURS_SCALE)
    if available is None or available < 0:
        available = read_scaled(
            raw["available_hours"], HOURS_SCALE, f"{where} available_hours", code="invalid_hours"
        )
    columns.ids.append(candidate_id)
    columns.rates.append(rate)
    columns.currencies.append(_currency_index(raw.get("currency"), where, columns))
    columns.ratings.append(rating)
    columns.available.append(available)
    columns.masks.append(_mask(raw, where, columns))
    for skill, levels in columns.levels.items():
        levels.append(skills.get(skill, 0))


def _currency_index(code: Any, where: str, columns: _Columns) -> int:
    try:
        return columns.currency_index[code]
    except (KeyError, TypeError):
        pass
    read_currency(code, f"{where} currency")
    if code not in columns.fx:
        raise DomainError(
            f'{where}: no fx rate for {code}; add "{code}": "<rate>" to fx.',
            code="missing_fx_rate",
            details={"currency": code},
        )
    return columns.currency_index.setdefault(code, len(columns.currency_index))


def _mask(raw: dict, where: str, columns: _Columns) -> int:
    key = (raw.get("zone"), raw.get("work_start"), raw.get("work_end"))
    try:
        return columns.mask_of[key]
    except (KeyError, TypeError):
        pass
    zone = read_zone(required(raw, "zone", where), where)
    start = clock_time(required(raw, "work_start", where), f"{where} work_start")
    end = clock_time(required(raw, "work_end", where), f"{where} work_end")
    columns.mask_of[key] = mask = coverage_mask(zone, start, end, columns.on)
    return mask
