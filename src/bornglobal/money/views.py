"""The venture's money page: balances per currency, deposits, escrow per contract,
payout batches, accounts and the ledger check; and each account's statement.

Views stay thin: reads go through `money.selectors`, writes through `money.services`
and `money.payouts`. `NotFound` is a 404, `Forbidden` a 403, and any other
`DomainError` is shown on the form that caused it. Escrow actions (htmx) live in
`views_escrow`, payout batches in `views_payouts`, the payee's side in `views_earnings`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import selectors, services
from bornglobal.money.forms import DepositForm, EscrowForm, show_money_error
from bornglobal.money.views_shared import account_label, books_context, viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.middleware import SESSION_KEY
from bornglobal.tenancy.views import refusals_as_http


def _remember(request, venture_id: int) -> None:
    if request.session.get(SESSION_KEY) != venture_id:
        request.session[SESSION_KEY] = venture_id


def render_books(request, venture, *, deposit_form=None, escrow_form=None):
    """The whole money page, with any bound form that needs another look."""
    context = books_context(request, venture)
    context["deposit_form"] = deposit_form or DepositForm(base_currency=venture.base_currency)
    context["escrow_form"] = escrow_form or EscrowForm(currency=venture.base_currency)
    return render(request, "money/books.html", context)


def money_url(venture_id: int, anchor: str = "") -> str:
    url = reverse("money_home", args=[venture_id])
    return f"{url}#{anchor}" if anchor else url


@login_required
@refusals_as_http
def money_home(request, venture_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_MONEY)
    _remember(request, venture.id)
    return render_books(request, venture)


@login_required
@require_POST
@refusals_as_http
def deposit(request, venture_id: int):
    actor = request.actor
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    form = DepositForm(request.POST, base_currency=venture.base_currency)
    if form.is_valid() and form.cleaned_data.get("money") is not None:
        amount = form.cleaned_data["money"]
        try:
            services.deposit(actor, venture.id, amount, form.key(), form.cleaned_data["memo"])
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_money_error(form, error)
        else:
            shown = amount.format(viewer_locale(request.user))
            messages.success(request, f"{shown} is in the wallet.")
            return redirect(money_url(venture.id, "balances"))
    return render_books(request, venture, deposit_form=form)


@login_required
@require_POST
@refusals_as_http
def escrow_open(request, venture_id: int):
    actor = request.actor
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    form = EscrowForm(request.POST, currency=venture.base_currency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            escrow = services.open_escrow(actor, venture.id, data["payee_email"],
                                          data["contract_ref"], data["title"], data["plans"])
        except Forbidden:
            raise
        except DomainError as error:  # NotFound here is an unknown payee: said on the form
            show_money_error(form, error)
        else:
            messages.success(request, f"Escrow {escrow.contract_ref} is open for "
                                      f"{escrow.payee.full_name}. Fund a milestone to start.")
            return redirect(money_url(venture.id, f"escrow-{escrow.id}"))
    return render_books(request, venture, escrow_form=form)


@login_required
@refusals_as_http
def statement(request, venture_id: int, account_id: int):
    actor = request.actor
    account, lines = selectors.statement(actor, venture_id, account_id)
    venture = tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)
    locale = viewer_locale(request.user)
    balance = Money(account.normal_balance_minor, account.currency)
    context = {
        "venture": venture,
        "shell_venture_id": venture.id,
        "account": account,
        "label": account_label(account),
        "balance": balance.format(locale),
        "lines": [
            {
                "at": line.posting.transaction.occurred_at,
                "kind": line.posting.transaction.get_kind_display(),
                "memo": line.posting.transaction.memo,
                "amount": line.amount.format(locale),
                "credit": line.amount.is_negative,
                "balance": line.balance.format(locale),
            }
            for line in lines
        ],
    }
    return render(request, "money/statement.html", context)
