"""Row locks for the money app: the escrow, then milestones, then accounts, each by
primary key, in the global order of `money.lock_order` (which every lock here
reports to). Every service takes its locks through these helpers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from bornglobal.money.lock_order import Rank, note
from bornglobal.money.models import Account, Escrow, Milestone


def lock_escrow(escrow_id: int, **filters) -> Escrow | None:
    note(Rank.ESCROW, [escrow_id])
    return Escrow.objects.select_for_update().filter(id=escrow_id, **filters).first()


def lock_milestones(ids: Iterable[int]) -> dict[int, Milestone]:
    ordered = sorted(set(ids))
    note(Rank.MILESTONE, ordered)
    rows = Milestone.objects.select_for_update().filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_milestone_of(venture_id: int, milestone_id: int) -> Milestone | None:
    """One milestone of the venture's escrows, locked (its escrow and payee read along)."""
    note(Rank.MILESTONE, [milestone_id])
    return (
        Milestone.objects.select_for_update(of=("self",))
        .select_related("escrow__payee")
        .filter(id=milestone_id, escrow__venture_id=venture_id)
        .first()
    )


def lock_accounts(accounts: Iterable[Account]) -> dict[int, Account]:
    ordered = sorted({account.pk for account in accounts})
    note(Rank.ACCOUNT, ordered)
    rows = Account.objects.select_for_update(no_key=True).filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_account_ids(ids: list[int]) -> None:
    """Lock accounts for a balance update, lowest id first. FOR NO KEY UPDATE lets new
    postings keep referencing them. SQLite has no row locks: its writer lock serialises
    (the order is still checked)."""
    note(Rank.ACCOUNT, ids)
    if not connection.features.has_select_for_update:
        return
    table = connection.ops.quote_name(Account._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE id IN ({marks}) ORDER BY id FOR NO KEY UPDATE",  # noqa: S608
            sorted(ids),
        )
