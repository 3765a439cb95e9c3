"""Reads of the work app, scoped to what the actor may see.

A venture's projects and roles are visible to its members; its offers and contracts
carry money, so they need the grant that sees the books (`Action.VIEW_MONEY`). A
freelancer sees only the offers made to them and their own contracts, and never
through a token scoped to a venture. Anything else does not exist (`not_found`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from bornglobal.domain.contracts import (
    MILESTONES,
    ContractState,
    ContractType,
    MilestoneState,
    OfferState,
)
from bornglobal.domain.errors import NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work.models import Contract, ContractMilestone, Offer, Project, Role, RoleSkill

_MILESTONES = Prefetch(
    "milestones",
    queryset=ContractMilestone.objects.select_related("milestone").order_by("position"),
)


def projects_of(actor: Actor, venture_id: int) -> QuerySet[Project]:
    venture = tenancy.venture_for(actor, venture_id, Action.VIEW_VENTURE)
    roles = Role.objects.prefetch_related(
        Prefetch("skills", queryset=RoleSkill.objects.select_related("skill"))
    )
    return Project.objects.filter(venture=venture).prefetch_related(Prefetch("roles", roles))


def project_for(actor: Actor, venture_id: int, project_id: int) -> Project:
    project = projects_of(actor, venture_id).filter(id=project_id).first()
    if project is None:
        raise NotFound("No such project.")
    return project


def offers_of(actor: Actor, venture_id: int) -> QuerySet[Offer]:
    venture = tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)
    return Offer.objects.filter(venture=venture).select_related("freelancer", "role", "project")


def contracts_of(actor: Actor, venture_id: int) -> QuerySet[Contract]:
    venture = tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)
    return _contracts().filter(venture=venture)


def contract_for(actor: Actor, venture_id: int, contract_id: int) -> Contract:
    contract = contracts_of(actor, venture_id).filter(id=contract_id).first()
    if contract is None:
        raise NotFound("No such contract.")
    return contract


def _contracts() -> QuerySet[Contract]:
    return Contract.objects.select_related(
        "freelancer", "venture", "project", "role", "escrow"
    ).prefetch_related(_MILESTONES)


def my_offers(actor: Actor) -> QuerySet[Offer]:
    """Offers made to the actor as a freelancer (none through a venture token)."""
    if actor.venture_scope is not None:
        return Offer.objects.none()
    return (
        Offer.objects.filter(freelancer=actor.user)
        .exclude(state=OfferState.DRAFT)
        .select_related("venture", "role", "project")
    )


def my_offer(actor: Actor, offer_id: int) -> Offer:
    offer = my_offers(actor).filter(id=offer_id).first()
    if offer is None:
        raise NotFound("No such offer.")
    return offer


def my_contracts(actor: Actor) -> QuerySet[Contract]:
    if actor.venture_scope is not None:
        return Contract.objects.none()
    return _contracts().filter(freelancer=actor.user)


def my_contract(actor: Actor, contract_id: int) -> Contract:
    contract = my_contracts(actor).filter(id=contract_id).first()
    if contract is None:
        raise NotFound("No such contract.")
    return contract


@dataclass(frozen=True, slots=True)
class Board:
    """A project as its founder sees it: roles, offers and contracts with escrow."""

    project: Project
    offers: list[Offer]
    contracts: list[Contract]
    sees_money: bool


def board(actor: Actor, venture_id: int, project_id: int) -> Board:
    project = project_for(actor, venture_id, project_id)
    role = tenancy.role_in(actor.user, venture_id)
    sees_money = may(role, Action.VIEW_MONEY)
    if not sees_money:
        return Board(project, [], [], False)
    offers = list(offers_of(actor, venture_id).filter(project=project))
    contracts = list(contracts_of(actor, venture_id).filter(project=project))
    return Board(project, offers, contracts, True)


# What to do next, for each side of a milestone.
_NEXT = {
    "venture": {
        MilestoneState.PENDING: "Fund the milestone",
        MilestoneState.SUBMITTED: "Review the deliverable: accept or request changes",
    },
    "freelancer": {
        MilestoneState.PENDING: "Wait for funding",
        MilestoneState.FUNDED: "Start work",
        MilestoneState.IN_PROGRESS: "Submit the deliverable",
        MilestoneState.CHANGES_REQUESTED: "Make the changes and resubmit",
        MilestoneState.SUBMITTED: "Wait for review (auto-release on the date shown)",
    },
}


def next_step(contract: Contract, side: str) -> str:
    """The first thing this side should do on the contract, in plain words."""
    if contract.state != ContractState.ACTIVE:
        return f"Nothing: the contract is {contract.state}."
    if contract.contract_type == ContractType.HOURLY:
        return _next_hourly(contract, side)
    for item in contract.milestones.all():
        if MILESTONES.is_final(item.state):
            continue
        step = _NEXT[side].get(MilestoneState(item.state))
        if step:
            return f"{step} ({item.milestone.title})"
    return "Nothing right now."


def _next_hourly(contract: Contract, side: str) -> str:
    """An hourly contract's next step: approve an ended week, fund or log this week."""
    from bornglobal.work import timesheet_weeks

    this_week = timesheet_weeks.this_week(contract)
    logged = set(
        contract.time_entries.filter(week_start__lt=this_week)
        .exclude(week_start__in=contract.weeks.values("week_start"))
        .values_list("week_start", flat=True)
    )
    item = timesheet_weeks.week_milestone(contract, this_week)
    funded = item is not None and item.state != MilestoneState.PENDING
    week = f"week of {this_week:%d %b %Y}"
    if side == "venture":
        if logged:
            return f"Approve the week of {min(logged):%d %b %Y}"
        return "Nothing right now." if funded else f"Fund the {week}"
    if funded:
        return f"Log your time ({week})"
    return f"Wait for the venture to fund the {week}"
