"""Disputes on a contract milestone: open, evidence from both sides, mediated outcome.

Either side opens a dispute on a funded, started or submitted milestone: the escrow
is frozen by `money.services.open_dispute`, the auto-release clock stops and the
contract is disputed until its last disputed milestone is resolved. Within the
contract's dispute window (`Terms.evidence_due`) the freelancer and the venture's
money managers attach evidence as text notes; each is a timeline line
(`dispute_evidence_added`). A mediator, a manager or owner of the venture or the
instance operator (staff), ends it with a split: `money.services.resolve_dispute`
pays the freelancer's share and refunds the rest. Every step is on the contract
timeline and in the audit log (`work.timeline.record`).

Opening and resolving take an idempotency key (`money.idempotency`, claimed before
any row is locked): a retry of the same request answers the first result, the same
key with another request is refused with `idempotency_key_reused`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from bornglobal import clock
from bornglobal.domain import contracts_messages as msg
from bornglobal.domain.contracts import ContractState, MilestoneState
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import idempotency
from bornglobal.money import services as money
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work import attachments, timeline
from bornglobal.work.locks import lock_milestone
from bornglobal.work.milestones import _complete_if_done, move
from bornglobal.work.models import ContractEvent, ContractMilestone

EVIDENCE = "dispute_evidence_added"
OPENED = "milestone_disputed"
MAX_NOTE = 4_000


def _party(actor: Actor, milestone_id: int) -> tuple[ContractMilestone, str]:
    """The milestone, locked, and which side the actor is on ("freelancer"/"venture")."""
    side = side_of(actor, milestone_id)
    return lock_milestone(milestone_id), side


def _venture_of(milestone_id: int) -> int:
    venture_id = (
        ContractMilestone.objects.filter(id=milestone_id)
        .values_list("contract__venture_id", flat=True)
        .first()
    )
    if venture_id is None:
        raise NotFound("No such milestone.")
    return venture_id


def side_of(actor: Actor, milestone_id: int) -> str:
    """Which side of the milestone's contract the actor is on, else NotFound/Forbidden."""
    row = (
        ContractMilestone.objects.filter(id=milestone_id)
        .values_list("contract__freelancer_id", "contract__venture_id")
        .first()
    )
    if row is None:
        raise NotFound("No such milestone.")
    freelancer_id, venture_id = row
    if actor.user.id == freelancer_id and actor.venture_scope is None:
        side = "freelancer"
    else:
        tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        side = "venture"
    return side


def opened_at(item: ContractMilestone) -> datetime | None:
    """When the milestone's current dispute was opened."""
    entry = ContractEvent.objects.filter(milestone=item, name=OPENED).order_by("-at", "-id").first()
    return entry.at if entry else None


def evidence_due(item: ContractMilestone) -> datetime | None:
    started = opened_at(item)
    return item.contract.terms.evidence_due(started) if started else None


def open_dispute(
    actor: Actor, milestone_id: int, reason: str, key: str = ""
) -> ContractMilestone:
    """Either side disputes the milestone; its escrow is frozen until mediation."""
    key = idempotency.clean_key(key, required=False)
    print_ = idempotency.fingerprint(op="work_dispute", milestone=milestone_id, reason=reason)
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the milestone is disputed.", code="invalid_reason")
    with transaction.atomic():
        side = side_of(actor, milestone_id)
        space = idempotency.venture_space(_venture_of(milestone_id))
        claim = idempotency.claim(space, key, "work_dispute", print_)
        if not claim.fresh:
            return ContractMilestone.objects.select_related("contract").get(id=claim.result_id)
        item = lock_milestone(milestone_id)
        contract, now = item.contract, clock.now()
        event = move(item, msg.DisputeMilestone(item.id, reason), now)
        money.open_dispute(actor, contract.venture_id, item.milestone_id, reason)
        item.auto_release_at = None
        item.save(update_fields=["state", "auto_release_at"])
        if contract.state != ContractState.DISPUTED:
            moved = msg.apply(msg.DisputeContract(contract.id), contract.state, now)
            contract.state = moved.after
            contract.save(update_fields=["state"])
            timeline.record(contract, moved, actor.user)
        timeline.record(
            contract,
            event,
            actor.user,
            milestone=item,
            note=reason[:MAX_NOTE],
            after={"side": side, "evidence_due": contract.terms.evidence_due(now).isoformat()},
        )
        claim.done(item.id)
    return item


def add_evidence(actor: Actor, milestone_id: int, note: str, files=()) -> ContractEvent:
    """A text note from either side, with files if any, while the dispute window is open.
    The files are checked before anything is written and stored with the evidence line;
    a failed transaction deletes them again (`work.attachments`)."""
    side_of(actor, milestone_id)  # a stranger's note and files are not even read
    note = note.strip()
    if not note:
        raise DomainError("Evidence needs some text.", code="invalid_evidence")
    checked = attachments.check(files)
    with attachments.cleanup_on_failure(), transaction.atomic():
        item, side = _party(actor, milestone_id)
        if item.state != MilestoneState.DISPUTED:
            raise Conflict("The milestone is not in dispute.", code="not_disputed")
        due = evidence_due(item)
        if due is not None and clock.now() > due:
            raise Conflict(
                f"The window for evidence closed at {due.isoformat()}.",
                code="evidence_window_closed",
            )
        line = timeline.record(
            item.contract,
            EVIDENCE,
            actor.user,
            milestone=item,
            note=note[:MAX_NOTE],
            after={"side": side, "files": attachments.summary(checked)},
        )
        attachments.attach(line, checked, actor.user)
        return line


def _mediator(actor: Actor, item: ContractMilestone) -> Actor:
    """Who books the outcome: the mediator if a manager/owner, else for the operator
    the venture's agent (the operator has no seat in the venture)."""
    contract = item.contract
    if actor.user.id == contract.freelancer_id:
        raise Conflict("The payee cannot decide their own dispute.", code="conflict_of_interest")
    if actor.user.is_staff and actor.venture_scope is None and not actor.freelancer_only:
        try:
            tenancy.venture_for(actor, contract.venture_id, Action.MANAGE_MONEY)
        except DomainError:
            return timeline.venture_agent(contract.venture, contract.offer.sent_by)
        return actor
    tenancy.venture_for(actor, contract.venture_id, Action.MANAGE_MONEY)
    return actor


@dataclass(frozen=True, slots=True)
class Outcome:
    milestone: ContractMilestone
    paid: Money  # gross to the freelancer, in the contract's currency
    refunded: Money


def resolve(
    actor: Actor, milestone_id: int, key: str, payee_share: Money, note: str = ""
) -> Outcome:
    """The mediator's split: `payee_share` to the freelancer, the rest back to the venture."""
    key = idempotency.clean_key(key)
    # The request is the split; the mediator's note is commentary, not compared.
    print_ = idempotency.fingerprint(
        op="work_resolution", milestone=milestone_id, payee_share=str(payee_share)
    )
    with transaction.atomic():
        found = (
            ContractMilestone.objects.select_related("contract__venture", "contract__offer")
            .filter(id=milestone_id)
            .first()
        )
        if found is None:
            raise NotFound("No such milestone.")
        agent = _mediator(actor, found)
        space = idempotency.venture_space(found.contract.venture_id)
        claim = idempotency.claim(space, key, "work_resolution", print_)
        if not claim.fresh:
            return _earlier_outcome(claim)
        item = lock_milestone(milestone_id)
        contract = item.contract
        held = Money(item.milestone.held_minor, contract.currency)
        if item.state == MilestoneState.RESOLVED:  # resolved before its key was claimed
            earlier = money.resolve_dispute(
                agent, contract.venture_id, item.milestone_id, key, payee_share, claimed=True
            )
            outcome = _outcome(item, earlier, contract.currency)
            claim.done(item.id, paid=outcome.paid.minor, refunded=outcome.refunded.minor)
            return outcome
        event = move(item, msg.ResolveMilestoneDispute(item.id, payee_share), clock.now())
        result = money.resolve_dispute(
            agent, contract.venture_id, item.milestone_id, key, payee_share, claimed=True
        )
        item.save(update_fields=["state"])
        outcome = _outcome(item, result, contract.currency)
        claim.done(item.id, paid=outcome.paid.minor, refunded=outcome.refunded.minor)
        timeline.record(
            contract,
            event,
            actor.user,
            milestone=item,
            note=note.strip()[:MAX_NOTE],
            after={
                "held": str(held),
                "paid": str(outcome.paid),
                "refunded": str(outcome.refunded),
                "mediator": "operator" if agent is not actor else "venture",
            },
        )
        still = contract.milestones.filter(state=MilestoneState.DISPUTED).exists()
        if not still and contract.state == ContractState.DISPUTED:
            moved = msg.apply(msg.ResolveContractDispute(contract.id), contract.state, event.at)
            contract.state = moved.after
            contract.save(update_fields=["state"])
            timeline.record(contract, moved, actor.user)
            _complete_if_done(contract)
    return outcome


def _earlier_outcome(claim: idempotency.Claim) -> Outcome:
    item = ContractMilestone.objects.select_related("contract", "milestone").get(
        id=claim.result_id
    )
    currency = item.contract.currency
    return Outcome(
        item,
        Money(claim.outcome["paid"], currency),
        Money(claim.outcome["refunded"], currency),
    )


def _outcome(item: ContractMilestone, result: money.Resolution, currency: str) -> Outcome:
    paid = result.paid.gross_minor if result.paid else 0
    item.milestone.refresh_from_db(fields=["refunded_minor"])
    refunded = item.milestone.refunded_minor if result.refunded is not None else 0
    return Outcome(item, Money(paid, currency), Money(refunded, currency))


def evidence(item: ContractMilestone) -> list[ContractEvent]:
    """The dispute's lines: opening, evidence and outcome, oldest first."""
    names = (OPENED, EVIDENCE, "milestone_dispute_resolved")
    return list(
        ContractEvent.objects.filter(milestone=item, name__in=names)
        .select_related("actor")
        .order_by("at", "id")
    )


@dataclass(frozen=True, slots=True)
class DisputeView:
    milestone: ContractMilestone
    evidence_due: datetime | None
    lines: list[ContractEvent]


def is_mediating_operator(actor: Actor) -> bool:
    """The instance operator (staff, signed in as themselves), who sees every dispute."""
    return actor.user.is_staff and actor.venture_scope is None and not actor.freelancer_only


def dispute_for(actor: Actor, milestone_id: int) -> DisputeView:
    """The dispute as either side or the operator sees it."""
    item = (
        ContractMilestone.objects.select_related("contract", "milestone")
        .filter(id=milestone_id)
        .first()
    )
    if item is None:
        raise NotFound("No such milestone.")
    operator = is_mediating_operator(actor)
    if not operator and not (
        actor.user.id == item.contract.freelancer_id and actor.venture_scope is None
    ):
        tenancy.venture_for(actor, item.contract.venture_id, Action.VIEW_MONEY)
    return DisputeView(item, evidence_due(item), evidence(item))
