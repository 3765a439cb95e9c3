"""Rates switch on their effective date; the data file is whole; tax is rounded once per group."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain import tax_rates
from bornglobal.domain.tax import (
    RateKind,
    Supply,
    TaxError,
    TaxFacts,
    decide,
    tax_by_rate,
    tax_on,
)
from bornglobal.domain.tax_ids import EU
from bornglobal.domain.tax_regimes import covered_countries

CHANGES = [
    # country, kind, effective date, rate the day before, rate on the day
    ("FI", RateKind.STANDARD, date(2024, 9, 1), "24", "25.5"),
    ("FI", RateKind.REDUCED, date(2026, 1, 1), "14", "13.5"),
    ("SK", RateKind.STANDARD, date(2025, 1, 1), "20", "23"),
    ("SK", RateKind.REDUCED, date(2025, 1, 1), "10", "19"),
    ("EE", RateKind.STANDARD, date(2024, 1, 1), "20", "22"),
    ("EE", RateKind.STANDARD, date(2025, 7, 1), "22", "24"),
    ("EE", RateKind.REDUCED, date(2025, 1, 1), "9", "13"),
    ("RO", RateKind.STANDARD, date(2025, 8, 1), "19", "21"),
    ("RO", RateKind.REDUCED, date(2025, 8, 1), "9", "11"),
    ("CZ", RateKind.REDUCED, date(2024, 1, 1), "15", "12"),
    ("LU", RateKind.STANDARD, date(2024, 1, 1), "16", "17"),
    ("LT", RateKind.REDUCED, date(2026, 1, 1), "9", "12"),
    ("CH", RateKind.STANDARD, date(2024, 1, 1), "7.7", "8.1"),
    ("CH", RateKind.REDUCED_LOW, date(2024, 1, 1), "2.5", "2.6"),
    ("SG", RateKind.STANDARD, date(2024, 1, 1), "8", "9"),
]


@pytest.mark.parametrize(("country", "kind", "effective", "before", "after"), CHANGES)
def test_a_rate_switches_on_its_effective_date(country, kind, effective, before, after):
    # given a rate change in the data file
    day_before = effective - timedelta(days=1)
    # when the rate is looked up the day before and on the day
    # then the old figure holds until the day before and the new one from the day
    assert tax_rates.rate_on(country, day_before, kind).rate == Decimal(before)
    assert tax_rates.rate_on(country, effective, kind).rate == Decimal(after)


@pytest.mark.parametrize(
    ("country", "effective", "before", "after"),
    [
        ("FI", date(2024, 9, 1), "24", "25.5"),
        ("SK", date(2025, 1, 1), "20", "23"),
        ("RO", date(2025, 8, 1), "19", "21"),
        ("EE", date(2025, 7, 1), "22", "24"),
    ],
)
def test_a_domestic_decision_follows_the_supply_date(country, effective, before, after):
    # given a domestic sale to a consumer on either side of a rate change
    vat = {"FI": "FI20774740", "SK": "SK2022749619", "RO": "RO18547290", "EE": "EE100931558"}
    facts = TaxFacts(country, vat[country], country, False, None, Supply.SERVICES, effective)
    # when decided the day before and on the day
    old = decide(replace(facts, supply_date=effective - timedelta(days=1)))
    new = decide(facts)
    # then the rate is the one in force on the supply date
    assert (old.rate, new.rate) == (Decimal(before), Decimal(after))


def test_an_oss_decision_uses_the_destination_rate_on_the_day():
    # given e-services from Germany to Slovak consumers over the threshold
    def on(day):
        return decide(
            TaxFacts(
                "DE",
                "DE136695976",
                "SK",
                False,
                None,
                Supply.E_SERVICES,
                day,
                over_eu_threshold=True,
            )
        ).rate

    # then Slovakia's increase applies from 1 January 2025
    assert (on(date(2024, 12, 31)), on(date(2025, 1, 1))) == (Decimal("20"), Decimal("23"))


def test_a_day_before_the_data_is_refused():
    with pytest.raises(TaxError) as raised:
        tax_rates.rate_on("DE", date(2022, 12, 31))
    assert raised.value.code == "date_before_data"


def test_every_covered_country_has_a_standard_rate_from_the_first_day():
    # given the countries the rules cover
    first = tax_rates.data_begins()
    # then each has a standard rate on the first day and today-ish
    for country in sorted(covered_countries()):
        assert tax_rates.rate_on(country, first).rate > 0
        assert tax_rates.rate_on(country, date(2026, 6, 1)).rate > 0
    assert len(EU) == 27


def test_rows_of_one_kind_never_overlap_and_leave_no_gap():
    # given the rows per country and kind, by date
    groups = {}
    for rate in tax_rates.all_rates():
        groups.setdefault((rate.country, rate.kind), []).append(rate)
    for key, rows in groups.items():
        rows.sort(key=lambda rate: rate.valid_from)
        # then each row ends the day before the next begins (a kind may simply stop)
        for earlier, later in pairwise(rows):
            assert earlier.valid_to == later.valid_from - timedelta(days=1), key
        assert all(r.valid_to is None or r.valid_to >= r.valid_from for r in rows), key


def test_every_figure_names_its_source_with_an_address():
    for rate in tax_rates.all_rates():
        assert "https://" in rate.source, rate
        assert Decimal("0") < rate.rate < Decimal("30"), rate


def test_the_file_is_parsed_once():
    assert tax_rates.all_rates() is tax_rates.all_rates()


def test_the_newest_change_is_known():
    newest = tax_rates.changes()[-1]
    assert newest.valid_from == date(2026, 1, 1)


def test_tax_on_rounds_half_to_even_once():
    # 12.50 EUR at 19% is 237.5 cents -> 238; 10.50 EUR at 5% is 52.5 cents -> 52
    assert tax_on(1250, Decimal("19"), "EUR") == 238
    assert tax_on(1050, Decimal("5"), "EUR") == 52
    # yen have no minor unit: 250 JPY at 1% is 2.5 -> 2
    assert tax_on(250, Decimal("1"), "JPY") == 2
    # three decimals: 1.005 KWD at 10% is 100.5 fils -> 100
    assert tax_on(1005, Decimal("10"), "KWD") == 100


def test_tax_on_refuses_a_float_rate_and_an_unknown_currency():
    with pytest.raises(TaxError):
        tax_on(100, 0.19, "EUR")
    with pytest.raises(Exception, match="ISO 4217"):
        tax_on(100, Decimal("19"), "XYZ")


RATES = st.sampled_from([Decimal(r) for r in ("0", "5", "7", "8.1", "13.5", "19", "20", "25.5")])
LINES = st.lists(st.tuples(st.integers(-(10**7), 10**9), RATES), min_size=1, max_size=12)


@given(LINES)
def test_invoice_total_is_lines_plus_one_rounded_tax_per_rate_group(lines):
    # given invoice lines with rates
    groups = tax_by_rate(lines, "EUR")
    # then each group's tax is its net sum taxed once, and the total adds up
    for group in groups:
        net = sum(n for n, r in lines if r == group.rate)
        assert group.net_minor == net
        assert group.tax_minor == tax_on(net, group.rate, "EUR")
        assert abs(group.tax_minor * 100 - net * group.rate) <= 50
    total = sum(n for n, _ in lines) + sum(g.tax_minor for g in groups)
    assert total == sum(g.net_minor + g.tax_minor for g in groups)
    assert len(groups) == len({r for _, r in lines})


@given(st.integers(-(10**12), 10**12), RATES)
def test_tax_on_is_symmetric_for_credit_notes(net, rate):
    assert tax_on(-net, rate, "EUR") == -tax_on(net, rate, "EUR")


@given(st.integers(0, 10**9), RATES)
def test_tax_on_is_monotone_in_the_net_amount(net, rate):
    assert tax_on(net, rate, "EUR") <= tax_on(net + 1, rate, "EUR")


@given(st.integers(0, 10**6))
def test_half_way_cases_round_to_the_even_cent(cents):
    # given a net whose 10% tax ends in exactly half a cent
    net = cents * 10 + 5
    # then the tax is the even neighbour
    assert tax_on(net, Decimal("10"), "EUR") % 2 == 0
