"""Every money movement: deposit, fund, release, refund, dispute and resolution.

Each service checks the actor's permission, locks the milestone and then the
accounts in primary-key order, answers a retry of the same idempotency key with
the first result, writes one balanced transaction, and leaves an audit record.
Payout batches live in `payouts.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.fees import FeeSchedule
from bornglobal.domain.fx import convert
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.invoicing.escrow import on_escrow_paid
from bornglobal.money import accounts, journal, rates, releases
from bornglobal.money.escrow_plans import MilestonePlan, check_plan, milestone_from
from bornglobal.money.journal import Leg
from bornglobal.money.locks import lock_accounts, lock_milestones
from bornglobal.money.models import (
    Disclosure,
    Escrow,
    Kind,
    LedgerTransaction,
    Milestone,
)
from bornglobal.tenancy import audit, selectors
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User, Venture


def _venture(actor: Actor, venture_id: int) -> Venture:
    return selectors.venture_for(actor, venture_id, Action.MANAGE_MONEY)


def deposit(
    actor: Actor, venture_id: int, amount: Money, key: str, memo: str = ""
) -> LedgerTransaction:
    """Record money that arrived from the venture's bank into its wallet."""
    key = journal.clean_key(key)
    releases.require_positive(amount)
    print_ = journal.fingerprint(op="deposit", amount=str(amount), memo=memo)
    with transaction.atomic():
        venture = _venture(actor, venture_id)
        wallet = accounts.wallet(venture, amount.currency)
        bank = accounts.bank_clearing(venture, amount.currency)
        lock_accounts([wallet, bank])
        earlier = journal.replay(venture, key, print_)
        if earlier is not None:
            return earlier
        txn = journal.record(
            venture,
            kind=Kind.DEPOSIT,
            key=key,
            print_=print_,
            actor=actor.user,
            memo=memo or f"Bank deposit {amount}",
            legs=[Leg(bank, amount), Leg(wallet, -amount)],
        )
        audit.record(
            actor.user, "money.deposit", venture=venture, target=txn, after={"amount": str(amount)}
        )
    return txn


def open_escrow(
    actor: Actor,
    venture_id: int,
    payee_email: str,
    contract_ref: str,
    title: str,
    milestones: list[MilestonePlan],
    payee_currency: str | None = None,
) -> Escrow:
    """An escrow for one contract, in the venture's currency, with its milestones."""
    with transaction.atomic():
        venture = _venture(actor, venture_id)
        payee = User.objects.filter(email=payee_email.strip().lower(), is_active=True).first()
        if payee is None:
            raise NotFound("No active account has this email.", code="payee_not_found")
        if not milestones:
            raise DomainError("An escrow needs at least one milestone.", code="no_milestones")
        for plan in milestones:
            check_plan(plan, venture.base_currency)
        ref = (contract_ref or "").strip()[:64]
        if not ref:
            raise DomainError("A contract reference is required.", code="invalid_contract_ref")
        if Escrow.objects.filter(venture=venture, contract_ref=ref).exists():
            raise Conflict("This contract already has an escrow.", code="escrow_exists")
        escrow = Escrow.objects.create(
            venture=venture,
            payee=payee,
            contract_ref=ref,
            title=title.strip()[:200] or ref,
            currency=venture.base_currency,
            created_at=clock.now(),
            payee_currency=places.currency_code(payee_currency or payee.currency),
        )
        Milestone.objects.bulk_create([milestone_from(escrow, plan) for plan in milestones])
        accounts.escrow_account(escrow)
        audit.record(
            actor.user,
            "escrow.opened",
            venture=venture,
            target=escrow,
            after={
                "contract": ref,
                "payee": payee.email,
                "total": str(sum((p.amount for p in milestones), Money.zero(escrow.currency))),
            },
        )
    return escrow


def _locked_milestone(
    actor: Actor, venture_id: int, milestone_id: int
) -> tuple[Venture, Milestone]:
    venture = _venture(actor, venture_id)
    milestone = (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("escrow__payee")
        .filter(id=milestone_id, escrow__venture=venture)
        .first()
    )
    if milestone is None:
        raise NotFound("No such milestone.")
    milestone.escrow.venture = venture
    return venture, milestone


def fund_milestone(actor: Actor, venture_id: int, milestone_id: int, key: str) -> LedgerTransaction:
    """Move a milestone's full amount from the venture's wallet into escrow."""
    key = journal.clean_key(key)
    print_ = journal.fingerprint(op="fund", milestone=milestone_id)
    with transaction.atomic():
        venture, milestone = _locked_milestone(actor, venture_id, milestone_id)
        escrow = milestone.escrow
        wallet = accounts.wallet(venture, escrow.currency)
        held = accounts.escrow_account(escrow)
        locked = lock_accounts([wallet, held])
        earlier = journal.replay(venture, key, print_)
        if earlier is not None:
            return earlier
        if milestone.state != Milestone.State.PENDING:
            raise Conflict(f"The milestone is already {milestone.state}.", code="already_funded")
        amount = Money(milestone.amount_minor, escrow.currency)
        available = Money(locked[wallet.pk].normal_balance_minor, escrow.currency)
        if available < amount:
            raise Conflict(
                f"The wallet holds {available}, less than {amount}.",
                code="insufficient_funds",
                details={"available": str(available), "needed": str(amount)},
            )
        txn = journal.record(
            venture,
            kind=Kind.FUND,
            key=key,
            print_=print_,
            actor=actor.user,
            milestone=milestone,
            memo=f"Fund escrow {escrow.contract_ref}: {milestone.title}",
            legs=[Leg(wallet, amount), Leg(held, -amount)],
        )
        milestone.funded_minor = amount.minor
        milestone.state = Milestone.State.FUNDED
        milestone.save(update_fields=["funded_minor", "state"])
        audit.record(
            actor.user,
            "escrow.funded",
            venture=venture,
            target=milestone,
            after={"amount": str(amount), "contract": escrow.contract_ref},
        )
    return txn


def release(
    actor: Actor,
    venture_id: int,
    milestone_id: int,
    key: str,
    amount: Money | None = None,
    on: date | None = None,
) -> Disclosure:
    """Pay (part of) a funded milestone to the payee, in the payee's currency."""
    key = journal.clean_key(key)
    with transaction.atomic():
        venture, milestone = _locked_milestone(actor, venture_id, milestone_id)
        return _pay_payee(
            actor,
            venture,
            milestone,
            key,
            amount,
            on,
            kind=Kind.RELEASE,
            allowed=(Milestone.State.FUNDED,),
        )


def _pay_payee(
    actor: Actor,
    venture: Venture,
    milestone: Milestone,
    key: str,
    amount: Money | None,
    on: date | None,
    *,
    kind: str,
    allowed: tuple[str, ...],
) -> Disclosure:
    escrow = milestone.escrow
    on = on or clock.today()
    print_ = journal.fingerprint(op=kind, milestone=milestone.id, amount=str(amount), on=on)
    try:
        gross = releases.movable_amount(milestone, amount, allowed, verb="paid")
        fee = FeeSchedule(basis_points=settings.PLATFORM_FEE_BP).fee_on(gross)
        conversion = convert(gross - fee, escrow.payee_currency, on, rates.current())
    except DomainError:  # refused now, but perhaps a retry of a payment already made
        earlier = journal.replay(venture, key, print_)
        if earlier is not None:
            return earlier.disclosure
        raise
    legs = releases.release_legs(escrow, gross, fee, conversion)
    txn = journal.record(
        venture,
        kind=kind,
        key=key,
        print_=print_,
        actor=actor.user,
        milestone=milestone,
        memo=f"Pay {escrow.payee.full_name} for {milestone.title}",
        legs=legs,
        conversion=conversion,
        settle=False,
        unchecked_key=True,
    )
    if txn is None:  # the key was used before: the first result, or a refusal if it differs
        return journal.replay(venture, key, print_).disclosure
    milestone.released_minor += gross.minor
    if milestone.held_minor == 0:
        milestone.state = Milestone.State.SETTLED
    milestone.save(update_fields=["released_minor", "state"])
    disclosure = releases.disclosure_for(txn, escrow, gross, fee, conversion)
    on_escrow_paid(disclosure.id)  # the payee's invoice, made after the commit
    audit.record(
        actor.user,
        f"escrow.{kind}",
        venture=venture,
        target=milestone,
        after={
            "gross": str(gross),
            "fee": str(fee),
            "paid": str(conversion.target),
            "rate": str(conversion.rate.value),
        },
    )
    journal.move_balances(legs)  # last: busy accounts stay locked only until the commit
    return disclosure


def refund(
    actor: Actor, venture_id: int, milestone_id: int, key: str, amount: Money | None = None
) -> LedgerTransaction:
    """Return (part of) a funded milestone's escrow to the venture's wallet."""
    key = journal.clean_key(key)
    with transaction.atomic():
        venture, milestone = _locked_milestone(actor, venture_id, milestone_id)
        return _refund(
            actor,
            venture,
            milestone,
            key,
            amount,
            kind=Kind.REFUND,
            allowed=(Milestone.State.FUNDED,),
        )


def _refund(
    actor: Actor,
    venture: Venture,
    milestone: Milestone,
    key: str,
    amount: Money | None,
    *,
    kind: str,
    allowed: tuple[str, ...],
) -> LedgerTransaction:
    escrow = milestone.escrow
    print_ = journal.fingerprint(op=kind, milestone=milestone.id, amount=str(amount))
    earlier = journal.replay(venture, key, print_)
    if earlier is not None:
        return earlier
    back = releases.movable_amount(milestone, amount, allowed, verb="refunded")
    held = accounts.escrow_account(escrow)
    wallet = accounts.wallet(venture, escrow.currency)
    lock_accounts([held, wallet])
    txn = journal.record(
        venture,
        kind=kind,
        key=key,
        print_=print_,
        actor=actor.user,
        milestone=milestone,
        memo=f"Refund escrow {escrow.contract_ref}: {milestone.title}",
        legs=[Leg(held, back), Leg(wallet, -back)],
    )
    milestone.refunded_minor += back.minor
    if milestone.held_minor == 0:
        milestone.state = Milestone.State.SETTLED
    milestone.save(update_fields=["refunded_minor", "state"])
    audit.record(
        actor.user, f"escrow.{kind}", venture=venture, target=milestone, after={"amount": str(back)}
    )
    return txn


def open_dispute(actor: Actor, venture_id: int, milestone_id: int, reason: str) -> Milestone:
    """Freeze a funded milestone's escrow: nothing moves until the dispute is resolved.

    The payee of the escrow may open a dispute too, without a role in the venture.
    """
    with transaction.atomic():
        milestone = _milestone_for_party(actor, venture_id, milestone_id)
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
    return milestone


def _milestone_for_party(actor: Actor, venture_id: int, milestone_id: int) -> Milestone:
    milestone = (
        Milestone.objects.select_related("escrow")
        .filter(id=milestone_id, escrow__venture_id=venture_id)
        .first()
    )
    is_payee = milestone is not None and milestone.escrow.payee_id == actor.user.id
    if is_payee and not actor.freelancer_only and actor.venture_scope in (None, venture_id):
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
) -> Resolution:
    """Split a disputed milestone's escrow: `payee_share` to the payee, the rest back."""
    key = journal.clean_key(key)
    with transaction.atomic():
        venture, milestone = _locked_milestone(actor, venture_id, milestone_id)
        earlier = _earlier_resolution(venture, key)
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
    return Resolution(paid=paid, refunded=refunded)


def _earlier_resolution(venture: Venture, key: str) -> Resolution | None:
    earlier = {
        txn.idempotency_key: txn
        for txn in LedgerTransaction.objects.filter(
            venture=venture, idempotency_key__in=[f"{key}:pay", f"{key}:refund"]
        )
    }
    if not earlier:
        return None
    pay = earlier.get(f"{key}:pay")
    return Resolution(paid=pay.disclosure if pay else None, refunded=earlier.get(f"{key}:refund"))
