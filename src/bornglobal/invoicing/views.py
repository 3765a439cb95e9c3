"""The venture's invoicing pages: invoices and credit notes, one document (HTML and
PDF), billing details, customers, issuing, crediting and recording payments.

Views stay thin: reads go through `selectors`, writes through the services
(`services`, `issuing`, `payments`). `NotFound` is a 404, `Forbidden` a 403, and any
other `DomainError` is shown on the form that caused it. The freelancer's side is in
`views_mine`, tax reports in `views_reports`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action, may
from bornglobal.invoicing import credit_notes, issuing, payments, pdf, selectors, services, standing
from bornglobal.invoicing.forms import (
    BillingForm,
    CustomerForm,
    InvoiceForm,
    PaymentForm,
    show_error,
)
from bornglobal.invoicing.presenting import money_text, printed
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http


def _can_manage(request, venture) -> bool:
    return may(tenancy.role_in(request.user, venture.id), Action.MANAGE_MONEY)


def _rows(invoices, locale: str) -> list[dict]:
    rows = []
    for invoice in invoices:
        where = standing.of(invoice)
        rows.append(
            {
                "invoice": invoice,
                "total": Money(invoice.total_minor, invoice.currency).format(locale),
                "state": "credit note" if invoice.is_credit_note else where.state,
                "outstanding": where.outstanding.format(locale),
            }
        )
    return rows


def render_list(request, venture, **forms_):
    actor, locale = request.actor, viewer_locale(request.user)
    profile = selectors.venture_billing(actor, venture.id)
    customers = list(selectors.customers_of(actor, venture.id))
    context = {
        "venture": venture,
        "shell_venture_id": venture.id,
        "profile": profile,
        "rows": _rows(selectors.invoices_of(actor, venture.id)[:200], locale),
        "customers": customers,
        "can_manage": _can_manage(request, venture),
        "billing_form": forms_.get("billing_form")
        or BillingForm(initial=_billing_initial(profile, venture)),
        "customer_form": forms_.get("customer_form") or CustomerForm(),
        "invoice_form": forms_.get("invoice_form")
        or InvoiceForm(customers=customers, currency=venture.base_currency),
        "agreements": selectors.agreements_of(actor, venture.id),
    }
    return render(request, "invoicing/list.html", context)


def _billing_initial(profile, venture) -> dict:
    if profile is None:
        return {"legal_name": venture.name, "vat_id": venture.vat_id, "payment_terms_days": 30}
    return {
        "legal_name": profile.legal_name,
        "address": profile.address,
        "vat_id": profile.vat_id,
        "payment_terms_days": profile.payment_terms_days,
        "over_eu_threshold": profile.over_eu_threshold,
    }


@login_required
@refusals_as_http
def invoice_list(request, venture_id: int):
    venture = selectors.books(request.actor, venture_id)
    return render_list(request, venture)


@login_required
def current(request):
    """The Invoicing entry of the navigation: the current venture's invoices, or mine."""
    membership = getattr(request, "current_membership", None)
    if membership is not None and may(membership.role, Action.VIEW_MONEY):
        return redirect("invoicing_list", venture_id=membership.venture_id)
    return redirect("invoicing_mine")


def _after(venture_id: int, anchor: str = "") -> str:
    url = reverse("invoicing_list", args=[venture_id])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_POST
@refusals_as_http
def billing(request, venture_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.MANAGE_MONEY)
    form = BillingForm(request.POST)
    if form.is_valid():
        try:
            services.set_venture_billing(request.actor, venture.id, **form.cleaned_data)
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Billing details saved.")
            return redirect(_after(venture.id, "billing"))
    return render_list(request, venture, billing_form=form)


@login_required
@require_POST
@refusals_as_http
def customer_add(request, venture_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.MANAGE_MONEY)
    form = CustomerForm(request.POST)
    if form.is_valid():
        try:
            customer = services.add_customer(request.actor, venture.id, **form.cleaned_data)
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{customer.name} added.")
            return redirect(_after(venture.id, "customers"))
    return render_list(request, venture, customer_form=form)


@login_required
@require_POST
@refusals_as_http
def invoice_issue(request, venture_id: int):
    actor = request.actor
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    customers = list(selectors.customers_of(actor, venture.id))
    form = InvoiceForm(request.POST, customers=customers, currency=venture.base_currency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invoice = issuing.issue_invoice(
                actor,
                venture.id,
                int(data["customer"]),
                data["plans"],
                currency=data["currency"],
                supply_date=data["supply_date"],
                due_date=data["due_date"],
                key=data["idempotency_key"],
            )
        except Forbidden:
            raise
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Invoice {invoice.reference} issued.")
            return redirect("invoicing_detail", venture_id=venture.id, invoice_id=invoice.id)
    return render_list(request, venture, invoice_form=form)


def document_context(request, invoice, **more) -> dict:
    locale = viewer_locale(request.user)
    where = standing.of(invoice)
    return {
        "doc": printed(invoice, locale),
        "standing": where,
        "standing_text": where.summary(locale),
        "interest_text": money_text(where.interest, locale) if where.interest else "",
        "compensation_text": money_text(where.compensation, locale) if where.compensation else "",
        "payments": [
            {
                "on": p.paid_on,
                "amount": Money(p.amount_minor, invoice.currency).format(locale),
                "note": p.note,
            }
            for p in invoice.payments.all()
        ],
        "credit_notes": invoice.credit_notes.all(),
        "reminders": invoice.reminders.all(),
        **more,
    }


@login_required
@refusals_as_http
def invoice_detail(request, venture_id: int, invoice_id: int):
    return _detail(request, venture_id, invoice_id)


def _detail(request, venture_id: int, invoice_id: int, payment_form=None):
    invoice = selectors.invoice_for(request.actor, venture_id, invoice_id)
    venture = invoice.venture
    return render(
        request,
        "invoicing/detail.html",
        document_context(
            request,
            invoice,
            venture=venture,
            shell_venture_id=venture.id,
            can_manage=_can_manage(request, venture),
            payment_form=payment_form or PaymentForm(initial={"paid_on": clock.today()}),
            pdf_url=reverse("invoicing_pdf", args=[venture.id, invoice.id]),
        ),
    )


def pdf_response(request, invoice) -> HttpResponse:
    locale = viewer_locale(request.user)
    content = pdf.render(invoice, locale, standing.of(invoice).summary(locale))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf.filename(invoice)}"'
    return response


@login_required
@refusals_as_http
def invoice_pdf(request, venture_id: int, invoice_id: int):
    return pdf_response(request, selectors.invoice_for(request.actor, venture_id, invoice_id))


@login_required
@require_POST
@refusals_as_http
def invoice_credit(request, venture_id: int, invoice_id: int):
    invoice = selectors.invoice_for(request.actor, venture_id, invoice_id)
    try:
        credit = credit_notes.issue_credit_note(
            request.actor,
            invoice.id,
            reason=request.POST.get("reason", "")[:500],
            key=request.POST.get("idempotency_key", "")[:128],
        )
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("invoicing_detail", venture_id=venture_id, invoice_id=invoice.id)
    messages.success(request, f"Credit note {credit.reference} issued.")
    return redirect("invoicing_detail", venture_id=venture_id, invoice_id=credit.id)


@login_required
@require_POST
@refusals_as_http
def invoice_payment(request, venture_id: int, invoice_id: int):
    invoice = selectors.invoice_for(request.actor, venture_id, invoice_id)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            amount = Money.of(form.cleaned_data["amount"], invoice.currency)
            payments.record_payment(request.actor, invoice.id, amount, form.cleaned_data["paid_on"])
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Payment recorded.")
            return redirect("invoicing_detail", venture_id=venture_id, invoice_id=invoice.id)
    return _detail(request, venture_id, invoice_id, payment_form=form)


@login_required
@require_POST
@refusals_as_http
def agreement_propose(request, venture_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.MANAGE_MONEY)
    try:
        services.propose_self_billing(
            request.actor, venture.id, request.POST.get("freelancer_email", "")[:254]
        )
    except Forbidden:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Self-billing proposed; it starts when the freelancer accepts.")
    return redirect(_after(venture.id, "self-billing"))
