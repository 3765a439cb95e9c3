"""Work endpoints: projects, roles, offers, contracts and milestone actions. Thin.

The venture's side lives under `/ventures/{id}/work/...`, the freelancer's under
`/me/work/...`. Every write goes through `work.services` or `work.milestones` and
every read through `work.selectors`; money moves take an idempotency key.
"""

from ninja import Router, Status
from ninja.pagination import paginate

from bornglobal.apitypes import Pages
from bornglobal.domain.contracts import ContractType, InvoicingMode
from bornglobal.money.services import MilestonePlan
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import milestones, selectors, services
from bornglobal.work.schemas import (
    ContractMilestoneOut,
    ContractOut,
    FundedOut,
    KeyIn,
    NoteIn,
    OfferIn,
    OfferOut,
    PartIn,
    ProjectIn,
    ProjectOut,
    ReleasedOut,
    RoleIn,
    RoleOut,
)

router = Router(tags=["work"])
VENTURE = "/ventures/{venture_id}/work"


@router.get(f"{VENTURE}/projects", response={200: list[ProjectOut], **ERRORS})
@paginate(Pages)
def list_projects(request, venture_id: ObjectId):
    return selectors.projects_of(actor_of(request), venture_id)


@router.post(f"{VENTURE}/projects", response={201: ProjectOut, **ERRORS})
def create_project(request, venture_id: ObjectId, payload: ProjectIn):
    """A project with a brief, a budget in the venture's currency and dates."""
    actor = actor_of(request)
    draft = services.ProjectDraft(
        payload.title, payload.budget.to_money(), payload.brief, payload.starts_on, payload.ends_on
    )
    project = services.create_project(actor, venture_id, draft)
    return Status(201, selectors.project_for(actor, venture_id, project.id))


@router.get(f"{VENTURE}/projects/{{project_id}}", response={200: ProjectOut, **ERRORS})
def get_project(request, venture_id: ObjectId, project_id: ObjectId):
    return selectors.project_for(actor_of(request), venture_id, project_id)


@router.post(f"{VENTURE}/projects/{{project_id}}/roles", response={201: RoleOut, **ERRORS})
def add_role(request, venture_id: ObjectId, project_id: ObjectId, payload: RoleIn):
    """A role on the project: ESCO skills with levels, hours and a rate ceiling."""
    ceiling = payload.rate_ceiling.to_money() if payload.rate_ceiling else None
    skills = tuple((need.skill_id, need.level) for need in payload.skills)
    draft = services.RoleDraft(payload.title, payload.hours, ceiling, skills, payload.count)
    role = services.add_role(actor_of(request), venture_id, project_id, draft)
    return Status(201, role)


@router.get(f"{VENTURE}/offers", response={200: list[OfferOut], **ERRORS})
@paginate(Pages)
def list_offers(request, venture_id: ObjectId):
    return selectors.offers_of(actor_of(request), venture_id)


@router.post(f"{VENTURE}/offers", response={201: OfferOut, **ERRORS})
def send_offer(request, venture_id: ObjectId, payload: OfferIn):
    """Send a freelancer an offer for a role, with its terms (and milestones if fixed)."""
    draft = services.OfferDraft(
        role_id=payload.role_id,
        freelancer_email=payload.freelancer_email,
        title=payload.title,
        type=ContractType(payload.type),
        milestones=tuple(
            MilestonePlan(m.title, m.amount.to_money(), m.due_on) for m in payload.milestones
        ),
        pay_currency=payload.pay_currency.upper() if payload.pay_currency else None,
        auto_release_days=payload.auto_release_days,
        dispute_window_days=payload.dispute_window_days,
        invoicing=InvoicingMode(payload.invoicing),
        hourly_rate=payload.hourly_rate.to_money() if payload.hourly_rate else None,
        weekly_cap_hours=payload.weekly_cap_hours,
        message=payload.message,
        expires_at=payload.expires_at,
    )
    offer = services.send_offer(actor_of(request), venture_id, draft, payload.idempotency_key)
    return Status(201, offer)


@router.post(f"{VENTURE}/offers/{{offer_id}}/withdraw", response={200: OfferOut, **ERRORS})
def withdraw_offer(request, venture_id: ObjectId, offer_id: ObjectId):
    return services.withdraw_offer(actor_of(request), venture_id, offer_id)


@router.get(f"{VENTURE}/contracts", response={200: list[ContractOut], **ERRORS})
@paginate(Pages)
def list_contracts(request, venture_id: ObjectId):
    return selectors.contracts_of(actor_of(request), venture_id)


@router.get(f"{VENTURE}/contracts/{{contract_id}}", response={200: ContractOut, **ERRORS})
def get_contract(request, venture_id: ObjectId, contract_id: ObjectId):
    return selectors.contract_for(actor_of(request), venture_id, contract_id)


MILESTONE = f"{VENTURE}/milestones/{{milestone_id}}"


@router.post(f"{MILESTONE}/fund", response={201: FundedOut, **ERRORS})
def fund_milestone(request, venture_id: ObjectId, milestone_id: ObjectId, payload: KeyIn):
    """Move the milestone's amount from the venture's wallet into the contract's escrow."""
    txn = milestones.fund(actor_of(request), venture_id, milestone_id, payload.idempotency_key)
    return Status(201, {"transaction_id": txn.id, "milestone_id": milestone_id})


@router.post(f"{MILESTONE}/accept", response={201: ReleasedOut, **ERRORS})
def accept_milestone(request, venture_id: ObjectId, milestone_id: ObjectId, payload: KeyIn):
    """Accept the deliverable: everything still held is paid to the freelancer."""
    actor = actor_of(request)
    disclosure = milestones.accept(actor, venture_id, milestone_id, payload.idempotency_key)
    return Status(201, disclosure)


@router.post(f"{MILESTONE}/release-part", response={201: ReleasedOut, **ERRORS})
def release_part(request, venture_id: ObjectId, milestone_id: ObjectId, payload: PartIn):
    """Pay part of the milestone now; the rest stays in escrow."""
    disclosure = milestones.release_part(
        actor_of(request),
        venture_id,
        milestone_id,
        payload.idempotency_key,
        payload.amount.to_money(),
    )
    return Status(201, disclosure)


@router.post(f"{MILESTONE}/request-changes", response={200: ContractMilestoneOut, **ERRORS})
def request_changes(request, venture_id: ObjectId, milestone_id: ObjectId, payload: NoteIn):
    """Ask for changes; the auto-release clock stops until the next submission."""
    return milestones.request_changes(actor_of(request), venture_id, milestone_id, payload.note)


# The freelancer's side


@router.get("/me/work/offers", response={200: list[OfferOut], **ERRORS})
@paginate(Pages)
def my_offers(request):
    return selectors.my_offers(actor_of(request))


@router.post("/me/work/offers/{offer_id}/accept", response={201: ContractOut, **ERRORS})
def accept_offer(request, offer_id: ObjectId):
    """Accept an offer: the contract and its escrow (a retry answers the same contract)."""
    actor = actor_of(request)
    contract = services.accept_offer(actor, offer_id)
    return Status(201, selectors.my_contract(actor, contract.id))


@router.post("/me/work/offers/{offer_id}/decline", response={200: OfferOut, **ERRORS})
def decline_offer(request, offer_id: ObjectId, payload: NoteIn):
    return services.decline_offer(actor_of(request), offer_id, payload.note)


@router.get("/me/work/contracts", response={200: list[ContractOut], **ERRORS})
@paginate(Pages)
def my_contracts(request):
    return selectors.my_contracts(actor_of(request))


@router.get("/me/work/contracts/{contract_id}", response={200: ContractOut, **ERRORS})
def my_contract(request, contract_id: ObjectId):
    return selectors.my_contract(actor_of(request), contract_id)


@router.post(
    "/me/work/milestones/{milestone_id}/start", response={200: ContractMilestoneOut, **ERRORS}
)
def start_milestone(request, milestone_id: ObjectId):
    """Start work on a funded milestone."""
    return milestones.start(actor_of(request), milestone_id)


@router.post(
    "/me/work/milestones/{milestone_id}/submit", response={200: ContractMilestoneOut, **ERRORS}
)
def submit_deliverable(request, milestone_id: ObjectId, payload: NoteIn):
    """Hand in the deliverable with a note; the auto-release clock starts."""
    return milestones.submit(actor_of(request), milestone_id, payload.note)
