"""Review, reputation and work-record endpoints. Thin.

Writes go through `network.reviews`, reads through `network.selectors_reviews`, and
the signed record through `network.record`. Every refusal is a 4xx with a code:
`not_found` (a contract you are not part of), `role_forbidden`, `self_review`,
`contract_not_completed`, `already_reviewed`, `invalid_stars`, `text_too_long`,
`record_invalid`.
"""

import json
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from bornglobal.apitypes import InSchema, Int, Pages, Text
from bornglobal.domain.errors import Forbidden
from bornglobal.network import record, reviews
from bornglobal.network import selectors_reviews as selectors
from bornglobal.network.models import Profile, Review
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.tenancy.models import User

router = Router(tags=["reviews"])
DirectionName = Literal["of_freelancer", "of_client"]


class ReviewIn(InSchema):
    stars: Annotated[Int, Field(ge=1, le=5, description="1 to 5 whole stars")]
    text: Annotated[Text, Field(max_length=reviews.MAX_TEXT)] = ""


class ReviewOut(Schema):
    id: int
    contract_id: int
    direction: DirectionName = Field(description="of_freelancer: the client reviews the "
                                     "freelancer; of_client: the freelancer reviews the client")
    stars: int
    text: str
    venture_id: int
    venture: str
    freelancer_id: int
    created_at: datetime


class PublicReviewOut(Schema):
    id: int
    stars: int
    text: str
    venture: str = Field(description="the client who wrote it")
    contract: str = Field(description="the contract's title")
    created_at: datetime


class PendingOut(Schema):
    contract_id: int
    contract_ref: str
    title: str
    venture_id: int
    venture: str
    direction: DirectionName
    about: str = Field(description="whom the review is about: the freelancer or the venture")
    completed_on: date | None
    on_time: bool


class StepOut(Schema):
    kind: str
    text: str
    figures: list[str]


class ReputationOut(Schema):
    user_id: int
    score: str = Field(description="0-100, computed now from the stored rows")
    cached_score: str | None = Field(description="the figure on the profile (search sorts "
                                     "by it); null without a profile")
    formula: str
    as_of: date
    reviews: int
    completed_contracts: int
    on_time_contracts: int
    steps: list[StepOut]


class SignedRecordIn(InSchema):
    record: dict[str, Any]
    signature: dict[str, Any]


class VerifiedOut(Schema):
    valid: bool
    key_id: str = Field(description="the key id the document names (not covered by the "
                        "signature)")
    fingerprint: str = Field(description="the id of the key that really signed")
    signed_by_this_instance: bool
    record: dict[str, Any]


def _review_out(review: Review) -> dict:
    return {"id": review.id, "contract_id": review.contract_id, "direction": review.direction,
            "stars": review.stars, "text": review.text, "venture_id": review.venture_id,
            "venture": review.venture.name, "freelancer_id": review.freelancer_id,
            "created_at": review.created_at}


def _public(queryset) -> list[dict]:
    return [{"id": r.id, "stars": r.stars, "text": r.text, "venture": r.venture.name,
             "contract": r.contract.title, "created_at": r.created_at} for r in queryset]


def _reputation_out(person: User) -> dict:
    standing = selectors.reputation_explained(person)
    cached = Profile.objects.filter(user=person).values_list("reputation", flat=True).first()
    return {
        "user_id": person.id, "score": str(standing.reputation.value),
        "cached_score": None if cached is None else str(cached),
        "formula": reviews.FORMULA_VERSION, "as_of": standing.as_of,
        "reviews": standing.reviews, "completed_contracts": standing.completed,
        "on_time_contracts": standing.on_time,
        "steps": [{"kind": str(step.kind), "text": step.text, "figures": list(step.figures)}
                  for step in standing.reputation.explanation],
    }


@router.post("/contracts/{escrow_id}/reviews", response={201: ReviewOut, **ERRORS})
def leave_review(request, escrow_id: ObjectId, payload: ReviewIn):
    """Review a completed contract; the side follows who you are on it (client or payee)."""
    review = reviews.leave_review(actor_of(request), escrow_id, payload.stars, payload.text)
    return Status(201, _review_out(review))


@router.get("/me/reviews/pending", response={200: list[PendingOut], **ERRORS})
@paginate(Pages)
def pending_reviews(request):
    """Completed contracts you may still review, most recently completed first."""
    return [
        {"contract_id": row.escrow.id, "contract_ref": row.escrow.contract_ref,
         "title": row.escrow.title, "venture_id": row.escrow.venture_id,
         "venture": row.escrow.venture.name, "direction": row.direction, "about": row.whom,
         "completed_on": row.completed_on, "on_time": row.on_time}
        for row in selectors.awaiting_my_review(actor_of(request))
    ]


@router.get("/people/{user_id}/reviews", response={200: list[PublicReviewOut], **ERRORS})
@paginate(Pages)
def person_reviews(request, user_id: ObjectId):
    """What clients said about a freelancer, newest first."""
    return _public(selectors.reviews_about(actor_of(request), user_id))


@router.get("/profiles/{profile_id}/reviews", response={200: list[PublicReviewOut], **ERRORS})
@paginate(Pages)
def profile_reviews(request, profile_id: ObjectId):
    actor = actor_of(request)
    person = selectors.person_of_profile(actor, profile_id)
    return _public(selectors.reviews_about(actor, person.id))


@router.get("/people/{user_id}/reputation", response={200: ReputationOut, **ERRORS})
def person_reputation(request, user_id: ObjectId):
    """The score computed now, with every step of the formula."""
    return _reputation_out(selectors.person_for(actor_of(request), user_id))


@router.get("/profiles/{profile_id}/reputation", response={200: ReputationOut, **ERRORS})
def profile_reputation(request, profile_id: ObjectId):
    """The score computed now, with every step of the formula."""
    return _reputation_out(selectors.person_of_profile(actor_of(request), profile_id))


@router.get(
    "/me/record", response={200: None, **ERRORS},
    openapi_extra={"responses": {200: {
        "description": "Your work record, signed with this instance's Ed25519 key.",
        "content": {"application/json": {"schema": {"type": "object"}}}}}},
)
def my_record(request):
    """Download your verified work history, signed by this instance."""
    actor = actor_of(request)
    if actor.venture_scope is not None:
        raise Forbidden("A token scoped to one venture cannot export your work record.",
                        code="token_scope")
    document = record.export_record(actor.user)
    response = HttpResponse(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="work-record-{actor.user.id}.json"'
    return response


@router.post("/records/verify", response={200: VerifiedOut, **ERRORS})
def verify_record(request, payload: SignedRecordIn):
    """Check a signed work record from any instance: 200 when valid, 400 `record_invalid`."""
    document = {"record": payload.record, "signature": payload.signature}
    verified = record.verify_document(document)
    ours = record.instance_public_key(create=False)
    return {"valid": True, "key_id": verified.key_id, "fingerprint": verified.fingerprint,
            "signed_by_this_instance": ours == verified.public_key,
            "record": verified.record}
