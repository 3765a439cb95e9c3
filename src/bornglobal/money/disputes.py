"""Disputes on an escrow milestone: opening one freezes the money held, a resolution
splits it between the payee and the venture's wallet.

Both take an idempotency key (`money.idempotency`): a retry of the same request
answers the first result; the same key with another request (another milestone,
another share) is refused with `idempotency_key_reused`, never answered with an
earlier, different result. A resolution locks the milestone and then every account
its payment and refund touch at once, in id order (`money.lock_order`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.money import idempotency, journal
from bornglobal.money.locks import lock_milestones
from bornglobal.money.models import Disclosure, Kind, LedgerTransaction, Milestone
from bornglobal.money.services import (
    _locked_milestone,
    _pay_payee,
    _refund,
    _venture,
    lock_settlement_accounts,
)
from bornglobal.tenancy import audit
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Venture


def open_dispute(
    actor: Actor, venture_id: int, milestone_id: int, reason: str, key: str = ""
) -> Milestone:
    """Freeze a funded milestone's escrow: nothing moves until the dispute is resolved.

    The payee of the escrow may open a dispute too, without a role in the venture
    (signed in, or with their own freelancer token).
    """
    key = idempotency.clean_key(key, required=False)
    print_ = idempotency.fingerprint(op="dispute", milestone=milestone_id, reason=reason)
    with transaction.atomic():
        milestone = _milestone_for_party(actor, venture_id, milestone_id)
        space = idempotency.venture_space(venture_id)
        claim = idempotency.claim(space, key, "dispute", print_)
        if not claim.fresh:
            return Milestone.objects.select_related("escrow").get(id=claim.result_id)
        milestone = lock_milestones([milestone.id])[milestone.id]
        if milestone.state != Milestone.State.FUNDED or milestone.held_minor == 0:
            raise Conflict(
                f"Only a funded milestone with money held can be disputed "
                f"(it is {milestone.state}).",
                code=f"milestone_{milestone.state}",
            )
        milestone.state = Milestone.State.DISPUTED
        milestone.save(update_fields=["state"])
        audit.record(
            actor.user,
            "escrow.disputed",
            venture=milestone.escrow.venture,
            target=milestone,
            after={"reason": reason.strip()[:200], "held": milestone.held_minor},
        )
        claim.done(milestone.id)
    return milestone


def _milestone_for_party(actor: Actor, venture_id: int, milestone_id: int) -> Milestone:
    milestone = (
        Milestone.objects.select_related("escrow")
        .filter(id=milestone_id, escrow__venture_id=venture_id)
        .first()
    )
    is_payee = milestone is not None and milestone.escrow.payee_id == actor.user.id
    # The payee's session, their freelancer token, or a token of this very venture.
    if is_payee and actor.venture_scope in (None, venture_id):
        return milestone
    _venture(actor, venture_id)
    if milestone is None:
        raise NotFound("No such milestone.")
    return milestone


@dataclass(frozen=True, slots=True)
class Resolution:
    paid: Disclosure | None
    refunded: LedgerTransaction | None


def resolve_dispute(
    actor: Actor,
    venture_id: int,
    milestone_id: int,
    key: str,
    payee_share: Money,
    on: date | None = None,
    *,
    claimed: bool = False,
) -> Resolution:
    """Split a disputed milestone's escrow: `payee_share` to the payee, the rest back.

    `claimed`: the caller (`work.disputes.resolve`) has claimed `key` for its own,
    larger request in this transaction already.
    """
    key = journal.clean_key(key)
    print_ = idempotency.fingerprint(
        op="resolve", milestone=milestone_id, payee_share=str(payee_share), on=on
    )
    with transaction.atomic():
        venture = _venture(actor, venture_id)
        claim = idempotency.NO_KEY
        if not claimed:
            claim = idempotency.claim(
                idempotency.venture_space(venture.id), key, "resolution", print_
            )
            if not claim.fresh:
                return _resolution_of(claim.outcome)
        venture, milestone = _locked_milestone(actor, venture_id, milestone_id)
        earlier = _earlier_resolution(venture, key, milestone.id)
        if earlier is not None:
            return earlier
        if milestone.escrow.payee_id == actor.user.id:
            raise Conflict(
                "The payee cannot decide their own dispute.", code="conflict_of_interest"
            )
        if milestone.state != Milestone.State.DISPUTED:
            raise Conflict("The milestone is not in dispute.", code=f"milestone_{milestone.state}")
        held = Money(milestone.held_minor, milestone.escrow.currency)
        if payee_share.currency != held.currency or not (
            Money.zero(held.currency) <= payee_share <= held
        ):
            raise DomainError(
                f"The payee's share must be between 0 and {held}.", code="invalid_share"
            )
        lock_settlement_accounts(venture, milestone)
        states = (Milestone.State.DISPUTED,)
        paid = refunded = None
        if payee_share.is_positive:
            paid = _pay_payee(
                actor,
                venture,
                milestone,
                f"{key}:pay",
                payee_share,
                on,
                kind=Kind.RESOLVE,
                allowed=states,
            )
        rest = Money(milestone.held_minor, held.currency)
        if rest.is_positive:
            refunded = _refund(
                actor, venture, milestone, f"{key}:refund", rest, kind=Kind.RESOLVE, allowed=states
            )
        milestone.state = Milestone.State.SETTLED
        milestone.save(update_fields=["state"])
        claim.done(
            milestone.id,
            paid=paid.transaction_id if paid else None,
            refunded=refunded.id if refunded else None,
        )
    return Resolution(paid=paid, refunded=refunded)


def _resolution_of(outcome: dict) -> Resolution:
    paid, refunded = outcome.get("paid"), outcome.get("refunded")
    return Resolution(
        paid=Disclosure.objects.get(transaction_id=paid) if paid else None,
        refunded=LedgerTransaction.objects.get(id=refunded) if refunded else None,
    )


def _earlier_resolution(venture: Venture, key: str, milestone_id: int) -> Resolution | None:
    """A resolution booked under `key` before keys were claimed (or by the caller that
    claimed it): the same milestone's, or a refusal for any other milestone."""
    earlier = {
        txn.idempotency_key: txn
        for txn in LedgerTransaction.objects.filter(
            venture=venture, idempotency_key__in=[f"{key}:pay", f"{key}:refund"]
        )
    }
    if not earlier:
        return None
    if any(txn.milestone_id != milestone_id for txn in earlier.values()):
        first = next(iter(earlier.values()))
        raise idempotency.reused({"transaction_id": first.id, "kind": first.kind})
    pay = earlier.get(f"{key}:pay")
    return Resolution(paid=pay.disclosure if pay else None, refunded=earlier.get(f"{key}:refund"))
