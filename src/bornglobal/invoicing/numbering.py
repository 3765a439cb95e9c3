"""Sequential, gapless numbers per issuer and series.

Each (issuer, series code) has one counter row. `locked_series` makes sure the row
exists (an INSERT that does nothing when a concurrent transaction made it first)
and locks it; `take` hands out its `next_number` and moves it on. Both run inside
the issuing transaction, so a number is used exactly when the invoice is written:
if issuing fails, the counter rolls back with it and no gap appears. Concurrent
issuers of the same series queue on the row lock.
"""

from __future__ import annotations

from django.db.models import F

from bornglobal import rows
from bornglobal.invoicing.locks import lock_series
from bornglobal.invoicing.models import InvoiceSeries

INVOICES, CREDIT_NOTES = "INV", "CN"


def self_billing_code(venture_id: int) -> str:
    """The series a venture self-bills a freelancer in, e.g. SB7."""
    return f"SB{venture_id}"


def locked_series(*, code: str, venture=None, person=None) -> InvoiceSeries:
    """The issuer's series `code`, created if new, locked until the transaction ends."""
    if (venture is None) == (person is None):
        raise ValueError("a series belongs to exactly one venture or one person")
    found = (
        InvoiceSeries.objects.filter(issuer_venture=venture, issuer_person=person, code=code)
        .values_list("id", flat=True)
        .first()
    )
    if found is None:
        rows.insert(
            InvoiceSeries(issuer_venture=venture, issuer_person=person, code=code, next_number=1),
            skip_conflict=True,
        )
        found = (
            InvoiceSeries.objects.filter(issuer_venture=venture, issuer_person=person, code=code)
            .values_list("id", flat=True)
            .get()
        )
    return lock_series(found)


def take(series: InvoiceSeries) -> int:
    """The next number of a locked series; the counter moves on by one."""
    number = series.next_number
    InvoiceSeries.objects.filter(id=series.id).update(next_number=F("next_number") + 1)
    series.next_number = number + 1
    return number


def reference(series: InvoiceSeries, number: int) -> str:
    return f"{series.code}-{number:06d}"
