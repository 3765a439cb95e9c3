"""Estimates: a work item relayed along the chain against the best person working alone."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock import Member, estimate
from bornglobal.domain.errors import DomainError

WEEKDAYS = frozenset(range(1, 6))
NO_OVERHEAD = timedelta(0)
HALF_HOUR = timedelta(minutes=30)
MONDAY = datetime(2026, 1, 12, tzinfo=UTC)  # winter time everywhere below


def member(name, zone, start=time(9), end=time(17), days=WEEKDAYS, country=None):
    return Member(name, WorkingWeek(zone, start, end, days, country))


def at(*parts):
    return datetime(*parts, tzinfo=UTC)


# Tokyo 00-08 UTC, Berlin 08-16 UTC, Phoenix 16-24 UTC: three 8-hour sites 8 hours apart.
KENJI = member("Kenji", "Asia/Tokyo")
ANNA = member("Anna", "Europe/Berlin")
PAT = member("Pat", "America/Phoenix")


def test_one_site_gains_nothing():
    # given Anna alone, 08:00-16:00 UTC, and 16 hours of effort from Monday 08:00 UTC
    result = estimate([ANNA], 16, MONDAY + timedelta(hours=8))
    # then she finishes Tuesday 16:00 either way: ratio 1, no handoff
    assert result.chain_finish == result.solo_finish == at(2026, 1, 13, 16)
    assert result.ratio == Decimal("1.0000") and result.handoff_count == 0


def test_two_sites_with_overhead_by_hand():
    # given Tokyo and Berlin, 16 hours from Monday 00:00 UTC, 30 minutes per handoff
    result = estimate([KENJI, ANNA], Decimal(16), MONDAY, HALF_HOUR)
    # then Kenji works 00-08 (8 h), Anna takes over at 08:00 and works 08:30-16:00
    # (7.5 h), Kenji picks the note up on Tuesday 00:00 and finishes at 01:00
    assert result.chain_finish == at(2026, 1, 13, 1)
    assert [(h.giver, h.receiver, h.at, h.resumes) for h in result.handoffs] == [
        ("Kenji", "Anna", at(2026, 1, 12, 8), at(2026, 1, 12, 8)),
        ("Anna", "Kenji", at(2026, 1, 12, 16), at(2026, 1, 13)),
    ]
    # and Kenji alone would finish Tuesday 08:00 (32 h), before Anna alone (Tuesday 16:00)
    assert (result.best_solo.member, result.solo_finish) == ("Kenji", at(2026, 1, 13, 8))
    assert [s.member for s in result.solos] == ["Kenji", "Anna"]
    # so the chain takes 25 of 32 hours
    assert result.chain_elapsed == timedelta(hours=25)
    assert result.ratio == Decimal("0.7812")  # 0.78125, half-even


def test_two_sites_without_overhead_reach_one_half():
    # given the same without handoff overhead
    result = estimate([KENJI, ANNA], 16, MONDAY, NO_OVERHEAD)
    # then the relay finishes Monday 16:00: 16 of 32 hours
    assert result.chain_finish == at(2026, 1, 12, 16)
    assert result.ratio == Decimal("0.5000") and result.handoff_count == 1


def test_three_sites_by_hand():
    # given Tokyo, Berlin and Phoenix, 24 hours from Monday 00:00 UTC, 30 minutes a handoff
    result = estimate([KENJI, ANNA, PAT], 24, MONDAY)
    # then 8 + 7.5 + 7.5 hours are done by midnight, and Kenji needs 00:00-01:30 on Tuesday
    assert result.chain_finish == at(2026, 1, 13, 1, 30)
    assert result.handoff_count == 3
    # and Kenji alone would finish Wednesday 08:00, 56 hours in
    assert result.solo_elapsed == timedelta(hours=56)
    assert result.ratio == Decimal("0.4554")  # 25.5 / 56
    # without overhead the relay finishes at midnight: 24 of 56 hours
    assert estimate([KENJI, ANNA, PAT], 24, MONDAY, NO_OVERHEAD).ratio == Decimal("0.4286")


def test_a_full_week_of_three_sites_beats_one_third_at_the_edges():
    # given 120 hours from Monday 00:00 UTC without overhead
    result = estimate([KENJI, ANNA, PAT], 120, MONDAY, NO_OVERHEAD)
    # then the relay runs non-stop to Saturday 00:00 UTC, and Kenji alone needs until
    # the third Friday 08:00: 120 / 440, under 1/3 because his last day ends early
    assert result.chain_finish == at(2026, 1, 17)
    assert result.solo_finish == at(2026, 1, 30, 8)
    assert result.ratio == Decimal("0.2727")


def test_the_start_instant_is_read_in_utc_and_effort_exactly():
    # given a start given in Berlin time and a tenth of an hour of effort
    berlin_nine = datetime(2026, 1, 12, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    result = estimate([ANNA], "0.1", berlin_nine)
    # then the work starts 08:00 UTC and takes exactly six minutes
    assert result.start == at(2026, 1, 12, 8)
    assert result.chain_finish == at(2026, 1, 12, 8, 6)
    assert result.chain_finish.tzinfo is UTC


def test_a_holiday_delays_the_solo():
    # given Anna with the German calendar, 8 hours from Christmas Eve 2026 at 08:00 UTC
    anna = member("Anna", "Europe/Berlin", country="DE")
    result = estimate([anna], 16, at(2026, 12, 24, 8))
    # then she works the 24th, skips Christmas Day and the weekend, and ends Monday 16:00
    assert result.solo_finish == at(2026, 12, 28, 16)


def test_a_member_who_cannot_finish_alone_is_left_out_of_the_solos():
    # given Sunday-only Sam and everyday Eve, and 10,000 hours of effort
    sam = member("Sam", "UTC", days=frozenset({7}))
    eve = member("Eve", "UTC", days=frozenset(range(1, 8)))
    # when it is estimated
    result = estimate([sam, eve], 10_000, MONDAY, NO_OVERHEAD)
    # then Sam (1,250 Sundays, over 24 years) is no solo; Eve is the best and only one
    assert [solo.member for solo in result.solos] == ["Eve"]
    # and Sam alone cannot do it at all
    with pytest.raises(DomainError) as refused:
        estimate([sam], 10_000, MONDAY)
    assert refused.value.code == "no_capacity"


@pytest.mark.parametrize(
    "effort,start,overhead,code",
    [
        (-1, MONDAY, HALF_HOUR, "invalid_effort"),
        (0, MONDAY, HALF_HOUR, "invalid_effort"),
        ("lots", MONDAY, HALF_HOUR, "invalid_effort"),
        ("NaN", MONDAY, HALF_HOUR, "invalid_effort"),
        (10_001, MONDAY, HALF_HOUR, "invalid_effort"),
        (8, datetime(2026, 1, 12, 8), HALF_HOUR, "naive_instant"),  # noqa: DTZ001
        (8, MONDAY, timedelta(minutes=-1), "invalid_overhead"),
        (8, MONDAY, timedelta(hours=9), "invalid_overhead"),
    ],
)
def test_an_estimate_refuses_bad_input(effort, start, overhead, code):
    with pytest.raises(DomainError) as refused:
        estimate([ANNA], effort, start, overhead)
    assert refused.value.code == code


ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "America/St_Johns",
    "Asia/Tokyo",
]
clock_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 30]))
members = st.builds(
    member,
    name=st.sampled_from(["Ann", "Bo", "Cy", "Di"]),
    zone=st.sampled_from(ZONES),
    start=clock_times,
    end=clock_times,
    days=st.frozensets(st.integers(1, 7), min_size=1),
    country=st.sampled_from([None, "DE", "US"]),
)
teams = st.lists(members, min_size=1, max_size=4, unique_by=lambda m: m.name)
starts = st.builds(
    lambda day, minutes: datetime.combine(day, time(0), tzinfo=UTC) + timedelta(minutes=minutes),
    st.dates(date(2026, 1, 1), date(2026, 12, 20)),
    st.integers(0, 24 * 60 - 1),
)
efforts = st.integers(1, 240).map(lambda quarters: Decimal(quarters) / 4)
overheads = st.sampled_from([timedelta(0), timedelta(minutes=15), HALF_HOUR, timedelta(hours=1)])


def _hours(duration):
    return Decimal(duration // timedelta(microseconds=1)) / Decimal(3_600_000_000)


@settings(max_examples=60, deadline=None)
@given(teams, efforts, starts, overheads)
def test_the_chain_never_finishes_after_any_solo_plus_its_overheads(team, effort, start, overhead):
    # given any team, effort, start and overhead
    result = estimate(team, effort, start, overhead)
    # when each member alone is given the effort plus every handoff's overhead
    padded = effort + result.handoff_count * _hours(overhead)
    for person in team:
        alone = estimate([person], padded, start, overhead)
        # then the chain is done no later (proof in clock_estimate's docstring)
        assert result.chain_finish <= alone.chain_finish
    # and without overhead the chain is never later than the best solo
    assert estimate(team, effort, start, timedelta(0)).chain_finish <= result.solo_finish
    assert result.chain_finish >= estimate(team, effort, start, timedelta(0)).chain_finish


@settings(max_examples=60, deadline=None)
@given(teams, efforts, starts, overheads)
def test_the_legs_add_up_to_the_effort(team, effort, start, overhead):
    # given any estimate
    result = estimate(team, effort, start, overhead)
    # then the legs follow each other from the start to the finish
    assert result.legs[0].start == start or result.legs[0].start == result.legs[0].shift_start
    assert result.legs[-1].end == result.chain_finish
    assert all(a.end <= b.start for a, b in zip(result.legs, result.legs[1:], strict=False))
    # and the time worked, less each handoff's overhead (capped by its leg), is the effort
    worked = timedelta(0)
    for index, leg in enumerate(result.legs):
        handed = index > 0 and result.legs[index - 1].member != leg.member
        lost = min(overhead, leg.end - leg.start) if handed else timedelta(0)
        worked += leg.end - leg.start - lost
    assert worked == result.effort == timedelta(microseconds=int(effort * 3_600_000_000))
    assert result.handoff_count == sum(
        a.member != b.member for a, b in zip(result.legs, result.legs[1:], strict=False)
    )
    assert result.ratio > 0 and result.chain_finish.tzinfo is UTC
