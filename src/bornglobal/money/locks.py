"""Row locks for the money app, always in a fixed order: milestones, then accounts,
each by primary key. Every service takes its locks through these two helpers."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from bornglobal.money.models import Account, Milestone


def lock_milestones(ids: Iterable[int]) -> dict[int, Milestone]:
    ordered = sorted(set(ids))
    rows = Milestone.objects.select_for_update().filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_accounts(accounts: Iterable[Account]) -> dict[int, Account]:
    ordered = sorted({account.pk for account in accounts})
    rows = Account.objects.select_for_update(no_key=True).filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_account_ids(ids: list[int]) -> None:
    """Lock accounts for a balance update, lowest id first. FOR NO KEY UPDATE lets new
    postings keep referencing them. SQLite has no row locks: its writer lock serialises."""
    if not connection.features.has_select_for_update:
        return
    table = connection.ops.quote_name(Account._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {table} WHERE id IN ({marks}) ORDER BY id FOR NO KEY UPDATE",  # noqa: S608
            sorted(ids),
        )
