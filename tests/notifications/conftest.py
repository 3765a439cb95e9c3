"""The work fixtures (a Berlin venture with a role, Priya in India, a Monday inside the
bundled ECB rates), and a contract at each step, made through the services."""
# ruff: noqa: F811  (the work fixtures are imported below and used by name)

import pytest

from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones
from tests.factories import MembershipFactory, UserFactory
from tests.work.conftest import kestrel, monday, priya  # noqa: F401  (fixtures)
from tests.work.factories import hired


@pytest.fixture
def team(kestrel):
    """Kestrel's manager (may move money) and a plain member (may not)."""
    manager = UserFactory(full_name="Jonas Weber", email="jonas@example.org")
    member = UserFactory(full_name="Mia Roth", email="mia@example.org")
    MembershipFactory(user=manager, venture=kestrel["venture"], role="manager")
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    return {"manager": manager, "member": member}


@pytest.fixture
def contract(kestrel, priya):
    return hired(kestrel["founder"], kestrel["role"], priya)


@pytest.fixture
def submitted(kestrel, priya, contract):
    """The first milestone funded, started and submitted."""
    item = contract.milestones.get(position=1)
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "Firmware and test report")
    item.refresh_from_db()
    return item
