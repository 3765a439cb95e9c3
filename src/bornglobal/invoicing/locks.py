"""Row locks for the invoicing app, always in one order: invoices (by primary key),
then the series counter. A credit note locks its original invoice first, then its
own series; issuing locks only the series. Inside the caller's transaction, and
checked against the global order of `money.lock_order` (after any money locks)."""

from __future__ import annotations

from collections.abc import Iterable

from bornglobal.invoicing.models import Invoice, InvoiceSeries
from bornglobal.money.lock_order import Rank, note


def lock_invoices(ids: Iterable[int]) -> dict[int, Invoice]:
    ordered = sorted(set(ids))
    note(Rank.INVOICE, ordered)
    rows = Invoice.objects.select_for_update().filter(id__in=ordered).order_by("id")
    return {row.id: row for row in rows}


def lock_series(series_id: int) -> InvoiceSeries:
    note(Rank.INVOICE_SERIES, [series_id])
    return InvoiceSeries.objects.select_for_update().get(id=series_id)
