"""Getting paid: payments received against an invoice, and reminders sent for it.

Neither changes the invoice: what is still owed is the total less the payments,
and an invoice is overdue when something is owed after its due date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bornglobal.invoicing.models.documents import Invoice


class Payment(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount_minor = models.BigIntegerField(help_text="in the invoice's currency")
    paid_on = models.DateField()
    note = models.CharField(max_length=200, blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["invoice_id", "paid_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_minor__gt=0), name="invoice_payment_amount_positive"
            ),
        ]


class Reminder(models.Model):
    """A payment reminder for an overdue invoice; one per stage, sent by the worker."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="reminders")
    stage = models.PositiveSmallIntegerField(help_text="1 = first reminder")
    sent_at = models.DateTimeField(default=timezone.now)
    days_overdue = models.PositiveIntegerField()
    outstanding_minor = models.BigIntegerField()
    interest_minor = models.BigIntegerField(default=0)
    compensation_minor = models.BigIntegerField(default=0, help_text="in EUR cents")
    message = models.TextField()
    emailed_to = models.EmailField(blank=True, default="", help_text="empty: not e-mailed")

    class Meta:
        ordering = ["invoice_id", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "stage"], name="invoice_reminder_one_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(stage__gte=1), name="invoice_reminder_stage_positive"
            ),
        ]
