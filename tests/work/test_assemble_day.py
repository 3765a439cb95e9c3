"""Which date Assemble computes coverage for: a day the candidates work."""

from datetime import date

from bornglobal.work.assemble_day import coverage_day, works_on

THURSDAY = date(2026, 12, 3)
MON_FRI = "12345"


def test_today_when_the_project_has_started_and_people_work_today():
    # given a project that started last month and Monday-to-Friday people
    day = coverage_day(THURSDAY, date(2026, 11, 2), [MON_FRI, MON_FRI])
    # then coverage is for today, a Thursday
    assert day.on == THURSDAY
    assert day.why == "today, a Thursday"


def test_a_weekend_start_moves_to_the_monday_after():
    # given a project starting on Saturday 12 December and Monday-to-Friday people
    day = coverage_day(THURSDAY, date(2026, 12, 12), [MON_FRI, MON_FRI, "67"])
    # then coverage is for Monday 14 December, and the reason names the start date
    assert day.on == date(2026, 12, 14)
    assert "the project's start date" in day.why and "2 of them work Mondays" in day.why


def test_weekend_people_keep_the_weekend():
    # given only weekend workers and a Saturday start
    day = coverage_day(THURSDAY, date(2026, 12, 12), ["67", "6"])
    # then the Saturday itself
    assert day.on == date(2026, 12, 12)


def test_without_candidates_the_start_date_is_kept():
    day = coverage_day(THURSDAY, None, [])
    assert day.on == THURSDAY and "no working days known" in day.why


def test_works_on_reads_iso_weekdays():
    assert works_on(MON_FRI, THURSDAY)
    assert not works_on(MON_FRI, date(2026, 12, 5))
