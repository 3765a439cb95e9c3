"""Timesheets of hourly contracts: local time stored as UTC, the weekly cap, approval."""
# ruff: noqa: DTZ001  (the local wall-clock times are naive on purpose)

from datetime import UTC, date, datetime, timedelta

import pytest

from bornglobal import clock
from bornglobal.domain.contracts import MilestoneState
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.money import checks
from bornglobal.money.models import Milestone
from bornglobal.tenancy.actors import Actor
from bornglobal.work import timesheets
from bornglobal.work.models import ContractEvent, TimeEntry
from tests.factories import UserFactory
from tests.work.factories import hourly_hired

WEEK = date(2026, 6, 15)  # the Monday of the `monday` fixture


def test_local_time_is_stored_in_utc_and_counted_in_the_local_week(kestrel, priya):
    # given an hourly contract with a freelancer in Kolkata (UTC+5:30)
    contract = hourly_hired(kestrel, priya)
    # when she logs 90 minutes started on Monday 00:30 local (Sunday 19:00 UTC)
    entry = timesheets.log_time(
        Actor(priya), contract.id, datetime(2026, 6, 15, 0, 30), 90, "Bootloader review"
    )
    # then the start is in UTC and the entry counts in her Monday's week
    assert entry.started_at == datetime(2026, 6, 14, 19, 0, tzinfo=UTC)
    assert entry.week_start == WEEK and entry.time_zone == "Asia/Kolkata"
    # and the funded weekly milestone is now in progress, with the entry on the timeline
    assert contract.milestones.get(position=1).state == MilestoneState.IN_PROGRESS
    assert ContractEvent.objects.filter(contract=contract, name="time_logged").exists()


def test_a_local_time_skipped_by_daylight_saving_is_refused():
    # given 02:30 on the night Berlin moves its clocks forward
    # when it is converted
    # then it is refused, and an ordinary time converts
    with pytest.raises(DomainError) as refused:
        timesheets.to_utc(datetime(2026, 3, 29, 2, 30), "Europe/Berlin")
    assert refused.value.code == "nonexistent_local_time"
    assert timesheets.to_utc(datetime(2026, 3, 29, 4, 0), "Europe/Berlin") == datetime(
        2026, 3, 29, 2, 0, tzinfo=UTC
    )


def test_the_weekly_cap_refuses_time_beyond_it(kestrel, priya):
    # given a 10-hour week with 9 hours logged
    contract = hourly_hired(kestrel, priya, cap=10)
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1, 0), 540, "Port")
    # when she logs 61 more minutes in the same week
    # then it is refused, while 60 fit
    with pytest.raises(DomainError) as refused:
        timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 11, 0), 61, "More")
    assert refused.value.code == "weekly_cap_exceeded"
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 11, 0), 60, "More")


def test_time_needs_a_memo_an_hourly_contract_and_its_freelancer(kestrel, priya):
    # given an hourly contract
    contract = hourly_hired(kestrel, priya)
    start = datetime(2026, 6, 15, 1, 0)
    # when time is logged without a memo, or by someone else
    # then it is refused
    with pytest.raises(DomainError) as no_memo:
        timesheets.log_time(Actor(priya), contract.id, start, 30, "  ")
    assert no_memo.value.code == "invalid_memo"
    with pytest.raises(NotFound):
        timesheets.log_time(Actor(UserFactory()), contract.id, start, 30, "Mine")
    with pytest.raises(DomainError) as ahead:
        timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 20, 9), 30, "Later")
    assert ahead.value.code == "future_time"
    assert TimeEntry.objects.count() == 0


def test_the_venture_approves_an_ended_week_and_pays_its_hours_from_escrow(kestrel, priya):
    # given 5 hours logged in the week of 15 June at 40 EUR an hour, 400 EUR funded
    contract = hourly_hired(kestrel, priya, cap=10)
    for hour in (1, 5):
        timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, hour), 150, "Port")
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    # when the week has not ended, approval is refused
    with pytest.raises(Conflict) as early:
        timesheets.approve_week(founder, venture_id, contract.id, WEEK, "week-1")
    assert early.value.code == "week_not_ended"
    # and once it has, the founder approves it
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        week = timesheets.approve_week(founder, venture_id, contract.id, WEEK, "week-1")
        again = timesheets.approve_week(founder, venture_id, contract.id, WEEK, "week-1")
    # then 200 EUR was paid, the unused 200 EUR went back to the wallet, the ledger is whole
    assert (week.minutes, week.paid_minor) == (300, 20_000) and again.id == week.id
    item = contract.milestones.get(position=1)
    escrow = Milestone.objects.get(id=item.milestone_id)
    assert escrow.released_minor == 20_000 and escrow.refunded_minor == 20_000
    assert escrow.held_minor == 0 and item.state == MilestoneState.REFUNDED
    assert checks.run() == []
    assert ContractEvent.objects.filter(contract=contract, name="timesheet_week_approved").exists()
    summary = timesheets.week_of(founder, venture_id, contract.id, WEEK)
    assert summary.pay == Money.of("200.00", "EUR") and summary.approved == week


def test_a_week_whose_escrow_is_not_funded_is_refused(kestrel, priya):
    # given a first week paid in full (10 hours, the whole 400 EUR funded)
    contract = hourly_hired(kestrel, priya, cap=10)
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 600, "Port")
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        timesheets.approve_week(founder, venture_id, contract.id, WEEK, "week-1")
        timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 22, 1), 60, "Fix")
    # when the next week is approved before its own escrow is funded
    # then it is refused until the week is funded
    with clock.travel_to(datetime(2026, 6, 29, 9, tzinfo=UTC)), pytest.raises(Conflict) as no:
        timesheets.approve_week(founder, venture_id, contract.id, WEEK + timedelta(7), "week-2")
    assert no.value.code == "week_not_funded"
    assert contract.milestones.get(position=1).state == MilestoneState.ACCEPTED
    assert checks.run() == []


def test_a_plain_member_cannot_approve_a_week(kestrel, priya):
    # given logged time and a stranger to the venture
    contract = hourly_hired(kestrel, priya)
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 60, "Port")
    # when they approve the week
    # then there is no such venture for them
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)), pytest.raises(NotFound):
        timesheets.approve_week(Actor(UserFactory()), kestrel["venture"].id, contract.id, WEEK, "k")
