"""The 24-hour clock face: where working windows fall on a viewer's local day."""

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.availability import WorkingWeek, merge, windows_between
from bornglobal.domain.clockface import (
    DAY_SECONDS,
    Arc,
    Point,
    arcs_on,
    intersect,
    local_day,
    point,
    ring,
    sector_path,
    ticks,
)

WEEKDAYS = frozenset(range(1, 6))
EVERY_DAY = frozenset(range(1, 8))
H = 3600
CENTRE = Point(130, 130)


def _arcs(week: WorkingWeek, viewer_zone: str, day: date) -> list[Arc]:
    windows = windows_between(week, day - timedelta(days=2), day + timedelta(days=2))
    return arcs_on(windows, viewer_zone, day)


def test_a_window_in_the_viewers_own_zone_is_drawn_at_its_local_hours():
    # given a Lisbon freelancer working 09:00-17:00 on weekdays
    week = WorkingWeek("Europe/Lisbon", time(9), time(17), WEEKDAYS)
    # when a Lisbon viewer looks at a Tuesday
    arcs = _arcs(week, "Europe/Lisbon", date(2026, 6, 9))
    # then one arc from 09:00 to 17:00
    assert arcs == [Arc(9 * H, 17 * H)]
    assert arcs[0].label() == "09:00 to 17:00"


def test_a_window_crossing_midnight_shows_its_evening_and_its_morning():
    # given a night shift 22:00-06:00 every day
    week = WorkingWeek("Europe/Berlin", time(22), time(6), EVERY_DAY)
    # when it is drawn on a Berlin day
    arcs = _arcs(week, "Europe/Berlin", date(2026, 6, 10))
    # then the morning part (from last night's shift) and tonight's start are both there
    assert arcs == [Arc(0, 6 * H), Arc(22 * H, DAY_SECONDS)]


def test_the_first_night_of_a_shift_shows_only_its_evening():
    # given a night shift 22:00-06:00 on weekdays only
    week = WorkingWeek("Europe/Berlin", time(22), time(6), WEEKDAYS)
    # when the viewer looks at Monday (Sunday night has no shift)
    arcs = _arcs(week, "Europe/Berlin", date(2026, 6, 8))
    # then only Monday evening is drawn
    assert arcs == [Arc(22 * H, DAY_SECONDS)]


def test_a_half_hour_zone_lands_on_half_hours_and_crosses_the_viewers_midnight():
    # given a Kolkata freelancer 09:00-17:00 IST (UTC+05:30) on weekdays
    week = WorkingWeek("Asia/Kolkata", time(9), time(17), WEEKDAYS)
    # when a New York viewer (EDT, UTC-4) looks at Tuesday 2026-03-10
    arcs = _arcs(week, "America/New_York", date(2026, 3, 10))
    # then Tuesday's IST day began at 23:30 on Monday (so 00:00-07:30 shows) and
    # Wednesday's starts at 23:30 on Tuesday
    assert arcs == [Arc(0, 7 * H + 30 * 60), Arc(23 * H + 30 * 60, DAY_SECONDS)]


def test_us_spring_forward_day_has_no_arc_in_the_skipped_hour():
    # given a New York window 01:00-04:00 every day
    week = WorkingWeek("America/New_York", time(1), time(4), EVERY_DAY)
    # when drawn on 2026-03-08, when 02:00 EST jumps to 03:00 EDT
    arcs = _arcs(week, "America/New_York", date(2026, 3, 8))
    # then the two real hours sit at 01:00-02:00 and 03:00-04:00 on the dial
    assert arcs == [Arc(1 * H, 2 * H), Arc(3 * H, 4 * H)]
    assert sum(arc.seconds for arc in arcs) == 2 * H


def test_eu_change_moves_a_berlin_window_for_a_new_york_viewer_for_three_weeks():
    # given a Berlin freelancer 09:00-17:00 on weekdays
    week = WorkingWeek("Europe/Berlin", time(9), time(17), WEEKDAYS)
    # when a New York viewer looks before the EU change (US already on summer time) and after
    between = _arcs(week, "America/New_York", date(2026, 3, 27))
    after = _arcs(week, "America/New_York", date(2026, 3, 30))
    # then 09:00 CET is 04:00 EDT in the gap weeks, and 03:00 EDT once Berlin is on CEST
    assert between == [Arc(4 * H, 12 * H)]
    assert after == [Arc(3 * H, 11 * H)]


def test_the_eu_change_day_itself_is_drawn_in_wall_clock_time():
    # given a Berlin window 01:00-05:00 every day
    week = WorkingWeek("Europe/Berlin", time(1), time(5), EVERY_DAY)
    # when drawn for a Berlin viewer on 2026-03-29 (02:00 CET -> 03:00 CEST)
    arcs = _arcs(week, "Europe/Berlin", date(2026, 3, 29))
    # then three real hours: 01:00-02:00 and 03:00-05:00
    assert arcs == [Arc(1 * H, 2 * H), Arc(3 * H, 5 * H)]


def test_the_repeated_hour_of_a_fall_back_night_is_drawn_once():
    # given a New York window 00:30-03:00 on 2026-11-01 (01:00-02:00 happens twice)
    week = WorkingWeek("America/New_York", time(0, 30), time(3), EVERY_DAY)
    # when drawn on that day
    arcs = _arcs(week, "America/New_York", date(2026, 11, 1))
    # then one arc from 00:30 to 03:00 wall time
    assert arcs == [Arc(30 * 60, 3 * H)]


def test_overlap_of_two_rings_is_their_intersection():
    # given two lists of arcs
    viewer = [Arc(8 * H, 16 * H)]
    person = [Arc(0, 9 * H), Arc(15 * H, 20 * H)]
    # when intersected, then only the shared stretches remain
    assert intersect(viewer, person) == [Arc(8 * H, 9 * H), Arc(15 * H, 16 * H)]


def test_midnight_is_at_the_top_and_six_oclock_on_the_right():
    # given the dial centre and a radius
    # when points are placed at 00:00, 06:00, 12:00 and 18:00
    # then they are top, right, bottom and left (SVG y grows downwards)
    assert point(0, 100, CENTRE) == Point(130, 30)
    assert point(6 * H, 100, CENTRE) == Point(230, 130)
    assert point(12 * H, 100, CENTRE) == Point(130, 230)
    assert point(18 * H, 100, CENTRE) == Point(30, 130)


def test_a_sector_longer_than_half_the_day_uses_the_large_arc_flag():
    # given a short and a long arc
    short = sector_path(Arc(9 * H, 17 * H), 100, 80, CENTRE)
    long = sector_path(Arc(1 * H, 20 * H), 100, 80, CENTRE)
    # then the SVG large-arc flag is 0 for the short one and 1 for the long one
    assert " 0 0 1 " in short and " 0 1 1 " in long
    assert short.startswith("M ") and short.endswith(" Z")


def test_a_whole_day_is_drawn_as_two_halves():
    # given an arc covering the whole dial
    path = sector_path(Arc(0, DAY_SECONDS), 100, 80, CENTRE)
    # then it is two closed sectors, since one SVG arc cannot draw a full circle
    assert path.count("M ") == 2 and path.count(" Z") == 2


def test_ring_merges_touching_arcs_and_labels_them():
    # given touching arcs
    drawn = ring("person", [Arc(9 * H, 12 * H), Arc(12 * H, 17 * H)], 100, 80, CENTRE)
    # then one arc, one path, one label
    assert drawn.arcs == (Arc(9 * H, 17 * H),)
    assert len(drawn.paths) == 1 and drawn.labels == ["09:00 to 17:00"]


def test_ticks_go_round_the_dial_every_three_hours():
    # when the ticks are laid out, then eight marks from 00 to 21
    marks = ticks(CENTRE, 100)
    assert [t.label for t in marks] == ["00", "03", "06", "09", "12", "15", "18", "21"]


def test_an_arc_must_run_forward_within_the_day():
    # an arc backwards, or past the end of the day, is refused
    with pytest.raises(ValueError):
        Arc(5, 5)
    with pytest.raises(ValueError):
        Arc(0, DAY_SECONDS + 1)


ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu",
         "Australia/Lord_Howe", "Pacific/Chatham", "UTC", "America/St_Johns"]


@given(
    zone=st.sampled_from(ZONES),
    viewer_zone=st.sampled_from(ZONES),
    start=st.integers(0, 23 * 4).map(lambda q: time(q // 4, q % 4 * 15)),
    hours=st.integers(1, 16),
    day=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
)
def test_arcs_never_hold_more_than_the_real_working_time_of_the_day(
    zone, viewer_zone, start, hours, day
):
    # given any window in any zone
    end_dt = datetime.combine(date(2000, 1, 1), start) + timedelta(hours=hours)
    week = WorkingWeek(zone, start, end_dt.time(), EVERY_DAY)
    windows = windows_between(week, day - timedelta(days=2), day + timedelta(days=2))
    # when drawn on the viewer's dial for `day`
    arcs = arcs_on(windows, viewer_zone, day)
    # then the arcs are ordered, disjoint and within the dial; they hold exactly the
    # real time worked in the viewer's local day, or less when the clocks go back
    # (the repeated hour is drawn once)
    assert all(a.end < b.start for a, b in pairwise(arcs))
    assert all(0 <= a.start < a.end <= DAY_SECONDS for a in arcs)
    day_start, day_end = local_day(viewer_zone, day)
    clipped = [(max(s, day_start), min(e, day_end)) for s, e in merge(windows)]
    real = sum(int((e - s).total_seconds()) for s, e in clipped if s < e)
    drawn = sum(a.seconds for a in arcs)
    if day_end - day_start == timedelta(days=1):
        assert drawn == real
    else:
        assert drawn <= real


def test_windows_outside_the_day_draw_nothing():
    # given a window entirely on another day
    window = (datetime(2026, 6, 1, 9, tzinfo=UTC), datetime(2026, 6, 1, 17, tzinfo=UTC))
    # then it has no arc on 2026-06-03
    assert arcs_on([window], "UTC", date(2026, 6, 3)) == []
