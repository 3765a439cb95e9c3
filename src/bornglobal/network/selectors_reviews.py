"""Reads about reviews and reputation, scoped to what the actor may see.

Reviews of freelancers and the way their score is computed are public to every
logged-in user: a client decides on them, and the freelancer can check them. Only
people with a freelancer side (a profile, the freelancer flag, or a contract they
were paid on) have reviews; asking about anyone else is `not_found`. The list of
contracts awaiting a review is the actor's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from bornglobal.domain.errors import NotFound
from bornglobal.domain.roles import Action, Role, may
from bornglobal.money.models import Escrow
from bornglobal.network import reviews
from bornglobal.network.models import Direction, Profile, Review
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Membership, User

CONTRACT_ROLES = tuple(role.value for role in Role if may(role, Action.MANAGE_MONEY))


def _freelancer_side() -> Q:
    return (
        Q(is_freelancer=True)
        | Exists(Profile.objects.filter(user=OuterRef("pk")))
        | Exists(Escrow.objects.filter(payee=OuterRef("pk")))
    )


def has_freelancer_side(user: User) -> bool:
    return User.objects.filter(_freelancer_side(), id=user.id).exists()


def _hidden_from(actor: Actor) -> Q:
    """People who unlisted their profile are hidden from everyone but themselves."""
    return Exists(Profile.objects.filter(user=OuterRef("pk"), listed=False)) & ~Q(
        id=actor.user.pk)


def person_for(actor: Actor, user_id: int) -> User:
    """A person with a freelancer side whose profile is not unlisted, or NotFound."""
    person = (User.objects.filter(_freelancer_side(), id=user_id, is_active=True)
              .exclude(_hidden_from(actor)).first())
    if person is None:
        raise NotFound("No such person.")
    return person


def person_of_profile(actor: Actor, profile_id: int) -> User:
    """The person of a listed profile, or of the actor's own; NotFound otherwise."""
    profile = Profile.objects.select_related("user").filter(
        Q(listed=True) | Q(user_id=actor.user.pk), id=profile_id, user__is_active=True).first()
    if profile is None:
        raise NotFound("No such profile.")
    return profile.user


def reviews_about(actor: Actor, user_id: int) -> QuerySet[Review]:
    """What clients said about a freelancer, newest first."""
    person = person_for(actor, user_id)
    return Review.objects.filter(freelancer=person, direction=Direction.OF_FREELANCER
                                 ).select_related("venture", "contract")


def reviews_written(actor: Actor) -> QuerySet[Review]:
    """The reviews the actor left, newest first."""
    return Review.objects.filter(author=actor.user).select_related("venture", "freelancer",
                                                                    "contract")


@dataclass(frozen=True, slots=True)
class PendingReview:
    escrow: Escrow
    direction: Direction
    completed_on: date | None
    on_time: bool

    @property
    def whom(self) -> str:
        """Who the review is about, as the reviewer knows them."""
        if self.direction == Direction.OF_FREELANCER:
            return self.escrow.payee.full_name
        return self.escrow.venture.name


def _unreviewed(direction: Direction):
    return ~Exists(Review.objects.filter(contract=OuterRef("pk"), direction=direction))


def awaiting_my_review(actor: Actor) -> list[PendingReview]:
    """Completed contracts the actor may still review, most recently completed first."""
    user, pending = actor.user, []
    completed = reviews.completed_escrows().select_related("venture", "payee")
    if actor.venture_scope is None:
        runs = Membership.objects.filter(user=user, role__in=CONTRACT_ROLES)
        paid = (completed.filter(_unreviewed(Direction.OF_CLIENT), payee=user)
                .exclude(venture_id__in=runs.values("venture_id")))
        pending += [(escrow, Direction.OF_CLIENT) for escrow in paid]
    if not actor.freelancer_only:
        managed = Membership.objects.filter(user=user, role__in=CONTRACT_ROLES)
        if actor.venture_scope is not None:
            managed = managed.filter(venture_id=actor.venture_scope)
        ran = (completed.filter(_unreviewed(Direction.OF_FREELANCER),
                                venture_id__in=managed.values("venture_id"))
               .exclude(payee=user))
        pending += [(escrow, Direction.OF_FREELANCER) for escrow in ran]
    judged = {d.escrow.id: d for d in reviews.deliveries(escrow for escrow, _ in pending)}
    rows = [PendingReview(escrow, direction, judged[escrow.id].completed_on,
                          judged[escrow.id].on_time) for escrow, direction in pending]
    return sorted(rows, key=lambda row: (row.completed_on or date.min, row.escrow.id),
                  reverse=True)


def pending_for(actor: Actor, escrow_id: int) -> PendingReview | None:
    """The actor's pending review of one contract, if it is still to be written."""
    return next((row for row in awaiting_my_review(actor) if row.escrow.id == escrow_id), None)


def reputation_explained(user: User) -> reviews.Standing:
    """The freelancer's score as of today, computed from the stored rows, step by step."""
    return reviews.standing(user)
