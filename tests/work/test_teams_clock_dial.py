"""The team clock's dial geometry: rings stay between the coverage ring and the centre."""

from datetime import UTC, date, datetime, time

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock import plan
from bornglobal.domain.clock_team import Member
from bornglobal.work.clock_dial import FIRST_RING, INNERMOST, _ring_radii, dial

EVERY_DAY = frozenset(range(1, 8))


def test_rings_never_cross_into_the_centre_however_many_people():
    for count in (1, 3, 12, 50, 200):
        radii = _ring_radii(count)
        assert len(radii) == count
        assert all(INNERMOST - 0.01 <= inner < outer <= FIRST_RING for outer, inner in radii)


def test_the_dial_marks_the_handoff_and_the_hand_on_the_day():
    # given Tokyo and Berlin 09:00-17:00 every day, on Monday 12 January 2026
    team = [
        Member("Kenji", WorkingWeek("Asia/Tokyo", time(9), time(17), EVERY_DAY)),
        Member("Anna", WorkingWeek("Europe/Berlin", time(9), time(17), EVERY_DAY)),
    ]
    day = plan(team, date(2026, 1, 12), date(2026, 1, 12)).days[0]
    # when the dial is drawn at 10:00 UTC that day
    drawn = dial(team, day, datetime(2026, 1, 12, 10, tzinfo=UTC))
    # then each ring carries UTC and local times, the handoff is at 08:00, the hand is drawn
    kenji, anna = drawn.rings
    assert kenji.utc_labels == ("00:00-08:00",) and kenji.local_labels == ("Mon 09:00-17:00",)
    assert anna.utc_labels == ("08:00-16:00",) and "Europe/Berlin" in anna.title
    assert [mark.at for mark in drawn.handoffs][:1] == ["08:00"]
    assert drawn.hand is not None and drawn.now_label == "10:00"
