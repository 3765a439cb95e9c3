"""Send offers to a proposed team in one action (a service).

The proposal is computed again on the server with the same settings (never taken from
the form), and each member gets a fixed-price offer for their role through
`work.services.send_offer`: one milestone, the member's cost in the proposal. All the
offers are sent in one transaction: if one is refused (an open offer already exists,
the project is closed...), none is sent and the refusal is raised.
"""

from __future__ import annotations

from django.db import transaction

from bornglobal.domain.errors import DomainError
from bornglobal.money.services import MilestonePlan
from bornglobal.tenancy.actors import Actor
from bornglobal.work import services
from bornglobal.work.assemble import Settings, propose
from bornglobal.work.models import Offer


def send_team_offers(
    actor: Actor, venture_id: int, project_id: int, settings: Settings | None = None
) -> list[Offer]:
    """An offer to each member of the proposed team, all or none."""
    proposal = propose(actor, venture_id, project_id, settings)
    if not proposal.has_team:
        raise DomainError(
            "There is no team to send offers to: " + "; ".join(proposal.reasons),
            code="no_team",
            details={"reasons": list(proposal.reasons)},
        )
    with transaction.atomic():
        return [
            services.send_offer(
                actor,
                venture_id,
                services.OfferDraft(
                    role_id=seat.role.id,
                    freelancer_email=seat.person.email,
                    title=seat.role.title,
                    milestones=(MilestonePlan(seat.role.title, seat.cost),),
                    message=f"Proposed by Assemble a team for {proposal.project.title}.",
                ),
            )
            for seat in proposal.seats
        ]
