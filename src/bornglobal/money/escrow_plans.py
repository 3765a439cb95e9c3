"""Milestone plans of an escrow: checked once, whether the escrow opens with them or
gains one later (an hourly contract's escrow gains a milestone for each week funded).

Every milestone of an escrow is funded in the escrow's currency, which is the
venture's, and is more than zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import releases
from bornglobal.money.locks import lock_escrow
from bornglobal.money.models import Escrow, Milestone
from bornglobal.tenancy import audit, selectors
from bornglobal.tenancy.actors import Actor


@dataclass(frozen=True, slots=True)
class MilestonePlan:
    title: str
    amount: Money
    due_on: date | None = None


def check_plan(plan: MilestonePlan, currency: str) -> MilestonePlan:
    """A plan for an escrow funded in `currency`: a title and an amount above zero."""
    releases.require_positive(plan.amount)
    if plan.amount.currency != currency:
        raise DomainError(
            f"Milestones are funded in the venture's currency, {currency}.",
            code="currency_mismatch",
        )
    if not plan.title.strip():
        raise DomainError("A milestone needs a title.", code="invalid_milestone")
    return plan


def milestone_from(escrow: Escrow, plan: MilestonePlan) -> Milestone:
    return Milestone(
        escrow=escrow,
        title=plan.title.strip()[:200],
        amount_minor=plan.amount.minor,
        due_on=plan.due_on,
    )


def add_milestone(actor: Actor, venture_id: int, escrow_id: int, plan: MilestonePlan) -> Milestone:
    """One more milestone on an open escrow, pending until it is funded."""
    with transaction.atomic():
        venture = selectors.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        escrow = lock_escrow(escrow_id, venture=venture)
        if escrow is None:
            raise NotFound("No such escrow.")
        if escrow.state != Escrow.State.OPEN:
            raise Conflict("The escrow is closed.", code="escrow_closed")
        milestone = milestone_from(escrow, check_plan(plan, escrow.currency))
        milestone.save()
        audit.record(
            actor.user,
            "escrow.milestone_added",
            venture=venture,
            target=milestone,
            after={"contract": escrow.contract_ref, "amount": str(plan.amount)},
        )
    return milestone
