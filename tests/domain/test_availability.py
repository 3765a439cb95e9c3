from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.availability import (
    WorkingWeek,
    coverage,
    overlap,
    overlap_hours_on,
    uncovered,
    window_on,
    windows_between,
)
from bornglobal.domain.errors import DomainError

WEEKDAYS = frozenset(range(1, 6))
EVERY_DAY = frozenset(range(1, 8))


def nine_to_five(zone, country=None, subdivision=None):
    return WorkingWeek(zone, time(9), time(17), WEEKDAYS, country, subdivision)


def at(*parts):
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    "day,hours",
    [
        (date(2026, 3, 6), Decimal(2)),  # Friday: both on winter time, 6 h apart
        (date(2026, 3, 9), Decimal(3)),  # Monday: the US moved on 03-08, the EU not yet
        (date(2026, 3, 30), Decimal(2)),  # Monday: the EU moved on 03-29, 6 h apart again
    ],
)
def test_overlap_follows_each_side_changing_its_clocks(day, hours):
    # given a New York and a Berlin office, both 9 to 5 local
    new_york, berlin = nine_to_five("America/New_York"), nine_to_five("Europe/Berlin")
    # when their overlap is read on a day around the March changes
    # then the offset of that day is used, seen from either side
    assert overlap_hours_on(new_york, berlin, day) == hours
    assert overlap_hours_on(berlin, new_york, day) == hours


def test_windows_are_converted_on_the_date_in_question():
    # given a New York 9 to 5
    new_york = nine_to_five("America/New_York")
    # when the windows on both sides of the US change are read
    before, after = window_on(new_york, date(2026, 3, 6)), window_on(new_york, date(2026, 3, 9))
    # then 9:00 is 14:00 UTC on winter time and 13:00 UTC on summer time
    assert before == (at(2026, 3, 6, 14), at(2026, 3, 6, 22))
    assert after == (at(2026, 3, 9, 13), at(2026, 3, 9, 21))


@pytest.mark.parametrize(
    "zone,hours", [("Asia/Kolkata", Decimal("2.5")), ("Asia/Kathmandu", Decimal("2.25"))]
)
def test_half_and_quarter_hour_zones_give_exact_hours(zone, hours):
    # given London (UTC in January) and an office at UTC+05:30 or UTC+05:45
    london, office = nine_to_five("Europe/London"), nine_to_five(zone)
    # when their overlap on a January Wednesday is read
    result = overlap_hours_on(office, london, date(2026, 1, 14))
    # then it is exact to the quarter hour
    assert result == hours


def test_a_night_shift_crosses_midnight():
    # given a night shift 22:00 to 06:00 in Berlin and a day shift in Tokyo
    night = WorkingWeek("Europe/Berlin", time(22), time(6), WEEKDAYS)
    tokyo = nine_to_five("Asia/Tokyo")
    # when the Monday night window is read
    window = window_on(night, date(2026, 1, 12))
    # then it ends on Tuesday, 8 hours later
    assert window == (at(2026, 1, 12, 21), at(2026, 1, 13, 5))
    # and Tokyo's Tuesday 09:00-17:00 (00:00-08:00 UTC) overlaps its last 5 hours
    assert overlap_hours_on(night, tokyo, date(2026, 1, 13)) == Decimal(5)


def test_a_night_shift_is_an_hour_longer_when_the_clocks_go_back():
    # given a Berlin night shift starting on the night the EU goes back to winter time
    night = WorkingWeek("Europe/Berlin", time(22), time(6), EVERY_DAY)
    # when its window is read
    start, end = window_on(night, date(2026, 10, 24))
    # then it lasts nine real hours
    assert end - start == timedelta(hours=9)


def test_a_start_in_the_spring_forward_gap_moves_forward():
    # given hours starting at 02:30, which New York skips on 2026-03-08
    early = WorkingWeek("America/New_York", time(2, 30), time(10), EVERY_DAY)
    # when that day's window is read
    window = window_on(early, date(2026, 3, 8))
    # then it starts at 03:30 EDT (the gap's length later) and ends at 10:00 EDT
    assert window == (at(2026, 3, 8, 7, 30), at(2026, 3, 8, 14))


def test_an_ambiguous_time_is_its_first_occurrence():
    # given hours starting at 01:30, which New York has twice on 2026-11-01
    early = WorkingWeek("America/New_York", time(1, 30), time(9), EVERY_DAY)
    # when that day's window is read
    start, _ = window_on(early, date(2026, 11, 1))
    # then it starts at the first 01:30, still on EDT
    assert start == at(2026, 11, 1, 5, 30)


def test_a_day_the_zone_skipped_has_no_window():
    # given a 9 to 5 in Samoa, which skipped 2011-12-30 when it crossed the date line
    apia = WorkingWeek("Pacific/Apia", time(9), time(17), EVERY_DAY)
    # then the missing day has no window and the next one starts at UTC+14
    assert window_on(apia, date(2011, 12, 30)) is None
    assert window_on(apia, date(2011, 12, 31)) == (at(2011, 12, 30, 19), at(2011, 12, 31, 3))


@pytest.mark.parametrize(
    "country,day",
    [("DE", date(2026, 12, 25)), ("IN", date(2026, 1, 26)), ("US", date(2026, 7, 3))],
)
def test_a_public_holiday_removes_the_window(country, day):
    # given a 9 to 5 with a holiday calendar, and the same without
    with_calendar = nine_to_five("UTC", country)
    without = nine_to_five("UTC")
    # when the window on a weekday public holiday is read
    # then only the one without a calendar works
    assert window_on(with_calendar, day) is None
    assert window_on(without, day) is not None


def test_a_regional_holiday_needs_the_subdivision():
    # given Epiphany (Tuesday 2026-01-06), a holiday in Bavaria but not in Berlin
    bavaria = nine_to_five("Europe/Berlin", "DE", "BY")
    berlin = nine_to_five("Europe/Berlin", "DE", "BE")
    # then only Bavaria is off
    assert window_on(bavaria, date(2026, 1, 6)) is None
    assert window_on(berlin, date(2026, 1, 6)) is not None


def test_ukraine_has_no_public_holidays_under_martial_law():
    # given a Kyiv 9 to 5 with the Ukrainian calendar
    kyiv = nine_to_five("Europe/Kyiv", "UA")
    # when Monday 2026-01-05 and Wednesday 2026-01-07 (Christmas before 2023) are read
    # then both are working days, as the calendar has no holidays from 2023
    assert window_on(kyiv, date(2026, 1, 5)) is not None
    assert window_on(kyiv, date(2026, 1, 7)) is not None
    # but Friday 2022-01-07 was still Christmas Day
    assert window_on(kyiv, date(2022, 1, 7)) is None


def test_a_weekend_has_no_window():
    # given a Monday-to-Friday week, then Saturday has no window
    assert window_on(nine_to_five("Europe/Berlin"), date(2026, 1, 10)) is None


@pytest.mark.parametrize(
    "arguments,code",
    [
        (("Mars/Olympus", time(9), time(17), WEEKDAYS), "invalid_time_zone"),
        (("UTC", "09:00", time(17), WEEKDAYS), "invalid_working_hours"),
        (("UTC", time(9, tzinfo=UTC), time(17), WEEKDAYS), "invalid_working_hours"),
        (("UTC", time(9), time(17), frozenset()), "invalid_days"),
        (("UTC", time(9), time(17), frozenset({0, 1})), "invalid_days"),
        (("UTC", time(9), time(17), frozenset({8})), "invalid_days"),
        (("UTC", time(9), time(17), WEEKDAYS, "QQ"), "invalid_country"),
        (("UTC", time(9), time(17), WEEKDAYS, "DE", "ZZ"), "invalid_country"),
        (("UTC", time(9), time(17), WEEKDAYS, None, "BY"), "invalid_country"),
    ],
)
def test_a_working_week_refuses_what_it_cannot_schedule(arguments, code):
    # when a week is built from bad parts, then it is refused with a stable code
    with pytest.raises(DomainError) as refused:
        WorkingWeek(*arguments)
    assert refused.value.code == code


def test_a_working_week_normalises_its_country():
    # given a lower-case country code, then it is kept upper case
    assert nine_to_five("Europe/Berlin", "de").holidays_country == "DE"


def test_windows_between_lists_working_days_in_order():
    # given a Monday-to-Friday week in Berlin
    berlin = nine_to_five("Europe/Berlin", "DE")
    # when the windows of 2026-12-21 (Mon) to 2026-12-27 (Sun) are listed
    windows = windows_between(berlin, date(2026, 12, 21), date(2026, 12, 27))
    # then Monday to Thursday remain, Christmas Day and the weekend do not
    assert [start.date() for start, _ in windows] == [date(2026, 12, d) for d in (21, 22, 23, 24)]


def test_three_offices_cover_the_day_with_gaps():
    # given 9 to 5 offices in Tokyo, Berlin and New York on a January Wednesday
    offices = [nine_to_five(z) for z in ("Asia/Tokyo", "Europe/Berlin", "America/New_York")]
    day = date(2026, 1, 14)
    # when the UTC day's coverage and gaps are read
    covered, gaps = coverage(offices, day), uncovered(offices, day)
    # then Tokyo 00-08 and Berlin 08-16 join, New York runs 14-22, and 22-24 is open
    assert covered == [(at(2026, 1, 14), at(2026, 1, 14, 22))]
    assert gaps == [(at(2026, 1, 14, 22), at(2026, 1, 15))]


def test_nobody_leaves_the_whole_day_uncovered():
    # given nobody, then the whole UTC day is a gap
    assert coverage([], date(2026, 1, 14)) == []
    assert uncovered([], date(2026, 1, 14)) == [(at(2026, 1, 14), at(2026, 1, 15))]


def test_overlap_of_missing_or_disjoint_windows_is_zero():
    # given a window, nothing, and a later window
    morning = (at(2026, 1, 1, 8), at(2026, 1, 1, 12))
    evening = (at(2026, 1, 1, 13), at(2026, 1, 1, 17))
    # then neither a missing nor a disjoint window overlaps it
    assert overlap(morning, None) == overlap(None, morning) == timedelta(0)
    assert overlap(morning, evening) == timedelta(0)


ZONES = [
    "UTC",
    "America/New_York",
    "America/St_Johns",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Apia",
]
quarter_hours = st.builds(
    lambda q: time(q // 4, q % 4 * 15), st.integers(min_value=0, max_value=24 * 4 - 1)
)
weeks = st.builds(
    WorkingWeek,
    zone=st.sampled_from(ZONES),
    start=quarter_hours,
    end=quarter_hours,
    days=st.frozensets(st.integers(min_value=1, max_value=7), min_size=1),
)
days = st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31))
instants = st.integers(min_value=0, max_value=2 * 86400).map(
    lambda seconds: at(2026, 1, 1) + timedelta(seconds=seconds)
)
windows = st.tuples(instants, instants).map(sorted).map(tuple)


@given(windows, windows)
def test_overlap_is_symmetric_and_within_the_shorter_window(a, b):
    # when two windows overlap
    shared = overlap(a, b)
    # then the order does not matter and neither window is exceeded
    assert shared == overlap(b, a)
    assert timedelta(0) <= shared <= min(a[1] - a[0], b[1] - b[0])


@given(weeks, weeks, days)
def test_overlap_hours_stay_within_the_viewers_window(person, viewer, day):
    # when the overlap on any day is read
    result = overlap_hours_on(person, viewer, day)
    # then it is between none and the viewer's window (24 h, 25 h on a fall-back night)
    window = window_on(viewer, day)
    longest = (window[1] - window[0]) // timedelta(seconds=1) if window else 0
    assert Decimal(0) <= result <= Decimal(longest) / 3600 <= Decimal(25)


@given(st.lists(weeks, max_size=4), days)
def test_coverage_and_gaps_split_the_utc_day(team, day):
    # when the coverage and the gaps of a UTC day are read
    covered, gaps = coverage(team, day), uncovered(team, day)
    # then coverage is sorted, disjoint and inside the day
    day_start = at(day.year, day.month, day.day)
    day_end = day_start + timedelta(days=1)
    for start, end in covered:
        assert day_start <= start < end <= day_end
    for (_, end), (start, _) in pairwise(covered):
        assert end < start
    # and with the gaps it makes exactly 24 hours, end to end, with nothing counted twice
    pieces = sorted(covered + gaps)
    total = sum((end - start for start, end in pieces), timedelta(0))
    assert total == timedelta(hours=24)
    assert [start for start, _ in pieces] == [day_start] + [end for _, end in pieces[:-1]]
