import pytest
from django.db import connection

from tests.factories import MembershipFactory, UserFactory, VentureFactory


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set BORNGLOBAL_TEST_DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip_pg)


@pytest.fixture
def founder(db):
    return UserFactory(full_name="Amara Okafor", country="NG", time_zone="Africa/Lagos",
                       currency="NGN")


@pytest.fixture
def venture(founder):
    venture = VentureFactory(name="Lagos Looms", legal_country="NG", base_currency="NGN")
    MembershipFactory(user=founder, venture=venture, role="owner")
    return venture


@pytest.fixture
def other_founder(db):
    return UserFactory(full_name="Lena Vogel", country="DE", time_zone="Europe/Berlin")


@pytest.fixture
def other_venture(other_founder):
    venture = VentureFactory(name="Berlin Bits", legal_country="DE", base_currency="EUR")
    MembershipFactory(user=other_founder, venture=venture, role="owner")
    return venture


@pytest.fixture(autouse=True)
def fresh_rate_table():
    """Each test reads the operator rate table afresh (the cache is per process)."""
    from bornglobal.money import accounts, rates

    rates.forget()
    accounts.forget()
    yield
    rates.forget()
    accounts.forget()
