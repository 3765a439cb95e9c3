"""Payment reminders, sent by the worker.

An unpaid invoice gets up to three reminders: the day after it falls due, and 14 and
30 days after. Issuing an invoice schedules the first reminder as a deferred task
(`tasks.remind`, run by `bornglobal worker` when its time comes); each reminder
schedules the next. `send_due` catches up on every overdue invoice at once (the
`bornglobal invoices remind` command, or the `send_due_reminders` task).

Sending is idempotent: a stage is recorded once per invoice (a UNIQUE constraint),
under a lock on the invoice, so two workers never send the same reminder. A
reminder records what was owed, the statutory interest and the compensation
offered on the day; the invoice itself does not change.

Each reminder is e-mailed to the buyer's address on the invoice, through Django's
e-mail API (`EMAIL_BACKEND`; the console by default), from `DEFAULT_FROM_EMAIL`.
The record says where it went (`emailed_to`); it stays empty when the buyer has no
address or the mail server refused the message (logged as an error), so the
reminder is never lost and the founder can see it was not delivered.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from bornglobal import clock
from bornglobal.invoicing import standing
from bornglobal.invoicing.locks import lock_invoices
from bornglobal.invoicing.models import DocumentKind, Invoice, Reminder
from bornglobal.tenancy import audit

logger = logging.getLogger(__name__)
STAGE_DAYS = (1, 14, 30)  # days overdue when reminder 1, 2, 3 is due


def next_stage(invoice: Invoice) -> int | None:
    sent = set(invoice.reminders.values_list("stage", flat=True))
    for stage in range(1, len(STAGE_DAYS) + 1):
        if stage not in sent:
            return stage
    return None


def remind(invoice_id: int, on: date | None = None) -> Reminder | None:
    """Send the next reminder for one invoice if it is due on `on`; else None."""
    on = on or clock.today()
    with transaction.atomic():
        invoice = lock_invoices([invoice_id]).get(invoice_id)
        if invoice is None or invoice.kind != DocumentKind.INVOICE:
            return None
        where = standing.of(invoice, on)
        stage = next_stage(invoice)
        if not where.overdue or stage is None or where.days_overdue < STAGE_DAYS[stage - 1]:
            return None
        reminder = Reminder.objects.create(
            invoice=invoice,
            stage=stage,
            sent_at=clock.now(),
            days_overdue=where.days_overdue,
            outstanding_minor=where.outstanding.minor,
            interest_minor=where.interest.minor if where.interest else 0,
            compensation_minor=where.compensation.minor if where.compensation else 0,
            message=message(invoice, stage, where),
        )
        audit.record(
            None,
            "invoicing.reminder_sent",
            venture=invoice.venture,
            target=invoice,
            after={"stage": stage, "days_overdue": where.days_overdue},
        )
    reminder.emailed_to = mail(reminder, invoice)
    if reminder.emailed_to:
        Reminder.objects.filter(id=reminder.id).update(emailed_to=reminder.emailed_to)
    logger.info(
        "reminder %s for %s %s",
        stage,
        invoice.reference,
        f"e-mailed to {reminder.emailed_to}" if reminder.emailed_to else "recorded, not e-mailed",
    )
    return reminder


def mail(reminder: Reminder, invoice: Invoice) -> str:
    """E-mail the reminder to the buyer; the address it went to, or "" if it did not."""
    if not invoice.buyer_email:
        return ""
    email = EmailMessage(
        subject=f"Reminder {reminder.stage}: invoice {invoice.reference} is overdue",
        body=f"Dear {invoice.buyer_name},\n\n{reminder.message}\n\n{invoice.seller_name}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invoice.buyer_email],
    )
    try:
        email.send(fail_silently=False)
    except (OSError, ValueError):
        logger.exception("reminder %s for %s not e-mailed", reminder.stage, invoice.reference)
        return ""
    return invoice.buyer_email


def message(invoice: Invoice, stage: int, where: standing.Standing) -> str:
    return (
        f"Reminder {stage}: {invoice.seller_name}'s invoice {invoice.reference} of "
        f"{invoice.issue_date.isoformat()} fell due on {invoice.due_date.isoformat()}. "
        + where.summary()
    )


def send_due(on: date | None = None) -> list[Reminder]:
    """Every reminder due on `on`, one per overdue invoice."""
    on = on or clock.today()
    candidates = (
        Invoice.objects.filter(kind=DocumentKind.INVOICE, due_date__lt=on)
        .exclude(reminders__stage=len(STAGE_DAYS))
        .values_list("id", flat=True)
    )
    sent = [remind(invoice_id, on) for invoice_id in candidates]
    return [reminder for reminder in sent if reminder is not None]


def remind_and_schedule(invoice_id: int) -> int:
    """The worker's task: send what is due, then schedule the next stage."""
    reminder = remind(invoice_id)
    schedule(invoice_id)
    return reminder.stage if reminder else 0


def schedule(invoice_id: int) -> None:
    """Enqueue `tasks.remind` for the invoice's next stage, where the backend can defer."""
    from django_tasks import default_task_backend

    from bornglobal.invoicing.tasks import remind as remind_task

    if not default_task_backend.supports_defer:
        return
    invoice = Invoice.objects.filter(id=invoice_id, kind=DocumentKind.INVOICE).first()
    stage = next_stage(invoice) if invoice else None
    if stage is None or standing.of(invoice).state == "paid":
        return
    day = invoice.due_date + timedelta(days=STAGE_DAYS[stage - 1])
    at = max(datetime.combine(day, time(8, 0), tzinfo=UTC), clock.now() + timedelta(minutes=1))
    remind_task.using(run_after=at).enqueue(invoice_id)


def schedule_after_commit(invoice_id: int) -> None:
    transaction.on_commit(lambda: schedule(invoice_id), robust=True)
