"""Reads of the money app, scoped to what the actor may see.

A venture's books are visible to its owners and managers. A payee sees their own
payments (with the fee and FX disclosure), payables and payout lines in every
venture that pays them, and nothing else of those ventures.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from bornglobal.domain.errors import NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money.models import (
    CREDIT_NORMAL,
    Account,
    Disclosure,
    Escrow,
    LedgerTransaction,
    Milestone,
    PayoutBatch,
    PayoutDetails,
    PayoutLine,
    Posting,
    Purpose,
)
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor


def _books(actor: Actor, venture_id: int):
    return tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)


def accounts_of(actor: Actor, venture_id: int) -> QuerySet[Account]:
    venture = _books(actor, venture_id)
    return Account.objects.filter(venture=venture).select_related("escrow", "person")


def account_for(actor: Actor, venture_id: int, account_id: int) -> Account:
    account = accounts_of(actor, venture_id).filter(id=account_id).first()
    if account is None:
        raise NotFound("No such account.")
    return account


@dataclass(frozen=True, slots=True)
class CurrencyPosition:
    currency: str
    wallet: Money
    escrow: Money
    payable: Money
    fees: Money


def positions(actor: Actor, venture_id: int) -> list[CurrencyPosition]:
    """Per currency: the wallet, money held in escrow, owed to payees, and fees."""
    totals: dict[str, dict[str, int]] = {}
    for account in accounts_of(actor, venture_id):
        bucket = totals.setdefault(account.currency, {})
        bucket[account.purpose] = bucket.get(account.purpose, 0) + account.normal_balance_minor
    return [
        CurrencyPosition(
            currency=currency,
            wallet=Money(bucket.get(Purpose.WALLET, 0), currency),
            escrow=Money(bucket.get(Purpose.ESCROW, 0), currency),
            payable=Money(bucket.get(Purpose.PAYABLE, 0), currency),
            fees=Money(bucket.get(Purpose.PLATFORM_FEES, 0), currency),
        )
        for currency, bucket in sorted(totals.items())
    ]


def escrows_of(actor: Actor, venture_id: int) -> QuerySet[Escrow]:
    venture = _books(actor, venture_id)
    return (
        Escrow.objects.filter(venture=venture)
        .select_related("payee")
        .prefetch_related("milestones")
    )


def escrow_for(actor: Actor, venture_id: int, escrow_id: int) -> Escrow:
    escrow = escrows_of(actor, venture_id).filter(id=escrow_id).first()
    if escrow is None:
        raise NotFound("No such escrow.")
    return escrow


def milestone_for(actor: Actor, venture_id: int, milestone_id: int) -> Milestone:
    milestone = (
        Milestone.objects.filter(id=milestone_id, escrow__in=escrows_of(actor, venture_id))
        .select_related("escrow")
        .first()
    )
    if milestone is None:
        raise NotFound("No such milestone.")
    return milestone


def transactions_of(actor: Actor, venture_id: int) -> QuerySet[LedgerTransaction]:
    venture = _books(actor, venture_id)
    return LedgerTransaction.objects.filter(venture=venture).prefetch_related("postings")


def transaction_for(actor: Actor, venture_id: int, transaction_id: int) -> LedgerTransaction:
    txn = transactions_of(actor, venture_id).filter(id=transaction_id).first()
    if txn is None:
        raise NotFound("No such transaction.")
    return txn


@dataclass(frozen=True, slots=True)
class StatementLine:
    posting: Posting
    amount: Money
    balance: Money


def statement(
    actor: Actor, venture_id: int, account_id: int
) -> tuple[Account, list[StatementLine]]:
    """An account's postings, oldest first, with the running balance as the owner reads it."""
    account = account_for(actor, venture_id, account_id)
    sign = -1 if account.type in CREDIT_NORMAL else 1
    running, lines = 0, []
    for posting in (
        Posting.objects.filter(account=account)
        .select_related("transaction")
        .order_by("transaction__occurred_at", "id")
    ):
        running += sign * posting.amount_minor
        lines.append(
            StatementLine(
                posting,
                Money(sign * posting.amount_minor, account.currency),
                Money(running, account.currency),
            )
        )
    return account, lines


def batches_of(actor: Actor, venture_id: int) -> QuerySet[PayoutBatch]:
    venture = _books(actor, venture_id)
    return PayoutBatch.objects.filter(venture=venture).prefetch_related("lines__payee")


def batch_for(actor: Actor, venture_id: int, batch_id: int) -> PayoutBatch:
    batch = batches_of(actor, venture_id).filter(id=batch_id).first()
    if batch is None:
        raise NotFound("No such payout batch.")
    return batch


def my_disclosures(actor: Actor) -> QuerySet[Disclosure]:
    """Every payment made to the actor, with its fee and FX disclosure."""
    if actor.venture_scope is not None:
        return Disclosure.objects.none()
    return Disclosure.objects.filter(payee=actor.user).select_related(
        "transaction__venture", "transaction__milestone__escrow"
    )


def my_payables(actor: Actor) -> QuerySet[Account]:
    if actor.venture_scope is not None:
        return Account.objects.none()
    return Account.objects.filter(person=actor.user, purpose=Purpose.PAYABLE).select_related(
        "venture"
    )


def my_payout_lines(actor: Actor) -> QuerySet[PayoutLine]:
    if actor.venture_scope is not None:
        return PayoutLine.objects.none()
    return PayoutLine.objects.filter(payee=actor.user).select_related("batch__venture")


def my_payout_details(actor: Actor) -> PayoutDetails | None:
    """The actor's own bank details; a token scoped to one venture cannot read them."""
    if actor.venture_scope is not None:
        return None
    return PayoutDetails.objects.filter(person=actor.user).first()


def payout_details_for_payee(actor: Actor, venture_id: int, person_id: int) -> PayoutDetails:
    """A payee's bank details, for a venture that has an escrow paying them."""
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    if not Escrow.objects.filter(venture=venture, payee_id=person_id).exists():
        raise NotFound("No such payee.")
    details = PayoutDetails.objects.filter(person_id=person_id).first()
    if details is None:
        raise NotFound("This payee has not given payout details.")
    return details
