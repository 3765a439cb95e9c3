"""Writing to the ledger: one balanced, immutable transaction per business event.

`record` validates the legs with the pure `domain.ledger` rules, writes the
transaction and its postings, and moves the cached balances of the (already
locked) accounts in the same database transaction. `replay` finds an earlier
transaction under the same idempotency key: the same request returns the first
result, a different request under a used key is refused. Keys and fingerprints
are the shared ones of `money.idempotency`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import connection

from bornglobal import clock, rows
from bornglobal.domain.fx import Conversion
from bornglobal.domain.ledger import ProposedPosting, require_valid
from bornglobal.domain.money import Money
from bornglobal.money.idempotency import MAX_KEY_LENGTH, clean_key, fingerprint, reused
from bornglobal.money.locks import lock_account_ids
from bornglobal.money.models import Account, LedgerTransaction, Milestone, Posting
from bornglobal.tenancy.models import User, Venture

__all__ = ["MAX_KEY_LENGTH", "Leg", "clean_key", "fingerprint", "record", "replay"]


@dataclass(frozen=True, slots=True)
class Leg:
    account: Account
    amount: Money


def replay(venture: Venture, key: str, print_: str) -> LedgerTransaction | None:
    earlier = LedgerTransaction.objects.filter(venture=venture, idempotency_key=key).first()
    if earlier is not None and earlier.fingerprint != print_:
        raise reused({"transaction_id": earlier.id, "kind": earlier.kind})
    return earlier


def record(
    venture: Venture,
    *,
    kind: str,
    key: str,
    print_: str,
    legs: Sequence[Leg],
    actor: User | None,
    memo: str = "",
    milestone: Milestone | None = None,
    conversion: Conversion | None = None,
    reverses: LedgerTransaction | None = None,
    settle: bool = True,
    unchecked_key: bool = False,
    value_date: date | None = None,
) -> LedgerTransaction | None:
    """Write one balanced transaction and its postings.

    With `unchecked_key` the caller has not looked the key up first: if it is taken,
    nothing is written and None is returned (the caller then calls `replay`). That
    saves a query on the hot path, where keys are nearly always new.
    """
    legs = [leg for leg in legs if not leg.amount.is_zero]
    require_valid(
        [ProposedPosting(str(leg.account.pk), leg.account.currency, leg.amount) for leg in legs]
    )
    fx = _fx_fields(conversion)
    txn = rows.insert(
        LedgerTransaction(
            venture=venture,
            idempotency_key=key,
            fingerprint=print_,
            kind=kind,
            memo=memo[:300],
            created_by=actor,
            milestone=milestone,
            reverses=reverses,
            occurred_at=clock.now(),
            value_date=value_date,
            **fx,
        ),
        skip_conflict=unchecked_key,
    )
    if txn is None:
        return None
    rows.insert_many(
        [
            Posting(
                transaction=txn,
                account=leg.account,
                amount_minor=leg.amount.minor,
                currency=leg.amount.currency,
            )
            for leg in legs
        ]
    )
    if settle:
        move_balances(legs)
    return txn


def move_balances(legs: Sequence[Leg]) -> None:
    """Lock the touched accounts in id order, then one UPDATE moves every cached balance.

    A service that writes more after its postings passes `settle=False` to `record`
    and calls this last, so that busy accounts (a payee's payable, FX clearing) stay
    locked only for the final update and the commit.
    """
    change: dict[int, int] = {}
    for leg in legs:
        change[leg.account.pk] = change.get(leg.account.pk, 0) + leg.amount.minor
    ids = sorted(change)
    marks = ", ".join(["%s"] * len(ids))
    table = connection.ops.quote_name(Account._meta.db_table)
    lock_account_ids(ids)
    with connection.cursor() as cursor:
        # The hottest statement of every money movement, so it is written out by hand:
        # one UPDATE moves every balance the transaction touches.
        cases = " ".join(["WHEN %s THEN %s"] * len(ids))
        cursor.execute(
            f"UPDATE {table} SET balance_minor = balance_minor + CASE id {cases} END "  # noqa: S608
            f"WHERE id IN ({marks})",
            [value for pk in ids for value in (pk, change[pk])] + ids,
        )


def _fx_fields(conversion: Conversion | None) -> dict:
    if conversion is None or conversion.source.currency == conversion.target.currency:
        return {}
    rate = conversion.rate
    return {
        "fx_base": rate.base,
        "fx_quote": rate.quote,
        "fx_rate": rate.value,
        "fx_source": rate.source[:64],
        "fx_date": rate.used,
        "fx_age_days": rate.age_days,
    }


def reversal_legs(txn: LedgerTransaction) -> list[Leg]:
    return [
        Leg(posting.account, Money(-posting.amount_minor, posting.currency))
        for posting in txn.postings.select_related("account")
    ]
