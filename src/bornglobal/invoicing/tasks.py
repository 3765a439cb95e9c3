"""Background work of the invoicing app (django-tasks, run by `bornglobal worker`).

Every task is idempotent: invoicing an escrow payment twice returns the first
invoice, and a reminder stage is sent at most once per invoice.
"""

from __future__ import annotations

from django_tasks import task


@task()
def invoice_escrow_payment(disclosure_id: int) -> int:
    """Invoice one escrow payment (after it committed); answers the invoice id."""
    from bornglobal.invoicing import escrow

    return escrow.invoice_escrow_payment(disclosure_id).id


@task()
def remind(invoice_id: int) -> int:
    """Send the next due reminder for one invoice, and schedule the one after it."""
    from bornglobal.invoicing import reminders

    return reminders.remind_and_schedule(invoice_id)


@task()
def send_due_reminders() -> int:
    """Catch up on every overdue invoice (for a worker that was down); answers the count."""
    from bornglobal.invoicing import reminders

    return len(reminders.send_due())
