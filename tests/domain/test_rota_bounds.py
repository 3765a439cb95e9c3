"""A rota carries CP-SAT's proven lower bound on each aim it reached."""

from datetime import date, time

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock import Member
from bornglobal.domain.rota import RotaStatus, _water_level, greedy_rota, rota

WEEKDAYS = frozenset(range(1, 6))


def test_a_proved_rota_has_bounds_equal_to_its_aims():
    # given three sites 8 hours apart, working Monday to Friday
    team = [
        Member(name, WorkingWeek(zone, time(9), time(17), WEEKDAYS))
        for name, zone in (
            ("Anna", "Europe/Berlin"),
            ("Kenji", "Asia/Tokyo"),
            ("Pat", "America/Phoenix"),
        )
    ]
    # when the rota for one person per hour is proved optimal
    result = rota(team, date(2026, 1, 12), 1, time_limit=30)
    # then each aim's bound equals its value, and greedy claims no bound
    assert result.status is RotaStatus.OPTIMAL
    assert result.bounds == result.objective
    assert greedy_rota(team, date(2026, 1, 12), 1).bounds == ()


def test_the_water_level_is_the_least_maximum_load_that_holds_the_hours():
    # given three people: one who can take 2 hours, one with a weekly maximum of 3, one free
    team = [
        Member("A", WorkingWeek("UTC", time(9), time(17), WEEKDAYS)),
        Member("B", WorkingWeek("UTC", time(9), time(17), WEEKDAYS), 3),
        Member("C", WorkingWeek("UTC", time(9), time(17), WEEKDAYS)),
    ]
    open_hours = {"A": frozenset(range(2)), "B": frozenset(range(40)), "C": frozenset(range(40))}
    # then 10 person-hours need a load of 5 (2 + 3 + 5), 5 need 2, none need 0
    assert _water_level(team, open_hours, 10) == 5
    assert _water_level(team, open_hours, 5) == 2
    assert _water_level(team, open_hours, 0) == 0
