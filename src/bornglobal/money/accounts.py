"""Finding or opening the ledger accounts a movement needs.

Accounts are opened on first use. Two requests may open the same account at the
same moment; the unique constraints decide, and the loser reads the winner's row.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

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
