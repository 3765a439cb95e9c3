"""Credit notes: a document that refers to an issued invoice and reverses some or all
of it, numbered in the issuer's CN series.

A credit note keeps the original's tax decisions (the supply was taxed then) and
never reverses more of a line than is left after earlier credit notes: the
original is locked while the quantities left are worked out. Who may credit: the
venture that drew the invoice up (its sales, and what it self-billed), or the
freelancer for their own invoice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from bornglobal import clock
from bornglobal.domain.errors import Conflict, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.invoicing import numbering
from bornglobal.invoicing.issuing import Draft, _clean_key, _write
from bornglobal.invoicing.locks import lock_invoices
from bornglobal.invoicing.models import DocumentKind, Invoice, InvoiceLine, Origin
from bornglobal.invoicing.taxes import LinePlan, Party
from bornglobal.money import idempotency
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor


@dataclass(frozen=True, slots=True)
class CreditLine:
    """Reverse `quantity` of the original line `line_id` (all of it when None)."""

    line_id: int
    quantity: Decimal | None = None


def issue_credit_note(
    actor: Actor,
    invoice_id: int,
    lines: list[CreditLine] | None = None,
    *,
    reason: str = "",
    key: str = "",
) -> Invoice:
    """A credit note reversing some or all of an issued invoice, in the issuer's CN series.

    It keeps the original's tax decisions (the supply was taxed then), and never
    reverses more of a line than is left after earlier credit notes.
    """
    key = _clean_key(key)
    print_ = idempotency.fingerprint(
        op="credit_note",
        invoice=invoice_id,
        lines=[(line.line_id, line.quantity) for line in lines or []],
        reason=reason,
    )
    with transaction.atomic():
        original = _creditable(actor, invoice_id)
        own = original.freelancer_id == actor.user.id and original.origin == Origin.ISSUED
        space = (
            idempotency.person_space(actor.user.id)
            if own
            else idempotency.venture_space(original.venture_id)
        )
        claim = idempotency.claim(space, key, "credit_note", print_)
        if not claim.fresh:
            return Invoice.objects.get(id=claim.result_id)
        original = lock_invoices([original.id])[original.id]
        chosen = _credited_quantities(original, lines)
        issued = clock.today()
        draft = _credit_draft(original, chosen, issued, key, reason)
        credit = _write(draft, actor.user)
        claim.done(credit.id)
        return credit


def _creditable(actor: Actor, invoice_id: int) -> Invoice:
    """The invoice, if the actor may credit it: the venture that drew it up, or its
    freelancer for their own (not self-billed) invoice."""
    invoice = Invoice.objects.select_related("venture", "freelancer").filter(id=invoice_id).first()
    if invoice is None:
        raise NotFound("No such invoice.")
    own = (
        invoice.freelancer_id == actor.user.id
        and invoice.origin == Origin.ISSUED
        and actor.venture_scope is None
    )
    if own:
        return invoice
    if invoice.freelancer_id is not None and invoice.origin == Origin.ISSUED:
        if actor.reaches_venture(invoice.venture_id) and tenancy.role_in(
            actor.user, invoice.venture_id
        ):
            raise Forbidden(
                "Only the freelancer who issued this invoice may credit it.", code="not_the_issuer"
            )
        raise NotFound("No such invoice.")
    tenancy.venture_for(actor, invoice.venture_id, Action.MANAGE_MONEY)
    if invoice.is_credit_note:
        raise Conflict("A credit note cannot itself be credited.", code="credit_note_of_credit")
    return invoice


def _credited_quantities(original: Invoice, wanted: list[CreditLine] | None):
    """[(original line, quantity to reverse)], checked against what is left."""
    lines = {line.id: line for line in original.lines.all()}
    left = {line.id: line.quantity for line in lines.values()}
    for earlier in InvoiceLine.objects.filter(credits_line__invoice=original):
        left[earlier.credits_line_id] -= earlier.quantity
    wanted = wanted or [CreditLine(line_id) for line_id in lines if left[line_id] > 0]
    chosen = []
    for item in wanted:
        if item.line_id not in lines:
            raise NotFound("The invoice has no such line.", code="line_not_found")
        quantity = left[item.line_id] if item.quantity is None else item.quantity
        if quantity <= 0 or quantity > left[item.line_id]:
            raise Conflict(
                f"Line {lines[item.line_id].position} has {left[item.line_id]} left to credit.",
                code="exceeds_invoice",
                details={"line_id": item.line_id, "left": str(left[item.line_id])},
            )
        chosen.append((lines[item.line_id], quantity))
    if not chosen:
        raise Conflict(
            "Everything on this invoice has been credited already.", code="fully_credited"
        )
    return chosen


def _credit_draft(original: Invoice, chosen, issued: date, key: str, reason: str) -> Draft:
    seller = Party(
        original.seller_name,
        original.seller_address,
        original.seller_country,
        original.seller_vat_id,
    )
    buyer = Party(
        original.buyer_name,
        original.buyer_address,
        original.buyer_country,
        original.buyer_vat_id,
        original.buyer_is_business,
        original.buyer_email,
    )
    plans = [
        LinePlan(
            description=f"Credit: {line.description}"[:300],
            quantity=quantity,
            unit_price=_price(line, original.currency),
            supply=line.supply_kind,
            rate_kind=line.rate_kind,
            ship_from=line.ship_from,
            ship_to=line.ship_to,
        )
        for line, quantity in chosen
    ]
    issuer_venture = None if original.freelancer_id else original.venture
    return Draft(
        venture=original.venture,
        seller=seller,
        buyer=buyer,
        series_code=numbering.CREDIT_NOTES,
        currency=original.currency,
        lines=plans,
        supply_date=original.supply_date,
        issue_date=issued,
        due_date=issued,
        kind=DocumentKind.CREDIT_NOTE,
        origin=original.origin,
        issuer_venture=issuer_venture,
        issuer_person=original.freelancer,
        customer=original.customer,
        credits=original,
        credited_lines=[line for line, _ in chosen],
        key=key,
        note=(reason or f"Credit note for {original.reference}").strip(),
    )


def _price(line: InvoiceLine, currency: str) -> Money:
    return Money(line.unit_price_minor, currency)
