"""Hourly contracts week by week: each week funded on its own escrow milestone, paid
when approved, the unused rest returned, and the contract ended by the venture."""
# ruff: noqa: DTZ001  (the local wall-clock times are naive on purpose)

from datetime import UTC, date, datetime, timedelta

import pytest

from bornglobal import clock
from bornglobal.domain.contracts import ContractState, MilestoneState
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.money import checks
from bornglobal.money.models import Milestone
from bornglobal.tenancy.actors import Actor
from bornglobal.work import selectors, timesheet_weeks, timesheets
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.work.factories import hourly_hired

WEEK = date(2026, 6, 15)  # the Monday of the `monday` fixture
NEXT = WEEK + timedelta(days=7)


def _wallet_minor(venture) -> int:
    from bornglobal.money import accounts

    return accounts.wallet(venture, "EUR").normal_balance_minor


def test_the_first_week_is_the_week_the_contract_starts_in(kestrel, priya):
    # given an hourly contract accepted on Monday 15 June
    # when it is opened
    contract = hourly_hired(kestrel, priya)
    # then its one milestone is that week's, worth the week's ceiling (10 h x 40 EUR)
    item = contract.milestones.get()
    assert item.week_start == WEEK
    assert item.milestone.amount_minor == 40_000


def test_each_week_is_funded_on_its_own_milestone_once(kestrel, priya):
    # given an hourly contract
    contract = hourly_hired(kestrel, priya)
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    before = _wallet_minor(kestrel["venture"])
    # when the founder funds next week, twice with one key and once more with another
    first = timesheet_weeks.fund_week(founder, venture_id, contract.id, NEXT, "fund-next")
    again = timesheet_weeks.fund_week(founder, venture_id, contract.id, NEXT, "fund-next")
    other = timesheet_weeks.fund_week(founder, venture_id, contract.id, NEXT, "fund-next-2")
    # then one new milestone holds the week's ceiling, and the wallet paid it once
    assert first.id == again.id == other.id and first.position == 2
    assert first.state == MilestoneState.FUNDED and first.week_start == NEXT
    assert Milestone.objects.get(id=first.milestone_id).title == "Week of 22 Jun 2026"
    assert before - _wallet_minor(kestrel["venture"]) == 40_000
    assert checks.run() == []


@pytest.mark.parametrize(
    ("week", "code"),
    [
        (WEEK + timedelta(days=1), "invalid_week"),  # not a Monday
        (WEEK - timedelta(days=7), "invalid_week"),  # before the contract
        (WEEK + timedelta(weeks=9), "invalid_week"),  # too far ahead
    ],
)
def test_a_week_that_cannot_be_funded_is_refused(kestrel, priya, week, code):
    # given an hourly contract
    contract = hourly_hired(kestrel, priya)
    # when the founder funds a week that is not a Monday, before the start, or too far off
    # then it is refused and no milestone is added
    with pytest.raises(DomainError) as refused:
        timesheet_weeks.fund_week(
            Actor(kestrel["founder"]), kestrel["venture"].id, contract.id, week, "k"
        )
    assert refused.value.code == code
    assert contract.milestones.count() == 1


def test_a_second_week_is_paid_from_its_own_escrow(kestrel, priya):
    # given a first week paid in full (the whole 10-hour cap) and a second week funded
    contract = hourly_hired(kestrel, priya, cap=10)
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 600, "Port")
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        timesheets.approve_week(founder, venture_id, contract.id, WEEK, "week-1")
        timesheet_weeks.fund_week(founder, venture_id, contract.id, NEXT, "fund-2")
        timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 22, 1), 90, "Fix")
    # when the founder approves the second week
    with clock.travel_to(datetime(2026, 6, 29, 9, tzinfo=UTC)):
        week = timesheets.approve_week(founder, venture_id, contract.id, NEXT, "week-2")
    # then 60 EUR is paid from week 2's milestone, 340 EUR goes back, week 1 is accepted
    first, second = contract.milestones.order_by("position")
    assert first.state == MilestoneState.ACCEPTED and second.state == MilestoneState.REFUNDED
    assert week.milestone_id == second.id and week.paid_minor == 6_000
    escrow = Milestone.objects.get(id=second.milestone_id)
    assert (escrow.released_minor, escrow.refunded_minor, escrow.held_minor) == (6_000, 34_000, 0)
    assert checks.run() == []


def test_the_venture_ends_an_hourly_contract_and_gets_unused_weeks_back(kestrel, priya):
    # given week 1 worked and approved, and week 2 funded but not worked
    contract = hourly_hired(kestrel, priya)
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 120, "Port")
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        timesheets.approve_week(founder, venture_id, contract.id, WEEK, "week-1")
        timesheet_weeks.fund_week(founder, venture_id, contract.id, NEXT, "fund-2")
        before = _wallet_minor(kestrel["venture"])
        # when the founder ends the contract (twice: a retry)
        ended = timesheet_weeks.end_hourly(founder, venture_id, contract.id, "end")
        timesheet_weeks.end_hourly(founder, venture_id, contract.id, "end")
    # then week 2's 400 EUR is back in the wallet and the contract is completed
    assert ended.state == ContractState.COMPLETED
    assert _wallet_minor(kestrel["venture"]) - before == 40_000
    assert contract.milestones.get(position=2).state == MilestoneState.REFUNDED
    assert checks.run() == []


def test_an_hourly_contract_with_unapproved_time_cannot_end(kestrel, priya):
    # given time logged in a week not yet approved
    contract = hourly_hired(kestrel, priya)
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 60, "Port")
    # when the founder ends the contract
    # then it is refused, naming the week, and nothing moved
    with pytest.raises(Conflict) as refused:
        timesheet_weeks.end_hourly(
            Actor(kestrel["founder"]), kestrel["venture"].id, contract.id, "end"
        )
    assert refused.value.code == "week_open"
    contract.refresh_from_db()
    assert contract.state == ContractState.ACTIVE
    assert contract.milestones.get().state == MilestoneState.IN_PROGRESS


def test_another_venture_cannot_fund_or_end_the_contract(kestrel, priya):
    # given an hourly contract and the owner of another venture
    contract = hourly_hired(kestrel, priya)
    stranger = UserFactory()
    other = VentureFactory(base_currency="EUR")
    MembershipFactory(user=stranger, venture=other, role="owner")
    # when they fund a week or end the contract through their own venture
    # then there is no such contract for them
    with pytest.raises(NotFound):
        timesheet_weeks.fund_week(Actor(stranger), other.id, contract.id, NEXT, "k")
    with pytest.raises(NotFound):
        timesheet_weeks.end_hourly(Actor(stranger), other.id, contract.id, "k")


def test_the_api_logs_funds_approves_and_ends(client, kestrel, priya):
    # given an hourly contract
    contract = hourly_hired(kestrel, priya)
    base = f"/api/v1/ventures/{kestrel['venture'].id}/work/contracts/{contract.id}"
    # when the freelancer logs time over the API
    client.force_login(priya)
    logged = client.post(
        f"/api/v1/me/work/contracts/{contract.id}/time",
        {"started_local": "2026-06-15T01:00:00", "minutes": 120, "memo": "Port"},
        content_type="application/json",
    )
    listed = client.get(f"/api/v1/me/work/contracts/{contract.id}/time?week=2026-06-17")
    bad = client.post(
        f"/api/v1/me/work/contracts/{contract.id}/time",
        {"started_local": "2026-06-15T01:00:00", "minutes": 0, "memo": "x"},
        content_type="application/json",
    )
    # and the founder funds next week, approves this one after it ends, and ends the contract
    client.force_login(kestrel["founder"])
    key = {"idempotency_key": "fund-2"}
    funded = client.post(f"{base}/weeks/{NEXT}/fund", key, content_type="application/json")
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        approved = client.post(
            f"{base}/weeks/{WEEK}/approve", {"idempotency_key": "w1"},
            content_type="application/json",
        )
        ended = client.post(f"{base}/end", {"idempotency_key": "end"},
                            content_type="application/json")
    # then each answers as documented, and bad input is a 4xx with a code
    assert logged.status_code == 201 and logged.json()["week_start"] == "2026-06-15"
    assert listed.json()["count"] == 1
    assert bad.status_code == 422 and bad.json()["code"]
    assert funded.status_code == 201 and funded.json()["state"] == "funded"
    assert approved.status_code == 201, approved.json()
    assert approved.json()["paid"]["amount"] == "80.00"
    assert ended.status_code == 200 and ended.json()["state"] == "completed"
    assert checks.run() == []


def test_the_next_step_of_an_hourly_contract_follows_its_weeks(kestrel, priya):
    # given an hourly contract whose first week is funded
    contract = hourly_hired(kestrel, priya)
    # when nothing is logged yet
    # then the freelancer logs this week and the venture has nothing to do
    assert selectors.next_step(contract, "freelancer") == "Log your time (week of 15 Jun 2026)"
    assert selectors.next_step(contract, "venture") == "Nothing right now."
    # when time was logged and the week has ended, next week not funded
    timesheets.log_time(Actor(priya), contract.id, datetime(2026, 6, 15, 1), 60, "Port")
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        venture_next = selectors.next_step(contract, "venture")
        freelancer_next = selectors.next_step(contract, "freelancer")
    # then the venture approves the ended week; the freelancer waits for funding
    assert venture_next == "Approve the week of 15 Jun 2026"
    assert freelancer_next == "Wait for the venture to fund the week of 22 Jun 2026"
