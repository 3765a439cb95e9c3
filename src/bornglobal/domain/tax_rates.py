"""VAT and GST rates by country and date, read from one data file.

A rate is a figure in percent that applies in one country, for one *kind* of
supply, from the day it took effect (``valid_from``) to the day it ended
(``valid_to``, inclusive; empty while it is still in force). Rates change often
-- Finland moved from 24% to 25.5% on 1 September 2024, Slovakia from 20% to
23% on 1 January 2025, Romania from 19% to 21% on 1 August 2025 -- and the date
of the supply decides which figure applies, so a lookup always takes a date.

Every figure lives in ``data/vat_rates.csv`` with the source it comes from.
The file begins on 2023-01-01: a rate already in force then carries that date
and the note "in force before 2023-01-01". A date before a country's first row
is refused (``date_before_data``) rather than answered with a guess.

The kinds follow the European Commission's table. ``standard`` is the general
rate. ``reduced`` is the higher of a country's reduced rates in force on the
date and ``reduced_low`` the lower one (a country with one reduced rate has only
``reduced``); ``super_reduced`` is a rate below 5% (France 2.1%, Italy 4%,
Spain 4%, Ireland 4.8%, Luxembourg 3%). Which goods take which reduced rate is
national law and is not modelled: the caller chooses the kind.

The file is parsed once per process and cached.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path

from bornglobal.domain.errors import DomainError

RATES_FILE = Path(__file__).parent / "data" / "vat_rates.csv"


class TaxError(DomainError):
    """A tax question that cannot be answered from the facts given.

    Codes: ``unknown_country``, ``date_before_data``, ``invalid_vat_id``,
    ``not_in_scope``, ``no_such_rate``, ``invalid_date``, ``invalid_supply``,
    ``invalid_rate_kind``, ``invalid_rate``.
    """

    code = "tax_error"


class RateKind(StrEnum):
    STANDARD = "standard"
    REDUCED = "reduced"
    REDUCED_LOW = "reduced_low"
    SUPER_REDUCED = "super_reduced"


@dataclass(frozen=True, slots=True)
class Rate:
    """One row of the data file: `rate` percent in `country` for `kind` of supply."""

    country: str
    kind: RateKind
    rate: Decimal
    valid_from: date
    valid_to: date | None
    source: str
    note: str

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _row(record: dict[str, str]) -> Rate:
    return Rate(
        country=record["country"],
        kind=RateKind(record["kind"]),
        rate=Decimal(record["rate"]),
        valid_from=date.fromisoformat(record["valid_from"]),
        valid_to=date.fromisoformat(record["valid_to"]) if record["valid_to"] else None,
        source=record["source"],
        note=record["note"],
    )


@cache
def all_rates() -> tuple[Rate, ...]:
    """Every row of the data file, parsed once."""
    with RATES_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(_row(record) for record in csv.DictReader(handle))


@cache
def _by_country() -> dict[str, tuple[Rate, ...]]:
    table: dict[str, list[Rate]] = {}
    for rate in all_rates():
        table.setdefault(rate.country, []).append(rate)
    return {country: tuple(rates) for country, rates in table.items()}


def countries_with_rates() -> frozenset[str]:
    return frozenset(_by_country())


@cache
def data_begins() -> date:
    """The first day the data file covers for any country."""
    return min(rate.valid_from for rate in all_rates())


def first_day(country: str) -> date:
    """The first day the data covers for `country`."""
    return min(rate.valid_from for rate in _country_rates(country))


def _country_rates(country: str) -> tuple[Rate, ...]:
    rates = _by_country().get(country)
    if rates is None:
        raise TaxError(
            f"There are no VAT/GST rates for {country}.",
            code="not_in_scope",
            details={"country": country},
        )
    return rates


def rate_on(country: str, day: date, kind: RateKind = RateKind.STANDARD) -> Rate:
    """The `kind` rate of `country` in force on `day`.

    Raises TaxError ``date_before_data`` for a day before the country's data
    begins, and ``no_such_rate`` when the country has no rate of that kind
    on that day (Denmark has no reduced rate at all).
    """
    rates = _country_rates(country)
    if day < first_day(country):
        raise TaxError(
            f"The rate data for {country} begins on {first_day(country)}; {day} is earlier.",
            code="date_before_data",
            details={"country": country, "date": day.isoformat()},
        )
    for rate in rates:
        if rate.kind == kind and rate.in_force_on(day):
            return rate
    raise TaxError(
        f"{country} has no {kind.value} rate in force on {day}.",
        code="no_such_rate",
        details={"country": country, "kind": kind.value, "date": day.isoformat()},
    )


def changes() -> list[Rate]:
    """Rows that took effect after the data begins: the changes the file records."""
    return sorted(
        (rate for rate in all_rates() if rate.valid_from > first_day(rate.country)),
        key=lambda rate: (rate.valid_from, rate.country, rate.kind),
    )
