"""Who holds a handed-off task, and from when: hand-computed cases and one property."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.domain.availability import WorkingWeek, window_on
from bornglobal.domain.clock_team import Member
from bornglobal.domain.errors import DomainError
from bornglobal.domain.handoffs import (
    member_named,
    now_and_next,
    receiver,
    turn_of,
    turns,
    waiting,
)

WEEKDAYS = frozenset(range(1, 6))


def member(name, zone, start=time(9), end=time(17), days=WEEKDAYS, country=None):
    return Member(name, WorkingWeek(zone, start, end, days, country))


def at(*parts):
    return datetime(*parts, tzinfo=UTC)


BERLIN = member("Anna", "Europe/Berlin")
KOLKATA = member("Priya", "Asia/Kolkata")
NEW_YORK = member("Sam", "America/New_York")


def test_a_half_hour_zone_takes_the_task_when_its_window_opens():
    # given Berlin (UTC+1 in December, 08:00-16:00 UTC) and Kolkata (UTC+05:30)
    team = [BERLIN, KOLKATA]
    # when Anna hands off on Monday 2026-12-07 at 16:00 UTC, end of her day
    turn = receiver(team, "Anna", at(2026, 12, 7, 16))
    # then Priya holds it from Tuesday 09:00 IST = 03:30 UTC until 11:30 UTC
    assert (turn.member, turn.opens_at, turn.closes_at) == (
        "Priya",
        at(2026, 12, 8, 3, 30),
        at(2026, 12, 8, 11, 30),
    )
    assert turn.local(turn.opens_at).strftime("%a %H:%M") == "Tue 09:00"
    assert waiting(turn, at(2026, 12, 7, 16)) == timedelta(hours=11, minutes=30)


def test_someone_on_now_takes_the_task_at_once():
    # given Priya (03:30-11:30 UTC) handing off at 10:00 UTC while Anna is on (08-16 UTC)
    # when the receiver is worked out
    turn = receiver([BERLIN, KOLKATA], "priya", at(2026, 12, 8, 10))
    # then Anna holds it from the handoff instant: it is hers at once
    assert (turn.member, turn.opens_at, turn.closes_at) == (
        "Anna",
        at(2026, 12, 8, 10),
        at(2026, 12, 8, 16),
    )
    assert turn.is_open(at(2026, 12, 8, 10))
    assert waiting(turn, at(2026, 12, 8, 10)) == timedelta(0)


def test_a_window_crossing_midnight_opens_on_the_next_utc_day():
    # given Carlos on nights in St. John's (21:00-05:00, UTC-03:30 in December)
    carlos = member("Carlos", "America/St_Johns", time(21), time(5))
    team = [BERLIN, carlos]
    # when Anna hands off on Monday 2026-12-07 at 16:00 UTC
    turn = receiver(team, "Anna", at(2026, 12, 7, 16))
    # then Carlos's Monday night opens at 21:00 NST = Tuesday 00:30 UTC, ends 08:30 UTC
    assert (turn.member, turn.opens_at, turn.closes_at) == (
        "Carlos",
        at(2026, 12, 8, 0, 30),
        at(2026, 12, 8, 8, 30),
    )
    assert turn.local(turn.opens_at).strftime("%a %H:%M") == "Mon 21:00"
    # and when handed to him at 02:00 UTC, while he is on, it is his at once
    assert turn_of(carlos, at(2026, 12, 8, 2)).opens_at == at(2026, 12, 8, 2)


def test_the_dst_week_moves_the_opening_by_an_hour():
    # given New York 09:00-17:00: EST (UTC-5) until Sunday 2026-03-08, EDT (UTC-4) after
    team = [BERLIN, NEW_YORK]
    # when Anna hands off at 12:00 UTC on the Monday before and the Monday after
    before = receiver(team, "Anna", at(2026, 3, 2, 12))
    after = receiver(team, "Anna", at(2026, 3, 9, 12))
    # then Sam's window opens at 14:00 UTC before the change and 13:00 UTC after it
    assert before.opens_at == at(2026, 3, 2, 14)
    assert after.opens_at == at(2026, 3, 9, 13)
    # and both are 09:00 on Sam's clock
    assert {t.local(t.opens_at).strftime("%H:%M") for t in (before, after)} == {"09:00"}


def test_a_public_holiday_and_the_weekend_are_skipped():
    # given Anna on the German holiday calendar and Priya in Kolkata
    anna = member("Anna", "Europe/Berlin", country="DE")
    # when Priya hands off on Thursday 2026-12-24 at 11:30 UTC and Anna is off by 16:00
    turn = receiver([anna, KOLKATA], "Priya", at(2026, 12, 24, 16))
    # then Friday 25th (Christmas) and the weekend are skipped: Monday 28th 08:00 UTC
    assert window_on(anna.week, date(2026, 12, 25)) is None
    assert (turn.member, turn.opens_at) == ("Anna", at(2026, 12, 28, 8))


def test_of_two_on_now_the_one_who_stays_longest_takes_it():
    # given Anna (08-16 UTC) and Sam (EST: 14-22 UTC) both on at 15:00 UTC, Priya off
    # when Priya hands off at 15:00 UTC
    turn = receiver([BERLIN, NEW_YORK, KOLKATA], "Priya", at(2026, 12, 7, 15))
    # then Sam takes it: he stays on until 22:00 UTC
    assert (turn.member, turn.opens_at, turn.closes_at) == (
        "Sam",
        at(2026, 12, 7, 15),
        at(2026, 12, 7, 22),
    )


def test_a_giver_outside_the_team_hands_to_the_chain():
    # given a founder who is not on the clock team
    # when they pass a task at Saturday 2026-12-05 12:00 UTC
    turn = receiver([BERLIN, KOLKATA], "Founder", at(2026, 12, 5, 12))
    # then the first window after the weekend takes it: Priya on Monday 03:30 UTC
    assert (turn.member, turn.opens_at) == ("Priya", at(2026, 12, 7, 3, 30))


def test_refusals_carry_codes():
    # given a team of one
    # when its only member hands off, or an instant is naive, or nobody ever works
    with pytest.raises(DomainError) as alone:
        receiver([BERLIN], "Anna", at(2026, 12, 7, 16))
    with pytest.raises(DomainError) as naive:
        receiver([BERLIN, KOLKATA], "Anna", datetime(2026, 12, 7, 16))  # noqa: DTZ001
    with pytest.raises(DomainError) as unknown:
        member_named([BERLIN], "Nobody")
    # then each refusal says why
    assert alone.value.code == "nobody_to_hand_to"
    assert naive.value.code == "invalid_instant"
    assert unknown.value.code == "not_on_team"


def test_a_sunday_only_worker_gets_the_task_on_sunday():
    # given a member who works on Sundays only, 09:00-17:00 UTC
    sunday = member("Sunny", "UTC", days=frozenset({7}))
    # when the task is handed to them on a Monday
    turn = turn_of(sunday, at(2026, 12, 7, 12))
    # then it opens on the Sunday after, 09:00 UTC
    assert turn.opens_at == at(2026, 12, 13, 9)


def test_turns_list_the_chain_in_order_with_whose_turn_now_and_next():
    # given Priya, Anna and Sam on Monday 2026-12-07 (03:30-11:30, 08-16, 14-22 UTC)
    team = [BERLIN, KOLKATA, NEW_YORK]
    # when the day's turns are laid out
    day = turns(team, at(2026, 12, 7), at(2026, 12, 8))
    # then the relay goes Priya -> Anna -> Sam
    assert [(t.member, t.opens_at.hour, t.closes_at.hour) for t in day] == [
        ("Priya", 3, 11),
        ("Anna", 11, 16),
        ("Sam", 16, 22),
    ]
    # and at 12:00 UTC it is Anna's turn, Sam's next
    current, following = now_and_next(team, at(2026, 12, 7, 12))
    assert (current.member, following.member) == ("Anna", "Sam")
    # and at 23:00 UTC nobody is on and Priya is next
    current, following = now_and_next(team, at(2026, 12, 7, 23))
    assert current is None and following.member == "Priya"


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.integers(min_value=0, max_value=60 * 24 * 14),
    giver=st.sampled_from(["Anna", "Priya", "Sam"]),
)
def test_the_receiver_is_someone_else_on_when_the_task_opens(minutes, giver):
    # given any instant over two weeks and any giver of three
    handed = at(2026, 3, 1) + timedelta(minutes=minutes)
    # when the receiver is worked out
    turn = receiver([BERLIN, KOLKATA, NEW_YORK], giver, handed)
    # then it is someone else, whose window is open from opens_at on, not before the handoff
    assert turn.member != giver
    assert handed <= turn.opens_at < turn.closes_at
    assert turn.opens_at == handed or turn.opens_at - handed < timedelta(days=4)
