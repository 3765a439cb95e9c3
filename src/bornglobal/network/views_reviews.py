"""The Reviews page, a person's reputation explained, and the signed record download. Thin.

The Reviews page lists the completed contracts waiting for the viewer's review, each
with its own small form (htmx swaps the card for a thank-you; without JavaScript
the form posts and the page comes back). The reputation page shows each step of the
formula with its figures; asked by htmx it answers the fragment alone, so a profile
page can pull it in.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.network import record, reviews
from bornglobal.network import selectors_reviews as selectors
from bornglobal.network.models import Direction, Profile
from bornglobal.tenancy.views import refusals_as_http

STAR_CHOICES = [(n, f"{n} star{'s' if n > 1 else ''}") for n in range(1, 6)]
RECENT = 20
FIELD_OF_ERROR = {"invalid_stars": "stars", "text_too_long": "text", "invalid_text": "text"}


class ReviewForm(forms.Form):
    stars = forms.TypedChoiceField(choices=STAR_CHOICES, coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": "Choose 1 to 5 stars."})
    text = forms.CharField(required=False, max_length=reviews.MAX_TEXT, widget=forms.Textarea)


def _card(pending, form=None) -> dict:
    return {"pending": pending, "form": form or ReviewForm(), "stars": STAR_CHOICES,
            "max_text": reviews.MAX_TEXT, "of_freelancer": Direction.OF_FREELANCER}


def _page_context(actor, forms_by_escrow: dict | None = None) -> dict:
    forms_by_escrow = forms_by_escrow or {}
    pending = selectors.awaiting_my_review(actor)
    has_side = selectors.has_freelancer_side(actor.user)
    about_me = (list(selectors.reviews_about(actor, actor.user.id)[:RECENT])
                if has_side else [])
    return {
        "cards": [_card(row, forms_by_escrow.get(row.escrow.id)) for row in pending],
        "about_me": about_me,
        "written": list(selectors.reviews_written(actor)[:RECENT]),
        "has_freelancer_side": has_side,
        "record_key": record.key_id(record.instance_public_key()) if has_side else "",
    }


@never_cache
@login_required
@require_GET
@refusals_as_http
def reviews_page(request):
    return render(request, "network/reviews.html", _page_context(request.actor))


@never_cache
@login_required
@require_POST
@refusals_as_http
def review_submit(request, escrow_id: int):
    actor = request.actor
    pending = selectors.pending_for(actor, escrow_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review = reviews.leave_review(actor, escrow_id, form.cleaned_data["stars"],
                                          form.cleaned_data["text"])
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            if pending is None:  # e.g. reviewed meanwhile in another tab
                messages.error(request, error.message)
                return _back(request)
            form.add_error(FIELD_OF_ERROR.get(error.code), error.message)
        else:
            if request.htmx:
                return render(request, "network/review_left.html", {"review": review})
            messages.success(request, f"Thank you: your review of {_whom(review)} is saved.")
            return redirect("network_reviews")
    if pending is None:
        raise Http404("No such contract awaiting your review.")
    if request.htmx:
        return render(request, "network/review_form.html", _card(pending, form))
    return render(request, "network/reviews.html",
                  _page_context(actor, {escrow_id: form}), status=400)


def _whom(review) -> str:
    if review.direction == Direction.OF_FREELANCER:
        return review.freelancer.full_name
    return review.venture.name


def _back(request):
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = "/network/reviews/"
        return response
    return redirect("network_reviews")


@login_required
@require_GET
@refusals_as_http
def reputation(request, user_id: int):
    """How a person's score is computed, step by step (a fragment when htmx asks)."""
    person = selectors.person_for(request.actor, user_id)
    standing = selectors.reputation_explained(person)
    profile = Profile.objects.filter(user=person).first()
    context = {
        "person": person, "standing": standing, "profile": profile,
        "formula": reviews.FORMULA_VERSION,
        "reviews": list(selectors.reviews_about(request.actor, person.id)[:RECENT]),
        "is_me": person.id == request.user.id,
    }
    template = ("network/reputation_explained.html" if request.htmx
                else "network/reputation.html")
    return render(request, template, context)


@never_cache
@login_required
@require_GET
def my_record(request):
    """The viewer's own work record, signed by this instance, as a download."""
    document = record.export_record(request.user)
    response = HttpResponse(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="work-record-{request.user.id}.json"')
    return response
