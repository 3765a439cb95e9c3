"""Demo reviews: believable reviews on the demo's completed contracts, written through
`network.reviews` so every rule (completed only, once each way, the right people) holds.

`load_reviews(seed)` runs after the money history and the profiles. For each contract
the money history completed (every milestone settled, something paid), in the order
they were completed, the venture's founder reviews the freelancer a few days later
(usually), and the freelancer reviews the client (often). Stars follow what the records
show: on time and paid in full earns 4-5 stars; clients give fewer for a late delivery,
and both sides fewer after a refund or a dispute. The last completed contract of each
venture is left for its founder to review, and the demo freelancer's latest for her, so
the Reviews page has something to do.

Reviewing a freelancer recomputes the reputation on their profile from the stored
rows, which replaces the generated history the profile was seeded with (see
`demo.network`). Once all reviews are in, each reviewed freelancer is scored again as
of today, so the cached figure matches the explanation the profile shows.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bornglobal import clock
from bornglobal.demo import Progress
from bornglobal.demo.money_plan import HISTORY_END
from bornglobal.demo.platform import FREELANCER
from bornglobal.network import reviews
from bornglobal.network.models import Direction, Review
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Membership, User

CLIENT_SAYS = {
    5: ("Excellent work: clear updates across the time difference and nothing to fix.",
        "Delivered exactly what we asked for, early. We will work together again.",
        "Thoughtful, fast and careful with the details. Highly recommended.",
        "Took the brief further than we hoped. A pleasure to work with."),
    4: ("Good work and easy to reach; a couple of small revisions at the end.",
        "Solid delivery. Communication could have been a little more frequent.",
        "Did what was agreed, on time, with good notes for the handover."),
    3: ("The result was usable, but it arrived later than planned.",
        "Decent work that needed more back-and-forth than expected.",
        "Fine in the end; deadlines slipped and we had to chase updates."),
    2: ("Parts of the work had to be redone and the schedule slipped badly.",
        "We settled part of this contract after a disagreement about quality."),
}
FREELANCER_SAYS = {
    5: ("A clear brief, quick answers and payment right on the release date.",
        "Great client: decisions in a day and the escrow was funded up front.",
        "Friendly, organised and fair. Would gladly work for them again."),
    4: ("Good client. The brief changed once, but they were fair about it.",
        "Paid promptly; feedback sometimes took a few days across time zones."),
    3: ("The scope grew during the work and feedback was slow.",
        "Paid as agreed, but part of the work was refunded after a change of plans."),
}


PUNCTUAL = ("on time", "early")
TARDY = ("later than planned", "slipped")


@dataclass(frozen=True, slots=True)
class ReviewsSummary:
    of_freelancers: int
    of_clients: int
    awaiting: int  # completed contracts left without the founder's review

    def describe(self) -> str:
        return (f"Reviews: {self.of_freelancers} of freelancers by their clients, "
                f"{self.of_clients} of clients by freelancers; {self.awaiting} completed "
                "contracts left for the founders to review.")


def _owner(venture_id: int, cache: dict[int, User]) -> User:
    if venture_id not in cache:
        cache[venture_id] = (Membership.objects.filter(venture_id=venture_id, role="owner")
                             .select_related("user").order_by("id").first().user)
    return cache[venture_id]


def _stars(rng: random.Random, direction: Direction, delivery: reviews.Delivery,
           troubled: bool) -> int:
    """Clients mark down late or disputed work; freelancers mark down refunds and disputes."""
    if troubled:
        return rng.choice((2, 3, 3, 4))
    if direction == Direction.OF_FREELANCER and not delivery.on_time:
        return rng.choice((3, 4, 4, 5))
    return rng.choice((4, 5, 5, 5))


def _fitting(phrases: tuple[str, ...], delivery: reviews.Delivery) -> tuple[str, ...]:
    """What a client may say given the ledger: no praise for punctuality on a late
    delivery, no complaint about lateness on a punctual one."""
    avoid = TARDY if delivery.on_time else PUNCTUAL
    kept = tuple(phrase for phrase in phrases if not any(word in phrase for word in avoid))
    return kept or phrases


def _completed() -> list[reviews.Delivery]:
    escrows = reviews.completed_escrows().select_related("venture", "payee").order_by("id")
    done = [d for d in reviews.deliveries(escrows) if d.completed]
    return sorted(done, key=lambda d: (d.completed_on, d.escrow.id))


def _troubled(delivery: reviews.Delivery) -> bool:
    """A refund or a dispute outcome happened on the contract."""
    return delivery.escrow.milestones.filter(refunded_minor__gt=0).exists()


def _left_open(done: list[reviews.Delivery]) -> set[tuple[int, str]]:
    """The last completed contract per venture (founder side) and the demo freelancer's."""
    last: dict[int, int] = {}
    for delivery in done:
        last[delivery.escrow.venture_id] = delivery.escrow.id
    keep = {(escrow_id, Direction.OF_FREELANCER) for escrow_id in last.values()}
    hers = [d.escrow.id for d in done if d.escrow.payee.email == FREELANCER.email]
    if hers:
        keep.add((hers[-1], Direction.OF_CLIENT))
    return keep


def load_reviews(seed: int = 42, progress: Progress | None = None) -> ReviewsSummary:
    """Write the demo's reviews; see the module docstring. Same seed, same reviews."""
    report = progress or (lambda done, total, stage: None)
    rng = random.Random(f"bornglobal-demo-reviews:{seed}")
    done, owners = _completed(), {}
    keep_open, reviewed = _left_open(done), set()
    counts: dict[str, int] = defaultdict(int)
    for number, delivery in enumerate(done, start=1):
        escrow, troubled = delivery.escrow, _troubled(delivery)
        day = min(delivery.completed_on + timedelta(days=rng.randint(1, 9)), HISTORY_END)
        at = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=UTC)
        sides = [(Direction.OF_FREELANCER, _owner(escrow.venture_id, owners), 0.9,
                  CLIENT_SAYS), (Direction.OF_CLIENT, escrow.payee, 0.7, FREELANCER_SAYS)]
        for direction, author, chance, phrases in sides:
            wanted = rng.random() < chance
            stars = _stars(rng, direction, delivery, troubled)
            if (escrow.id, direction) in keep_open or not wanted:
                continue
            stars = min(max(stars, min(phrases)), max(phrases))
            with clock.travel_to(at):
                reviews.leave_review(Actor(author), escrow.id, stars,
                                     rng.choice(_fitting(phrases[stars], delivery)))
            counts[direction] += 1
            reviewed.add(escrow.payee_id)
            at += timedelta(hours=rng.randint(2, 30))
        report(number, len(done) + 1, "reviews")
    for person in User.objects.filter(id__in=reviewed).order_by("id"):
        reviews.recompute_reputation(person)
    report(len(done) + 1, len(done) + 1, "reviews")
    awaiting = sum(1 for d in done if not Review.objects.filter(
        contract=d.escrow, direction=Direction.OF_FREELANCER).exists())
    return ReviewsSummary(counts[Direction.OF_FREELANCER], counts[Direction.OF_CLIENT], awaiting)
