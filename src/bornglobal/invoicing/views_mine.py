"""The freelancer's side of invoicing: the invoices issued in their name (their own,
and those self-billed by ventures), their billing details, and the self-billing
agreements ventures proposed to them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.invoicing import selectors, services
from bornglobal.invoicing.forms import BillingForm, show_error
from bornglobal.invoicing.views import _rows, document_context, pdf_response
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy.views import refusals_as_http


def _render(request, billing_form=None):
    actor = request.actor
    profile = selectors.my_billing(actor)
    initial = {"legal_name": request.user.full_name, "payment_terms_days": 30}
    if profile is not None:
        initial = {
            "legal_name": profile.legal_name,
            "address": profile.address,
            "vat_id": profile.vat_id,
            "payment_terms_days": profile.payment_terms_days,
        }
    form = billing_form or BillingForm(initial=initial)
    form.fields.pop("over_eu_threshold", None)
    return render(
        request,
        "invoicing/mine.html",
        {
            "rows": _rows(selectors.my_invoices(actor)[:200], viewer_locale(request.user)),
            "agreements": selectors.my_agreements(actor),
            "billing_form": form,
            "profile": profile,
        },
    )


@login_required
def mine(request):
    return _render(request)


@login_required
@refusals_as_http
def my_detail(request, invoice_id: int):
    invoice = selectors.my_invoice(request.actor, invoice_id)
    return render(
        request,
        "invoicing/detail.html",
        document_context(
            request,
            invoice,
            venture=None,
            can_manage=False,
            payment_form=None,
            pdf_url=reverse("invoicing_my_pdf", args=[invoice.id]),
        ),
    )


@login_required
@refusals_as_http
def my_pdf(request, invoice_id: int):
    return pdf_response(request, selectors.my_invoice(request.actor, invoice_id))


@login_required
@require_POST
def my_billing(request):
    form = BillingForm(request.POST)
    form.fields.pop("over_eu_threshold", None)
    if form.is_valid():
        try:
            services.set_my_billing(request.actor, **form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Billing details saved.")
            return redirect("invoicing_mine")
    return _render(request, billing_form=form)


@login_required
@require_POST
@refusals_as_http
def agreement_accept(request, agreement_id: int):
    try:
        services.accept_self_billing(request.actor, agreement_id)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Self-billing accepted: the venture now issues your invoices.")
    return redirect("invoicing_mine")


@login_required
@require_POST
@refusals_as_http
def agreement_end(request, agreement_id: int):
    try:
        agreement = services.end_self_billing(request.actor, agreement_id)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("invoicing_mine")
    messages.success(request, "The self-billing agreement has ended.")
    if agreement.freelancer_id == request.user.id:
        return redirect("invoicing_mine")
    return redirect("invoicing_list", venture_id=agreement.venture_id)
