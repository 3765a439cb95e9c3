"""A rota carries CP-SAT's proven lower bound on each aim it reached."""

from datetime import date, time

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock import Member
from bornglobal.domain.rota import RotaStatus, greedy_rota, rota

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
