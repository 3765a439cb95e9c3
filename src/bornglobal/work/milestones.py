"""Milestone work on a contract: fund, start, submit, request changes, accept, part
releases and auto-release.

Every money move goes through `money.services` with the caller's idempotency key:
a retry of the same key answers the first result instead of an illegal transition.
The work state moves by `domain.contracts` (work starts only on a funded milestone)
and each step leaves a timeline line and an audit record. Locks: contract, then the
contract milestone, then (inside money) the escrow milestone and the accounts.

Auto-release: a submission sets `auto_release_at` (submission + the contract's 7,
14 or 28 days, UTC) and schedules `work.tasks.auto_release`. The worker releases
the milestone only if, under the row lock, it is still submitted and due, so it
fires once however many workers run; `release_due` is the catch-up sweep.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q

from bornglobal import clock
from bornglobal.domain import contracts_messages as msg
from bornglobal.domain.contracts import (
    CONTRACTS,
    ContractState,
    MilestoneState,
    auto_release_due,
    check_milestone_in_contract,
    check_part,
    contract_is_done,
)
from bornglobal.domain.errors import NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import services as money
from bornglobal.money.models import Disclosure, Kind, LedgerTransaction
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work import attachments, timeline
from bornglobal.work.locks import lock_milestone
from bornglobal.work.models import Contract, ContractMilestone, Project, ProjectStatus


def _for_venture(actor: Actor, venture_id: int, milestone_id: int) -> ContractMilestone:
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    if not ContractMilestone.objects.filter(id=milestone_id, contract__venture=venture).exists():
        raise NotFound("No such milestone.")
    return lock_milestone(milestone_id)


def check_freelancer(actor: Actor, milestone_id: int) -> None:
    """NotFound unless the milestone is on one of the actor's own contracts."""
    mine = ContractMilestone.objects.filter(id=milestone_id, contract__freelancer=actor.user)
    if actor.venture_scope is not None or not mine.exists():
        raise NotFound("No such milestone.")


def _for_freelancer(actor: Actor, milestone_id: int) -> ContractMilestone:
    check_freelancer(actor, milestone_id)
    return lock_milestone(milestone_id)


def move(item: ContractMilestone, command: msg.Command, now: datetime) -> msg.Event:
    check_milestone_in_contract(command.action, item.contract.state)
    event = msg.apply(command, item.state, now)
    item.state = event.after
    return event


def _earlier(item: ContractMilestone, key: str, kind: Kind) -> LedgerTransaction | None:
    """The ledger transaction this key already booked on this milestone, if any."""
    return LedgerTransaction.objects.filter(
        venture_id=item.contract.venture_id,
        idempotency_key=key.strip(),
        milestone_id=item.milestone_id,
        kind=kind,
    ).first()


def fund(actor: Actor, venture_id: int, milestone_id: int, key: str) -> LedgerTransaction:
    """Move the milestone's amount from the venture's wallet into the contract's escrow."""
    with transaction.atomic():
        item = _for_venture(actor, venture_id, milestone_id)
        earlier = _earlier(item, key, Kind.FUND)
        if earlier is not None and item.state != MilestoneState.PENDING:
            return earlier
        event = move(item, msg.FundMilestone(item.id), clock.now())
        txn = money.fund_milestone(actor, venture_id, item.milestone_id, key)
        item.save(update_fields=["state"])
        timeline.record(item.contract, event, actor.user, milestone=item)
    return txn


def start(actor: Actor, milestone_id: int) -> ContractMilestone:
    """The freelancer starts work on a funded milestone."""
    with transaction.atomic():
        item = _for_freelancer(actor, milestone_id)
        event = move(item, msg.StartMilestone(item.id), clock.now())
        item.save(update_fields=["state"])
        timeline.record(item.contract, event, actor.user, milestone=item)
    return item


def submit(actor: Actor, milestone_id: int, note: str, files=()) -> ContractMilestone:
    """The freelancer hands in the deliverable (a note and files); the auto-release
    clock starts. The files are checked before anything is written, stored with the
    submission's timeline line, and deleted again if the transaction fails."""
    files = list(files)
    if files:
        check_freelancer(actor, milestone_id)  # a stranger's files are not even read
    checked = attachments.check(files)
    with attachments.cleanup_on_failure(), transaction.atomic():
        item = _for_freelancer(actor, milestone_id)
        event = move(item, msg.SubmitDeliverable(item.id, note), clock.now())
        item.submitted_at = event.at
        item.auto_release_at = auto_release_due(event.at, item.contract.auto_release_days)
        item.save(update_fields=["state", "submitted_at", "auto_release_at"])
        line = timeline.record(
            item.contract,
            event,
            actor.user,
            milestone=item,
            note=note,
            after={
                "auto_release_at": item.auto_release_at.isoformat(),
                "files": attachments.summary(checked),
            },
        )
        attachments.attach(line, checked, actor.user)
        _schedule_auto_release(item)
    return item


def _schedule_auto_release(item: ContractMilestone) -> None:
    from bornglobal.work import tasks

    transaction.on_commit(
        lambda: tasks.schedule_auto_release(item.id, item.auto_release_at), robust=True
    )


def request_changes(actor: Actor, venture_id: int, milestone_id: int, note: str):
    """The venture asks for changes; the auto-release clock stops until the next submission."""
    with transaction.atomic():
        item = _for_venture(actor, venture_id, milestone_id)
        event = move(item, msg.RequestChanges(item.id, note), clock.now())
        item.auto_release_at = None
        item.save(update_fields=["state", "auto_release_at"])
        timeline.record(item.contract, event, actor.user, milestone=item, note=note)
    return item


def accept(actor: Actor, venture_id: int, milestone_id: int, key: str) -> Disclosure:
    """The venture accepts the deliverable: everything still held is released."""
    with transaction.atomic():
        item = _for_venture(actor, venture_id, milestone_id)
        earlier = _earlier(item, key, Kind.RELEASE)
        if earlier is not None and item.state == MilestoneState.ACCEPTED:
            return earlier.disclosure
        event = move(item, msg.AcceptMilestone(item.id), clock.now())
        disclosure = money.release(actor, venture_id, item.milestone_id, key)
        _finish(item, event, actor, disclosure)
    return disclosure


def release_part(
    actor: Actor, venture_id: int, milestone_id: int, key: str, amount: Money
) -> Disclosure:
    """Pay part of a milestone in progress; the rest stays in escrow."""
    with transaction.atomic():
        item = _for_venture(actor, venture_id, milestone_id)
        earlier = _earlier(item, key, Kind.RELEASE)
        if earlier is not None:
            return earlier.disclosure
        event = move(item, msg.ReleasePart(item.id, amount), clock.now())
        held = Money(item.milestone.held_minor, item.contract.currency)
        check_part(held, amount)
        disclosure = money.release(actor, venture_id, item.milestone_id, key, amount=amount)
        timeline.record(
            item.contract, event, actor.user, milestone=item, after={"paid": str(amount)}
        )
    return disclosure


def _finish(
    item: ContractMilestone, event: msg.Event, actor: Actor | None, disclosure: Disclosure
) -> None:
    item.auto_release_at = None
    item.save(update_fields=["state", "auto_release_at"])
    paid = Money(disclosure.paid_minor, disclosure.paid_currency)
    timeline.record(
        item.contract,
        event,
        actor.user if actor else None,
        milestone=item,
        after={"gross": str(Money(disclosure.gross_minor, disclosure.currency)), "paid": str(paid)},
    )
    _complete_if_done(item.contract)


def _complete_if_done(contract: Contract) -> None:
    """Complete the contract when every milestone is done, and close the project when
    all of its contracts have ended and no offer is open."""
    states = list(contract.milestones.values_list("state", flat=True))
    if contract.state != ContractState.ACTIVE or not contract_is_done(states):
        return
    complete_contract(contract)


def complete_contract(contract: Contract) -> None:
    """The contract ends as completed; the project closes once nothing on it is open."""
    event = msg.apply(msg.CompleteContract(contract.id), contract.state, clock.now())
    contract.state, contract.ended_at = event.after, event.at
    contract.save(update_fields=["state", "ended_at"])
    timeline.record(contract, event, None)
    open_contracts = Contract.objects.filter(project_id=contract.project_id).exclude(
        state__in=[s for s in ContractState if CONTRACTS.is_final(s)]
    )
    open_offers = contract.project.offers.filter(state__in=["draft", "sent"])
    if not open_contracts.exists() and not open_offers.exists():
        Project.objects.filter(id=contract.project_id, status=ProjectStatus.RUNNING).update(
            status=ProjectStatus.CLOSED
        )


def auto_release(milestone_id: int, now: datetime | None = None, *, skip_locked: bool = False):
    """Release a submitted milestone whose period passed unanswered; None if it is not
    due (answered, resubmitted later, or released by another worker)."""
    now = now or clock.now()
    with transaction.atomic():
        item = lock_milestone(milestone_id, skip_locked=skip_locked)
        if item is None or item.state != MilestoneState.SUBMITTED:
            return None
        if item.auto_release_at is None or item.auto_release_at > now:
            return None
        if item.contract.state != ContractState.ACTIVE:
            return None
        event = move(item, msg.AutoRelease(item.id), now)
        contract = item.contract
        agent = timeline.venture_agent(contract.venture, contract.offer.sent_by)
        with clock.travel_to(now):
            disclosure = money.release(
                agent, contract.venture_id, item.milestone_id, f"work-auto-release-{item.id}"
            )
        _finish(item, event, None, disclosure)
    return disclosure


def release_due(now: datetime | None = None, limit: int = 500) -> int:
    """The worker's sweep: auto-release every due milestone no other worker holds."""
    now = now or clock.now()
    due = ContractMilestone.objects.filter(
        Q(state=MilestoneState.SUBMITTED) & Q(auto_release_at__lte=now)
    ).order_by("auto_release_at", "id")
    released = 0
    for milestone_id in list(due.values_list("id", flat=True)[:limit]):
        if auto_release(milestone_id, now, skip_locked=True) is not None:
            released += 1
    return released
