"""Statutory late-payment interest (Directive 2011/7/EU): ECB rate + 8, actual/365."""

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.late_payment import (
    COMPENSATION,
    interest_minor,
    late_interest,
    mro_history,
    mro_on,
    overdue_periods,
    reference_rate,
    statutory_rate,
)
from bornglobal.domain.money import Money

HALF_YEAR_RATES = [
    # first day of the half-year, ECB MRO rate in force on it
    (date(2022, 1, 1), "0.00"),
    (date(2022, 7, 1), "0.00"),
    (date(2023, 1, 1), "2.50"),
    (date(2023, 7, 1), "4.00"),
    (date(2024, 1, 1), "4.50"),
    (date(2024, 7, 1), "4.25"),
    (date(2025, 1, 1), "3.15"),
    (date(2025, 7, 1), "2.15"),
    (date(2026, 1, 1), "2.15"),
]


@pytest.mark.parametrize(("first_day", "mro"), HALF_YEAR_RATES)
def test_the_reference_rate_is_fixed_on_the_first_day_of_the_half_year(first_day, mro):
    # given any day in the half-year, even after an ECB change within it
    last_day = date(first_day.year, 6, 30) if first_day.month == 1 else date(first_day.year, 12, 31)
    # then the reference is the MRO rate of the first day, and the interest rate adds 8
    for day in (first_day, first_day + timedelta(days=80), last_day):
        assert reference_rate(day).rate == Decimal(mro)
        assert statutory_rate(day) == Decimal(mro) + 8


def test_a_change_within_a_half_year_waits_for_the_next_one():
    # given the ECB cut of 11 June 2025 (2.40 -> 2.15)
    assert mro_on(date(2025, 6, 11)).rate == Decimal("2.15")
    # then June 2025 still uses the 1 January figure (3.15)
    assert statutory_rate(date(2025, 6, 20)) == Decimal("11.15")


def test_interest_over_two_half_years_uses_each_rate_for_its_days():
    # given 1,190.00 EUR due on 31 May 2025, paid on 15 August 2025
    result = late_interest(Money(119000, "EUR"), date(2025, 5, 31), date(2025, 8, 15))
    # then 30 days at 11.15% and 46 days at 10.15%, actual/365, rounded once
    assert [(p.days, p.rate) for p in result.periods] == [
        (30, Decimal("11.15")),
        (46, Decimal("10.15")),
    ]
    # 1190 * (11.15 * 30 + 10.15 * 46) / 36500 = 26.128... -> 26.13
    assert result.interest == Money(2613, "EUR")
    assert result.days == 76
    assert result.compensation == COMPENSATION == Money(4000, "EUR")


def test_365_days_across_two_half_years():
    # given 10,000.00 EUR overdue for the 365 days from 1 January to 30 December 2024
    result = late_interest(Money(1_000_000, "EUR"), date(2023, 12, 31), date(2024, 12, 30))
    # then 182 days at 12.50% and 183 days at 12.25%
    assert [p.days for p in result.periods] == [182, 183]
    expected = (
        Decimal(1_000_000) * (Decimal("12.50") * 182 + Decimal("12.25") * 183) / Decimal(36500)
    )
    assert result.interest.minor == int(expected.quantize(Decimal(1), "ROUND_HALF_EVEN"))


def test_periods_cover_every_overdue_day_once():
    periods = overdue_periods(date(2023, 3, 15), date(2025, 2, 1))
    assert sum(p.days for p in periods) == (date(2025, 2, 1) - date(2023, 3, 15)).days
    for earlier, later in pairwise(periods):
        assert later.first_day == earlier.last_day + timedelta(days=1)


def test_paid_on_or_before_the_due_date_costs_nothing():
    assert interest_minor(100_000, "EUR", date(2025, 3, 1), date(2025, 3, 1)) == 0
    assert interest_minor(100_000, "EUR", date(2025, 3, 1), date(2025, 2, 1)) == 0


def test_other_currencies_round_to_their_own_minor_unit():
    # 1,000,000 JPY for 10 days in early 2025 at 11.15%: 3054.79... -> 3055
    assert interest_minor(1_000_000, "JPY", date(2025, 1, 1), date(2025, 1, 11)) == 3055


def test_bad_input_is_refused():
    with pytest.raises(DomainError) as raised:
        late_interest(Money(100, "EUR"), date(2015, 1, 1), date(2015, 3, 1))
    assert raised.value.code == "date_before_data"
    with pytest.raises(DomainError) as raised:
        late_interest(Money(-100, "EUR"), date(2025, 1, 1), date(2025, 3, 1))
    assert raised.value.code == "invalid_amount"


def test_the_history_is_sorted_sourced_and_covers_2022_to_2026():
    history = mro_history()
    assert [r.effective_from for r in history] == sorted(r.effective_from for r in history)
    assert history[0].effective_from <= date(2022, 1, 1)
    assert all("ecb.europa.eu" in r.source for r in history)
    assert mro_on(date(2026, 12, 31)).rate == Decimal("2.15")


DUE = st.dates(date(2022, 1, 1), date(2026, 6, 30))
AMOUNTS = st.integers(0, 10**10)


@given(AMOUNTS, DUE)
def test_zero_days_is_zero_interest(gross, due):
    assert interest_minor(gross, "EUR", due, due) == 0


@given(AMOUNTS, DUE, st.integers(0, 800), st.integers(0, 400))
def test_interest_never_falls_with_more_days(gross, due, days, more):
    paid = due + timedelta(days=days)
    later = paid + timedelta(days=more)
    assert interest_minor(gross, "EUR", due, paid) <= interest_minor(gross, "EUR", due, later)


@given(AMOUNTS, st.integers(0, 10**6), DUE, st.integers(0, 800))
def test_interest_never_falls_with_a_larger_amount(gross, extra, due, days):
    paid = due + timedelta(days=days)
    smaller = interest_minor(gross, "EUR", due, paid)
    assert smaller <= interest_minor(gross + extra, "EUR", due, paid)
