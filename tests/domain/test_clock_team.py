"""The team file: people with zones, hours, days, holiday calendars and weekly maxima."""

from datetime import time

import pytest

from bornglobal.domain.clock_team import parse_hhmm, team_from_document
from bornglobal.domain.errors import DomainError

ANNA = {
    "name": "Anna Schmidt",
    "zone": "Europe/Berlin",
    "work_start": "08:30",
    "work_end": "24:00",
    "working_days": ["Mon", "tuesday", 3],
    "holiday_country": "de",
    "holiday_subdivision": "BE",
    "max_weekly_hours": 30,
}


def test_a_team_file_reads_every_field():
    # given a team file with one fully described person and one with defaults
    document = {"people": [ANNA, {"name": "Priya  Nair", "zone": "Asia/Kolkata"}]}
    # when it is read
    anna, priya = team_from_document(document)
    # then every field is kept, names are tidied and 24:00 is midnight
    assert anna.name == "Anna Schmidt" and anna.max_weekly_hours == 30
    assert (anna.week.start, anna.week.end) == (time(8, 30), time(0))
    assert anna.week.days == frozenset({1, 2, 3})
    assert (anna.week.holidays_country, anna.week.holidays_subdivision) == ("DE", "BE")
    # and the defaults are 9 to 5, Monday to Friday, no calendar, no maximum
    assert priya.name == "Priya Nair"
    assert (priya.week.start, priya.week.end) == (time(9), time(17))
    assert priya.week.days == frozenset(range(1, 6))
    assert priya.week.holidays_country is None and priya.max_weekly_hours is None


def test_a_bare_list_is_a_team_file_too():
    assert [m.name for m in team_from_document([ANNA])] == ["Anna Schmidt"]


@pytest.mark.parametrize(
    "document,code",
    [
        ({"team": []}, "invalid_team"),
        ([], "empty_team"),
        (["Anna"], "invalid_team"),
        ([{"name": "Anna"}], "invalid_team"),
        ([{**ANNA, "colour": "red"}], "invalid_team"),
        ([{**ANNA, "zone": "Mars/Olympus"}], "invalid_time_zone"),
        ([{**ANNA, "work_start": "9:00"}], "invalid_time"),
        ([{**ANNA, "work_end": "17:60"}], "invalid_time"),
        ([{**ANNA, "work_end": 17}], "invalid_time"),
        ([{**ANNA, "working_days": []}], "invalid_days"),
        ([{**ANNA, "working_days": ["Funday"]}], "invalid_days"),
        ([{**ANNA, "working_days": [0]}], "invalid_days"),
        ([{**ANNA, "holiday_country": "QQ"}], "invalid_country"),
        ([{**ANNA, "max_weekly_hours": -1}], "invalid_max_hours"),
        ([{**ANNA, "max_weekly_hours": 169}], "invalid_max_hours"),
        ([{**ANNA, "max_weekly_hours": 7.5}], "invalid_max_hours"),
        ([{**ANNA, "name": " "}], "invalid_name"),
        ([ANNA, {**ANNA, "name": "anna schmidt"}], "duplicate_name"),
        ([{"name": f"P{n}", "zone": "UTC"} for n in range(201)], "team_too_large"),
    ],
)
def test_a_bad_team_file_is_refused_with_a_code(document, code):
    # when a bad team file is read, then it is refused with a stable code
    with pytest.raises(DomainError) as refused:
        team_from_document(document)
    assert refused.value.code == code


def test_hh_mm_is_strict():
    # given well-formed times, then they are read; anything else is refused
    assert parse_hhmm("00:00") == time(0) and parse_hhmm("23:59") == time(23, 59)
    for bad in ("24:01", "7:00", "07:00:00", "", None, "ab:cd"):
        with pytest.raises(DomainError) as refused:
            parse_hhmm(bad)
        assert refused.value.code == "invalid_time"
