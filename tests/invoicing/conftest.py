from datetime import date
from decimal import Decimal

import pytest

from bornglobal.domain.money import Money
from bornglobal.invoicing import issuing
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory

SUPPLY_DAY = date(2026, 6, 15)  # a Monday inside the bundled ECB data


@pytest.fixture
def seller(db):
    """A Berlin venture with billing details and an owner."""
    owner = UserFactory(full_name="Lena Vogel", country="DE", time_zone="Europe/Berlin")
    venture = VentureFactory(name="Kestrel Robotics", legal_country="DE", base_currency="EUR")
    MembershipFactory(user=owner, venture=venture, role="owner")
    BillingProfileFactory(
        venture=venture,
        legal_name="Kestrel Robotics GmbH",
        address="Torstraße 1\n10119 Berlin",
        vat_id="DE136695976",
    )
    return {"venture": venture, "owner": owner, "actor": Actor(owner)}


@pytest.fixture
def french_business(seller):
    return CustomerFactory(
        venture=seller["venture"], name="Atelier Lumière SARL", country="FR", vat_id="FR40303265045"
    )


@pytest.fixture
def german_business(seller):
    return CustomerFactory(
        venture=seller["venture"],
        name="Rhein Data AG",
        country="DE",
        vat_id="",
        address="Domplatz 3\n50667 Köln",
    )


def line(
    description="Firmware consulting", quantity="1", price="1000.00", currency="EUR", **more
) -> LinePlan:
    return LinePlan(description, Decimal(quantity), Money.of(price, currency), **more)


def issue(seller, customer, lines=None, **more):
    """Issue an invoice from the seller venture to `customer`, supplied on SUPPLY_DAY."""
    more.setdefault("supply_date", SUPPLY_DAY)
    more.setdefault("issue_date", SUPPLY_DAY)
    return issuing.issue_invoice(
        seller["actor"], seller["venture"].id, customer.id, lines or [line()], **more
    )
