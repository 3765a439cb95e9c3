"""Search filters that need working out before the database is asked.

- **Overlap.** "At least N hours with my working window on 2026-03-09" depends on
  both zones' daylight saving time on that date, so it cannot be a column. Every
  profile shares a `WorkPattern`, and there are a few thousand patterns even for a
  million profiles: the hours are computed once per pattern (with
  `domain.availability`, DST- and holiday-correct) and the filter becomes
  `pattern_id IN (...)`. The answer is cached per process, keyed by the viewer's
  week, the date and the version of the pattern table.
- **Rate range.** The bounds are in the viewer's currency; profiles keep their own.
  For each currency present among profiles the bounds are converted into that
  currency's minor units with the money module's rates on the date (exactly: the
  lowest and highest own rates whose conversion, rounded as `domain.fx.convert`
  rounds, falls in the range), giving `(currency = c AND rate_minor BETWEEN lo AND
  hi) OR ...`, which the `(currency, rate_minor)` index answers.
"""

from __future__ import annotations

import json
import math
import time as monotonic_time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache

import holidays
from django.db import connection
from django.db.models import BooleanField, Count, Max, Q
from django.db.models.expressions import RawSQL

from bornglobal.domain import availability
from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.fx import ChainedRates, Conversion, EcbRates, NoRate, Rate, convert
from bornglobal.domain.money import Money, exponent
from bornglobal.money import rates
from bornglobal.network.models import Profile, WorkPattern

WEEKDAYS = frozenset(range(1, 8))
CACHE_SIZE = 64
CURRENCIES_TTL = 60.0


@cache
def _holiday_countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


def week_of(pattern: WorkPattern) -> WorkingWeek:
    """The domain's working week for a stored pattern."""
    country = pattern.holidays_country or None
    if country not in _holiday_countries():
        country = None
    return WorkingWeek(
        pattern.time_zone,
        pattern.start,
        pattern.end,
        frozenset(int(day) for day in pattern.days),
        country,
        (pattern.holidays_subdivision or None) if country else None,
    )


# Overlap hours per pattern


_person_windows: OrderedDict[tuple, dict[int, list]] = OrderedDict()
_pattern_hours: OrderedDict[tuple, dict[int, Decimal]] = OrderedDict()


def _remember(store: OrderedDict, key: tuple, value):
    store[key] = value
    store.move_to_end(key)
    while len(store) > CACHE_SIZE:
        store.popitem(last=False)
    return value


def _patterns_version() -> tuple:
    version = WorkPattern.objects.aggregate(rows=Count("id"), last=Max("id"))
    return version["rows"], version["last"]


def _windows_near(on: date, version: tuple) -> dict[int, list]:
    """Each pattern's merged windows on the local days around `on` (viewer-independent).

    Each pattern keeps the local days it works that are not its public holidays, and
    their windows come from `availability.hours_on` (plain arithmetic unless the zone
    changes its clocks that day): no `WorkingWeek` is built per pattern.
    """
    key = (on, version)
    if key in _person_windows:
        return _person_windows[key]
    days = [(day, str(day.isoweekday())) for day in
            (on + timedelta(days=shift) for shift in availability.NEIGHBOUR_DAYS)]
    windows = {}
    rows = WorkPattern.objects.values_list(
        "id", "time_zone", "start", "end", "days", "holidays_country", "holidays_subdivision")
    for pattern_id, zone, start, end, weekdays, country, subdivision in rows.iterator(
        chunk_size=5_000
    ):
        calendar = country if country in _holiday_countries() else None
        region = (subdivision or None) if calendar else None
        found = [availability.hours_on(zone, start, end, day) for day, weekday in days
                 if weekday in weekdays and not availability.is_holiday_in(calendar, region, day)]
        windows[pattern_id] = availability.merge(w for w in found if w is not None)
    return _remember(_person_windows, key, windows)


def overlap_by_pattern(viewer: WorkingWeek, on: date) -> dict[int, Decimal]:
    """Hours each pattern overlaps the viewer's window that starts on `on` (cached)."""
    version = _patterns_version()
    key = (viewer, on, version)
    if key in _pattern_hours:
        _pattern_hours.move_to_end(key)
        return _pattern_hours[key]
    window = availability.window_on(viewer, on)
    hours_of: dict[timedelta, Decimal] = {}  # few distinct totals: each converted once
    by_pattern = {}
    start, end = window or (None, None)
    for pattern_id, windows in _windows_near(on, version).items():
        total = timedelta(0)
        for begins, ends in windows if window else ():  # availability.overlap, inlined
            if begins < end and ends > start:
                total += min(ends, end) - max(begins, start)
        if total not in hours_of:
            hours_of[total] = availability.hours(total)
        by_pattern[pattern_id] = hours_of[total]
    return _remember(_pattern_hours, key, by_pattern)


def cached_overlap(viewer: WorkingWeek, on: date) -> dict[int, Decimal] | None:
    """The hours per pattern if a search already worked them out, without a query."""
    for key in reversed(_pattern_hours):
        if key[0] == viewer and key[1] == on:
            return _pattern_hours[key]
    return None


_enough_overlap: OrderedDict[tuple, tuple[dict, list[int]]] = OrderedDict()


def patterns_with_overlap(viewer: WorkingWeek, on: date, at_least: Decimal) -> list[int]:
    hours = overlap_by_pattern(viewer, on)
    key = (viewer, on, at_least)
    known = _enough_overlap.get(key)
    if known is None or known[0] is not hours:  # worked out from these very hours
        found = sorted(pattern_id for pattern_id, value in hours.items() if value >= at_least)
        known = _remember(_enough_overlap, key, (hours, found))
    return known[1]


def column_in(column: str, ids: list[int]) -> Q:
    """`column IN (ids)` sent as ONE parameter (a PostgreSQL array, a SQLite JSON list).

    Thousands of pattern ids as separate parameters cost more to build through the
    ORM than the index walk they filter costs to run.
    """
    if connection.vendor == "postgresql":
        # bigint[] as the id columns are: a cast across integer types would stop
        # PostgreSQL from hashing the array (a linear search per row instead).
        sql, param = f'"{column}" = ANY(%s::bigint[])', [int(i) for i in ids]
    else:
        sql, param = f'"{column}" IN (SELECT value FROM json_each(%s))', json.dumps(ids)  # noqa: S608
    return _condition(sql, [param])


def _condition(sql: str, params: list) -> Q:
    """A WHERE condition written as SQL over our own column names, values bound."""
    return Q(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611 (no user text)


# Currencies and rates


_currencies: dict[str, object] = {"at": None, "value": ()}


def profile_currencies() -> tuple[str, ...]:
    """The currencies profiles quote in: a skip scan over the rate index, cached a minute."""
    moment = monotonic_time.monotonic()
    if _currencies["at"] is not None and moment - _currencies["at"] < CURRENCIES_TTL:
        return _currencies["value"]
    found: list[str] = []
    after = ""
    while True:
        following = (
            Profile.objects.filter(currency__gt=after).order_by("currency")
            .values_list("currency", flat=True).first()
        )
        if following is None:
            break
        found.append(following)
        after = following
    _currencies.update(at=moment, value=tuple(found))
    return _currencies["value"]


def forget() -> None:
    """Drop this process's caches (tests; after bulk changes)."""
    _currencies.update(at=None, value=())
    _person_windows.clear()
    _pattern_hours.clear()
    _enough_overlap.clear()


def rate_between(chain: ChainedRates, base: str, quote: str, on: date) -> Rate | None:
    """The rate on `on`; past the end of the bundled ECB data, its last one (the date shows).

    Search only displays and compares rates (nothing is booked), so a rate a few
    weeks old, clearly dated, is better than no answer.
    """
    try:
        return chain.rate(base, quote, on)
    except NoRate:
        pass
    try:
        return chain.rate(base, quote, _last_ecb_day(base, quote, on))
    except NoRate:
        return None


def _last_ecb_day(base: str, quote: str, on: date) -> date:
    ecb = EcbRates()
    last = on
    for currency in (base, quote):
        if currency != "EUR":
            last = min(last, ecb.bounds(currency)[1])
    return last


def converted(money: Money, quote: str, on: date, chain: ChainedRates) -> Conversion | None:
    """`money` in `quote` (a `domain.fx.Conversion`), or None without any rate."""
    rate = rate_between(chain, money.currency, quote, on)
    if rate is None:
        return None
    return convert(money, quote, rate.requested, chain)


@dataclass(frozen=True, slots=True)
class RateRange:
    """Hourly rate bounds in the viewer's currency, as minor units (None = open)."""

    currency: str
    low: int | None
    high: int | None


def _lowest_at_least(target: int, per_minor: Fraction) -> int:
    """The smallest own rate in minor units whose conversion is at least `target`.

    A conversion is ``round_half_even(minor * per_minor)`` (what `domain.fx.convert`
    computes, with `per_minor` = the rate scaled to minor units of both currencies), a
    non-decreasing step function, so the answer is found from the exact inverse and
    checked one step either side.
    """
    guess = max(1, math.ceil((Fraction(target) - Fraction(1, 2)) / per_minor))
    while guess > 1 and round((guess - 1) * per_minor) >= target:
        guess -= 1
    while round(guess * per_minor) < target:
        guess += 1
    return guess


def own_currency_bounds(
    wanted: RateRange, currency: str, on: date, chain: ChainedRates
) -> tuple[int, int | None] | None:
    """(lo, hi) in `currency` minor units matching `wanted`; None if no rate or no match."""
    rate = rate_between(chain, currency, wanted.currency, on)
    if rate is None:
        return None
    per_minor = Fraction(rate.value) * 10 ** exponent(wanted.currency) / 10 ** exponent(currency)
    low = 1 if wanted.low is None else _lowest_at_least(wanted.low, per_minor)
    if wanted.high is None:
        return low, None
    high = _lowest_at_least(wanted.high + 1, per_minor) - 1
    return None if high < low else (low, high)


_bounds_cache: OrderedDict[tuple, Q] = OrderedDict()


def rate_clause(wanted: RateRange, on: date) -> Q:
    """`(currency = c AND rate_minor BETWEEN lo AND hi) OR ...` over the profiles' currencies.

    Written as one SQL condition with bound values: some thirty currencies as ORM
    lookups cost more to compile than the index walk they filter costs to run.
    """
    chain = rates.current()
    currencies = profile_currencies()
    key = (wanted, on, currencies, id(chain))
    if key in _bounds_cache:
        return _bounds_cache[key]
    parts, params = [], []
    for currency in currencies:
        bounds = own_currency_bounds(wanted, currency, on, chain)
        if bounds is None:
            continue
        low, high = bounds
        parts.append('("currency" = %s AND "rate_minor" >= %s'
                     + (' AND "rate_minor" <= %s)' if high is not None else ")"))
        params += [currency, low] + ([high] if high is not None else [])
    clause = _condition(f"({' OR '.join(parts)})", params) if parts else Q(pk__in=[])
    return _remember(_bounds_cache, key, clause)


def major_to_minor(amount: Decimal, currency: str) -> int:
    """A bound typed in major units, to whole minor units (refusing extra decimals)."""
    return Money.of(amount, currency).minor
