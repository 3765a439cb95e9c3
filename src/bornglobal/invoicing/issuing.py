"""Issuing invoices and credit notes.

Every document goes through `_write`: price the lines and decide their tax (pure),
convert the tax for Art. 230 when needed, lock the issuer's series, answer a retry
of the same idempotency key with the first document, take the next number, and
write the invoice, its lines and tax groups and an audit record -- all in the
caller's transaction, so a failure leaves neither a document nor a used number.

Three ways in: a venture invoices its customer (`issue_invoice`); an escrow payment
to a freelancer is invoiced in the freelancer's name, self-billed by the venture
under an accepted agreement or else as the freelancer's own invoice
(`escrow.invoice_escrow_payment`); and a credit note reverses some or all of an
issued document (`credit_notes.issue_credit_note`, which uses `_write` too).

Idempotency keys are claimed first, before any lock (`money.idempotency`): a retry of
the same request answers the first document, another request under the key is
refused with `idempotency_key_reused`. The request is what the client sent, not the
dates filled in for it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from django.db import transaction

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.domain.roles import Action
from bornglobal.invoicing import numbering, parties, reminders, taxes
from bornglobal.invoicing.models import (
    Customer,
    DocumentKind,
    Invoice,
    InvoiceLine,
    Origin,
    TaxGroup,
)
from bornglobal.invoicing.taxes import LinePlan, Party
from bornglobal.money import idempotency, rates
from bornglobal.tenancy import audit
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User, Venture

MAX_MINOR = 10**15  # far above any real invoice, far below the 64-bit columns


@dataclass(frozen=True)
class Draft:
    """Everything a document needs before it has a number."""

    venture: Venture
    seller: Party
    buyer: Party
    series_code: str
    currency: str
    lines: list[LinePlan]
    supply_date: date
    issue_date: date
    due_date: date
    kind: str = DocumentKind.INVOICE
    origin: str = Origin.ISSUED
    issuer_venture: Venture | None = None
    issuer_person: User | None = None
    customer: Customer | None = None
    credits: Invoice | None = None
    credited_lines: list[InvoiceLine] = field(default_factory=list)
    disclosure_id: int | None = None
    over_threshold: bool = False
    key: str = ""
    note: str = ""


def _check_lines(lines: list[LinePlan], currency: str) -> None:
    for plan in lines:
        if plan.unit_price.currency != currency:
            raise DomainError(
                f"Every line is priced in the invoice currency, {currency}.",
                code="currency_mismatch",
            )
        if plan.unit_price.minor < 0:
            raise DomainError("A unit price must be zero or more.", code="invalid_amount")
        if plan.quantity <= 0 or abs(taxes.line_net(plan.quantity, plan.unit_price)) >= MAX_MINOR:
            raise DomainError(
                "A line must have a quantity above zero and an amount below 10^13 units.",
                code="invalid_amount",
            )
        if not plan.description.strip():
            raise DomainError("Every line needs a description.", code="invalid_description")


def _write(draft: Draft, actor_user: User | None) -> Invoice:
    """Number and store a document; the caller holds the transaction."""
    sign = -1 if draft.kind == DocumentKind.CREDIT_NOTE else 1
    _check_lines(draft.lines, draft.currency)
    priced = taxes.price(
        draft.lines,
        draft.seller,
        draft.buyer,
        draft.supply_date,
        draft.over_threshold,
        sign=sign,
        decided=[_decided(line) for line in draft.credited_lines],
    )
    groups = taxes.group(priced, draft.currency)
    national = taxes.in_national_currency(
        groups,
        draft.currency,
        taxes.national_currency(draft.seller.country, draft.supply_date),
        draft.supply_date,
        rates.current(),
    )
    series = numbering.locked_series(
        code=draft.series_code, venture=draft.issuer_venture, person=draft.issuer_person
    )
    if draft.key:
        earlier = Invoice.objects.filter(series=series, idempotency_key=draft.key).first()
        if earlier is not None:
            return earlier
    if draft.disclosure_id is not None:
        earlier = Invoice.objects.filter(disclosure_id=draft.disclosure_id).first()
        if earlier is not None:
            return earlier
    number = numbering.take(series)
    invoice = _invoice_row(draft, series, number, priced, national, actor_user)
    _line_rows(invoice, priced, draft.credited_lines)
    TaxGroup.objects.bulk_create(
        [
            TaxGroup(
                invoice=invoice,
                treatment=g.treatment,
                rate_country=g.rate_country,
                rate=g.rate,
                tax_name=g.tax_name,
                legal_text=g.legal_text[:300],
                net_minor=g.net_minor,
                tax_minor=g.tax_minor,
                national_tax_minor=g.national_tax_minor,
            )
            for g in national.groups
        ]
    )
    audit.record(
        actor_user,
        f"invoicing.{draft.kind}_issued",
        venture=draft.venture,
        target=invoice,
        after={
            "reference": invoice.reference,
            "total_minor": invoice.total_minor,
            "currency": invoice.currency,
            "buyer": invoice.buyer_name,
        },
    )
    if draft.kind == DocumentKind.INVOICE:
        reminders.schedule_after_commit(invoice.id)
    return invoice


def _invoice_row(draft, series, number, priced, national, actor_user) -> Invoice:
    net = sum(line.net_minor for line in priced)
    tax = sum(g.tax_minor for g in national.groups)
    seller, buyer, rate = draft.seller, draft.buyer, national.rate
    invoice = Invoice(
        series=series,
        number=number,
        reference=numbering.reference(series, number),
        kind=draft.kind,
        origin=draft.origin,
        venture=draft.venture,
        freelancer=draft.issuer_person,
        customer=draft.customer,
        credits=draft.credits,
        disclosure_id=draft.disclosure_id,
        idempotency_key=draft.key,
        issue_date=draft.issue_date,
        supply_date=draft.supply_date,
        due_date=draft.due_date,
        currency=draft.currency,
        seller_name=seller.name,
        seller_address=seller.address,
        seller_country=seller.country,
        seller_vat_id=seller.vat_id,
        buyer_name=buyer.name,
        buyer_address=buyer.address,
        buyer_country=buyer.country,
        buyer_vat_id=buyer.vat_id,
        buyer_is_business=buyer.is_business,
        buyer_email=buyer.email,
        net_minor=net,
        tax_minor=tax,
        total_minor=net + tax,
        national_currency=national.currency,
        national_tax_minor=national.total_minor,
        fx_rate=rate.value if rate else None,
        fx_source=rate.source[:64] if rate else "",
        fx_date=rate.used if rate else None,
        fx_note=rate.describe()[:300] if rate else "",
        note=draft.note[:2000],
        issued_at=clock.now(),
        issued_by=actor_user,
    )
    invoice.save()
    return invoice


def _line_rows(invoice: Invoice, priced, credited: list[InvoiceLine]) -> None:
    rows = []
    for position, line in enumerate(priced, start=1):
        plan, decision = line.plan, line.decision
        rows.append(
            InvoiceLine(
                invoice=invoice,
                position=position,
                description=plan.description[:300],
                quantity=plan.quantity,
                unit_price_minor=plan.unit_price.minor,
                net_minor=line.net_minor,
                supply_kind=plan.supply,
                rate_kind=plan.rate_kind,
                ship_from=plan.ship_from,
                ship_to=plan.ship_to,
                treatment=str(decision.treatment),
                rate_country=decision.rate_country or "",
                rate=decision.rate,
                tax_name=decision.tax_name,
                legal_text=(decision.legal_text or "")[:300],
                why=(decision.why or "")[:500],
                buyer_vat_id_status=str(decision.buyer_vat_id_status or "")[:80],
                rate_source=str(decision.rate_source or "")[:300],
                credits_line=credited[position - 1] if credited else None,
            )
        )
    InvoiceLine.objects.bulk_create(rows)


def _clean_key(key: str) -> str:
    return idempotency.clean_key(key, required=False)


def issue_invoice(
    actor: Actor,
    venture_id: int,
    customer_id: int,
    lines: list[LinePlan],
    *,
    currency: str | None = None,
    supply_date: date | None = None,
    issue_date: date | None = None,
    due_date: date | None = None,
    key: str = "",
    note: str = "",
) -> Invoice:
    """A venture's invoice to one of its customers, numbered in the venture's INV series."""
    key = _clean_key(key)
    print_ = idempotency.fingerprint(
        op="invoice",
        customer=customer_id,
        lines=[asdict(line) for line in lines],
        currency=currency,
        supply_date=supply_date,
        issue_date=issue_date,
        due_date=due_date,
        note=note,
    )
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        claim = idempotency.claim(idempotency.venture_space(venture.id), key, "invoice", print_)
        if not claim.fresh:
            return Invoice.objects.get(id=claim.result_id)
        customer = Customer.objects.filter(id=customer_id, venture=venture).first()
        if customer is None:
            raise NotFound("No such customer.", code="customer_not_found")
        profile = parties.venture_profile(venture)
        issued = issue_date or clock.today()
        invoice = _write(
            Draft(
                venture=venture,
                seller=parties.venture_party(venture, as_issuer=True),
                buyer=parties.customer_party(customer),
                series_code=numbering.INVOICES,
                currency=places.currency_code(currency or venture.base_currency),
                lines=lines,
                supply_date=supply_date or issued,
                issue_date=issued,
                due_date=_due(issued, due_date, parties.terms_days(profile)),
                issuer_venture=venture,
                customer=customer,
                over_threshold=parties.over_threshold(profile),
                key=key,
                note=note,
            ),
            actor.user,
        )
        claim.done(invoice.id)
    return invoice


def _due(issued: date, due: date | None, terms_days: int) -> date:
    due = due or issued + timedelta(days=terms_days)
    if due < issued:
        raise DomainError("The due date cannot be before the issue date.", code="invalid_due_date")
    return due


def _decided(line: InvoiceLine) -> taxes.Decided:
    """The original line's tax decision: a credit note reverses the tax as charged."""
    return taxes.Decided(
        line.treatment,
        line.rate_country,
        line.rate,
        line.tax_name,
        line.legal_text,
        line.why,
        line.buyer_vat_id_status,
        line.rate_source,
    )
