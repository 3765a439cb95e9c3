"""Real threads against PostgreSQL: the last-owner rule holds under races."""


import pytest

from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Membership
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.races import race


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_owners_leaving_at_once_leave_one_owner_behind(attempt):
    # given a venture with exactly two owners
    venture = VentureFactory()
    first = MembershipFactory(venture=venture, user=UserFactory(), role="owner")
    second = MembershipFactory(venture=venture, user=UserFactory(), role="owner")
    # when both leave at the same instant, in two threads
    outcomes = race(
        lambda: services.remove_member(Actor(first.user), venture.id, first.id),
        lambda: services.remove_member(Actor(second.user), venture.id, second.id),
    )
    # then exactly one succeeds and the venture keeps an owner
    assert outcomes == ["done", "last_owner"]
    assert Membership.objects.filter(venture=venture, role="owner").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_keep_one_owner():
    # given two owners
    venture = VentureFactory()
    first = MembershipFactory(venture=venture, user=UserFactory(), role="owner")
    second = MembershipFactory(venture=venture, user=UserFactory(), role="owner")
    # when each demotes the other at the same instant
    outcomes = race(
        lambda: services.change_role(Actor(first.user), venture.id, second.id, "member"),
        lambda: services.change_role(Actor(second.user), venture.id, first.id, "member"),
    )
    # then one demotion wins; the loser is refused (no longer an owner, or last owner)
    assert Membership.objects.filter(venture=venture, role="owner").count() == 1
    assert outcomes.count("done") == 1
    assert set(outcomes) - {"done"} <= {"role_forbidden", "last_owner"}
