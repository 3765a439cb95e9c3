"""The demo's operator rate table: illustrative rates for what the ECB does not cover.

Two kinds of rows go into `money.models.OperatorRate`, through `rates.import_csv`
(so they are validated and audited like an operator's import):

- weekly rows from 2025-11-01 to today for eight currencies the ECB does not publish
  (NGN, KES, PKR, BDT, EGP, VND, ARS, UAH): believable per-EUR values that drift a
  little each week, the same on every run. They are *not* market data;
- weekly rows from 2026-11-02 to today for every currency the bundled ECB history
  still publishes, at its last ECB rate (2026-10-30). The bundled data stops there:
  without them a release "today" would be paid at that rate disclosed as stale, and
  refused with `rate_too_old` once it is older than `BORNGLOBAL_FX_MAX_AGE_DAYS`.
  With them the demo has a rate of the day it is loaded, whatever that day is, and
  stays usable (with the age disclosed) for the maximum age after it.

Rates are `Decimal` throughout: no float touches them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bornglobal import clock
from bornglobal.domain.fx import EcbRates, NoRate
from bornglobal.money import rates

TABLE_START = date(2025, 11, 1)
ECB_LAST = date(2026, 10, 30)
CARRY_START = date(2026, 11, 2)
DEMO_TODAY = date(2026, 11, 23)
DEMO_NOTE = "demo rates (illustrative, not market data)"
CARRY_NOTE = "demo: ECB 2026-10-30 rate carried forward"
CENT = Decimal("0.01")
BASIS = Decimal(10_000)


@dataclass(frozen=True, slots=True)
class Drift:
    """A weekly random walk: start value, trend and wobble in basis points, and a band."""

    start: Decimal
    trend_bp: int
    wobble_bp: int
    low: Decimal
    high: Decimal


DRIFTS = {
    "NGN": Drift(Decimal("1642.50"), 8, 60, Decimal(1600), Decimal(1750)),
    "KES": Drift(Decimal("150.20"), 0, 35, Decimal(146), Decimal(155)),
    "PKR": Drift(Decimal("321.40"), 4, 35, Decimal(312), Decimal(334)),
    "BDT": Drift(Decimal("139.80"), 3, 30, Decimal(136), Decimal(146)),
    "EGP": Drift(Decimal("55.10"), 5, 45, Decimal(53), Decimal(58)),
    "VND": Drift(Decimal("30150"), 4, 25, Decimal(29500), Decimal(31200)),
    "ARS": Drift(Decimal("1398.00"), 45, 70, Decimal(1350), Decimal(1900)),
    "UAH": Drift(Decimal("48.05"), 3, 40, Decimal("46.50"), Decimal("49.80")),
}
OPERATOR_CURRENCIES = tuple(sorted(DRIFTS))
# The currencies of the ECB's daily reference rates (BGN stopped when Bulgaria took the euro).
ECB_CURRENCIES = (
    "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "GBP", "HKD", "HUF", "IDR", "ILS",
    "INR", "ISK", "JPY", "KRW", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "RON", "SEK", "SGD",
    "THB", "TRY", "USD", "ZAR",
)


def table_end(today: date | None = None) -> date:
    """The last day the table must cover: the demo's today, or later if run later."""
    return max(DEMO_TODAY, today or clock.today())


def weekly(start: date, end: date) -> list[date]:
    """Every 7th day from `start`, and `end` itself, so the look-back always finds a row."""
    days = [start + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]
    return days if days[-1] == end else [*days, end]


def drifting_rates(end: date) -> list[tuple[str, date, Decimal]]:
    """(currency, day, per EUR) for the operator currencies; a function of `end` only."""
    rows = []
    for currency, drift in DRIFTS.items():
        rng = random.Random(f"bornglobal-demo-rates:{currency}")
        value = drift.start
        for day in weekly(TABLE_START, end):
            rows.append((currency, day, value.quantize(CENT)))
            step = drift.trend_bp + rng.randint(-drift.wobble_bp, drift.wobble_bp)
            value = min(max(value * (BASIS + step) / BASIS, drift.low), drift.high)
    return rows


def carried_ecb_rates(end: date) -> list[tuple[str, date, Decimal]]:
    """The last bundled ECB rate of each currency it still publishes, weekly after it."""
    ecb = EcbRates(max_lookback_days=0)
    last = {}
    for currency in ECB_CURRENCIES:
        try:
            last[currency] = ecb.per_eur(currency, ECB_LAST)[0]
        except NoRate:  # no longer published (BGN)
            continue
    days = weekly(CARRY_START, end) if end >= CARRY_START else []
    return [(cur, day, value) for cur, value in last.items() for day in days]


def _csv(rows: list[tuple[str, date, Decimal]]) -> str:
    lines = ["currency,date,per_eur"]
    lines += [f"{currency},{day.isoformat()},{value}" for currency, day, value in rows]
    return "\n".join(lines) + "\n"


def load_rates(end: date | None = None) -> int:
    """Write both kinds of rows; returns how many."""
    end = end or table_end()
    written = rates.import_csv(None, _csv(drifting_rates(end)), note=DEMO_NOTE)
    carried = carried_ecb_rates(end)
    if carried:
        written += rates.import_csv(None, _csv(carried), note=CARRY_NOTE)
    return written
