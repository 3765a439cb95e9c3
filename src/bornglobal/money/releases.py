"""What a payment out of escrow consists of: the amount that may leave, the legs it
posts (escrow out, fee in, the net through FX clearing to the payee's payable) and
the disclosure the payee is shown. Used by `services` for releases and dispute
outcomes."""

from __future__ import annotations

from django.conf import settings

from bornglobal import clock, rows
from bornglobal.domain.errors import Conflict, DomainError
from bornglobal.domain.fx import Conversion
from bornglobal.domain.money import Money
from bornglobal.money import accounts
from bornglobal.money.journal import Leg
from bornglobal.money.models import Disclosure, Escrow, LedgerTransaction, Milestone, Purpose

MAX_MINOR = 10**15  # far above any real payment, far below the 64-bit columns


def require_positive(amount: Money) -> None:
    """Money moved by a service is more than zero and fits the ledger's columns."""
    if not amount.is_positive:
        raise DomainError("The amount must be more than zero.", code="invalid_amount")
    if amount.minor >= MAX_MINOR:
        raise DomainError(
            f"{amount} is larger than any payment this ledger accepts.", code="invalid_amount"
        )


def movable_amount(
    milestone: Milestone, amount: Money | None, allowed: tuple[str, ...], *, verb: str
) -> Money:
    """The amount to move out of a milestone's escrow (all it holds by default), if allowed."""
    held = Money(milestone.held_minor, milestone.escrow.currency)
    wanted = amount if amount is not None else held
    if milestone.state not in allowed:
        raise Conflict(
            f"The milestone is {milestone.state}; it cannot be {verb} now.",
            code=f"milestone_{milestone.state}",
        )
    require_positive(wanted)
    if wanted.currency != held.currency or wanted > held:
        raise Conflict(
            f"Escrow holds {held} for this milestone; {wanted} cannot be {verb}.",
            code="exceeds_escrow",
        )
    return wanted


def release_legs(escrow: Escrow, gross: Money, fee: Money, conversion: Conversion) -> list[Leg]:
    """Escrow out; fee in; the net through FX clearing (if currencies differ) to the payable."""
    net, paid = conversion.source, conversion.target
    spec = accounts.AccountSpec
    held = spec(Purpose.ESCROW, escrow.currency, escrow_id=escrow.id)
    fees = spec(Purpose.PLATFORM_FEES, fee.currency)
    fx_out, fx_in = (
        spec(Purpose.FX_CLEARING, net.currency),
        spec(Purpose.FX_CLEARING, paid.currency),
    )
    owed = spec(Purpose.PAYABLE, paid.currency, person_id=escrow.payee_id)
    cross = net.currency != paid.currency
    wanted = [held, owed] + ([fees] if fee.is_positive else []) + ([fx_out, fx_in] if cross else [])
    found = accounts.resolve(escrow.venture, wanted)
    legs = [Leg(found[held], gross)]
    if fee.is_positive:
        legs.append(Leg(found[fees], -fee))
    if cross:
        legs += [Leg(found[fx_out], -net), Leg(found[fx_in], paid)]
    return [*legs, Leg(found[owed], -paid)]


def disclosure_for(
    txn: LedgerTransaction, escrow: Escrow, gross: Money, fee: Money, conversion: Conversion
) -> Disclosure:
    rate = conversion.rate
    fees = (
        [{"name": "platform fee", "basis_points": settings.PLATFORM_FEE_BP, "amount": str(fee)}]
        if fee.is_positive
        else []
    )
    return rows.insert(
        Disclosure(
            transaction=txn,
            payee=escrow.payee,
            gross_minor=gross.minor,
            fee_minor=fee.minor,
            net_minor=conversion.source.minor,
            currency=gross.currency,
            paid_minor=conversion.target.minor,
            paid_currency=conversion.target.currency,
            mid_market_rate=rate.value,
            applied_rate=rate.value,
            rate_source=rate.source[:64],
            rate_date=rate.used,
            rate_age_days=rate.age_days,
            rate_note=rate.describe()[:300],
            fees=fees,
            created_at=clock.now(),
        )
    )
