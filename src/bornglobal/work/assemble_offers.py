"""Send offers to a proposed team in one action (a service).

With the team the page showed (`shown`: role, profile and cost of each seat, carried
by the form), exactly that team gets the offers, after checking on the server that
nothing changed since the page was drawn: the roles still need those seats, each
person is still listed and eligible for their role (skills, hours, rate ceiling), costs
the same, has no open offer on the project yet, and the team still fits the budget and
the required coverage on the same date. If anything changed, nothing is sent and the
refusal (409 `team_changed`) lists what changed; the founder reloads for a new proposal.

Without `shown` (the API's plain call) the proposal is computed again on the server
with the same settings. Either way each member gets a fixed-price offer for their role
through `work.services.send_offer`, one milestone at their cost, all in one transaction:
if one is refused, none is sent.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from bornglobal.domain.contracts import OfferState
from bornglobal.domain.errors import Conflict, DomainError
from bornglobal.domain.money import Money
from bornglobal.domain.teams import parse_instance
from bornglobal.domain.teams_options import cost_minor
from bornglobal.money.services import MilestonePlan
from bornglobal.tenancy.actors import Actor
from bornglobal.work import assemble, services
from bornglobal.work.assemble import Settings, propose
from bornglobal.work.models import Offer, Role

MAX_SEATS = 200


@dataclass(frozen=True, slots=True)
class ShownSeat:
    """One seat as the page showed it: role id, profile id, cost in minor units."""

    role_id: int
    profile_id: int
    cost_minor: int


def parse_shown(values: list[str]) -> tuple[ShownSeat, ...]:
    """Seats from the form's `seat` values, "role:profile:cost"."""
    if not values or len(values) > MAX_SEATS:
        raise DomainError("The form did not say which team to send offers to.", code="no_team")
    seats = []
    for value in values:
        try:
            role, profile, cost = (int(part) for part in value.split(":"))
        except ValueError:
            raise DomainError(f"{value!r} is not a seat.", code="invalid_team") from None
        seats.append(ShownSeat(role, profile, cost))
    return tuple(seats)


def _problems(proposal_parts: tuple, shown: tuple[ShownSeat, ...], settings: Settings) -> list:
    project, roles, document, people = proposal_parts
    by_role = {role.id: role for role in roles}
    problems = []
    need = Counter({role.id: role.count for role in roles})
    if Counter(seat.role_id for seat in shown) != need:
        problems.append("the roles or the number of people they need changed")
    if len({seat.profile_id for seat in shown}) != len(shown):
        problems.append("one person holds two seats")
    instance = parse_instance(document)
    order = {role.id: index for index, role in enumerate(roles)}
    candidates = {c["id"]: c for c in document["candidates"]}
    total, team = 0, []
    for seat in shown:
        role, candidate = by_role.get(seat.role_id), candidates.get(str(seat.profile_id))
        if role is None:
            continue
        if candidate is None:
            problems.append(f"profile {seat.profile_id} is no longer listed for {role.title!r}")
            continue
        person = people[candidate["id"]]
        spec = document["roles"][order[role.id]]
        if not assemble.eligible(spec, candidate, role.hours):
            problems.append(f"{person.name} is no longer eligible for {role.title!r}")
        cost = cost_minor(
            person.rate.minor, person.rate.currency, instance.roles[order[role.id]], instance
        )
        if cost != seat.cost_minor:
            was, now = (Money(m, project.budget_currency).format() for m in (seat.cost_minor, cost))
            problems.append(f"{person.name} now costs {now} instead of {was}")
        total += cost
        team.append((role, person))
    problems += _open_offers(project, team)
    if total > project.budget_minor:
        problems.append("the team is now over the budget")
    required = sum(1 << h for h in settings.hours_utc)
    if required & ~assemble.team_mask([p for _, p in team], settings) and settings.min_people:
        problems.append("the team no longer covers the required hours")
    return problems


def _open_offers(project, team: list[tuple[Role, assemble.Person]]) -> list[str]:
    emails = {person.email.casefold(): person for _, person in team}
    open_offers = Offer.objects.filter(
        project=project, state__in=[OfferState.DRAFT, OfferState.SENT]
    ).select_related("freelancer")
    return [
        f"{emails[o.freelancer.email.casefold()].name} already has an open offer on the project"
        for o in open_offers
        if o.freelancer.email.casefold() in emails
    ]


def _shown_team(
    actor: Actor, venture_id: int, project_id: int, settings: Settings, shown
) -> list[tuple[Role, str, Money]]:
    project = assemble.project_to_assemble(actor, venture_id, project_id)
    roles = list(project.roles.all())
    document, people, _ = assemble.build(project, settings, exclude_user=actor.user.id)
    assemble.apply_ceilings(document, roles, people)
    problems = _problems((project, roles, document, people), shown, settings)
    if problems:
        raise Conflict(
            "The team changed since the page was drawn: "
            + "; ".join(problems)
            + ". Nothing was sent; reload the page for a new proposal.",
            code="team_changed",
            details={"problems": problems},
        )
    by_role = {role.id: role for role in roles}
    return [
        (
            by_role[seat.role_id],
            people[str(seat.profile_id)].email,
            Money(seat.cost_minor, project.budget_currency),
        )
        for seat in shown
    ]


def send_team_offers(
    actor: Actor,
    venture_id: int,
    project_id: int,
    settings: Settings | None = None,
    shown: tuple[ShownSeat, ...] | None = None,
    *,
    solver=None,
) -> list[Offer]:
    """An offer to each member of the shown (or else the proposed) team, all or none.

    `solver` is passed on to `assemble.propose` when there is no shown team."""
    settings = settings or Settings()
    if shown is not None:
        team = _shown_team(actor, venture_id, project_id, settings, shown)
        title = assemble.project_to_assemble(actor, venture_id, project_id).title
    else:
        extra = {} if solver is None else {"solver": solver}
        proposal = propose(actor, venture_id, project_id, settings, **extra)
        if not proposal.has_team:
            raise DomainError(
                "There is no team to send offers to: " + "; ".join(proposal.reasons),
                code="no_team",
                details={"reasons": list(proposal.reasons)},
            )
        team = [(seat.role, seat.person.email, seat.cost) for seat in proposal.seats]
        title = proposal.project.title
    with transaction.atomic():
        return [
            services.send_offer(
                actor,
                venture_id,
                services.OfferDraft(
                    role_id=role.id,
                    freelancer_email=email,
                    title=role.title,
                    milestones=(MilestonePlan(role.title, cost),),
                    message=f"Proposed by Assemble a team for {title}.",
                ),
            )
            for role, email, cost in team
        ]
