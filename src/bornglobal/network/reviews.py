"""Reviews and the reputation they feed.

A *contract* is the money app's escrow between a venture and a payee. It is
**completed** when it has at least one milestone, every milestone is settled, and
something was actually paid to the payee (a contract refunded in full was not
delivered). Only a completed contract can be reviewed, at most once each way:

* the client side (`of_freelancer`) by a member of the venture whose role may run
  its contracts (`Action.MANAGE_MONEY`, the grant the money app asks for escrow);
* the freelancer side (`of_client`) by the payee.

Nobody reviews themselves: a payee who may run the paying venture's contracts can
leave neither review. (A plain member of the venture's team who is paid through
escrow reviews the client like any freelancer.) A contract the actor is not part of
does not exist for them (`not_found`).

Delivery is taken from the ledger, not from what anyone says: a paid milestone is
on time when its last payment to the payee (a release or a dispute outcome) was
booked on or before its due date (UTC); a milestone without a due date is on time.
A contract is on time when every milestone paid on it was. After each review of a
freelancer, `recompute_reputation` refreshes the cached figures on their profile
with `domain.reputation.score`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet, Sum

from bornglobal import clock
from bornglobal.domain import reputation
from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.money.models import Escrow, Kind, LedgerTransaction, Milestone
from bornglobal.network import postings
from bornglobal.network.models import Direction, Profile, Review
from bornglobal.tenancy import audit
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User

MAX_TEXT = 2_000
FORMULA_VERSION = "bornglobal-reputation/1"  # bump when domain.reputation's formula changes
PAYMENT_KINDS = (Kind.RELEASE, Kind.RESOLVE)  # payments to the payee out of escrow


@dataclass(frozen=True, slots=True)
class Paid:
    """One milestone as delivery sees it: what was paid, when last, and the due date."""

    released_minor: int
    settled: bool
    due_on: date | None
    paid_on: date | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """What the records say about one contract."""

    escrow: Escrow
    completed: bool
    on_time: bool
    released_minor: int
    completed_on: date | None


def judge(escrow: Escrow, milestones: Iterable[Paid]) -> Delivery:
    """Completed and on time, by the rules in the module docstring (no database)."""
    milestones = list(milestones)
    paid = [m for m in milestones if m.released_minor > 0]
    released = sum(m.released_minor for m in milestones)
    completed = bool(milestones) and all(m.settled for m in milestones) and released > 0
    on_time = all(
        m.due_on is None or (m.paid_on is not None and m.paid_on <= m.due_on) for m in paid
    )
    dates = [m.paid_on for m in paid if m.paid_on is not None]
    return Delivery(escrow, completed, completed and on_time, released,
                    max(dates) if dates and completed else None)


def _payment_dates(milestone_ids: list[int]) -> dict[int, date]:
    """The UTC date of the last payment to the payee out of each milestone's escrow."""
    rows = (
        LedgerTransaction.objects.filter(
            milestone_id__in=milestone_ids, kind__in=PAYMENT_KINDS, disclosure__isnull=False
        )
        .values("milestone_id")
        .annotate(last=Max("occurred_at"))
    )
    return {row["milestone_id"]: row["last"].astimezone(UTC).date() for row in rows}


def deliveries(escrows: Iterable[Escrow]) -> list[Delivery]:
    """Judge each escrow from its milestones and the ledger (two queries in all)."""
    escrows = list(escrows)
    by_escrow: dict[int, list[Milestone]] = {escrow.id: [] for escrow in escrows}
    for milestone in Milestone.objects.filter(escrow_id__in=list(by_escrow)).order_by("id"):
        by_escrow[milestone.escrow_id].append(milestone)
    paid_on = _payment_dates([m.id for ms in by_escrow.values() for m in ms])
    return [
        judge(escrow, [
            Paid(m.released_minor, m.state == Milestone.State.SETTLED, m.due_on, paid_on.get(m.id))
            for m in by_escrow[escrow.id]
        ])
        for escrow in escrows
    ]


def completed_escrows() -> QuerySet[Escrow]:
    """Escrows whose contract is completed, as one query (same rule as `judge`)."""
    return Escrow.objects.annotate(
        milestone_count=Count("milestones"),
        unsettled=Count("milestones", filter=~Q(milestones__state=Milestone.State.SETTLED)),
        released=Sum("milestones__released_minor"),
    ).filter(milestone_count__gt=0, unsettled=0, released__gt=0)


def direction_for(actor: Actor, escrow: Escrow | None) -> Direction:
    """Which review the actor may leave on `escrow`; NotFound if they are not part of it."""
    if escrow is None:
        raise NotFound("No such contract.")
    member_role = tenancy.role_in(actor.user, escrow.venture_id)
    if escrow.payee_id == actor.user.id:
        if actor.venture_scope is not None:  # a venture token never acts as the payee
            raise NotFound("No such contract.")
        if may(member_role, Action.MANAGE_MONEY):
            raise Forbidden("You run the contracts of the venture that paid you: nobody "
                            "reviews themselves.", code="self_review")
        return Direction.OF_CLIENT
    role = member_role if actor.reaches_venture(escrow.venture_id) else None
    if role is None:
        raise NotFound("No such contract.")
    if not may(role, Action.MANAGE_MONEY):
        raise Forbidden(f"Your role ({role}) may not review the venture's contracts.",
                        code="role_forbidden")
    return Direction.OF_FREELANCER


def clean_review(stars: object, text: str | None) -> tuple[int, str]:
    """Whole stars 1 to 5 and at most `MAX_TEXT` characters of text, or a DomainError."""
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= 5:
        raise DomainError("Give 1 to 5 whole stars.", code="invalid_stars",
                          details={"stars": stars if isinstance(stars, int) else str(stars)})
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise DomainError(f"Write at most {MAX_TEXT:,} characters (this has {len(text):,}).",
                          code="text_too_long", details={"max": MAX_TEXT})
    if "\x00" in text:
        raise DomainError("The text holds a NUL character.", code="invalid_text")
    return stars, text


def leave_review(actor: Actor, escrow_id: int, stars: int, text: str = "") -> Review:
    """Leave the actor's review of a completed contract: the side follows who they are."""
    stars, text = clean_review(stars, text)
    with transaction.atomic():
        escrow = (Escrow.objects.select_for_update(of=("self",))
                  .select_related("venture", "payee").filter(id=escrow_id).first())
        direction = direction_for(actor, escrow)
        if not deliveries([escrow])[0].completed:
            raise Conflict("Only a completed contract can be reviewed: every milestone "
                           "settled and something paid.", code="contract_not_completed")
        if Review.objects.filter(contract=escrow, direction=direction).exists():
            raise _already(direction)
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    contract=escrow, direction=direction, author=actor.user,
                    venture=escrow.venture, freelancer=escrow.payee, stars=stars, text=text,
                    created_at=clock.now())
        except IntegrityError:
            raise _already(direction) from None
        audit.record(actor.user, "review.left", venture=escrow.venture, target=review,
                     after={"contract": escrow.contract_ref, "direction": str(direction),
                            "stars": stars})
        if direction == Direction.OF_FREELANCER:
            recompute_reputation(escrow.payee)
    return review


def _already(direction: Direction) -> Conflict:
    side = "the freelancer" if direction == Direction.OF_FREELANCER else "the client"
    return Conflict(f"This contract already has its review of {side}.", code="already_reviewed")


@dataclass(frozen=True, slots=True)
class Standing:
    """A freelancer's reputation today, with the inputs it was computed from."""

    reputation: reputation.Reputation
    reviews: int
    completed: int
    on_time: int
    as_of: date


def standing(user: User, today: date | None = None) -> Standing:
    """The score of `user` from the stored reviews and contract records, explained."""
    reviews = [
        reputation.Review(stars=stars, on=created_at.astimezone(UTC).date())
        for stars, created_at in Review.objects.filter(
            freelancer=user, direction=Direction.OF_FREELANCER
        ).values_list("stars", "created_at")
    ]
    done = [d for d in deliveries(completed_escrows().filter(payee=user)) if d.completed]
    on_time = sum(1 for d in done if d.on_time)
    track = reputation.Track(completed_contracts=len(done), on_time=on_time,
                             late=len(done) - on_time)
    today = today or clock.today()
    scored = reputation.score(reviews, track, today)
    return Standing(scored, len(reviews), len(done), on_time, today)


def recompute_reputation(user: User) -> Standing | None:
    """Refresh the cached reputation on the user's profile; None when they have none."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(user=user).first()
        if profile is None:
            return None
        now = standing(user)
        profile.reputation = now.reputation.value
        profile.review_count = now.reviews
        profile.completed_contracts = now.completed
        profile.on_time_contracts = now.on_time
        profile.save(update_fields=["reputation", "review_count", "completed_contracts",
                                    "on_time_contracts"])
        postings.sync(profile)
    return now
