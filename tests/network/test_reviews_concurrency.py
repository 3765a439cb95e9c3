"""Real threads against PostgreSQL: racing reviews of one contract, and racing reviews
of one freelancer's contracts, leave one review per side and a profile that counts all."""

import threading

import pytest
from django.db import connection

from bornglobal.domain.errors import DomainError
from bornglobal.network import reviews
from bornglobal.network.models import Review
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.network.factories import ProfileFactory, contract

THREADS = 8


def _race(calls):
    """Run each call in its own thread, all released at once; the outcomes in order."""
    barrier, outcomes = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except DomainError as error:
            outcomes[index] = error.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_reviews_of_one_contract_store_one():
    # given a completed contract and eight clients of the venture racing to review it
    founder, venture = UserFactory(), VentureFactory(base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner")
    managers = [MembershipFactory(venture=venture, role="manager").user for _ in range(THREADS)]
    escrow = contract(founder, venture, ProfileFactory().user, "RACE-1")
    # when they all send a review at once
    outcomes = _race([lambda m=m: reviews.leave_review(Actor(m), escrow.id, 4).id
                      for m in managers])
    # then exactly one is stored and every other one is told it was already reviewed
    assert sorted(o for o in outcomes if isinstance(o, str)) == ["already_reviewed"] * (
        THREADS - 1)
    assert Review.objects.filter(contract=escrow).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_racing_reviews_of_one_freelancer_all_count():
    # given one freelancer with eight completed contracts from eight ventures
    freelancer = ProfileFactory().user
    clients = []
    for n in range(THREADS):
        founder, venture = UserFactory(), VentureFactory(base_currency="EUR")
        MembershipFactory(user=founder, venture=venture, role="owner")
        clients.append((founder, contract(founder, venture, freelancer, f"RACE-{n}")))
    # when every client reviews at the same moment
    _race([lambda f=f, e=e: reviews.leave_review(Actor(f), e.id, 5).id for f, e in clients])
    # then the cached profile counts all eight reviews, as a fresh computation does
    freelancer.profile.refresh_from_db()
    assert freelancer.profile.review_count == THREADS
    assert freelancer.profile.reputation == reviews.standing(freelancer).reputation.value
