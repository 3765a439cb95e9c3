"""Invoices for escrow payments: a freelancer bills the venture that paid them.

When escrow is released to a payee (or a dispute pays them), the money app hands
the payment's disclosure to `on_escrow_paid`, which enqueues `tasks.invoice_escrow_payment`
once the payment has committed. The task calls `invoice_escrow_payment`, which is
idempotent: a payment is invoiced at most once (a UNIQUE link to its disclosure).

The invoice is in the freelancer's name for the gross amount released, in the
contract's currency, dated the day of the payment. The released amount is the
taxable amount: it is recorded as paid, and any VAT charged on top (a domestic
supply) stays owed until paid. The invoice is

- under an accepted self-billing agreement, the venture draws it up for the
  freelancer ("Self-billing", Art. 224 and 226(10a)), numbered in the
  freelancer's series SB<venture id>;
- otherwise it is the freelancer's own invoice in their INV series.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from bornglobal.domain.money import Money
from bornglobal.invoicing import numbering, parties, payments
from bornglobal.invoicing.issuing import Draft, _write
from bornglobal.invoicing.models import Invoice, Origin, SelfBillingAgreement
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.money.models import Disclosure


def on_escrow_paid(disclosure_id: int) -> None:
    """Called by the money app inside the payment's transaction: invoice it after commit."""

    def enqueue() -> None:
        from bornglobal.invoicing.tasks import invoice_escrow_payment

        invoice_escrow_payment.enqueue(disclosure_id)

    transaction.on_commit(enqueue, robust=True)


def invoice_escrow_payment(disclosure_id: int) -> Invoice:
    """The invoice for one escrow payment (the existing one when asked again)."""
    with transaction.atomic():
        disclosure = Disclosure.objects.select_related(
            "transaction__venture", "transaction__milestone__escrow", "payee"
        ).get(id=disclosure_id)
        earlier = Invoice.objects.filter(disclosure=disclosure).first()
        if earlier is not None:
            return earlier
        invoice = _write(_draft(disclosure), disclosure.transaction.created_by)
        gross = Money(disclosure.gross_minor, disclosure.currency)
        payments.record_settlement(invoice, gross, invoice.issue_date, "escrow payment")
    return invoice


def _draft(disclosure: Disclosure) -> Draft:
    txn = disclosure.transaction
    venture, escrow, payee = txn.venture, txn.milestone.escrow, disclosure.payee
    agreed = SelfBillingAgreement.objects.filter(
        venture=venture, freelancer=payee, state=SelfBillingAgreement.State.ACCEPTED
    ).exists()
    day = txn.occurred_at.date()
    line = LinePlan(
        description=f"{escrow.title}: {txn.milestone.title} (contract {escrow.contract_ref})",
        quantity=Decimal(1),
        unit_price=Money(disclosure.gross_minor, disclosure.currency),
    )
    return Draft(
        venture=venture,
        seller=parties.person_party(payee),
        buyer=parties.venture_party(venture, as_issuer=False),
        series_code=numbering.self_billing_code(venture.id) if agreed else numbering.INVOICES,
        currency=disclosure.currency,
        lines=[line],
        supply_date=day,
        issue_date=day,
        due_date=day,
        origin=Origin.SELF_BILLED if agreed else Origin.ISSUED,
        issuer_person=payee,
        disclosure_id=disclosure.id,
        over_threshold=False,
        key=f"escrow-payment-{disclosure.id}",
        note="Self-billing" if agreed else "",
    )
