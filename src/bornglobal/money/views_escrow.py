"""Escrow actions on the money page: fund, release (all or part), refund, dispute and
resolve a milestone.

Each action is an htmx form carrying the idempotency key it was rendered with, so a
double submit is answered with the first result and never pays twice. An htmx request
gets the escrow's card back with what happened (for a payment, the payee's disclosure:
amount, rate, source and date), plus fresh balances, payouts, accounts and ledger check
swapped out of band; a plain form post is redirected to the page with a message.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.money import selectors, services
from bornglobal.money.forms import DisputeForm, FundForm, RefundForm, ReleaseForm, ResolveForm
from bornglobal.money.models import Disclosure, Milestone
from bornglobal.money.views import money_url
from bornglobal.money.views_shared import (
    books_context,
    escrow_card,
    may_manage_money,
    viewer_locale,
)
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http

MilestoneAction = Callable[[object, str, int, Milestone, dict], str]


def disclosure_text(disclosure: Disclosure, locale: str) -> str:
    """What the payee is told: "Paid ₹1,07,916.00 to Priya for €1,200.00 at 1 EUR = …"."""
    paid = Money(disclosure.paid_minor, disclosure.paid_currency).format(locale)
    gross = Money(disclosure.gross_minor, disclosure.currency).format(locale)
    text = f"Paid {paid} to {disclosure.payee.full_name} for {gross}"
    if disclosure.fee_minor:
        text += f", less a fee of {Money(disclosure.fee_minor, disclosure.currency).format(locale)}"
    if disclosure.paid_currency != disclosure.currency:
        text += f", at {disclosure.rate_note}"
    return f"{text}."


def _bound(form_class, data: dict):
    form = form_class(data)
    if not form.is_valid():
        problems = " ".join(str(m) for errors in form.errors.values() for m in errors)
        raise DomainError(problems or "The form is incomplete; reload the page.")
    return form


def _amount(text: str, currency: str) -> Money | None:
    return Money.of(text, currency) if (text or "").strip() else None


def _fund(actor, locale, venture_id, milestone, data) -> str:
    form = _bound(FundForm, data)
    services.fund_milestone(actor, venture_id, milestone.id, form.key())
    amount = Money(milestone.amount_minor, milestone.escrow.currency).format(locale)
    return f"Funded “{milestone.title}”: {amount} moved from the wallet into escrow."


def _release(actor, locale, venture_id, milestone, data) -> str:
    form = _bound(ReleaseForm, data)
    amount = _amount(form.cleaned_data["amount"], milestone.escrow.currency)
    disclosure = services.release(actor, venture_id, milestone.id, form.key(), amount=amount)
    return disclosure_text(disclosure, locale)


def _refund(actor, locale, venture_id, milestone, data) -> str:
    form = _bound(RefundForm, data)
    txn = services.refund(actor, venture_id, milestone.id, form.key())
    back = max(posting.amount_minor for posting in txn.postings.all())
    amount = Money(back, milestone.escrow.currency).format(locale)
    return f"Refunded {amount} from escrow to the wallet."


def _dispute(actor, locale, venture_id, milestone, data) -> str:
    form = _bound(DisputeForm, data)
    disputed = services.open_dispute(actor, venture_id, milestone.id, form.cleaned_data["reason"])
    held = Money(disputed.held_minor, milestone.escrow.currency).format(locale)
    return f"Dispute opened on “{milestone.title}”: {held} stays in escrow until it is resolved."


def _resolve(actor, locale, venture_id, milestone, data) -> str:
    form = _bound(ResolveForm, data)
    share = Money.of(form.cleaned_data["payee_share"], milestone.escrow.currency)
    outcome = services.resolve_dispute(actor, venture_id, milestone.id, form.key(), share)
    said = ["Dispute resolved."]
    if outcome.paid is not None:
        said.append(disclosure_text(outcome.paid, locale))
    if outcome.refunded is not None:
        back = max(posting.amount_minor for posting in outcome.refunded.postings.all())
        amount = Money(back, milestone.escrow.currency).format(locale)
        said.append(f"Refunded {amount} to the wallet.")
    return " ".join(said)


def _answer(request, venture_id: int, escrow_id: int, notice: str = "", error: str = ""):
    """The escrow's fresh card for htmx (with out-of-band updates); else a redirect."""
    actor = request.actor
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, notice)
        return redirect(money_url(venture_id, f"escrow-{escrow_id}"))
    venture = tenancy.venture_for(actor, venture_id)
    context = books_context(request, venture, with_escrows=False)
    escrow = selectors.escrow_for(actor, venture_id, escrow_id)
    locale = viewer_locale(request.user)
    context["card"] = escrow_card(escrow, locale, may_manage_money(actor, venture_id),
                                  notice=notice, error=error)
    context["oob"] = True
    return render(request, "money/_escrow_swap.html", context)


def _act(request, venture_id: int, milestone_id: int, action: MilestoneAction):
    actor = request.actor
    milestone = selectors.milestone_for(actor, venture_id, milestone_id)
    try:
        notice = action(actor, viewer_locale(request.user), venture_id, milestone, request.POST)
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        return _answer(request, venture_id, milestone.escrow_id, error=error.message)
    return _answer(request, venture_id, milestone.escrow_id, notice=notice)


def _milestone_view(action: MilestoneAction):
    @login_required
    @require_POST
    @refusals_as_http
    def view(request, venture_id: int, milestone_id: int):
        return _act(request, venture_id, milestone_id, action)

    view.__name__ = view.__qualname__ = f"milestone{action.__name__}"
    return view


milestone_fund = _milestone_view(_fund)
milestone_release = _milestone_view(_release)
milestone_refund = _milestone_view(_refund)
milestone_dispute = _milestone_view(_dispute)
milestone_resolve = _milestone_view(_resolve)
