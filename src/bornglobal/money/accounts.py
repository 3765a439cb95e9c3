"""Finding or opening the ledger accounts a movement needs.

Accounts are opened on first use. Two requests may open the same account at the
same moment; the unique constraints decide, and the loser reads the winner's row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from bornglobal.money.models import PURPOSE_TYPES, Account, Escrow, Purpose
from bornglobal.tenancy.models import User, Venture


def account_for(
    venture: Venture,
    purpose: Purpose,
    currency: str,
    *,
    escrow: Escrow | None = None,
    person: User | None = None,
) -> Account:
    lookup = {
        "venture": venture,
        "purpose": purpose,
        "currency": currency,
        "escrow": escrow,
        "person": person,
    }
    found = Account.objects.filter(**lookup).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Account.objects.create(type=PURPOSE_TYPES[purpose], **lookup)
    except IntegrityError:
        return Account.objects.get(**lookup)


def wallet(venture: Venture, currency: str) -> Account:
    return account_for(venture, Purpose.WALLET, currency)


def bank_clearing(venture: Venture, currency: str) -> Account:
    return account_for(venture, Purpose.BANK_CLEARING, currency)


def escrow_account(escrow: Escrow) -> Account:
    return account_for(escrow.venture, Purpose.ESCROW, escrow.currency, escrow=escrow)


def payable(venture: Venture, person: User, currency: str) -> Account:
    return account_for(venture, Purpose.PAYABLE, currency, person=person)


def platform_fees(venture: Venture, currency: str) -> Account:
    return account_for(venture, Purpose.PLATFORM_FEES, currency)


def fx_clearing(venture: Venture, currency: str) -> Account:
    return account_for(venture, Purpose.FX_CLEARING, currency)


@dataclass(frozen=True, slots=True)
class AccountSpec:
    purpose: Purpose
    currency: str
    escrow_id: int | None = None
    person_id: int | None = None


def spec_of(account: Account) -> AccountSpec:
    return AccountSpec(
        Purpose(account.purpose), account.currency, account.escrow_id, account.person_id
    )


_known_ids: dict[tuple[int, AccountSpec], int] = {}


def resolve(venture: Venture, specs: list[AccountSpec]) -> dict[AccountSpec, Account]:
    """Find (or open) every account a movement needs, without locking them (the balance
    update locks them last, in id order: `journal.move_balances`).

    Accounts are never deleted or re-keyed, so once the transaction that found them has
    committed, their ids are remembered per process and no query is needed at all.
    """
    ids = [_known_ids.get((venture.pk, spec)) for spec in specs]
    if None not in ids:  # all known: no query needed, the spec says everything else
        return {spec: _known(venture, spec, pk) for spec, pk in zip(specs, ids, strict=True)}
    wanted = Q()
    for spec in specs:
        wanted |= Q(
            purpose=spec.purpose,
            currency=spec.currency,
            escrow_id=spec.escrow_id,
            person_id=spec.person_id,
        )
    rows = Account.objects.filter(wanted, venture=venture)
    found = {spec_of(a): a for a in rows}
    for spec in specs:
        if spec not in found:
            found[spec] = _open(venture, spec)
    learned = {(venture.pk, spec): account.pk for spec, account in found.items() if spec in specs}
    transaction.on_commit(lambda: _known_ids.update(learned))
    return {spec: found[spec] for spec in specs}


def _known(venture: Venture, spec: AccountSpec, pk: int) -> Account:
    account = Account(
        id=pk,
        venture=venture,
        purpose=spec.purpose,
        currency=spec.currency,
        type=PURPOSE_TYPES[spec.purpose],
        escrow_id=spec.escrow_id,
        person_id=spec.person_id,
    )
    account._state.adding, account._state.db = False, "default"
    return account


def _open(venture: Venture, spec: AccountSpec) -> Account:
    lookup = {
        "venture": venture,
        "purpose": spec.purpose,
        "currency": spec.currency,
        "escrow_id": spec.escrow_id,
        "person_id": spec.person_id,
    }
    try:
        with transaction.atomic():
            return Account.objects.create(type=PURPOSE_TYPES[spec.purpose], **lookup)
    except IntegrityError:
        return Account.objects.get(**lookup)


def forget() -> None:
    """Drop the remembered account ids (tests that empty the database call this)."""
    _known_ids.clear()
