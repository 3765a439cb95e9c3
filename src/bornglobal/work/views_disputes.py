"""The dispute page of a milestone: open it, add evidence, resolve it. Thin.

Either side opens a dispute and adds evidence while the window is open; a mediator
(a money manager of the venture, or the instance operator) resolves it with a split.
Who may do what is decided by `work.disputes`; the page shows the dispute's own
timeline (opening, evidence, outcome). The resolve button carries an idempotency key.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from bornglobal import clock
from bornglobal.domain.contracts import MilestoneState
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.money.views_shared import viewer_locale
from bornglobal.tenancy.views import refusals_as_http
from bornglobal.work import attachments, contract_pages, disputes
from bornglobal.work.contract_pages import DISPUTABLE
from bornglobal.work.forms import EvidenceForm, ReasonForm, ResolveForm, amount
from bornglobal.work.page_actions import attempt as _attempt
from bornglobal.work.page_actions import new_key as _key


def _side(actor, contract) -> str:
    mine = actor.user.id == contract.freelancer_id and actor.venture_scope is None
    return "freelancer" if mine else "venture"


@login_required
@require_GET
@refusals_as_http
def dispute(request, milestone_id: int):
    found = disputes.dispute_for(request.actor, milestone_id)
    item, contract = found.milestone, found.milestone.contract
    side = _side(request.actor, contract)
    disputed = item.state == MilestoneState.DISPUTED
    window_open = disputed and (found.evidence_due is None or clock.now() <= found.evidence_due)
    back = (
        reverse("work_my_contract", args=[contract.id])
        if side == "freelancer"
        else reverse("work_contract", args=[contract.venture_id, contract.id])
    )
    context = {
        "item": item,
        "contract": contract,
        "found": found,
        "side": side,
        "back": back,
        "may_open": item.state in DISPUTABLE,
        "may_add": window_open,
        "may_resolve": disputed and side != "freelancer",
        "reason_form": ReasonForm(auto_id="reason_%s"),
        "evidence_form": EvidenceForm(auto_id="evidence_%s"),
        "resolve_form": ResolveForm(auto_id="resolve_%s"),
        "escrow": _escrow(item, contract.currency, viewer_locale(request.user)),
        "lines": contract_pages.lines(found.lines),
        "max_files": attachments.max_files(),
        "max_mb": attachments.max_bytes() // attachments.MB,
        "key": _key(),
    }
    return render(request, "work/dispute.html", context)


def _escrow(item, currency: str, locale: str) -> dict[str, str]:
    """The milestone's escrow figures, formatted for the viewer."""
    escrow = item.milestone
    figures = {
        "amount": escrow.amount_minor,
        "held": escrow.held_minor,
        "released": escrow.released_minor,
        "refunded": escrow.refunded_minor,
    }
    return {name: Money(minor, currency).format(locale) for name, minor in figures.items()}


def _back(milestone_id: int):
    return redirect("work_dispute", milestone_id)


@login_required
@require_POST
@refusals_as_http
def open_dispute(request, milestone_id: int):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the milestone is disputed (invalid_reason).")
        return _back(milestone_id)
    _attempt(
        request,
        lambda: disputes.open_dispute(request.actor, milestone_id, form.cleaned_data["reason"]),
        "The dispute is open: the escrow is frozen until a mediator decides.",
    )
    return _back(milestone_id)


@login_required
@require_POST
@refusals_as_http
def add_evidence(request, milestone_id: int):
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Evidence needs some text (invalid_evidence).")
        return _back(milestone_id)
    _attempt(
        request,
        lambda: disputes.add_evidence(
            request.actor,
            milestone_id,
            form.cleaned_data["note"],
            request.FILES.getlist("files"),
        ),
        "Evidence added.",
    )
    return _back(milestone_id)


@login_required
@require_POST
@refusals_as_http
def resolve(request, milestone_id: int):
    found = disputes.dispute_for(request.actor, milestone_id)
    form = ResolveForm(request.POST)
    key = request.POST.get("key", "") or _key()
    try:
        if not form.is_valid():
            raise DomainError("Give the freelancer's share.", code="invalid_amount")
        share = amount(
            form.cleaned_data["payee_share"],
            found.milestone.contract.currency,
            "freelancer's share",
        )
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, f"{error.message} ({error.code})")
        return _back(milestone_id)
    except ValidationError as error:  # an amount that is not one
        messages.error(request, f"{' '.join(error.messages)} (invalid_amount)")
        return _back(milestone_id)
    _attempt(
        request,
        lambda: disputes.resolve(
            request.actor, milestone_id, key, share, form.cleaned_data["note"]
        ),
        "The dispute is resolved.",
    )
    return _back(milestone_id)
