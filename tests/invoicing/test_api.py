"""The invoicing endpoints: issue, read, credit, pay, customers, billing, reports, PDF;
every refusal is a 4xx in the one error model."""

import io

import pytest
from pypdf import PdfReader

from bornglobal.tenancy import services as tenancy_services
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory
from tests.invoicing.conftest import issue


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _base(seller):
    return f"/api/v1/ventures/{seller['venture'].id}"


def _invoice_body(customer, **more):
    body = {
        "customer_id": customer.id,
        "supply_date": "2026-06-15",
        "issue_date": "2026-06-15",
        "lines": [{"description": "Firmware consulting", "quantity": "3", "unit_price": "450.00"}],
    }
    return {**body, **more}


@pytest.fixture
def api(client, seller):
    client.force_login(seller["owner"])
    return client


def test_issue_and_read_an_invoice(api, seller, french_business):
    # when the founder issues an invoice through the API
    response = _post(api, f"{_base(seller)}/invoices", _invoice_body(french_business))
    # then it is created with its number, treatment, wording and amounts
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["reference"] == "INV-000001"
    assert body["net"] == {"minor": 135_000, "currency": "EUR", "amount": "1350.00"}
    assert body["tax_groups"][0]["treatment"] == "reverse_charge"
    assert "Article 196" in body["legal_texts"][0]
    assert body["seller"]["vat_id"] == "DE136695976"
    assert body["buyer"]["vat_id"] == "FR40303265045"
    assert body["standing"]["state"] in ("open", "overdue")
    # and it is listed and read back
    listed = api.get(f"{_base(seller)}/invoices").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    assert api.get(f"{_base(seller)}/invoices/{body['id']}").json()["reference"] == "INV-000001"


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"lines": []}, 422, "validation_error"),
        (
            {"lines": [{"description": "x", "quantity": "0", "unit_price": "1.00"}]},
            422,
            "validation_error",
        ),
        (
            {"lines": [{"description": "x", "unit_price": "1.00", "supply": "magic"}]},
            422,
            "validation_error",
        ),
        ({"lines": [{"description": "x", "unit_price": "1.234"}]}, 400, "invalid_amount"),
        ({"lines": [{"description": "x", "unit_price": "-5.00"}]}, 422, "validation_error"),
        (
            {
                "lines": [
                    {"description": "x", "quantity": "999999999", "unit_price": "99999999999.00"}
                ]
            },
            400,
            "invalid_amount",
        ),
        ({"currency": "ZZZ"}, 422, "validation_error"),
        ({"currency": "XAU"}, 422, "validation_error"),
        ({"customer_id": 999_999}, 404, "customer_not_found"),
        ({"due_date": "2026-06-01"}, 400, "invalid_due_date"),
        ({"supply_date": "2019-01-01"}, 400, "date_before_data"),
    ],
)
def test_bad_invoices_are_refused_with_a_code(api, seller, french_business, change, status, code):
    # when an invoice with a bad field is posted
    response = _post(api, f"{_base(seller)}/invoices", _invoice_body(french_business, **change))
    # then the answer is the documented 4xx with a machine-readable code and no invoice exists
    assert response.status_code == status, response.content
    assert response.json()["code"] == code and response.json()["message"]
    assert api.get(f"{_base(seller)}/invoices").json()["count"] == 0


def test_credit_and_payment_refusals(api, seller, german_business):
    # given an invoice of 1,190.00
    invoice = issue(seller, german_business)
    url = f"{_base(seller)}/invoices/{invoice.id}"
    line_id = invoice.lines.get().id
    # when more than the line is credited, or more than owed is paid, then 409
    over = _post(api, f"{url}/credit-notes", {"lines": [{"line_id": line_id, "quantity": "2"}]})
    assert (over.status_code, over.json()["code"]) == (409, "exceeds_invoice")
    paid = _post(api, f"{url}/payments", {"amount": {"amount": "2000.00", "currency": "EUR"}})
    assert (paid.status_code, paid.json()["code"]) == (409, "exceeds_outstanding")
    # and a valid partial credit and payment are accepted
    credit = _post(api, f"{url}/credit-notes", {"lines": [{"line_id": line_id, "quantity": "0.5"}]})
    assert credit.status_code == 201 and credit.json()["total"]["amount"] == "-595.00"
    assert credit.json()["credits_id"] == invoice.id
    paid = _post(api, f"{url}/payments", {"amount": {"amount": "595.00", "currency": "EUR"}})
    assert paid.status_code == 201
    assert api.get(url).json()["standing"]["state"] == "paid"


def test_customers_billing_and_a_venture_without_billing_details(
    api, seller, venture, founder, client
):
    # given a customer added through the API
    added = _post(api, f"{_base(seller)}/customers", {"name": "Rhein Data AG", "country": "DE"})
    assert added.status_code == 201
    bad = _post(api, f"{_base(seller)}/customers", {"name": "X", "country": "XX"})
    assert (bad.status_code, bad.json()["details"][0]["type"]) == (422, "invalid_country")
    bad_vat = _post(
        api, f"{_base(seller)}/customers", {"name": "X", "country": "FR", "vat_id": "FR123"}
    )
    assert (bad_vat.status_code, bad_vat.json()["code"]) == (400, "invalid_vat_id")
    # when a venture without billing details tries to invoice
    client.force_login(founder)
    customer = _post(
        client,
        f"/api/v1/ventures/{venture.id}/customers",
        {"name": "Abuja Textiles", "country": "NG"},
    ).json()
    refused = _post(
        client,
        f"/api/v1/ventures/{venture.id}/invoices",
        _invoice_body(type("C", (), {"id": customer["id"]}), currency="NGN"),
    )
    # then it is told to set them first
    assert (refused.status_code, refused.json()["code"]) == (409, "billing_profile_missing")
    assert client.get(f"/api/v1/ventures/{venture.id}/billing").status_code == 404
    saved = client.put(
        f"/api/v1/ventures/{venture.id}/billing",
        {"legal_name": "Lagos Looms Ltd", "address": "12 Broad Street, Lagos"},
        content_type="application/json",
    )
    assert saved.status_code == 200 and saved.json()["payment_terms_days"] == 30


def test_tax_reports_as_json_and_csv(api, seller, german_business):
    issue(seller, german_business)
    query = "?start=2026-04-01&end=2026-06-30"
    report = api.get(f"{_base(seller)}/tax-reports/vat-summary{query}").json()
    assert report["columns"][:3] == ["treatment", "rate_country", "rate"]
    assert report["rows"][0][:6] == ["domestic", "DE", "19", "EUR", "1000.00", "190.00"]
    csv = api.get(f"{_base(seller)}/tax-reports/vat-summary.csv{query}")
    assert csv.status_code == 200 and csv["Content-Type"] == "text/csv"
    assert csv.content.decode().startswith("treatment,rate_country,rate")
    bad = api.get(f"{_base(seller)}/tax-reports/oss?start=2026-06-30&end=2026-04-01")
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_period")
    unknown = api.get(f"{_base(seller)}/tax-reports/intrastat{query}")
    assert unknown.status_code == 422


def test_the_pdf_endpoint_answers_a_pdf(api, seller, french_business):
    invoice = issue(seller, french_business)
    response = api.get(f"{_base(seller)}/invoices/{invoice.id}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "INV-000001" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()


def test_cross_tenant_isolation(client, seller, german_business, other_venture, other_founder):
    # given an invoice of the seller venture
    invoice = issue(seller, german_business)
    url = f"{_base(seller)}/invoices/{invoice.id}"
    # then another venture's founder sees nothing of it, by session or by a token
    client.force_login(other_founder)
    for path in (
        url,
        f"{url}/pdf",
        f"{_base(seller)}/invoices",
        f"{_base(seller)}/customers",
        f"{_base(seller)}/tax-reports/oss?start=2026-01-01&end=2026-12-31",
    ):
        assert client.get(path).status_code == 404, path
    credit = _post(client, f"{url}/credit-notes", {})
    assert credit.status_code == 404
    assert client.get(f"/api/v1/me/invoices/{invoice.id}").status_code == 404
    # and a token scoped to the other venture cannot reach it either
    token = tenancy_services.issue_token(Actor(seller["owner"]), "own", seller["venture"].id).secret
    scoped = tenancy_services.issue_token(Actor(other_founder), "v", other_venture.id).secret
    client.logout()
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {scoped}").status_code == 404
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    # and a plain member of the seller venture is refused the books
    member = MembershipFactory(venture=seller["venture"], role="member").user
    client.force_login(member)
    assert client.get(url).status_code == 403


def test_a_freelancer_token_reaches_only_the_freelancer_s_invoices(client, seller, german_business):
    # given the founder's freelancer-scoped token (a token without a venture)
    issue(seller, german_business)
    freelancer_token = tenancy_services.issue_token(Actor(seller["owner"]), "me", None)
    header = {"HTTP_AUTHORIZATION": f"Bearer {freelancer_token.secret}"}
    # then the venture's invoices are out of its reach, and its own list is empty
    assert client.get(f"{_base(seller)}/invoices", **header).status_code == 404
    assert client.get("/api/v1/me/invoices", **header).json()["count"] == 0
