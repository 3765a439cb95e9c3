"""The contract timeline and the audit log, written together by every work service,
and the venture's agent for the moves a freelancer or the worker sets off."""

from __future__ import annotations

from typing import Any

from bornglobal import clock
from bornglobal.domain.contracts_messages import Event
from bornglobal.domain.errors import Conflict
from bornglobal.domain.roles import Action, Role, may
from bornglobal.tenancy import audit
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Membership, User, Venture
from bornglobal.work.models import Contract, ContractEvent, ContractMilestone


def record(
    contract: Contract,
    event: Event | str,
    actor: User | None,
    *,
    milestone: ContractMilestone | None = None,
    note: str = "",
    after: dict[str, Any] | None = None,
) -> ContractEvent:
    """One timeline line and one audit record (`work.<event name>`); the people the
    event concerns are notified in the same transaction (`notifications.work_events`)."""
    name = event if isinstance(event, str) else event.name
    at = clock.now() if isinstance(event, str) else event.at
    entry = ContractEvent.objects.create(
        contract=contract, milestone=milestone, name=name, actor=actor, note=note, at=at
    )
    summary = {"contract": contract.id, **(after or {})}
    if not isinstance(event, str):
        summary |= {"from": event.before, "to": event.after}
    audit.record(
        actor,
        f"work.{name}",
        venture=contract.venture,
        target=milestone or contract,
        after=summary,
    )
    from bornglobal.notifications import work_events

    work_events.on_contract_event(contract, entry, after or {})
    return entry


def venture_agent(venture: Venture, preferred: User) -> Actor:
    """Who books the venture's side of a money move nobody on that side clicked:
    the escrow opened when a freelancer accepts, or an auto-release. It is the person
    who sent the offer (they agreed to these terms) while they still may move the
    venture's money, else the venture's first owner who may."""
    members = Membership.objects.filter(venture=venture, user__is_active=True).select_related(
        "user"
    )
    by_user = {m.user_id: m for m in members}
    owners = sorted((m for m in by_user.values() if m.role == Role.OWNER), key=lambda m: m.id)
    candidates = [by_user.get(preferred.id), *owners]
    for membership in candidates:
        if membership is not None and may(membership.role, Action.MANAGE_MONEY):
            return Actor(membership.user)
    raise Conflict("Nobody in the venture may move its money now.", code="no_venture_agent")
