"""Every money movement: deposit, fund, release and refund, and opening an escrow.

Each service checks the actor's permission, locks the milestone and then the
accounts in primary-key order (the global order of `money.lock_order`), answers a
retry of the same idempotency key with the first result, writes one balanced
transaction, and leaves an audit record. Disputes and their resolution are in
`disputes.py` (re-exported here), payout batches in `payouts.py`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.fees import FeeSchedule
from bornglobal.domain.fx import convert
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.invoicing.escrow import on_escrow_paid
from bornglobal.money import accounts, idempotency, journal, rates, releases
from bornglobal.money.escrow_plans import MilestonePlan, check_plan, milestone_from
from bornglobal.money.journal import Leg
from bornglobal.money.locks import lock_accounts, lock_milestone_of
from bornglobal.money.models import (
    Disclosure,
    Escrow,
    Kind,
    LedgerTransaction,
    Milestone,
    Purpose,
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
    key: str = "",
) -> Escrow:
    """An escrow for one contract, in the venture's currency, with its milestones.

    With an idempotency key, a retry of the same request answers the same escrow.
    """
    key = idempotency.clean_key(key, required=False)
    print_ = idempotency.fingerprint(
        op="escrow",
        payee=payee_email,
        contract=contract_ref,
        title=title,
        milestones=[(p.title, str(p.amount), p.due_on) for p in milestones],
        payee_currency=payee_currency,
    )
    with transaction.atomic():
        venture = _venture(actor, venture_id)
        claim = idempotency.claim(idempotency.venture_space(venture.id), key, "escrow", print_)
        if not claim.fresh:
            return Escrow.objects.get(id=claim.result_id)
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
        exists = Conflict("This contract already has an escrow.", code="escrow_exists")
        if Escrow.objects.filter(venture=venture, contract_ref=ref).exists():
            raise exists
        try:
            with transaction.atomic():  # another request may open it at the same moment
                escrow = Escrow.objects.create(
                    venture=venture,
                    payee=payee,
                    contract_ref=ref,
                    title=title.strip()[:200] or ref,
                    currency=venture.base_currency,
                    created_at=clock.now(),
                    payee_currency=places.currency_code(payee_currency or payee.currency),
                )
        except IntegrityError:
            raise exists from None
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
        claim.done(escrow.id)
    return escrow


def _locked_milestone(
    actor: Actor, venture_id: int, milestone_id: int
) -> tuple[Venture, Milestone]:
    venture = _venture(actor, venture_id)
    milestone = lock_milestone_of(venture.id, milestone_id)
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
    # Only what the client sent is the request: a retry after midnight without `on`
    # is the same request. The day it resolved to is stored with the result.
    print_ = journal.fingerprint(op=kind, milestone=milestone.id, amount=str(amount), on=on)
    value_date = on or clock.today()
    try:
        gross = releases.movable_amount(milestone, amount, allowed, verb="paid")
        fee = FeeSchedule(basis_points=settings.PLATFORM_FEE_BP).fee_on(gross)
        conversion = convert(gross - fee, escrow.payee_currency, value_date, rates.current())
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
        value_date=value_date,
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
            "rate_age_days": conversion.rate.age_days,
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


def hold_for_settlement(actor: Actor, venture_id: int, milestone_id: int) -> Milestone:
    """Lock a milestone and every account a payment and a refund of it touch, for a
    caller that does both in one transaction (an hourly week paid and its rest refunded)."""
    venture, milestone = _locked_milestone(actor, venture_id, milestone_id)
    lock_settlement_accounts(venture, milestone)
    return milestone


def lock_settlement_accounts(venture: Venture, milestone: Milestone) -> None:
    """The escrow, wallet, payable, fee and FX accounts of a milestone, locked at once in
    id order: a payment then a refund never lock an account below one already held."""
    escrow, spec = milestone.escrow, accounts.AccountSpec
    wanted = [
        spec(Purpose.ESCROW, escrow.currency, escrow_id=escrow.id),
        spec(Purpose.WALLET, escrow.currency),
        spec(Purpose.PAYABLE, escrow.payee_currency, person_id=escrow.payee_id),
    ]
    if settings.PLATFORM_FEE_BP:
        wanted.append(spec(Purpose.PLATFORM_FEES, escrow.currency))
    if escrow.payee_currency != escrow.currency:
        wanted += [
            spec(Purpose.FX_CLEARING, escrow.currency),
            spec(Purpose.FX_CLEARING, escrow.payee_currency),
        ]
    lock_accounts(accounts.resolve(venture, wanted).values())


# Disputes live in their own module; they are part of this service's interface.
from bornglobal.money.disputes import (  # noqa: E402
    Resolution,
    open_dispute,
    resolve_dispute,
)

__all__ = [
    "MilestonePlan",
    "Resolution",
    "deposit",
    "fund_milestone",
    "hold_for_settlement",
    "open_dispute",
    "open_escrow",
    "refund",
    "release",
    "resolve_dispute",
]
