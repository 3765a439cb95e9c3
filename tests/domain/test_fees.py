import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.fees import SELF_HOSTED_DEFAULT, FeeSchedule
from bornglobal.domain.money import InvalidAmount, Money


def test_self_hosting_charges_nothing():
    # when the default schedule is applied to a payment, then the fee is zero
    assert SELF_HOSTED_DEFAULT.fee_on(Money.of("100.00", "EUR")) == Money.zero("EUR")


def test_basis_points_are_hundredths_of_a_percent():
    # given a 2.5 % schedule
    schedule = FeeSchedule(basis_points=250)
    # when it is applied, then 250 bp of 100.00 EUR is 2.50 EUR
    assert schedule.fee_on(Money.of("100.00", "EUR")) == Money.of("2.50", "EUR")
    assert schedule.fee_on(Money.of("1000", "JPY")) == Money.of("25", "JPY")


def test_the_percentage_rounds_half_to_even():
    # given 0.5 % of 1.00 EUR and of 3.00 EUR (half a cent and 1.5 cents)
    schedule = FeeSchedule(basis_points=50)
    # then ties round to the even cent
    assert schedule.fee_on(Money(100, "EUR")) == Money(0, "EUR")
    assert schedule.fee_on(Money(300, "EUR")) == Money(2, "EUR")


def test_the_fixed_part_applies_only_in_its_currency():
    # given 1 % plus 0.25 EUR
    schedule = FeeSchedule(basis_points=100, fixed_minor=25, fixed_currency="EUR")
    # when it is applied to a euro and a rupee payment
    # then only the euro payment carries the fixed part
    assert schedule.fee_on(Money.of("10.00", "EUR")) == Money.of("0.35", "EUR")
    assert schedule.fee_on(Money.of("10.00", "INR")) == Money.of("0.10", "INR")


def test_a_fee_never_exceeds_the_payment():
    # given a fixed fee larger than a small payment
    schedule = FeeSchedule(fixed_minor=25, fixed_currency="EUR")
    # then the fee is capped at the payment
    assert schedule.fee_on(Money(10, "EUR")) == Money(10, "EUR")


@pytest.mark.parametrize(
    "arguments",
    [
        {"basis_points": -1},
        {"basis_points": 10_001},
        {"basis_points": True},
        {"fixed_minor": -1, "fixed_currency": "EUR"},
        {"fixed_minor": 25},
        {"fixed_minor": 25, "fixed_currency": "ZZZ"},
    ],
)
def test_impossible_schedules_are_refused(arguments):
    # when a schedule is impossible, then it is refused
    with pytest.raises(DomainError):
        FeeSchedule(**arguments)


def test_refunds_carry_no_fee():
    # when a fee is asked on a negative amount, then it is refused
    with pytest.raises(InvalidAmount):
        FeeSchedule(basis_points=100).fee_on(Money(-100, "EUR"))


@given(
    minor=st.integers(min_value=0, max_value=10**15),
    currency=st.sampled_from(["EUR", "JPY", "KWD"]),
    basis_points=st.integers(min_value=0, max_value=10_000),
    fixed_minor=st.integers(min_value=0, max_value=10**6),
    fixed_currency=st.sampled_from([None, "EUR", "JPY"]),
)
def test_a_fee_is_between_zero_and_the_payment(
    minor, currency, basis_points, fixed_minor, fixed_currency
):
    # given any payment and any valid schedule
    payment = Money(minor, currency)
    schedule = FeeSchedule(basis_points, fixed_minor if fixed_currency else 0, fixed_currency)
    # when the fee is computed
    fee = schedule.fee_on(payment)
    # then it is in the payment's currency, never negative and never more than the payment
    assert fee.currency == currency
    assert Money.zero(currency) <= fee <= payment
