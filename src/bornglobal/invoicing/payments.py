"""Payments against invoices: recording them, and what is still owed.

An invoice never changes when it is paid: each payment is its own row, and what is
owed is the total less the payments. Only invoices are paid; a credit note reduces
what its original owes instead.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Sum

from bornglobal import clock
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.invoicing.locks import lock_invoices
from bornglobal.invoicing.models import Invoice, Payment
from bornglobal.tenancy import audit
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor


def outstanding_minor(invoice: Invoice) -> int:
    """The total, less payments, less (the negative totals of) its credit notes."""
    if invoice.is_credit_note:
        return 0
    paid = invoice.payments.aggregate(s=Sum("amount_minor"))["s"] or 0
    credited = invoice.credit_notes.aggregate(s=Sum("total_minor"))["s"] or 0
    return max(invoice.total_minor + credited - paid, 0)


def is_overdue(invoice: Invoice, on: date | None = None) -> bool:
    return outstanding_minor(invoice) > 0 and (on or clock.today()) > invoice.due_date


def record_settlement(
    invoice: Invoice, amount: Money, paid_on: date, note: str, actor_user=None
) -> Payment:
    """Store a payment inside the caller's transaction (the invoice already locked)."""
    return Payment.objects.create(
        invoice=invoice,
        amount_minor=amount.minor,
        paid_on=paid_on,
        note=note[:200],
        recorded_at=clock.now(),
        recorded_by=actor_user,
    )


def _payable(actor: Actor, invoice_id: int) -> Invoice:
    """The invoice, if the actor is its seller's side: the venture that issued it (or
    self-bills it), or the freelancer who issued it."""
    invoice = Invoice.objects.filter(id=invoice_id).first()
    if invoice is None:
        raise NotFound("No such invoice.")
    if invoice.freelancer_id == actor.user.id and actor.venture_scope is None:
        return invoice
    tenancy.venture_for(actor, invoice.venture_id, Action.MANAGE_MONEY)
    return invoice


def record_payment(
    actor: Actor, invoice_id: int, amount: Money, paid_on: date | None = None, note: str = ""
) -> Payment:
    """A payment received for an invoice, at most what it still owes."""
    with transaction.atomic():
        invoice = _payable(actor, invoice_id)
        invoice = lock_invoices([invoice.id])[invoice.id]
        if invoice.is_credit_note:
            raise Conflict(
                "A credit note is not paid; it reduces its invoice.", code="credit_note_not_payable"
            )
        if amount.currency != invoice.currency:
            raise DomainError(f"The invoice is in {invoice.currency}.", code="currency_mismatch")
        owed = outstanding_minor(invoice)
        if not amount.is_positive or amount.minor > owed:
            raise Conflict(
                f"The invoice owes {Money(owed, invoice.currency)}; {amount} cannot be paid.",
                code="exceeds_outstanding",
                details={"outstanding_minor": owed},
            )
        payment = record_settlement(invoice, amount, paid_on or clock.today(), note, actor.user)
        audit.record(
            actor.user,
            "invoicing.payment_recorded",
            venture=invoice.venture,
            target=invoice,
            after={"amount": str(amount), "paid_on": str(payment.paid_on)},
        )
    return payment
