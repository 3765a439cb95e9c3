from datetime import date

import pytest

from bornglobal.domain.money import Money
from bornglobal.money import services
from bornglobal.money.models import OperatorRate
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory

RATE_DAY = date(2026, 6, 15)  # a Monday inside the bundled ECB data


@pytest.fixture
def books(db):
    """A Berlin venture with money in its wallet and an Indian freelancer under contract."""
    founder = UserFactory(full_name="Lena Vogel", country="DE", time_zone="Europe/Berlin")
    venture = VentureFactory(name="Kestrel Robotics", legal_country="DE", base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner")
    payee = UserFactory(
        full_name="Priya Raghavan", country="IN", time_zone="Asia/Kolkata", currency="INR"
    )
    actor = Actor(founder)
    services.deposit(actor, venture.id, Money.of("5000.00", "EUR"), key="dep-1")
    escrow = services.open_escrow(
        actor,
        venture.id,
        payee.email,
        "K-001",
        "Firmware port",
        [
            services.MilestonePlan("Design", Money.of("1200.00", "EUR")),
            services.MilestonePlan("Build", Money.of("1800.00", "EUR")),
        ],
    )
    OperatorRate.objects.create(currency="NGN", on=date(2026, 6, 12), per_eur="1650.25")
    milestones = list(escrow.milestones.order_by("id"))
    return {
        "actor": actor,
        "venture": venture,
        "payee": payee,
        "escrow": escrow,
        "milestones": milestones,
        "founder": founder,
    }
