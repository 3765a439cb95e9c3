"""Statutory interest on late payment between businesses (Directive 2011/7/EU).

When a business customer pays an invoice late, the Late Payment Directive
gives the supplier, without any reminder, two things:

- **interest** at the *reference rate* plus at least 8 percentage points
  (Art. 2(6) and Art. 4). For the euro the reference rate is the rate the
  European Central Bank applied to its most recent main refinancing
  operations, taken as it stood on the **first calendar day of the
  half-year** -- 1 January for January to June, 1 July for July to December
  (Art. 2(7)). A rate change in the middle of a half-year does not count until
  the next one;
- a fixed **compensation of EUR 40** for recovery costs (Art. 6), converted
  by the caller when the invoice is in another currency.

Interest is *simple* and runs per day, from the day after the due date up to
and including the day of payment (or the day it is computed for). The day
count is **actual/365**: each day adds 1/365 of a year's interest, in leap
years too. An overdue period that spans half-years uses each half-year's
rate for its own days. The amount is the invoice's gross (VAT-inclusive)
total in integer minor units; the interest is computed exactly as a fraction
and rounded once, half to even, to the currency's minor unit.

Member states may set a higher margin (Germany's section 288(2) BGB uses its
own base rate plus 9 points); this module computes the Directive's minimum.

The ECB rate history is ``data/ecb_mro_rates.csv``, read once per process.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money

MRO_FILE = Path(__file__).parent / "data" / "ecb_mro_rates.csv"
MARGIN = Decimal("8")
COMPENSATION = Money(4000, "EUR")
DAYS_IN_YEAR = 365


class LatePaymentError(DomainError):
    """Codes: ``date_before_data``, ``invalid_amount``."""

    code = "late_payment_error"


@dataclass(frozen=True, slots=True)
class ReferenceRate:
    effective_from: date
    rate: Decimal
    source: str


@cache
def mro_history() -> tuple[ReferenceRate, ...]:
    """The ECB main refinancing operations rate, each with the day it took effect."""
    with MRO_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [
            ReferenceRate(date.fromisoformat(r["effective_from"]), Decimal(r["rate"]), r["source"])
            for r in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda row: row.effective_from))


def mro_on(day: date) -> ReferenceRate:
    """The MRO rate in force on `day`."""
    history = mro_history()
    index = bisect_right([row.effective_from for row in history], day) - 1
    if index < 0:
        raise LatePaymentError(
            f"The ECB rate data begins on {history[0].effective_from}; {day} is earlier.",
            code="date_before_data",
            details={"date": day.isoformat()},
        )
    return history[index]


def half_year_start(day: date) -> date:
    """1 January or 1 July: the first calendar day of `day`'s half-year."""
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def reference_rate(day: date) -> ReferenceRate:
    """The reference rate for `day`: the MRO rate on the first day of its half-year."""
    return mro_on(half_year_start(day))


def statutory_rate(day: date) -> Decimal:
    """The yearly late-payment interest rate in percent for `day`: reference + 8."""
    return reference_rate(day).rate + MARGIN


@dataclass(frozen=True, slots=True)
class InterestPeriod:
    """Overdue days that share one rate (one half-year or part of one)."""

    first_day: date
    last_day: date
    days: int
    reference_rate: Decimal
    rate: Decimal


@dataclass(frozen=True, slots=True)
class LateInterest:
    gross: Money
    due_date: date
    as_of: date
    days: int
    periods: tuple[InterestPeriod, ...]
    interest: Money
    compensation: Money = COMPENSATION

    def describe(self) -> str:
        rates = ", ".join(f"{p.rate}% for {p.days} day(s) from {p.first_day}" for p in self.periods)
        return (
            f"{self.days} day(s) overdue on {self.gross}: interest {self.interest} "
            f"({rates or 'no days'}; ECB rate + {MARGIN} points, actual/365), "
            f"plus fixed compensation of {self.compensation}"
        )


def overdue_periods(due_date: date, as_of: date) -> tuple[InterestPeriod, ...]:
    """The days after `due_date` up to and including `as_of`, split by half-year."""
    periods = []
    day = due_date + timedelta(days=1)
    while day <= as_of:
        start = half_year_start(day)
        next_half = date(start.year, 7, 1) if start.month == 1 else date(start.year + 1, 1, 1)
        last = min(as_of, next_half - timedelta(days=1))
        reference = reference_rate(day).rate
        days = (last - day).days + 1
        periods.append(InterestPeriod(day, last, days, reference, reference + MARGIN))
        day = last + timedelta(days=1)
    return tuple(periods)


def late_interest(gross: Money, due_date: date, as_of: date) -> LateInterest:
    """Statutory interest on `gross` paid (or still unpaid) on `as_of`, due on `due_date`."""
    if gross.minor < 0:
        raise LatePaymentError(
            f"Interest is charged on an amount owed, not on {gross}.", code="invalid_amount"
        )
    periods = overdue_periods(due_date, as_of)
    rate_days = sum((Fraction(p.rate) * p.days for p in periods), Fraction(0))
    interest = gross.scaled(rate_days.numerator, rate_days.denominator * 100 * DAYS_IN_YEAR)
    days = sum(p.days for p in periods)
    return LateInterest(gross, due_date, as_of, days, periods, interest)


def interest_minor(gross_minor: int, currency: str, due_date: date, as_of: date) -> int:
    """The interest alone, in minor units of `currency`."""
    return late_interest(Money(gross_minor, currency), due_date, as_of).interest.minor
