"""The operator edits exchange rates in the admin; the books there are read-only."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_operator_adds_a_rate_in_the_admin_and_cannot_edit_postings(client):
    # given a staff operator
    operator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(operator)
    # when they open the rate form and the posting-bearing transaction list
    add_rate = client.get("/admin/money/operatorrate/add/")
    add_transaction = client.get("/admin/money/ledgertransaction/add/")
    listing = client.get("/admin/money/ledgertransaction/")
    # then rates can be added, transactions only read
    assert add_rate.status_code == 200
    assert add_transaction.status_code == 403
    assert listing.status_code == 200
