"""Row locks for the money app, always in a fixed order: milestones, then accounts,
each by primary key. Every service takes its locks through these two helpers."""

from __future__ import annotations

from collections.abc import Iterable

from bornglobal.money.models import Account, Milestone


def lock_milestones(ids: Iterable[int]) -> dict[int, Milestone]:
    ordered = sorted(set(ids))
    rows = Milestone.objects.select_for_update().filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_accounts(accounts: Iterable[Account]) -> dict[int, Account]:
    ordered = sorted({account.pk for account in accounts})
    rows = Account.objects.select_for_update(no_key=True).filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_accounts_by_id(ids: Iterable[int]) -> None:
    """Lock accounts for a balance update (FOR NO KEY UPDATE: postings may still
    reference them), lowest id first."""
    ordered = sorted(set(ids))
    list(Account.objects.select_for_update(no_key=True).filter(id__in=ordered).order_by("id")
         .values_list("id", flat=True))
