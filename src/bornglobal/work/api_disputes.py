"""Dispute endpoints on a contract milestone, for either side and the mediator. Thin.

`/work/milestones/{id}/dispute...`: the service decides who the caller is (the
freelancer, a money manager of the venture, or the instance operator).
"""

from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from bornglobal.apitypes import InSchema, NonBlank
from bornglobal.money.schemas import IdempotencyKey, MoneyIn, MoneyOut, OptionalKey, Text
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import disputes

router = Router(tags=["work"])
DISPUTE = "/work/milestones/{milestone_id}/dispute"


class ReasonIn(InSchema):
    reason: Text = Field(..., min_length=1, max_length=4_000)
    idempotency_key: OptionalKey = ""


class EvidenceIn(InSchema):
    note: NonBlank = Field(..., max_length=4_000)


class DisputeResolveIn(InSchema):
    idempotency_key: IdempotencyKey
    payee_share: MoneyIn = Field(..., description="What the freelancer gets; the rest goes back.")
    note: Text = Field("", max_length=4_000)


class DisputeLineOut(Schema):
    name: str
    note: str
    at: datetime
    by: str | None


class DisputeOut(Schema):
    milestone_id: int
    contract_id: int
    state: str
    evidence_due: datetime | None
    lines: list[DisputeLineOut]


class OutcomeOut(Schema):
    milestone_id: int
    state: str
    paid: MoneyOut
    refunded: MoneyOut


def _view(view: disputes.DisputeView) -> dict:
    return {
        "milestone_id": view.milestone.id,
        "contract_id": view.milestone.contract_id,
        "state": view.milestone.state,
        "evidence_due": view.evidence_due,
        "lines": [
            {
                "name": line.name,
                "note": line.note,
                "at": line.at,
                "by": line.actor.full_name if line.actor else None,
            }
            for line in view.lines
        ],
    }


@router.get(DISPUTE, response={200: DisputeOut, **ERRORS})
def get_dispute(request, milestone_id: ObjectId):
    """The dispute's opening, evidence and outcome, and when the evidence window closes."""
    return _view(disputes.dispute_for(actor_of(request), milestone_id))


@router.post(DISPUTE, response={201: DisputeOut, **ERRORS})
def open_dispute(request, milestone_id: ObjectId, payload: ReasonIn):
    """Either side disputes a funded, started or submitted milestone; escrow is frozen."""
    actor = actor_of(request)
    disputes.open_dispute(actor, milestone_id, payload.reason, payload.idempotency_key)
    return Status(201, _view(disputes.dispute_for(actor, milestone_id)))


@router.post(f"{DISPUTE}/evidence", response={201: DisputeOut, **ERRORS})
def add_evidence(request, milestone_id: ObjectId, payload: EvidenceIn):
    """A text note from either side, within the contract's dispute window."""
    actor = actor_of(request)
    disputes.add_evidence(actor, milestone_id, payload.note)
    return Status(201, _view(disputes.dispute_for(actor, milestone_id)))


@router.post(f"{DISPUTE}/resolve", response={200: OutcomeOut, **ERRORS})
def resolve_dispute(request, milestone_id: ObjectId, payload: DisputeResolveIn):
    """The mediator's split (a venture manager or owner, or the instance operator)."""
    outcome = disputes.resolve(
        actor_of(request),
        milestone_id,
        payload.idempotency_key,
        payload.payee_share.to_money(),
        payload.note,
    )
    return {
        "milestone_id": outcome.milestone.id,
        "state": outcome.milestone.state,
        "paid": outcome.paid,
        "refunded": outcome.refunded,
    }
