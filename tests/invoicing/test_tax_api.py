"""`GET /api/v1/tax/quote`: the tax decision through the API, each refusal a 4xx with
a machine-readable code."""

import pytest

URL = "/api/v1/tax/quote"


@pytest.fixture
def api(client, founder):
    client.force_login(founder)
    return client


def test_reverse_charge_for_a_french_business(api):
    # given a German seller and a French business with VAT numbers
    params = {
        "seller_country": "DE",
        "seller_vat_id": "DE136695976",
        "buyer_country": "FR",
        "buyer_vat_id": "FR40303265045",
        "supply": "services",
        "date": "2026-01-15",
    }
    # when the decision is asked for
    response = api.get(URL, params)
    # then it is reverse charge with the Article 196 wording and no rate
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["treatment"] == "reverse_charge"
    assert "Article 196" in body["legal_text"]
    assert body["rate"] == "0"
    assert body["buyer_vat_id_status"] == "format valid, not verified online"
    assert set(body) == {
        "treatment",
        "rate_country",
        "rate",
        "tax_name",
        "legal_text",
        "why",
        "buyer_vat_id_status",
        "rate_source",
    }


def test_oss_takes_the_consumers_rate_on_the_date(api):
    # given e-services from Germany to a Finnish consumer above the EU threshold
    params = {
        "seller_country": "DE",
        "seller_vat_id": "DE136695976",
        "buyer_country": "FI",
        "supply": "e-services",
        "over_threshold": "true",
        "date": "2026-01-15",
    }
    # when the decision is asked for
    body = api.get(URL, params).json()
    # then Finland's standard rate applies through the OSS, with its source
    assert body["treatment"] == "oss_destination"
    assert body["rate_country"] == "FI"
    assert body["rate"] == "25.5"
    assert body["rate_source"]


def test_domestic_sale_charges_the_sellers_rate(api):
    # given a German seller and a German consumer
    params = {
        "seller_country": "DE",
        "seller_vat_id": "DE136695976",
        "buyer_country": "DE",
        "supply": "goods",
        "date": "2026-01-15",
    }
    # when the decision is asked for
    body = api.get(URL, params).json()
    # then German VAT at 19% is charged
    assert (body["treatment"], body["rate_country"], body["rate"]) == ("domestic", "DE", "19")


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"buyer_country": "XX"}, 422, "validation_error"),
        ({"buyer_vat_id": "FR123"}, 400, "invalid_vat_id"),
        ({"date": "1990-01-01"}, 400, "date_before_data"),
        ({"date": "not-a-date"}, 422, "validation_error"),
        ({"supply": "software"}, 422, "validation_error"),
        ({"seller_country": None}, 422, "validation_error"),
    ],
)
def test_bad_facts_are_refused_with_a_code(api, change, status, code):
    # given otherwise sound facts with one thing wrong
    params = {
        "seller_country": "DE",
        "seller_vat_id": "DE136695976",
        "buyer_country": "FR",
        "buyer_vat_id": "FR40303265045",
        "supply": "services",
        "date": "2026-01-15",
        **change,
    }
    params = {key: value for key, value in params.items() if value is not None}
    # when the decision is asked for
    response = api.get(URL, params)
    # then it is refused with a 4xx and a machine-readable code
    assert response.status_code == status, response.content
    assert response.json()["code"] == code


def test_quote_needs_a_login(client):
    # given nobody logged in
    # when the decision is asked for
    response = client.get(URL, {"seller_country": "DE", "buyer_country": "FR"})
    # then the answer is 401 not_authenticated
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
