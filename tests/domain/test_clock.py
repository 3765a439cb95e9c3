"""Follow-the-sun plans: shifts, the handoff chain, gaps and coverage, hand-computed."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.domain.availability import WorkingWeek, coverage, window_on
from bornglobal.domain.clock import AbsenceReason, HandoffKind, Member, plan
from bornglobal.domain.errors import DomainError

WEEKDAYS = frozenset(range(1, 6))
EVERY_DAY = frozenset(range(1, 8))


def member(name, zone, start=time(9), end=time(17), days=WEEKDAYS, country=None, sub=None):
    return Member(name, WorkingWeek(zone, start, end, days, country, sub))


def at(*parts):
    return datetime(*parts, tzinfo=UTC)


def spans(day_plan):
    return [(s.member, s.start, s.end) for s in day_plan.shifts]


def chain(day_plan):
    return [(h.giver, h.receiver, h.at, h.resumes, h.kind) for h in day_plan.handoffs]


def test_half_hour_zones_hand_off_across_the_utc_day():
    # given 9 to 5 in Adelaide (UTC+10:30 in January) and Kolkata (UTC+05:30)
    team = [member("Ada", "Australia/Adelaide"), member("Priya", "Asia/Kolkata")]
    # when Wednesday 2026-01-14 is planned
    (day,) = plan(team, date(2026, 1, 14), date(2026, 1, 14)).days
    # then Adelaide's Wednesday (Tue 22:30-Wed 06:30 UTC) and Thursday (from 22:30) frame
    # Kolkata's 03:30-11:30
    assert spans(day) == [
        ("Ada", at(2026, 1, 14), at(2026, 1, 14, 6, 30)),
        ("Priya", at(2026, 1, 14, 3, 30), at(2026, 1, 14, 11, 30)),
        ("Ada", at(2026, 1, 14, 22, 30), at(2026, 1, 15)),
    ]
    # and Ada hands to Priya live (3 h overlap), Priya leaves a note for Ada's next morning
    assert chain(day) == [
        ("Ada", "Priya", at(2026, 1, 14, 6, 30), at(2026, 1, 14, 6, 30), HandoffKind.OVERLAP),
        ("Priya", "Ada", at(2026, 1, 14, 11, 30), at(2026, 1, 14, 22, 30), HandoffKind.GAP),
    ]
    assert day.handoffs[0].overlap == timedelta(hours=3)
    assert day.handoffs[1].wait == timedelta(hours=11)
    # and 11.5 + 1.5 hours are covered, 11 are not
    assert day.coverage_hours == Decimal("13.00")
    assert day.gaps == ((at(2026, 1, 14, 11, 30), at(2026, 1, 14, 22, 30)),)


def test_adelaide_is_an_hour_later_in_utc_on_winter_time():
    # given Adelaide 9 to 5, on standard time (UTC+09:30) in July
    team = [member("Ada", "Australia/Adelaide")]
    # when Wednesday 2026-07-15 is planned
    (day,) = plan(team, date(2026, 7, 15), date(2026, 7, 15)).days
    # then her Wednesday ends at 07:30 UTC and Thursday starts at 23:30 UTC
    assert spans(day) == [
        ("Ada", at(2026, 7, 15), at(2026, 7, 15, 7, 30)),
        ("Ada", at(2026, 7, 15, 23, 30), at(2026, 7, 16)),
    ]
    # and one person resuming her own work is no handoff
    assert day.handoffs == ()
    assert day.coverage_hours == Decimal("8.00")


def test_a_night_shift_lands_on_both_utc_days():
    # given a Berlin night shift, 22:00 to 06:00, Monday to Friday nights
    team = [member("Nina", "Europe/Berlin", time(22), time(6))]
    # when Tuesday 2026-01-13 is planned
    (day,) = plan(team, date(2026, 1, 13), date(2026, 1, 13)).days
    # then the end of Monday night and the start of Tuesday night are both on it
    assert spans(day) == [
        ("Nina", at(2026, 1, 13), at(2026, 1, 13, 5)),
        ("Nina", at(2026, 1, 13, 21), at(2026, 1, 14)),
    ]
    assert day.coverage_hours == Decimal("8.00")


def test_a_night_shift_hands_to_the_morning_across_midnight():
    # given a San Francisco evening shift 17:00-01:00 (01:00-09:00 UTC in January)
    # and a Tokyo 9 to 5 (00:00-08:00 UTC)
    team = [
        member("Sam", "America/Los_Angeles", time(17), time(1)),
        member("Kenji", "Asia/Tokyo"),
    ]
    # when Wednesday 2026-01-14 is planned
    (day,) = plan(team, date(2026, 1, 14), date(2026, 1, 14)).days
    # then Kenji holds from midnight and hands to Sam at 08:00, who leaves a note at 09:00
    # for Kenji's Thursday, starting at midnight UTC
    assert chain(day) == [
        ("Kenji", "Sam", at(2026, 1, 14, 8), at(2026, 1, 14, 8), HandoffKind.OVERLAP),
        ("Sam", "Kenji", at(2026, 1, 14, 9), at(2026, 1, 15), HandoffKind.GAP),
    ]
    assert day.handoffs[0].overlap == timedelta(hours=7)
    assert day.coverage_hours == Decimal("9.00")


@pytest.mark.parametrize(
    "day,overlap,covered",
    [
        (date(2026, 3, 6), 2, "14.00"),  # Friday: both on winter time
        (date(2026, 3, 9), 3, "13.00"),  # Monday: the US moved on 03-08, the EU not yet
        (date(2026, 3, 30), 2, "14.00"),  # Monday: the EU moved on 03-29
        (date(2026, 10, 26), 3, "13.00"),  # Monday: the EU went back on 10-25, the US not yet
        (date(2026, 11, 2), 2, "14.00"),  # Monday: the US went back on 11-01
    ],
)
def test_the_handoff_moves_with_each_sides_clock_change(day, overlap, covered):
    # given a Berlin and a New York 9 to 5
    team = [member("Anna", "Europe/Berlin"), member("Nate", "America/New_York")]
    # when a day around the spring and autumn changes is planned
    (result,) = plan(team, day, day).days
    # then Anna hands to Nate when she leaves, after the overlap of that day
    live, note = result.handoffs
    assert (live.giver, live.receiver, live.kind) == ("Anna", "Nate", HandoffKind.OVERLAP)
    assert live.overlap == timedelta(hours=overlap)
    # and Nate leaves a note for Anna's next working morning
    assert (note.giver, note.receiver, note.kind) == ("Nate", "Anna", HandoffKind.GAP)
    assert result.coverage_hours == Decimal(covered)


def test_a_daily_night_shift_is_shorter_and_longer_on_clock_change_nights():
    # given a Berlin night shift every night
    team = [member("Nina", "Europe/Berlin", time(22), time(6), EVERY_DAY)]
    # when the nights into 2026-03-29 (spring) and 2026-10-25 (autumn) are planned
    spring = plan(team, date(2026, 3, 28), date(2026, 3, 29)).days
    autumn = plan(team, date(2026, 10, 24), date(2026, 10, 25)).days
    # then the spring night is 21:00-04:00 UTC (7 h) and the autumn night 20:00-05:00 (9 h)
    assert spans(spring[0])[-1] == ("Nina", at(2026, 3, 28, 21), at(2026, 3, 29))
    assert spans(spring[1])[0] == ("Nina", at(2026, 3, 29), at(2026, 3, 29, 4))
    assert spans(autumn[0])[-1] == ("Nina", at(2026, 10, 24, 20), at(2026, 10, 25))
    assert spans(autumn[1])[0] == ("Nina", at(2026, 10, 25), at(2026, 10, 25, 5))


def test_a_public_holiday_takes_a_person_out_of_the_chain():
    # given Berlin (German calendar, Berlin state) and New York (US calendar) 9 to 5
    team = [
        member("Anna", "Europe/Berlin", country="DE", sub="BE"),
        member("Nate", "America/New_York", country="US", sub="NY"),
    ]
    # when Thursday 2026-12-24 and Friday 2026-12-25 (Christmas Day in both) are planned
    eve, christmas = plan(team, date(2026, 12, 24), date(2026, 12, 25)).days
    # then on the 24th Anna hands to Nate; on the 25th nobody works at all
    assert chain(eve)[0][:2] == ("Anna", "Nate")
    assert christmas.shifts == () and christmas.coverage_hours == Decimal("0.00")
    reasons = {(a.member, a.reason, a.holiday) for a in christmas.absences}
    assert reasons == {
        ("Anna", AbsenceReason.PUBLIC_HOLIDAY, "Christmas Day"),
        ("Nate", AbsenceReason.PUBLIC_HOLIDAY, "Christmas Day"),
    }
    # and Nate's note waits over the weekend for Anna's Monday 2026-12-28
    assert chain(eve)[-1][:4] == ("Nate", "Anna", at(2026, 12, 24, 22), at(2026, 12, 28, 8))


def test_german_unity_day_only_in_germany():
    # given a Berlin and a Kolkata person who both work Saturdays
    six_days = frozenset(range(1, 7))
    team = [
        member("Anna", "Europe/Berlin", days=six_days, country="DE", sub="BE"),
        member("Priya", "Asia/Kolkata", days=six_days, country="IN"),
    ]
    # when Saturday 2026-10-03 is planned
    (day,) = plan(team, date(2026, 10, 3), date(2026, 10, 3)).days
    # then only Priya works; Anna is off for German Unity Day
    assert [s.member for s in day.shifts] == ["Priya"]
    assert [(a.member, a.holiday) for a in day.absences] == [("Anna", "German Unity Day")]


def test_the_chain_skips_a_shift_inside_the_holders_shift():
    # given two Berlin people, one 8-18 and one 10-16, and a London 16-24
    team = [
        member("Long", "Europe/Berlin", time(8), time(18)),
        member("Short", "Europe/Berlin", time(10), time(16)),
        member("Lou", "Europe/London", time(16), time(0)),
    ]
    # when a January Wednesday is planned
    (day,) = plan(team, date(2026, 1, 14), date(2026, 1, 14)).days
    # then Short is never on the chain: Long hands straight to Lou at 17:00 UTC
    assert [(h.giver, h.receiver, h.at) for h in day.handoffs] == [
        ("Long", "Lou", at(2026, 1, 14, 17))
    ]


def test_touching_shifts_hand_off_end_to_start():
    # given three sites 8 hours apart that touch: Tokyo, Berlin and Phoenix 9 to 5
    team = [
        member("Kenji", "Asia/Tokyo"),
        member("Anna", "Europe/Berlin"),
        member("Pat", "America/Phoenix"),
    ]
    # when a January Wednesday is planned
    (day,) = plan(team, date(2026, 1, 14), date(2026, 1, 14)).days
    # then the relay runs round the whole UTC day with two touching handoffs
    assert [(h.giver, h.receiver, h.kind) for h in day.handoffs] == [
        ("Kenji", "Anna", HandoffKind.TOUCHING),
        ("Anna", "Pat", HandoffKind.TOUCHING),
    ]
    assert day.coverage_hours == Decimal("24.00") and day.gaps == ()


@pytest.mark.parametrize(
    "start,end,code",
    [
        (date(2026, 1, 2), date(2026, 1, 1), "end_before_start"),
        (date(2026, 1, 1), date(2027, 1, 2), "range_too_long"),
        ("2026-01-01", date(2026, 1, 2), "invalid_date"),
        (at(2026, 1, 1), date(2026, 1, 2), "invalid_date"),
    ],
)
def test_a_plan_refuses_a_bad_range(start, end, code):
    # when a plan is asked for a bad range, then it is refused with a stable code
    with pytest.raises(DomainError) as refused:
        plan([member("Anna", "Europe/Berlin")], start, end)
    assert refused.value.code == code


def test_a_plan_needs_a_team():
    with pytest.raises(DomainError) as refused:
        plan([], date(2026, 1, 1), date(2026, 1, 1))
    assert refused.value.code == "empty_team"


ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "America/St_Johns",
    "Pacific/Kiritimati",
]
clock_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
members = st.builds(
    member,
    name=st.sampled_from(["Ann", "Bo", "Cy", "Di", "Ed"]),
    zone=st.sampled_from(ZONES),
    start=clock_times,
    end=clock_times,
    days=st.frozensets(st.integers(1, 7), min_size=1),
    country=st.sampled_from([None, "DE", "US", "IN"]),
)
teams = st.lists(members, min_size=1, max_size=4, unique_by=lambda m: m.name)
plan_days = st.dates(date(2026, 1, 1), date(2026, 12, 28))


def _windows_around(person, day):
    found = (window_on(person.week, day + timedelta(days=n)) for n in range(-2, 3))
    return [window for window in found if window is not None]


@settings(max_examples=60, deadline=None)
@given(teams, plan_days, st.integers(0, 3))
def test_a_plan_stays_inside_windows_and_the_day(team, first, extra):
    # given any team and a few days
    result = plan(team, first, first + timedelta(days=extra))
    by_name = {m.name: m for m in team}
    for day in result.days:
        day_start = at(day.day.year, day.day.month, day.day.day)
        # then coverage never exceeds 24 hours and coverage plus gaps is the whole day
        assert Decimal(0) <= day.coverage_hours <= Decimal(24)
        assert day.coverage_hours + day.gap_hours == Decimal(24)
        # and it is exactly what availability.coverage says for that UTC day
        assert list(day.coverage) == coverage([m.week for m in team], day.day)
        for shift in day.shifts:
            # and every shift lies inside the UTC day and inside one of its person's windows
            assert day_start <= shift.start < shift.end <= day_start + timedelta(days=1)
            windows = _windows_around(by_name[shift.member], day.day)
            assert any(s <= shift.start and shift.end <= e for s, e in _joined(windows))
        for handoff in day.handoffs:
            # and every handoff happens that day, from one person to another
            assert handoff.at.date() == day.day and handoff.giver != handoff.receiver
            assert handoff.resumes >= handoff.at


def _joined(windows):
    joined = []
    for start, end in sorted(windows):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined
