"""Invoicing endpoints: a venture's invoices, credit notes, payments, customers,
billing details, self-billing and tax reports; a freelancer's own invoices. Thin.

Every write goes through the invoicing services and every read through
`invoicing.selectors`, which check the actor's role in the venture (the money
grant) or that the invoice is the freelancer's own.
"""

from dataclasses import astuple
from datetime import date

from django.http import HttpResponse
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from bornglobal import clock
from bornglobal.apitypes import Pages
from bornglobal.domain.errors import NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.invoicing import (
    credit_notes,
    issuing,
    payments,
    pdf,
    reports,
    selectors,
    services,
    standing,
)
from bornglobal.invoicing.credit_notes import CreditLine
from bornglobal.invoicing.schemas import (
    AgreementIn,
    AgreementOut,
    BillingIn,
    BillingOut,
    CreditNoteIn,
    CustomerIn,
    CustomerOut,
    InvoiceIn,
    InvoiceOut,
    PaymentIn,
    PaymentOut,
    ReportKind,
    ReportOut,
    invoice_out,
)
from bornglobal.money.schemas import Day
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["invoicing"])
PDF = {
    "responses": {
        200: {
            "description": "The document as PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}
CSV = {
    "responses": {
        200: {
            "description": "The report as CSV",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


class KindFilter(Schema):
    kind: str = ""


class Period(Schema):
    start: Day | None = None
    end: Day | None = None

    def days(self) -> tuple[date, date]:
        """The period asked for; by default the previous calendar quarter."""
        start, end = reports.previous_quarter(clock.today())
        return self.start or start, self.end or end


def _pdf(invoice) -> HttpResponse:
    content = pdf.render(invoice, standing=standing.of(invoice).summary())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf.filename(invoice)}"'
    return response


# A venture's invoices


@router.get("/ventures/{venture_id}/invoices", response={200: list[InvoiceOut], **ERRORS})
@paginate(Pages)
def list_invoices(request, venture_id: ObjectId, filters: Query[KindFilter]):
    """Invoices and credit notes on which the venture is seller or buyer, newest first."""
    kind = filters.kind if filters.kind in ("invoice", "credit_note") else ""
    return [invoice_out(i) for i in selectors.invoices_of(actor_of(request), venture_id, kind=kind)]


@router.post("/ventures/{venture_id}/invoices", response={201: InvoiceOut, **ERRORS})
def issue_invoice(request, venture_id: ObjectId, payload: InvoiceIn):
    """Issue an invoice to one of the venture's customers; the tax is decided per line."""
    actor = actor_of(request)
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    currency = (payload.currency or venture.base_currency).upper()
    invoice = issuing.issue_invoice(
        actor,
        venture.id,
        payload.customer_id,
        [line.to_plan(currency) for line in payload.lines],
        currency=currency,
        supply_date=payload.supply_date,
        issue_date=payload.issue_date,
        due_date=payload.due_date,
        key=payload.idempotency_key,
        note=payload.note,
    )
    return Status(201, invoice_out(invoice))


@router.get("/ventures/{venture_id}/invoices/{invoice_id}", response={200: InvoiceOut, **ERRORS})
def get_invoice(request, venture_id: ObjectId, invoice_id: ObjectId):
    return invoice_out(selectors.invoice_for(actor_of(request), venture_id, invoice_id))


@router.get(
    "/ventures/{venture_id}/invoices/{invoice_id}/pdf",
    response={200: None, **ERRORS},
    openapi_extra=PDF,
)
def invoice_pdf(request, venture_id: ObjectId, invoice_id: ObjectId):
    return _pdf(selectors.invoice_for(actor_of(request), venture_id, invoice_id))


@router.post(
    "/ventures/{venture_id}/invoices/{invoice_id}/credit-notes",
    response={201: InvoiceOut, **ERRORS},
)
def credit_invoice(request, venture_id: ObjectId, invoice_id: ObjectId, payload: CreditNoteIn):
    """A credit note reversing some lines (by quantity) or everything left of the invoice."""
    actor = actor_of(request)
    invoice = selectors.invoice_for(actor, venture_id, invoice_id)
    lines = [CreditLine(item.line_id, item.quantity) for item in payload.lines or []]
    credit = credit_notes.issue_credit_note(
        actor, invoice.id, lines or None, reason=payload.reason, key=payload.idempotency_key
    )
    return Status(201, invoice_out(credit))


@router.post(
    "/ventures/{venture_id}/invoices/{invoice_id}/payments", response={201: PaymentOut, **ERRORS}
)
def record_payment(request, venture_id: ObjectId, invoice_id: ObjectId, payload: PaymentIn):
    """A payment received for the invoice, at most what it still owes."""
    actor = actor_of(request)
    invoice = selectors.invoice_for(actor, venture_id, invoice_id)
    payment = payments.record_payment(
        actor, invoice.id, payload.amount.to_money(), payload.paid_on, payload.note
    )
    return Status(201, _payment_out(payment, invoice.currency))


def _payment_out(payment, currency: str) -> dict:
    return {
        "id": payment.id,
        "amount": Money(payment.amount_minor, currency),
        "paid_on": payment.paid_on,
        "note": payment.note,
    }


# Customers, billing details, self-billing


@router.get("/ventures/{venture_id}/customers", response={200: list[CustomerOut], **ERRORS})
@paginate(Pages)
def list_customers(request, venture_id: ObjectId):
    return selectors.customers_of(actor_of(request), venture_id)


@router.post("/ventures/{venture_id}/customers", response={201: CustomerOut, **ERRORS})
def add_customer(request, venture_id: ObjectId, payload: CustomerIn):
    return Status(201, services.add_customer(actor_of(request), venture_id, **payload.dict()))


@router.get("/ventures/{venture_id}/billing", response={200: BillingOut, **ERRORS})
def get_billing(request, venture_id: ObjectId):
    """What the venture's invoices print about it (404 until it is set)."""
    profile = selectors.venture_billing(actor_of(request), venture_id)
    if profile is None:
        raise NotFound("The venture has no billing details yet.", code="billing_profile_missing")
    return profile


@router.put("/ventures/{venture_id}/billing", response={200: BillingOut, **ERRORS})
def set_billing(request, venture_id: ObjectId, payload: BillingIn):
    return services.set_venture_billing(actor_of(request), venture_id, **payload.dict())


@router.get("/ventures/{venture_id}/self-billing", response={200: list[AgreementOut], **ERRORS})
@paginate(Pages)
def list_agreements(request, venture_id: ObjectId):
    return selectors.agreements_of(actor_of(request), venture_id)


@router.post("/ventures/{venture_id}/self-billing", response={201: AgreementOut, **ERRORS})
def propose_agreement(request, venture_id: ObjectId, payload: AgreementIn):
    """Offer to draw up a freelancer's invoices; it applies once they accept."""
    agreement = services.propose_self_billing(
        actor_of(request), venture_id, payload.freelancer_email, payload.terms
    )
    return Status(201, agreement)


@router.post("/self-billing/{agreement_id}/end", response={200: AgreementOut, **ERRORS})
def end_agreement(request, agreement_id: ObjectId):
    """Either side ends a live agreement."""
    return services.end_self_billing(actor_of(request), agreement_id)


# Tax reports


@router.get(
    "/ventures/{venture_id}/tax-reports/{kind}.csv",
    response={200: None, **ERRORS},
    openapi_extra=CSV,
)
def tax_report_csv(request, venture_id: ObjectId, kind: ReportKind, period: Query[Period]):
    start, end = period.days()
    found = reports.rows(kind, actor_of(request), venture_id, start, end)
    response = HttpResponse(reports.as_csv(kind, found), content_type="text/csv")
    name = f"{kind}-{start.isoformat()}-{end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/ventures/{venture_id}/tax-reports/{kind}", response={200: ReportOut, **ERRORS})
def tax_report(request, venture_id: ObjectId, kind: ReportKind, period: Query[Period]):
    """The domestic VAT summary, OSS return or EC sales list for a period (by issue date)."""
    start, end = period.days()
    found = reports.rows(kind, actor_of(request), venture_id, start, end)
    return {
        "kind": kind,
        "start": start,
        "end": end,
        "columns": reports.header(kind),
        "rows": [list(astuple(row)) for row in found],
    }


# The freelancer's side


@router.get("/me/invoices", response={200: list[InvoiceOut], **ERRORS})
@paginate(Pages)
def my_invoices(request):
    """Invoices issued in my name (my own, and those ventures self-billed for me)."""
    return [invoice_out(i) for i in selectors.my_invoices(actor_of(request))]


@router.get("/me/invoices/{invoice_id}", response={200: InvoiceOut, **ERRORS})
def my_invoice(request, invoice_id: ObjectId):
    return invoice_out(selectors.my_invoice(actor_of(request), invoice_id))


@router.get("/me/invoices/{invoice_id}/pdf", response={200: None, **ERRORS}, openapi_extra=PDF)
def my_invoice_pdf(request, invoice_id: ObjectId):
    return _pdf(selectors.my_invoice(actor_of(request), invoice_id))


@router.get("/me/billing", response={200: BillingOut, **ERRORS})
def my_billing(request):
    profile = selectors.my_billing(actor_of(request))
    if profile is None:
        raise NotFound("You have no billing details yet.", code="billing_profile_missing")
    return profile


@router.put("/me/billing", response={200: BillingOut, **ERRORS})
def set_my_billing(request, payload: BillingIn):
    fields = payload.dict()
    fields.pop("over_eu_threshold")
    return services.set_my_billing(actor_of(request), **fields)


@router.get("/me/self-billing", response={200: list[AgreementOut], **ERRORS})
@paginate(Pages)
def my_agreements(request):
    return selectors.my_agreements(actor_of(request))


@router.post("/me/self-billing/{agreement_id}/accept", response={200: AgreementOut, **ERRORS})
def accept_agreement(request, agreement_id: ObjectId):
    """Consent that the venture draws up my invoices for its escrow payments."""
    return services.accept_self_billing(actor_of(request), agreement_id)
