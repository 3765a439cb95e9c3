"""Reading team formation instances: validation, coverage masks and costs."""

import copy
import json
from datetime import date, time
from decimal import Decimal
from zoneinfo import available_timezones

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.teams import load_instance, parse_instance
from bornglobal.domain.teams_coverage import coverage_mask
from bornglobal.domain.teams_options import cost_minor, role_costs, role_options
from tests.domain.test_teams_checker import covers

BASE = {
    "currency": "EUR",
    "date": "2026-03-02",
    "budget_minor": 2500000,
    "max_team_size": 6,
    "min_rating": 4.0,
    "coverage": {"hours_utc": [4, 5, 6], "min_people": 1},
    "fx": {"INR": "0.0109", "USD": "0.92"},
    "roles": [
        {"id": "backend", "skills": {"python": 3, "postgresql": 3}, "hours": 160, "count": 1}
    ],
    "candidates": [
        {
            "id": "f1",
            "skills": {"python": 4, "postgresql": 3},
            "rate_minor": 450000,
            "currency": "INR",
            "rating": 4.8,
            "zone": "Asia/Kolkata",
            "work_start": "09:00",
            "work_end": "17:00",
            "available_hours": 200,
        }
    ],
}


def hours_of(mask):
    return [hour for hour in range(24) if mask >> hour & 1]


def covered(zone, start, end, on):
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return hours_of(coverage_mask(zone, time(h1, m1), time(h2 % 24, m2), on))


def with_change(path, value):
    """BASE with one field replaced; `path` like ("candidates", 0, "zone")."""
    document = copy.deepcopy(BASE)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def test_the_issue_example_reads():
    # given the instance from the issue
    # when it is parsed
    instance = parse_instance(copy.deepcopy(BASE))
    # then the fields are kept exactly
    assert instance.currency == "EUR" and instance.date == date(2026, 3, 2)
    assert instance.budget_minor == 2500000 and instance.min_rating_milli == 4000
    assert instance.fx["INR"] == Decimal("0.0109")
    assert instance.roles[0].hours == Decimal(160) and instance.team_size == 1
    assert instance.candidates.ids == ("f1",)
    assert hours_of(int(instance.candidates.coverage_mask[0])) == list(range(4, 11))


def test_a_half_hour_zone_covers_the_whole_utc_hours_inside():
    # given 09:00-17:00 in Asia/Kolkata (UTC+5:30): 03:30-11:30 UTC
    # then hours 4..10 are covered, not 3 (half) or 11 (half)
    assert covered("Asia/Kolkata", "09:00", "17:00", date(2026, 3, 2)) == list(range(4, 11))


def test_adelaide_in_summer_covers_the_morning_and_the_next_days_start():
    # given 09:00-17:00 in Australia/Adelaide on 2026-03-02 (ACDT, UTC+10:30)
    # when: the local 2 March window is 1 March 22:30 - 2 March 06:30 UTC, and the
    # local 3 March window starts at 22:30 UTC on 2 March
    hours = covered("Australia/Adelaide", "09:00", "17:00", date(2026, 3, 2))
    # then UTC hours 0..5 and 23 are covered
    assert hours == [0, 1, 2, 3, 4, 5, 23]


def test_a_night_shift_from_the_previous_local_day_counts():
    # given 18:00-02:00 in Los Angeles (PST, UTC-8) and the UTC date 2026-01-15
    # when: the shift starting on local 14 January runs 02:00-10:00 UTC on 15 January
    # then UTC hours 2..9 are covered
    assert covered("America/Los_Angeles", "18:00", "02:00", date(2026, 1, 15)) == list(range(2, 10))


def test_a_night_shift_east_of_utc_crosses_midnight():
    # given 22:00-06:00 in Kolkata: 16:30 UTC to 00:30 UTC the next day
    # then on the UTC date the evening hours 17..23 are covered (00:00-00:30 is not a full hour)
    assert covered("Asia/Kolkata", "22:00", "06:00", date(2026, 3, 2)) == list(range(17, 24))


def test_a_day_job_in_auckland_covers_both_ends_of_the_utc_day():
    # given 09:00-17:00 in Pacific/Auckland (NZDT, UTC+13)
    # then the local 2 March day is 20:00-04:00 UTC, the local 3 March day starts 20:00 UTC
    hours = covered("Pacific/Auckland", "09:00", "17:00", date(2026, 3, 2))
    assert hours == [0, 1, 2, 3, 20, 21, 22, 23]


def test_new_york_springs_forward_on_2026_03_08():
    # given the night 00:00-08:00 in New York on the day the clocks go forward at 02:00
    # when: 00:00 EST is 05:00 UTC, 08:00 EDT is 12:00 UTC (seven real hours)
    # then hours 5..11 are covered; the day before, 00:00-08:00 EST is 05:00-13:00 UTC
    assert covered("America/New_York", "00:00", "08:00", date(2026, 3, 8)) == list(range(5, 12))
    assert covered("America/New_York", "00:00", "08:00", date(2026, 3, 7)) == list(range(5, 13))
    # and the working day is on EDT already: 09:00-17:00 is 13:00-21:00 UTC
    assert covered("America/New_York", "09:00", "17:00", date(2026, 3, 8)) == list(range(13, 21))


def test_berlin_springs_forward_on_2026_03_29():
    # given a 22:00-06:00 night shift in Berlin
    # when: the shift from 28 March runs 21:00 UTC (CET) to 04:00 UTC (CEST) on 29 March,
    # and the one from 29 March starts at 20:00 UTC (CEST)
    hours = covered("Europe/Berlin", "22:00", "06:00", date(2026, 3, 29))
    # then 0..3 and 20..23 are covered; a day earlier, all on CET: 0..4 and 21..23
    assert hours == [0, 1, 2, 3, 20, 21, 22, 23]
    assert covered("Europe/Berlin", "22:00", "06:00", date(2026, 3, 28)) == [
        0,
        1,
        2,
        3,
        4,
        21,
        22,
        23,
    ]


def test_equal_start_and_end_is_a_whole_day_and_24_00_ends_one():
    # given working hours 00:00-00:00 and 08:00-24:00 in UTC
    # then the first covers every hour and the second 8..23
    assert covered("UTC", "00:00", "00:00", date(2026, 3, 2)) == list(range(24))
    assert covered("UTC", "08:00", "24:00", date(2026, 3, 2)) == list(range(8, 24))


def cost_of(rate_minor, currency, hours, instance_currency, fx):
    document = {
        "currency": instance_currency,
        "date": "2026-03-02",
        "fx": fx,
        "roles": [{"id": "r", "skills": {}, "hours": hours, "count": 1}],
        "candidates": [
            {
                "id": "c",
                "rate_minor": rate_minor,
                "currency": currency,
                "rating": 5,
                "zone": "UTC",
                "work_start": "09:00",
                "work_end": "17:00",
                "available_hours": 10000,
            }
        ],
    }
    instance = parse_instance(document)
    column = int(role_costs(instance, instance.roles[0], np.array([0]))[0])
    reference = cost_minor(rate_minor, currency, instance.roles[0], instance)
    assert column == reference
    return column


def test_costs_round_half_even_once_to_the_instance_minor_unit():
    # given a cent of USD at 0.5 EUR per USD: 0.005 EUR per hour
    # then one hour costs 0 cents (tie to even), three hours 0.015 -> 2 cents (not 3 x 0)
    assert cost_of(1, "USD", 1, "EUR", {"USD": "0.5"}) == 0
    assert cost_of(1, "USD", 3, "EUR", {"USD": "0.5"}) == 2
    assert cost_of(3, "USD", 1, "EUR", {"USD": "0.5"}) == 2


def test_costs_mind_differing_exponents():
    # given JPY (0 decimals), EUR (2) and KWD (3)
    # then 25.50 USD x 150.5 x 3 h = 11513.25 JPY -> 11513
    assert cost_of(2550, "USD", 3, "JPY", {"USD": "150.5"}) == 11513
    # and 3000 JPY x 0.0061 x 160 h = 2928 EUR
    assert cost_of(3000, "JPY", 160, "EUR", {"JPY": "0.0061"}) == 292800
    # and 12.34 EUR x 0.3333 x 7.5 h = 30.846915 KWD -> 30.847
    assert cost_of(1234, "EUR", 7.5, "KWD", {"EUR": "0.3333"}) == 30847
    # and the instance's own currency needs no rate
    assert cost_of(4500, "EUR", 160, "EUR", {}) == 720000


@given(
    rate=st.integers(0, 10**7),
    fx=st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(1000), places=6),
    centi=st.integers(1, 100000),
    pair=st.sampled_from([("USD", "EUR"), ("EUR", "JPY"), ("JPY", "KWD"), ("KWD", "INR")]),
)
def test_the_cost_column_equals_the_money_rounding(rate, fx, centi, pair):
    # given any rate, rate of exchange and hours
    currency, instance_currency = pair
    hours = str(Decimal(centi) / 100)
    # when the cost is computed by column and through money.quantize, then they agree
    cost_of(rate, currency, hours, instance_currency, {currency: str(fx)})


def test_a_cost_no_team_could_pay_is_refused():
    # given a rate of 10^12 USD cents an hour for 10,000 hours
    # then the cost is refused rather than overflowing the solver's integers
    with pytest.raises(DomainError) as refused:
        cost_of(10**12, "USD", 10000, "EUR", {"USD": "1"})
    assert refused.value.code == "cost_too_large"


@pytest.mark.parametrize(
    ("path", "value", "code"),
    [
        (("candidates", 0, "zone"), "Mars/Olympus", "invalid_time_zone"),
        (("candidates", 0, "currency"), "XYZ", "invalid_currency"),
        (("candidates", 0, "currency"), "BRL", "missing_fx_rate"),
        (("candidates", 0, "work_start"), "9:00", "invalid_time_of_day"),
        (("candidates", 0, "work_end"), "17:60", "invalid_time_of_day"),
        (("candidates", 0, "available_hours"), -1, "invalid_hours"),
        (("roles", 0, "hours"), -160, "invalid_hours"),
        (("roles", 0, "hours"), "many", "invalid_hours"),
        (("candidates", 0, "rating"), 4.8125, "invalid_rating"),
        (("candidates", 0, "rate_minor"), 4500.5, "invalid_amount"),
        (("candidates", 0, "skills"), {"python": "expert"}, "invalid_skills"),
        (("candidates", 0, "nickname"), "Pri", "unknown_field"),
        (("roles", 0, "count"), 0, "invalid_number"),
        (("fx",), {"INR": 0.0109}, "invalid_fx_rate"),
        (("fx",), {"INR": "-1"}, "invalid_fx_rate"),
        (("fx",), {"EUR": "2"}, "invalid_fx_rate"),
        (("date",), "2026-02-30", "invalid_date"),
        (("currency",), "euro", "invalid_currency"),
        (("coverage",), {"hours_utc": [24], "min_people": 1}, "invalid_hours"),
        (("budget_minor",), -5, "invalid_number"),
        (("roles",), [], "invalid_instance"),
    ],
)
def test_bad_input_is_refused_with_a_code(path, value, code):
    # given the issue's instance with one field broken
    document = with_change(path, value)
    # when it is parsed, then a DomainError names the kind of mistake
    with pytest.raises(DomainError) as refused:
        parse_instance(document)
    assert refused.value.code == code
    assert refused.value.message


def test_an_error_names_the_candidate():
    # given a second candidate with an unknown zone
    document = copy.deepcopy(BASE)
    document["candidates"].append({**document["candidates"][0], "id": "f2", "zone": "Nowhere"})
    # when parsed, then the message says which candidate
    with pytest.raises(DomainError, match=r"candidates\[1\] \(f2\)"):
        parse_instance(document)


def test_duplicate_ids_are_refused():
    # given two candidates with the same id
    document = copy.deepcopy(BASE)
    document["candidates"].append(copy.deepcopy(document["candidates"][0]))
    # then the duplicate is named
    with pytest.raises(DomainError) as refused:
        parse_instance(document)
    assert refused.value.code == "duplicate_id"


def test_text_that_is_not_json_is_refused():
    # given broken JSON, then invalid_json
    with pytest.raises(DomainError) as refused:
        load_instance('{"currency": ')
    assert refused.value.code == "invalid_json"
    # and JSON that is not an object is refused too
    with pytest.raises(DomainError):
        load_instance("[1, 2]")


def test_eligibility_needs_skills_hours_and_rating():
    # given three candidates, each missing one requirement, and one who meets all
    document = copy.deepcopy(BASE)
    good = document["candidates"][0]
    document["candidates"] = [
        {**good, "id": "weak", "skills": {"python": 2, "postgresql": 3}},
        {**good, "id": "busy", "available_hours": 159.5},
        {**good, "id": "low", "rating": 3.999},
        {**good, "id": "fit", "rating": 4},
    ]
    # when options are built
    options = role_options(parse_instance(json.loads(json.dumps(document))))
    # then only "fit" is eligible
    assert options[0].candidate.tolist() == [3]


ALL_ZONES = sorted(available_timezones())
DST_DAYS = [
    date(2026, 3, 8),
    date(2026, 3, 29),
    date(2026, 10, 25),
    date(2026, 11, 1),
    date(2026, 4, 5),
    date(2026, 9, 27),
]


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ALL_ZONES),
    on=st.one_of(st.sampled_from(DST_DAYS), st.dates(date(2000, 1, 1), date(2037, 12, 31))),
    start=st.integers(0, 95),
    end=st.integers(0, 96),
)
def test_coverage_masks_match_the_independent_checker(zone, on, start, end):
    # given any zone, date and quarter-hour working hours
    begin, finish = f"{start // 4:02d}:{start % 4 * 15:02d}", f"{end // 4:02d}:{end % 4 * 15:02d}"
    # when the mask is computed, then it agrees hour by hour with the checker in the tests
    person = {"zone": zone, "work_start": begin, "work_end": finish}
    expected = [hour for hour in range(24) if covers(person, on, hour)]
    assert covered(zone, begin, finish, on) == expected


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("rating", True, "invalid_rating"),
        ("rate_minor", True, "invalid_amount"),
        ("skills", {"python": True}, "invalid_skills"),
        ("skills", {"": 3}, "invalid_skills"),
        ("id", "", "invalid_id"),
        ("zone", ["Asia/Kolkata"], "invalid_time_zone"),
        ("currency", ["INR"], "invalid_currency"),
    ],
)
def test_a_later_candidate_is_checked_as_strictly_as_the_first(field, value, code):
    # given a valid first candidate (its zone, hours and currency are then known) and a
    # second one, alike but for one bad field
    document = copy.deepcopy(BASE)
    document["candidates"].append({**document["candidates"][0], "id": "f2", field: value})
    # when parsed, then the second is refused with the right code
    with pytest.raises(DomainError) as refused:
        parse_instance(document)
    assert refused.value.code == code
    assert "candidates[1]" in refused.value.message
