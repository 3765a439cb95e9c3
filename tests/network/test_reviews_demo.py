"""Demo reviews: written through the services on the completed contracts only."""

from datetime import date

from bornglobal.demo.reviews import load_reviews
from bornglobal.network import reviews
from bornglobal.network.models import Direction, Review
from tests.network.factories import ProfileFactory, contract


def test_demo_reviews_land_on_completed_contracts_and_leave_the_latest_open(
        other_founder, other_venture):
    # given three completed contracts in order and one still running
    people = [ProfileFactory().user for _ in range(3)]
    days = [date(2026, 3, 2), date(2026, 4, 6), date(2026, 5, 4)]
    done = [contract(other_founder, other_venture, person, f"BB-{n}", paid_on=day)
            for n, (person, day) in enumerate(zip(people, days, strict=True))]
    running = contract(other_founder, other_venture, people[0], "BB-9", release=False)
    # when the demo reviews are loaded
    summary = load_reviews(seed=7)
    # then only completed contracts have reviews, and the latest waits for the founder
    assert not Review.objects.filter(contract=running).exists()
    assert not Review.objects.filter(contract=done[-1], direction=Direction.OF_FREELANCER
                                     ).exists()
    assert summary.awaiting >= 1
    assert summary.of_freelancers == Review.objects.filter(
        direction=Direction.OF_FREELANCER).count()
    for review in Review.objects.all():
        assert reviews.deliveries([review.contract])[0].completed
        assert 1 <= review.stars <= 5 and review.text
    # and each reviewed freelancer's profile counts what the records show
    for review in Review.objects.filter(direction=Direction.OF_FREELANCER):
        profile = review.freelancer.profile
        assert (profile.review_count, profile.completed_contracts) == (1, 1)
