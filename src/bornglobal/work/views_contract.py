"""The contract page, for the venture and for the freelancer. Thin.

It shows the terms, the milestones with their buttons (the board's own forms, which
come back here), the timeline, and once the contract is completed the review each
side may leave once. Reviews are the network's (`network.reviews`, keyed by the
contract's escrow): the page draws the network's review form, which posts to the
network's review view, so there is one way to leave a review.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bornglobal.money.views_shared import viewer_locale
from bornglobal.network import reviews
from bornglobal.network.models import Direction
from bornglobal.network.views_reviews import STAR_CHOICES, ReviewForm
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import contract_pages, selectors
from bornglobal.work.contract_pages import FREELANCER, VENTURE
from bornglobal.work.views import _key, _rows


@login_required
@require_GET
@refusals_as_http
def venture_contract(request, venture_id: int, contract_id: int):
    contract = contract_pages.contract_as(request.actor, VENTURE, contract_id, venture_id)
    return _page(request, contract, VENTURE)


@login_required
@require_GET
@refusals_as_http
def my_contract(request, contract_id: int):
    contract = contract_pages.contract_as(request.actor, FREELANCER, contract_id, None)
    return _page(request, contract, FREELANCER)


def _page(request, contract, side: str):
    actor = request.actor
    pending = contract_pages.my_pending_review(actor, contract)
    card = None
    if pending is not None:
        card = {
            "pending": pending,
            "form": ReviewForm(),
            "stars": STAR_CHOICES,
            "max_text": reviews.MAX_TEXT,
            "of_freelancer": Direction.OF_FREELANCER,
        }
    context = {
        "contract": contract,
        "side": side,
        "rows": _rows(contract, viewer_locale(request.user)),
        "next": selectors.next_step(contract, side),
        "timeline": contract_pages.timeline(contract),
        "reviews": contract_pages.reviews_of(contract),
        "review_card": card,
        "disputable": contract_pages.disputable(contract),
        "key": _key(),
    }
    return render(request, "work/contract.html", context)
