"""Timesheets of hourly contracts: time logged by the freelancer, approved by the week.

The freelancer logs entries by hand: when they started, in their own local time
(their account's zone), how long, and a memo. The start is stored in UTC; the entry
counts in the week (Monday to Sunday) of its local date, and a week never goes past
the contract's weekly cap (`domain.contracts.check_weekly_cap`). The first entry on a
funded weekly milestone starts the work on it.

Once a week has ended, a money manager of the venture approves it: the week's
minutes at the contract's rate (`Terms.week_pay`) are paid out of the escrow funded
for that week (its own milestone, `work.timesheet_weeks`) with the caller's
idempotency key, and what the week did not use goes back to the venture's wallet.
Approving the same week again answers the first approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Sum

from bornglobal import clock
from bornglobal.domain import contracts_messages as msg
from bornglobal.domain.contracts import ContractState, MilestoneState
from bornglobal.domain.contracts import check_weekly_cap as cap_check
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money.models import LedgerTransaction
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work import timeline
from bornglobal.work.locks import lock_contract, lock_milestone
from bornglobal.work.milestones import move
from bornglobal.work.models import Contract, ContractMilestone, TimeEntry, TimesheetWeek
from bornglobal.work.timesheet_weeks import hourly, monday_of, pay_week, week_milestone

MAX_ENTRY_MINUTES = 24 * 60


def to_utc(local: datetime, zone_name: str) -> datetime:
    """A wall-clock time in `zone_name` as a UTC instant; a time skipped by a clock
    change is refused, a repeated one is the first of the two."""
    if local.tzinfo is not None:
        raise DomainError("Give the local time without an offset.", code="invalid_time")
    zone = ZoneInfo(zone_name)
    instant = local.replace(tzinfo=zone, fold=0)
    back = instant.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
    if back != local:
        raise DomainError(
            f"{local:%Y-%m-%d %H:%M} does not exist in {zone_name} (the clocks moved).",
            code="nonexistent_local_time",
        )
    return instant.astimezone(ZoneInfo("UTC"))


class OutsideContract(DomainError):
    code = "outside_contract"
    status = 422


def check_contract_dates(contract: Contract, day: date, zone_name: str) -> None:
    """Time counts only on the contract's own days, as the freelancer's calendar has them:
    from the day it began to the day it ended (or today), in their zone."""
    zone = ZoneInfo(zone_name)
    first = contract.created_at.astimezone(zone).date()
    last = contract.ended_at.astimezone(zone).date() if contract.ended_at else None
    if day < first or (last is not None and day > last):
        until = last.isoformat() if last else "today"
        raise OutsideContract(
            f"{day.isoformat()} is outside the contract ({first.isoformat()} to {until}).",
            details={"day": day.isoformat(), "first": first.isoformat(),
                     "last": last.isoformat() if last else None},
        )


def _week_minutes(contract: Contract, week_start: date) -> int:
    total = TimeEntry.objects.filter(contract=contract, week_start=week_start).aggregate(
        total=Sum("minutes")
    )["total"]
    return total or 0


def log_time(
    actor: Actor, contract_id: int, local_start: datetime, minutes: int, memo: str
) -> TimeEntry:
    """The freelancer logs `minutes` started at `local_start` in their own zone."""
    memo = memo.strip()
    if not memo:
        raise DomainError("Say what the time was spent on.", code="invalid_memo")
    if not 0 < minutes <= MAX_ENTRY_MINUTES:
        raise DomainError("An entry is 1 minute to 24 hours.", code="invalid_minutes")
    mine = Contract.objects.filter(id=contract_id, freelancer=actor.user).exists()
    if actor.venture_scope is not None or not mine:
        raise NotFound("No such contract.")
    with transaction.atomic():
        contract = lock_contract(contract_id)
        hourly(contract)
        if contract.state != ContractState.ACTIVE:
            raise Conflict(f"The contract is {contract.state}.", code="contract_not_active")
        zone = actor.user.time_zone
        started = to_utc(local_start, zone)
        if started > clock.now():
            raise DomainError("Time cannot be logged ahead.", code="future_time")
        check_contract_dates(contract, local_start.date(), zone)
        week = monday_of(local_start.date())
        cap_check(_week_minutes(contract, week), minutes, contract.weekly_cap_hours)
        entry = TimeEntry.objects.create(
            contract=contract,
            started_at=started,
            minutes=minutes,
            memo=memo[:500],
            week_start=week,
            time_zone=zone,
            created_at=clock.now(),
        )
        _start_if_funded(actor, contract, week)
        timeline.record(
            contract,
            "time_logged",
            actor.user,
            note=entry.memo,
            after={"minutes": minutes, "week": week.isoformat(), "started": started.isoformat()},
        )
    return entry


def _start_if_funded(actor: Actor, contract: Contract, week: date) -> None:
    item = week_milestone(contract, week)
    if item is None or item.state != MilestoneState.FUNDED:
        return
    item = lock_milestone(item.id)
    event = move(item, msg.StartMilestone(item.id), clock.now())
    item.save(update_fields=["state"])
    timeline.record(contract, event, actor.user, milestone=item)


@dataclass(frozen=True, slots=True)
class WeekSummary:
    week_start: date
    minutes: int
    pay: Money
    approved: TimesheetWeek | None
    escrow: ContractMilestone | None  # the week's own milestone, once added


def my_entries(actor: Actor, contract_id: int, week: date | None = None):
    """The freelancer's time entries on their contract, of one week if given."""
    mine = Contract.objects.filter(id=contract_id, freelancer=actor.user).exists()
    if actor.venture_scope is not None or not mine:
        raise NotFound("No such contract.")
    entries = TimeEntry.objects.filter(contract_id=contract_id)
    if week is not None:
        entries = entries.filter(week_start=monday_of(week))
    return entries.order_by("-started_at", "-id")


def week_of(actor: Actor, venture_id: int, contract_id: int, week_start: date) -> WeekSummary:
    """A week's logged minutes and what they would pay, as the venture sees it."""
    venture = tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)
    contract = Contract.objects.filter(id=contract_id, venture=venture).first()
    if contract is None:
        raise NotFound("No such contract.")
    hourly(contract)
    week_start = monday_of(week_start)
    minutes = _week_minutes(contract, week_start)
    approved = TimesheetWeek.objects.filter(contract=contract, week_start=week_start).first()
    escrow = week_milestone(contract, week_start)
    return WeekSummary(week_start, minutes, contract.terms.week_pay(minutes), approved, escrow)


def _paid_under(week: TimesheetWeek, key: str) -> bool:
    """Whether `key` is the one the approval of `week` paid with."""
    return LedgerTransaction.objects.filter(
        venture_id=week.contract.venture_id,
        idempotency_key=key.strip(),
        milestone_id=week.milestone.milestone_id,
    ).exists()


def approve_week(
    actor: Actor, venture_id: int, contract_id: int, week_start: date, key: str
) -> TimesheetWeek:
    """Pay an ended week's minutes at the contract's rate from the weekly escrow."""
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    if not Contract.objects.filter(id=contract_id, venture=venture).exists():
        raise NotFound("No such contract.")
    if week_start.weekday() != 0:
        raise DomainError("A week starts on a Monday.", code="invalid_week")
    with transaction.atomic():
        contract = lock_contract(contract_id)
        hourly(contract)
        earlier = TimesheetWeek.objects.filter(contract=contract, week_start=week_start).first()
        if earlier is not None:  # a retry under the key that paid it, else not a retry
            if not _paid_under(earlier, key):
                raise Conflict(
                    "The week was approved already, under another idempotency key.",
                    code="week_approved",
                    details={"week": week_start.isoformat()},
                )
            return earlier
        zone = ZoneInfo(contract.freelancer.time_zone)
        if clock.now().astimezone(zone).date() < week_start + timedelta(days=7):
            raise Conflict("The week has not ended yet.", code="week_not_ended")
        minutes = _week_minutes(contract, week_start)
        if minutes == 0:
            raise Conflict("No time was logged in this week.", code="empty_week")
        pay = contract.terms.week_pay(minutes)
        item = week_milestone(contract, week_start)
        if item is None or item.state == MilestoneState.PENDING:
            raise Conflict(
                f"The week costs {pay} and its escrow is not funded: fund the week first.",
                code="week_not_funded",
                details={"pay": str(pay), "held": "0"},
            )
        item = lock_milestone(item.id)
        held = Money(item.milestone.held_minor, contract.currency)
        if pay > held:
            raise Conflict(
                f"The week costs {pay} but its escrow holds {held}.",
                code="week_not_funded",
                details={"pay": str(pay), "held": str(held)},
            )
        note = f"{minutes // 60} h {minutes % 60:02d} min in the week of {week_start.isoformat()}"
        disclosure = pay_week(actor, venture_id, item, pay, key, note)
        now = clock.now()
        week = TimesheetWeek.objects.create(
            contract=contract,
            milestone=item,
            week_start=week_start,
            minutes=minutes,
            paid_minor=pay.minor,
            approved_by=actor.user,
            approved_at=now,
        )
        paid = Money(disclosure.paid_minor, disclosure.paid_currency)
        timeline.record(
            contract,
            "timesheet_week_approved",
            actor.user,
            milestone=item,
            after={"week": week_start.isoformat(), "minutes": minutes, "gross": str(pay),
                   "paid": str(paid)},
        )
    return week
