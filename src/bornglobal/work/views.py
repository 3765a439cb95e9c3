"""Work pages: the venture's projects and each project's board, and the freelancer's
"my contracts" with what to do next and what they will be paid in their currency.

Views stay thin: reads through `work.selectors`, writes through `work.services` and
`work.milestones`. A refusal the user can act on is shown as a message on the page
it came from; `NotFound` is a 404 and `Forbidden` a 403. Money buttons carry a
hidden idempotency key made when the page was drawn, so a double click pays once.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from bornglobal import clock
from bornglobal.domain.contracts import MILESTONES
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.domain.fx import convert
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import rates
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import milestones, selectors, services, views_handoffs
from bornglobal.work.page_actions import attempt as _attempt
from bornglobal.work.page_actions import new_key as _key


@login_required
@refusals_as_http
def projects(request, venture_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_VENTURE)
    context = {"venture": venture, "projects": selectors.projects_of(request.actor, venture_id)}
    return render(request, "work/projects.html", context)


@login_required
@refusals_as_http
def board(request, venture_id: int, project_id: int):
    venture = tenancy.venture_for(request.actor, venture_id, Action.VIEW_VENTURE)
    found = selectors.board(request.actor, venture_id, project_id)
    locale = viewer_locale(request.user)
    contracts = [
        {"contract": c, "next": selectors.next_step(c, "venture"), "rows": _rows(c, locale)}
        for c in found.contracts
    ]
    context = {
        "venture": venture,
        "board": found,
        "contracts": contracts,
        "key": _key(),
        "chain": views_handoffs.chain_rows(found.project),
        "today": clock.today(),
    }
    return render(request, "work/board.html", context)


def _expected_minor(item) -> int:
    """What the freelancer gets from a milestone: all of it, or once it is over, what was
    released (an hourly week returns its unused part)."""
    escrow = item.milestone
    return escrow.released_minor if MILESTONES.is_final(item.state) else escrow.amount_minor


def _rows(contract, locale: str) -> list[dict]:
    rows = []
    for item in contract.milestones.all():
        escrow = item.milestone
        rows.append(
            {
                "item": item,
                "amount": Money(escrow.amount_minor, contract.currency).format(locale),
                "held": Money(escrow.held_minor, contract.currency).format(locale),
                "released": Money(escrow.released_minor, contract.currency).format(locale),
                "estimate": _estimate(
                    Money(_expected_minor(item), contract.currency), contract.pay_currency, locale
                ),
            }
        )
    return rows


def _estimate(amount: Money, currency: str, locale: str) -> str:
    """About how much `amount` is in the payee's currency today (before fees)."""
    if amount.currency == currency:
        return amount.format(locale)
    try:
        return "≈ " + convert(amount, currency, clock.today(), rates.current()).target.format(
            locale
        )
    except DomainError:
        return f"in {currency} at the rate of the payment day"


@login_required
@require_POST
@refusals_as_http
def venture_milestone(request, venture_id: int, milestone_id: int, action: str):
    """Fund, accept or request changes on a milestone, from the project board."""
    actor, key = request.actor, request.POST.get("key", "") or _key()
    steps = {
        "fund": (lambda: milestones.fund(actor, venture_id, milestone_id, key), "Funded."),
        "accept": (
            lambda: milestones.accept(actor, venture_id, milestone_id, key),
            "Accepted and paid.",
        ),
        "changes": (
            lambda: milestones.request_changes(
                actor, venture_id, milestone_id, request.POST.get("note", "")
            ),
            "Changes requested.",
        ),
    }
    if action not in steps:
        raise NotFound("No such action.")
    _attempt(request, *steps[action])
    return redirect(request.POST.get("next") or reverse("work_projects", args=[venture_id]))


@login_required
@refusals_as_http
def my_contracts(request):
    actor, locale = request.actor, viewer_locale(request.user)
    contracts = [
        {"contract": c, "next": selectors.next_step(c, "freelancer"), "rows": _rows(c, locale)}
        for c in selectors.my_contracts(actor)
    ]
    offers = selectors.my_offers(actor).filter(state="sent")
    context = {"offers": offers, "contracts": contracts, "person": actor.user}
    return render(request, "work/my_contracts.html", context)


@login_required
@require_POST
@refusals_as_http
def my_offer(request, offer_id: int, action: str):
    actor = request.actor
    steps = {
        "accept": (lambda: services.accept_offer(actor, offer_id), "Accepted: the contract is on."),
        "decline": (
            lambda: services.decline_offer(actor, offer_id, request.POST.get("note", "")),
            "Declined.",
        ),
    }
    if action not in steps:
        raise NotFound("No such action.")
    _attempt(request, *steps[action])
    return redirect("work_my_contracts")


@login_required
@require_POST
@refusals_as_http
def my_milestone(request, milestone_id: int, action: str):
    actor = request.actor
    steps = {
        "start": (lambda: milestones.start(actor, milestone_id), "Work started."),
        "submit": (
            lambda: milestones.submit(
                actor, milestone_id, request.POST.get("note", ""), request.FILES.getlist("files")
            ),
            "Submitted for review.",
        ),
    }
    if action not in steps:
        raise NotFound("No such action.")
    _attempt(request, *steps[action])
    return redirect("work_my_contracts")
