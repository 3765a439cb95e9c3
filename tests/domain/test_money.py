from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import (
    CurrencyMismatch,
    InvalidAmount,
    Money,
    UnknownCurrency,
    exponent,
    parse_money,
    quantize,
)

CURRENCIES = ["EUR", "JPY", "KWD", "USD", "INR"]
weights = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False),
    ),
    min_size=1,
    max_size=12,
).filter(lambda found: sum(found) > 0)


@pytest.mark.parametrize(
    "currency,places", [("JPY", 0), ("EUR", 2), ("KWD", 3), ("BHD", 3), ("CLP", 0)]
)
def test_exponent_follows_iso_4217(currency, places):
    # when the exponent is read, then it is the ISO 4217 minor unit
    assert exponent(currency) == places


@pytest.mark.parametrize("code", ["ZZZ", "eur", "EURO", "", "XX1"])
def test_unknown_currencies_are_refused(code):
    # when an unknown code is used, then it is refused with a stable code
    with pytest.raises(UnknownCurrency) as refusal:
        exponent(code)
    assert refusal.value.code == "invalid_currency"
    with pytest.raises(UnknownCurrency):
        Money(100, code)


@given(
    minor=st.integers(min_value=-(10**15), max_value=10**15),
    currency=st.sampled_from(CURRENCIES),
    weights=weights,
)
def test_allocated_parts_sum_to_the_whole_and_stay_within_a_unit_of_their_share(
    minor, currency, weights
):
    # given any amount and any non-negative weights with a positive sum
    whole = Money(minor, currency)
    # when it is allocated
    parts = whole.allocate(weights)
    # then the parts add up exactly, and each is within one minor unit of its exact share
    assert len(parts) == len(weights)
    assert sum((part.minor for part in parts), 0) == minor
    assert {part.currency for part in parts} == {currency}
    total = sum(Fraction(weight) for weight in weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part.minor - Fraction(minor) * Fraction(weight) / total) < 1


def test_allocation_breaks_ties_towards_the_earlier_part():
    # given one euro split three ways, and two cents split three ways
    # when they are allocated
    thirds = Money.of("1.00", "EUR").allocate([1, 1, 1])
    cents = Money(2, "EUR").allocate([1, 1, 1])
    # then the leftover cent goes first to the larger remainder, then to the lower index
    assert [part.minor for part in thirds] == [34, 33, 33]
    assert [part.minor for part in cents] == [1, 1, 0]
    assert [part.minor for part in Money(5, "EUR").allocate([1, 2])] == [2, 3]
    assert [part.minor for part in Money(-100, "EUR").allocate([1, 1, 1])] == [-34, -33, -33]


@pytest.mark.parametrize("bad", [[], [0, 0], [1, -1], [Decimal("NaN")]])
def test_allocation_needs_non_negative_weights_with_a_positive_sum(bad):
    # when an amount is allocated by impossible weights, then it is refused
    with pytest.raises(InvalidAmount):
        Money(100, "EUR").allocate(bad)


@pytest.mark.parametrize(
    "text,currency,minor",
    [
        ("12.34", "EUR", 1234),
        ("-0.5", "EUR", -50),
        ("1000", "JPY", 1000),
        ("1.234", "KWD", 1234),
        ("1.230", "EUR", 123),
        (" 7 ", "USD", 700),
    ],
)
def test_amounts_are_read_exactly(text, currency, minor):
    # when a decimal string is read, then it becomes exact minor units
    assert Money.of(text, currency) == Money(minor, currency)


@pytest.mark.parametrize("text,currency", [("1.234", "EUR"), ("1.5", "JPY"), ("0.0001", "KWD")])
def test_more_decimals_than_the_currency_has_are_refused(text, currency):
    # when an amount has more decimals than the currency, then it is refused, not rounded
    with pytest.raises(InvalidAmount) as refusal:
        Money.of(text, currency)
    # then the message names the currency and its exponent
    assert currency in refusal.value.message
    assert f"({exponent(currency)})" in refusal.value.message


@pytest.mark.parametrize("text", ["NaN", "inf", "-Infinity", "twelve", "1,000", "1e3", "", "1_0"])
def test_garbage_text_is_refused(text):
    # when text that is not a plain decimal amount is read, then it is refused
    with pytest.raises(InvalidAmount):
        Money.of(text, "EUR")


def test_binary_floating_point_is_refused():
    # given a number with a binary fraction
    number = 0.1 + 0.2
    # when it is used as money, then it is refused outright
    with pytest.raises(TypeError):
        Money.of(number, "EUR")
    with pytest.raises(InvalidAmount):
        Money(number, "EUR")
    with pytest.raises(InvalidAmount):
        Money(True, "EUR")
    with pytest.raises(InvalidAmount):
        Money.of(Decimal("NaN"), "EUR")


def test_decimals_and_ints_are_accepted():
    # when Decimal and int amounts are read, then they are exact
    assert Money.of(Decimal("0.10"), "EUR") == Money(10, "EUR")
    assert Money.of(3, "KWD") == Money(3000, "KWD")


def test_arithmetic_stays_within_one_currency():
    # given euros and yen
    euros, yen = Money.of("10.00", "EUR"), Money.of("10", "JPY")
    # when they are combined, then only same-currency arithmetic works
    assert euros + euros == Money(2000, "EUR")
    assert euros - Money(1, "EUR") == Money(999, "EUR")
    assert -euros == Money(-1000, "EUR")
    assert abs(-euros) == euros
    assert euros * 3 == 3 * euros == Money(3000, "EUR")
    assert Money(1, "EUR") < euros <= euros
    assert euros > Money(1, "EUR") >= Money(1, "EUR")
    for operation in (
        lambda: euros + yen,
        lambda: euros - yen,
        lambda: euros < yen,
        lambda: euros >= yen,
    ):
        with pytest.raises(CurrencyMismatch) as refusal:
            operation()
        assert refusal.value.code == "currency_mismatch"
    assert euros != Money(1000, "USD")


def test_money_multiplies_by_integers_only():
    # when money is multiplied by anything but an int, then it is a type error
    with pytest.raises(TypeError):
        Money(100, "EUR") * Decimal("1.5")
    with pytest.raises(TypeError):
        Money(100, "EUR") * Money(2, "EUR")


def test_signs_and_zero():
    # then the sign properties read the minor units
    assert Money.zero("JPY").is_zero and not Money.zero("JPY").is_positive
    assert Money(-1, "EUR").is_negative and Money(1, "EUR").is_positive


@pytest.mark.parametrize(
    "money,text",
    [
        (Money(1234, "EUR"), "12.34 EUR"),
        (Money(-5, "EUR"), "-0.05 EUR"),
        (Money(0, "EUR"), "0.00 EUR"),
        (Money(1234, "JPY"), "1234 JPY"),
        (Money(1234, "KWD"), "1.234 KWD"),
    ],
)
def test_str_is_the_exact_amount_and_code(money, text):
    # when money is shown plainly, then it is the exact decimal and the code
    assert str(money) == text
    assert parse_money(text) == money


@given(st.integers(min_value=-(10**30), max_value=10**30), st.sampled_from(CURRENCIES))
def test_to_decimal_round_trips_exactly(minor, currency):
    # given any amount, even beyond the default decimal precision
    money = Money(minor, currency)
    # when it goes to a Decimal and back, then nothing is lost
    assert Money.of(money.to_decimal(), currency) == money
    assert quantize(money.to_decimal(), currency) == money


def test_formatting_follows_the_locale():
    # given an amount in euros and one in yen
    euros, yen = Money.of("1234.5", "EUR"), Money.of("1234", "JPY")
    # when they are formatted for readers, then Babel applies each locale's conventions
    assert euros.format("de_DE") == "1.234,50\xa0€"
    assert euros.format() == "€1,234.50"
    assert yen.format("en") == "¥1,234"
    assert Money.of("1.5", "KWD").format("en").endswith("1.500")


@pytest.mark.parametrize(
    "amount,currency,minor",
    [
        ("0.125", "EUR", 12),
        ("0.135", "EUR", 14),
        ("-0.125", "EUR", -12),
        ("2.5", "JPY", 2),
        ("3.5", "JPY", 4),
        ("0.0005", "KWD", 0),
        ("0.1251", "EUR", 13),
    ],
)
def test_quantize_rounds_half_to_even(amount, currency, minor):
    # when an unrounded amount is quantized, then ties go to the even minor unit
    assert quantize(Decimal(amount), currency) == Money(minor, currency)


def test_quantize_takes_decimals_only():
    # when quantize is given something else, then it refuses
    with pytest.raises(TypeError):
        quantize("0.125", "EUR")


def test_scaling_rounds_half_to_even():
    # given one euro and twenty-five cents
    money = Money(125, "EUR")
    # when it is scaled by a ratio, then the result is rounded half-even
    assert money.scaled(1, 10) == Money(12, "EUR")
    assert money.scaled(-1, 10) == Money(-12, "EUR")
    assert Money(135, "EUR").scaled(1, 10) == Money(14, "EUR")
    with pytest.raises(InvalidAmount):
        money.scaled(1, 0)


@pytest.mark.parametrize("text", ["12.34", "EUR", "12.34 EUR extra", "EUR EUR", ""])
def test_parse_money_needs_an_amount_and_a_code(text):
    # when text without exactly an amount and a code is parsed, then it is refused
    with pytest.raises(DomainError):
        parse_money(text)


def test_parse_money_accepts_either_order_and_any_case():
    # when a CLI user types the code first or in lower case, then it is still read
    assert parse_money("eur 12.30") == Money(1230, "EUR")
    assert parse_money("1.234 kwd") == Money(1234, "KWD")
