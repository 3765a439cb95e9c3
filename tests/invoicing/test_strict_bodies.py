"""Strict input on the invoicing endpoints (issue 13)."""

import json

import pytest

from bornglobal.invoicing.models import Invoice
from tests.invoicing.conftest import issue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("raw", ["42", '"all"', "[]", "null"])
def test_a_credit_note_from_a_body_that_is_not_an_object_is_refused(
    client, seller, german_business, raw
):
    # given an issued invoice
    invoice = issue(seller, german_business)
    client.force_login(seller["owner"])
    url = f"/api/v1/ventures/{seller['venture'].id}/invoices/{invoice.id}/credit-notes"
    # when a credit note is asked for with the body 42 (it credited the whole invoice)
    response = client.post(url, raw, content_type="application/json")
    # then 400 malformed_json, and no credit note exists
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "malformed_json"
    assert Invoice.objects.filter(venture=seller["venture"]).count() == 1


def test_a_quantity_in_other_digits_is_refused(client, seller, french_business):
    # given the owner
    client.force_login(seller["owner"])
    # when an invoice line's quantity is "٣" (Arabic-Indic three), read as 3 before
    line = {"description": "Consulting", "quantity": "\u0663", "unit_price": "100.00"}
    body = {"customer_id": french_business.id, "lines": [line]}
    url = f"/api/v1/ventures/{seller['venture'].id}/invoices"
    response = client.post(url, json.dumps(body), content_type="application/json")
    # then 422, and nothing is issued
    assert response.status_code == 422, response.content
    assert not Invoice.objects.exists()
