"""The weeks of an hourly contract, each paid from its own escrow milestone.

An hourly contract's escrow gains one milestone per week the venture funds: the
week's ceiling (the rate times the weekly cap), titled after the week's Monday in
the freelancer's own zone. The first week is opened with the contract. When the
venture approves a week, the week's minutes are paid from that week's milestone and
what the week did not use goes back to the venture's wallet, so the milestone ends:

* the cap was used in full: the timesheet is submitted and accepted, and the whole
  milestone is released;
* less was worked: the pay is released as a part, then the rest is refunded.

The venture ends an hourly contract when it no longer needs the work: funded weeks
nobody worked are refunded, unfunded ones cancelled; a week with time logged but not
yet approved must be approved first.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max

from bornglobal import clock
from bornglobal.domain import contracts_messages as msg
from bornglobal.domain.contracts import ContractState, ContractType, MilestoneState
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import services as money
from bornglobal.money.escrow_plans import MilestonePlan, add_milestone
from bornglobal.money.locks import lock_milestones
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones, timeline
from bornglobal.work.locks import lock_contract, lock_milestone
from bornglobal.work.models import Contract, ContractMilestone, TimeEntry

WEEKS_AHEAD = 8  # how far ahead a week may be funded


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def this_week(contract: Contract) -> date:
    """The Monday of the current week in the freelancer's zone."""
    zone = ZoneInfo(contract.freelancer.time_zone)
    return monday_of(clock.now().astimezone(zone).date())


def first_week(contract: Contract) -> date:
    zone = ZoneInfo(contract.freelancer.time_zone)
    return monday_of(contract.created_at.astimezone(zone).date())


def week_milestone(contract: Contract, week_start: date) -> ContractMilestone | None:
    return contract.milestones.filter(week_start=week_start).first()


def week_title(week_start: date) -> str:
    return f"Week of {week_start:%d %b %Y}"


def hourly(contract: Contract) -> None:
    if contract.contract_type != ContractType.HOURLY:
        raise DomainError("Only hourly contracts have timesheets.", code="not_hourly")


def _venture_contract(actor: Actor, venture_id: int, contract_id: int) -> Contract:
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    if not Contract.objects.filter(id=contract_id, venture=venture).exists():
        raise NotFound("No such contract.")
    return lock_contract(contract_id)


def _check_week(contract: Contract, week_start: date) -> None:
    if week_start.weekday() != 0:
        raise DomainError("A week starts on a Monday.", code="invalid_week")
    if week_start < first_week(contract):
        raise DomainError("The contract had not started that week.", code="invalid_week")
    if week_start > this_week(contract) + timedelta(weeks=WEEKS_AHEAD):
        raise DomainError(
            f"A week can be funded at most {WEEKS_AHEAD} weeks ahead.", code="invalid_week"
        )


def add_week(actor: Actor, contract: Contract, week_start: date) -> ContractMilestone:
    """The week's milestone on the contract's escrow (made once; the contract is locked)."""
    item = week_milestone(contract, week_start)
    if item is not None:
        return item
    plan = MilestonePlan(
        week_title(week_start), contract.terms.weekly_ceiling, week_start + timedelta(days=6)
    )
    escrow_milestone = add_milestone(actor, contract.venture_id, contract.escrow_id, plan)
    last = contract.milestones.aggregate(last=Max("position"))["last"] or 0
    item = ContractMilestone.objects.create(
        contract=contract, milestone=escrow_milestone, position=last + 1, week_start=week_start
    )
    timeline.record(
        contract,
        "week_added",
        actor.user,
        milestone=item,
        after={"week": week_start.isoformat(), "ceiling": str(plan.amount)},
    )
    return item


def fund_week(
    actor: Actor, venture_id: int, contract_id: int, week_start: date, key: str
) -> ContractMilestone:
    """Put the week's ceiling in escrow so the freelancer may work it (idempotent)."""
    with transaction.atomic():
        contract = _venture_contract(actor, venture_id, contract_id)
        hourly(contract)
        if contract.state != ContractState.ACTIVE:
            raise Conflict(f"The contract is {contract.state}.", code="contract_not_active")
        _check_week(contract, week_start)
        item = add_week(actor, contract, week_start)
        if item.state == MilestoneState.PENDING:
            milestones.fund(actor, venture_id, item.id, key)
            item.refresh_from_db()
    return item


def pay_week(
    actor: Actor, venture_id: int, item: ContractMilestone, pay: Money, key: str, note: str
) -> money.Disclosure:
    """Pay an approved week from its own milestone and end the milestone (see above)."""
    contract, now = item.contract, clock.now()
    if item.state == MilestoneState.FUNDED:  # funded after the time was logged
        timeline.record(contract, milestones.move(item, msg.StartMilestone(item.id), now),
                        None, milestone=item)
    # A payment and then a refund of the rest: every account both touch is locked up
    # front, in id order (money.lock_order).
    item.milestone = money.hold_for_settlement(actor, venture_id, item.milestone_id)
    held = Money(item.milestone.held_minor, contract.currency)
    if pay == held:
        submitted = milestones.move(item, msg.SubmitDeliverable(item.id, note), now)
        timeline.record(contract, submitted, actor.user, milestone=item, note=note)
        accepted = milestones.move(item, msg.AcceptMilestone(item.id), now)
        disclosure = money.release(actor, venture_id, item.milestone_id, key)
        timeline.record(contract, accepted, actor.user, milestone=item)
    else:
        part = milestones.move(item, msg.ReleasePart(item.id, pay), now)
        disclosure = money.release(actor, venture_id, item.milestone_id, key, amount=pay)
        timeline.record(contract, part, actor.user, milestone=item, after={"paid": str(pay)})
        _refund_rest(actor, venture_id, item, f"{key}:unused")
    item.save(update_fields=["state"])
    return disclosure


def _refund_rest(actor: Actor, venture_id: int, item: ContractMilestone, key: str) -> None:
    event = milestones.move(item, msg.RefundMilestone(item.id), clock.now())
    item.milestone.refresh_from_db()
    rest = Money(item.milestone.held_minor, item.contract.currency)
    money.refund(actor, venture_id, item.milestone_id, key)
    timeline.record(
        item.contract, event, actor.user, milestone=item, after={"refunded": str(rest)}
    )


def end_hourly(actor: Actor, venture_id: int, contract_id: int, key: str) -> Contract:
    """End an hourly contract: unused weeks go back to the wallet, the contract completes."""
    with transaction.atomic():
        contract = _venture_contract(actor, venture_id, contract_id)
        hourly(contract)
        if contract.state == ContractState.COMPLETED:
            return contract
        ids = contract.milestones.order_by("id").values_list("id", flat=True)
        items = [lock_milestone(item_id) for item_id in ids]  # all of them first, in order
        lock_milestones([item.milestone_id for item in items])
        for item in items:
            _close_week(actor, venture_id, item, key)
        milestones.complete_contract(contract)
    return contract


def _close_week(actor: Actor, venture_id: int, item: ContractMilestone, key: str) -> None:
    if item.state == MilestoneState.PENDING:
        event = milestones.move(item, msg.CancelMilestone(item.id), clock.now())
        item.save(update_fields=["state"])
        timeline.record(item.contract, event, actor.user, milestone=item)
    elif item.state == MilestoneState.FUNDED or (
        item.state == MilestoneState.IN_PROGRESS and not _unapproved_time(item)
    ):
        _refund_rest(actor, venture_id, item, f"{key}:week-{item.position}")
        item.save(update_fields=["state"])
    elif item.state not in (MilestoneState.REFUNDED, MilestoneState.ACCEPTED):
        raise Conflict(
            f"{item.milestone.title} is {item.state}: approve its time first.",
            code="week_open",
            details={"milestone": item.id, "state": item.state},
        )


def _unapproved_time(item: ContractMilestone) -> bool:
    entries = TimeEntry.objects.filter(contract_id=item.contract_id, week_start=item.week_start)
    return entries.exists() and not item.weeks.exists()
