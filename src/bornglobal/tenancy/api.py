"""Platform endpoints: me, ventures, memberships, tokens and the audit log. Thin."""

from typing import Annotated

from ninja import Path, Router, Status
from ninja.pagination import paginate

from bornglobal.apierrors import ErrorOut
from bornglobal.apitypes import MAX_ID, Pages
from bornglobal.tenancy import selectors, services
from bornglobal.tenancy.auth import actor_of
from bornglobal.tenancy.schemas import (
    AuditOut,
    MembershipIn,
    MembershipOut,
    MembershipPatch,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
    UserOut,
    UserPatch,
    VentureIn,
    VentureOut,
    VenturePatch,
)

router = Router(tags=["platform"])
ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
# Every operation may answer these; 413 is a body over the size limit (docs/api.md).
ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 409, 413, 422)}


def _venture_out(venture, role: str | None) -> dict:
    return {
        **{
            f: getattr(venture, f)
            for f in ("id", "name", "legal_country", "base_currency", "vat_id", "created_at")
        },
        "my_role": role,
    }


@router.get("/me", response={200: UserOut, **ERRORS})
def me(request):
    return actor_of(request).user


@router.patch("/me", response={200: UserOut, **ERRORS})
def update_me(request, payload: UserPatch):
    return services.update_profile(actor_of(request), **payload.dict(exclude_unset=True))


@router.get("/ventures", response={200: list[VentureOut], **ERRORS})
@paginate(Pages)
def list_ventures(request):
    actor = actor_of(request)
    roles = dict(selectors.my_memberships(actor).values_list("venture_id", "role"))
    return [_venture_out(v, roles.get(v.id)) for v in selectors.ventures_for(actor)]


@router.post("/ventures", response={201: VentureOut, **ERRORS})
def create_venture(request, payload: VentureIn):
    venture = services.create_venture(actor_of(request), **payload.dict())
    return Status(201, _venture_out(venture, "owner"))


@router.get("/ventures/{venture_id}", response={200: VentureOut, **ERRORS})
def get_venture(request, venture_id: ObjectId):
    actor = actor_of(request)
    venture = selectors.venture_for(actor, venture_id)
    return _venture_out(venture, selectors.role_in(actor.user, venture.id))


@router.patch("/ventures/{venture_id}", response={200: VentureOut, **ERRORS})
def update_venture(request, venture_id: ObjectId, payload: VenturePatch):
    actor = actor_of(request)
    venture = services.update_venture(actor, venture_id, **payload.dict(exclude_unset=True))
    return _venture_out(venture, selectors.role_in(actor.user, venture.id))


@router.get("/ventures/{venture_id}/memberships", response={200: list[MembershipOut], **ERRORS})
@paginate(Pages)
def list_memberships(request, venture_id: ObjectId):
    return selectors.memberships_of(actor_of(request), venture_id)


@router.post("/ventures/{venture_id}/memberships", response={201: MembershipOut, **ERRORS})
def add_membership(request, venture_id: ObjectId, payload: MembershipIn):
    membership = services.add_member(actor_of(request), venture_id, **payload.dict())
    return Status(201, membership)


@router.get(
    "/ventures/{venture_id}/memberships/{membership_id}", response={200: MembershipOut, **ERRORS}
)
def get_membership(request, venture_id: ObjectId, membership_id: ObjectId):
    return selectors.membership_for(actor_of(request), venture_id, membership_id)


@router.patch(
    "/ventures/{venture_id}/memberships/{membership_id}", response={200: MembershipOut, **ERRORS}
)
def change_membership(
    request, venture_id: ObjectId, membership_id: ObjectId, payload: MembershipPatch
):
    return services.change_role(actor_of(request), venture_id, membership_id, payload.role)


@router.delete("/ventures/{venture_id}/memberships/{membership_id}", response={204: None, **ERRORS})
def remove_membership(request, venture_id: ObjectId, membership_id: ObjectId):
    services.remove_member(actor_of(request), venture_id, membership_id)
    return Status(204, None)


@router.get("/ventures/{venture_id}/audit", response={200: list[AuditOut], **ERRORS})
@paginate(Pages)
def list_audit(request, venture_id: ObjectId):
    return selectors.audit_of(actor_of(request), venture_id)


@router.get("/tokens", response={200: list[TokenOut], **ERRORS})
@paginate(Pages)
def list_tokens(request):
    return selectors.tokens_of(actor_of(request))


@router.post("/tokens", response={201: TokenCreatedOut, **ERRORS})
def issue_token(request, payload: TokenIn):
    issued = services.issue_token(actor_of(request), payload.name, payload.venture_id)
    token = issued.token
    return Status(201, {**TokenOut.from_orm(token).dict(), "secret": issued.secret})


@router.get("/tokens/{token_id}", response={200: TokenOut, **ERRORS})
def get_token(request, token_id: ObjectId):
    return selectors.token_for(actor_of(request), token_id)


@router.delete("/tokens/{token_id}", response={200: TokenOut, **ERRORS})
def revoke_token(request, token_id: ObjectId):
    return services.revoke_token(actor_of(request), token_id)
