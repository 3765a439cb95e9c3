import pytest

from bornglobal import clock
from bornglobal.domain.money import Money
from bornglobal.money import services as money
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.work.factories import MONDAY, FreelancerFactory, ProjectFactory, RoleFactory


@pytest.fixture
def monday():
    """Every test runs on a Monday inside the bundled ECB rates."""
    with clock.travel_to(MONDAY):
        yield MONDAY


@pytest.fixture
def kestrel(db, monday):
    """A Berlin venture with 10,000 EUR in its wallet, a project and a role."""
    founder = UserFactory(full_name="Lena Vogel", country="DE", time_zone="Europe/Berlin")
    venture = VentureFactory(name="Kestrel Robotics", legal_country="DE", base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner")
    money.deposit(Actor(founder), venture.id, Money.of("10000.00", "EUR"), key="seed")
    role = RoleFactory(project=ProjectFactory(venture=venture, title="Drone firmware"))
    return {"founder": founder, "venture": venture, "role": role, "project": role.project}


@pytest.fixture
def priya(db):
    return FreelancerFactory(full_name="Priya Raghavan", email="priya@example.org")
