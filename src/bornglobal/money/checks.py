"""`bornglobal ledger check`: proofs that the books are whole.

Each check returns error records (beancount-style: collect, don't raise):
- every transaction balances per currency;
- every cached balance equals the sum of its account's postings;
- no escrow and no payable holds a negative amount;
- every milestone's funded - released - refunded equals what its escrow postings hold,
  and every escrow account's balance equals the sum over its milestones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from django.db.models import Q, Sum

from bornglobal.money.models import Account, Milestone, Posting, Purpose


@dataclass(frozen=True, slots=True)
class Violation:
    check: str
    message: str
    venture_id: int | None = None
    object_id: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def run(venture_id: int | None = None) -> list[Violation]:
    return [
        *unbalanced_transactions(venture_id),
        *stale_balances(venture_id),
        *negative_holdings(venture_id),
        *escrow_mismatches(venture_id),
    ]


def _scope(venture_id: int | None, field: str) -> Q:
    return Q(**{field: venture_id}) if venture_id is not None else Q()


def unbalanced_transactions(venture_id: int | None) -> list[Violation]:
    rows = (
        Posting.objects.filter(_scope(venture_id, "transaction__venture_id"))
        .values("transaction_id", "transaction__venture_id", "currency")
        .annotate(total=Sum("amount_minor"))
        .exclude(total=0)
    )
    return [
        Violation(
            "balanced",
            f"transaction {r['transaction_id']} is off by {r['total']} "
            f"minor units of {r['currency']}",
            r["transaction__venture_id"],
            r["transaction_id"],
        )
        for r in rows
    ]


def stale_balances(venture_id: int | None) -> list[Violation]:
    sums = dict(
        Posting.objects.filter(_scope(venture_id, "account__venture_id"))
        .values_list("account_id")
        .annotate(total=Sum("amount_minor"))
    )
    violations = []
    for account in Account.objects.filter(_scope(venture_id, "venture_id")).only(
        "id", "venture_id", "balance_minor"
    ):
        expected = sums.get(account.id, 0)
        if account.balance_minor != expected:
            violations.append(
                Violation(
                    "cached_balance",
                    f"account {account.id} caches {account.balance_minor} but its "
                    f"postings sum to {expected}",
                    account.venture_id,
                    account.id,
                )
            )
    return violations


def negative_holdings(venture_id: int | None) -> list[Violation]:
    held = Account.objects.filter(
        _scope(venture_id, "venture_id"),
        purpose__in=[Purpose.ESCROW, Purpose.PAYABLE],
        balance_minor__gt=0,
    )
    return [
        Violation(
            "not_negative",
            f"{a.purpose} account {a.id} is negative ({-a.balance_minor} {a.currency})",
            a.venture_id,
            a.id,
        )
        for a in held
    ]


def escrow_mismatches(venture_id: int | None) -> list[Violation]:
    posted = defaultdict(int)
    for milestone_id, total in (
        Posting.objects.filter(
            _scope(venture_id, "account__venture_id"), account__purpose=Purpose.ESCROW
        )
        .values_list("transaction__milestone_id")
        .annotate(total=Sum("amount_minor"))
    ):
        posted[milestone_id] = -total
    violations, per_escrow = [], defaultdict(int)
    for m in Milestone.objects.filter(_scope(venture_id, "escrow__venture_id")).select_related(
        "escrow"
    ):
        per_escrow[m.escrow_id] += m.held_minor
        if m.held_minor != posted[m.id]:
            violations.append(
                Violation(
                    "escrow_movements",
                    f"milestone {m.id}: funded - released - refunded = "
                    f"{m.held_minor} but its escrow postings hold {posted[m.id]}",
                    m.escrow.venture_id,
                    m.id,
                )
            )
    for account in Account.objects.filter(_scope(venture_id, "venture_id"), purpose=Purpose.ESCROW):
        if -account.balance_minor != per_escrow[account.escrow_id]:
            violations.append(
                Violation(
                    "escrow_balance",
                    f"escrow account {account.id} holds {-account.balance_minor} "
                    f"but its milestones hold {per_escrow[account.escrow_id]}",
                    account.venture_id,
                    account.id,
                )
            )
    return violations
