"""Payout batches on the money page: pay everyone owed, download the bank files, and
mark a line the bank returned as failed.

"Pay everyone owed" carries the idempotency key it was rendered with, so a double
submit makes one batch. Downloads are file responses; when a file cannot be made (SEPA
not configured, no SEPA lines) the page says why instead of answering with an error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import payouts, selectors
from bornglobal.money.forms import LineFailedForm, PayoutBatchForm
from bornglobal.money.views import money_url
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http

MISSING_KEY = "The form is incomplete; reload the page and try again."


def download(content: bytes | str, media_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
@refusals_as_http
def batch_create(request, venture_id: int):
    actor = request.actor
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    form = PayoutBatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, MISSING_KEY)
        return redirect(money_url(venture.id, "payouts"))
    try:
        batch = payouts.create_batch(actor, venture.id, form.key())
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        count = batch.lines.count()
        messages.success(request, f"Payout batch {batch.id}: {count} "
                                  f"{'payment' if count == 1 else 'payments'} made.")
    return redirect(money_url(venture.id, "payouts"))


@login_required
@require_GET
@refusals_as_http
def batch_sepa(request, venture_id: int, batch_id: int):
    batch = selectors.batch_for(request.actor, venture_id, batch_id)
    try:
        document = payouts.sepa_file(batch)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(money_url(venture_id, "payouts"))
    return download(document, "application/xml", f"payout-{batch.id}-sepa.xml")


@login_required
@require_GET
@refusals_as_http
def batch_csv(request, venture_id: int, batch_id: int):
    batch = selectors.batch_for(request.actor, venture_id, batch_id)
    return download(payouts.csv_file(batch), "text/csv; charset=utf-8",
                    f"payout-{batch.id}.csv")


@login_required
@require_POST
@refusals_as_http
def line_failed(request, venture_id: int, batch_id: int, line_id: int):
    actor = request.actor
    batch = selectors.batch_for(actor, venture_id, batch_id)
    line = batch.lines.filter(id=line_id).first()
    if line is None:
        raise NotFound("No such payout line.")
    form = LineFailedForm(request.POST)
    if not form.is_valid():
        messages.error(request, MISSING_KEY)
        return redirect(money_url(venture_id, "payouts"))
    try:
        line = payouts.mark_line_failed(actor, venture_id, line.id, form.key())
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        amount = Money(line.amount_minor, line.currency).format(viewer_locale(request.user))
        messages.success(request, f"The payment of {amount} to {line.payee.full_name} is "
                                  "marked failed; it is owed to them again.")
    return redirect(money_url(venture_id, "payouts"))
