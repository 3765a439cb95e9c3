"""The partner endpoints: the directory's filters and pages, one partner with converted
prices, listing and editing, and the error codes."""

from datetime import UTC, datetime

import pytest

from bornglobal import clock
from bornglobal.network.models import Partner
from tests.factories import UserFactory
from tests.network.factories import (
    PartnerCapabilityFactory,
    PartnerFactory,
    PartnerPriceFactory,
    PartnerShippingZoneFactory,
)

RATE_INSTANT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # a Monday inside the ECB data
BODY = {
    "name": "Shenzhen Rapid Parts",
    "kind": "micro_factory",
    "country": "CN",
    "city": "Shenzhen",
    "time_zone": "Asia/Shanghai",
    "currency": "CNY",
    "min_order_quantity": 10,
    "min_order_unit": "part",
    "lead_time_days": 5,
    "capabilities": [{"kind": "process", "name": "CNC milling"},
                     {"kind": "material", "name": "aluminium"}],
    "prices": [{"item": "milled bracket", "unit": "part", "min_quantity": 10, "price": "120.00"},
               {"item": "milled bracket", "unit": "part", "min_quantity": 100, "price": "95.50"}],
    "shipping_zones": [{"country": "HK", "transit_days": 1}, {"country": "DE", "transit_days": 6}],
}


def _post(client, body):
    return client.post("/api/v1/partners", body, content_type="application/json")


def _put(client, partner_id, body):
    return client.put(f"/api/v1/partners/{partner_id}", body, content_type="application/json")


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


@pytest.fixture
def directory(db):
    """Four partners in three countries, and one unlisted."""
    lisbon = PartnerFactory(name="Alfama Ceramics", kind="micro_factory", country="PT",
                            lead_time_days=20, min_order_quantity=12)
    PartnerCapabilityFactory(partner=lisbon, kind="process", name="slip casting")
    PartnerShippingZoneFactory(partner=lisbon, country="ES", transit_days=3)
    berlin = PartnerFactory(name="Berlin Screen Print", kind="micro_factory", country="DE",
                            time_zone="Europe/Berlin", lead_time_days=4, min_order_quantity=50)
    PartnerCapabilityFactory(partner=berlin, kind="process", name="screen printing")
    PartnerShippingZoneFactory(partner=berlin, country="ES", transit_days=4)
    PartnerShippingZoneFactory(partner=berlin, country="FR", transit_days=2)
    hamburg = PartnerFactory(name="Claus Freight", kind="logistics", country="DE",
                             time_zone="Europe/Berlin", lead_time_days=1, min_order_quantity=1)
    PartnerCapabilityFactory(partner=hamburg, kind="service", name="sea freight")
    kochi = PartnerFactory(name="Dhara Tea", kind="supplier", country="IN",
                           time_zone="Asia/Kolkata", currency="INR", lead_time_days=10,
                           min_order_quantity=5)
    PartnerCapabilityFactory(partner=kochi, kind="process", name="tea blending")
    PartnerFactory(name="Zeta Hidden Works", listed=False)
    return {"lisbon": lisbon, "berlin": berlin, "hamburg": hamburg, "kochi": kochi}


def test_post_lists_a_partner_and_answers_it_with_converted_prices(client, db):
    # given a logged-in user who pays in euros, on a day with an ECB rate
    owner = UserFactory(currency="EUR")
    client.force_login(owner)
    # when they list a Shenzhen micro-factory with a yuan price list
    with clock.travel_to(RATE_INSTANT):
        response = _post(client, BODY)
    # then it is created, owned by them, with prices in CNY and in EUR at the ECB rate
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["yours"] is True and Partner.objects.get(id=body["id"]).owner == owner
    assert body["prices"][0]["price"] == {"minor": 12000, "currency": "CNY", "amount": "120.00"}
    converted = body["prices"][0]["converted"]
    assert converted["currency"] == "EUR" and 1000 < converted["minor"] < 2000
    assert body["conversion"]["source"] == "ECB" and body["conversion"]["rate_date"] == "2026-06-15"
    assert "ECB reference rate of 2026-06-15" in body["conversion"]["describe"]
    assert [z["country"] for z in body["shipping_zones"]] == ["HK", "DE"]  # fastest first
    assert body["capabilities"] == [{"kind": "material", "name": "aluminium"},
                                    {"kind": "process", "name": "cnc milling"}]


def test_without_a_rate_the_price_is_shown_unconverted_with_the_reason(client, db):
    # given a viewer who pays in a currency with no rate at all
    viewer = UserFactory(currency="XOF")
    partner = PartnerFactory(currency="EUR")
    PartnerPriceFactory(partner=partner)
    client.force_login(viewer)
    # when they read the partner
    with clock.travel_to(RATE_INSTANT):
        response = client.get(f"/api/v1/partners/{partner.id}")
    # then the price stands in euros, converted is null, and the reason is given
    body = response.json()
    assert response.status_code == 200
    assert body["prices"][0]["converted"] is None and body["conversion"]["rate"] is None
    assert "XOF" in body["conversion"]["describe"]


def test_the_currency_can_be_chosen_per_request(client, directory):
    # given a viewer
    client.force_login(UserFactory(currency="EUR"))
    PartnerPriceFactory(partner=directory["kochi"], price_minor=25_000)
    # when they ask for the Indian partner's prices in US dollars
    with clock.travel_to(RATE_INSTANT):
        response = client.get(f"/api/v1/partners/{directory['kochi'].id}?currency=USD")
    # then the conversion is into USD
    body = response.json()
    assert body["conversion"]["currency"] == "USD"
    assert body["prices"][0]["converted"]["currency"] == "USD"


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["Alfama Ceramics", "Berlin Screen Print", "Claus Freight", "Dhara Tea"]),
    ("kind=micro_factory", ["Alfama Ceramics", "Berlin Screen Print"]),
    ("capability=screen printing", ["Berlin Screen Print"]),
    ("capability=scre", ["Berlin Screen Print"]),
    ("capability=printing", ["Berlin Screen Print"]),
    ("capability=  TEA  ", ["Dhara Tea"]),
    ("capability=rinting", []),
    ("country=DE", ["Berlin Screen Print", "Claus Freight"]),
    ("ships_to=ES", ["Alfama Ceramics", "Berlin Screen Print"]),
    ("ships_to=FR&kind=micro_factory", ["Berlin Screen Print"]),
    ("max_lead_time=10", ["Berlin Screen Print", "Claus Freight", "Dhara Tea"]),
    ("max_min_order=12", ["Alfama Ceramics", "Claus Freight", "Dhara Tea"]),
    ("q=tea", ["Dhara Tea"]),
    ("sort=lead_time", ["Claus Freight", "Berlin Screen Print", "Dhara Tea", "Alfama Ceramics"]),
])
def test_directory_filters(client, directory, query, expected):
    # given the directory and a logged-in viewer
    client.force_login(UserFactory())
    # when they filter it
    response = client.get(f"/api/v1/partners?{query}")
    # then exactly the matching listed partners come back, in order, with the count
    assert _names(response) == expected
    assert response.json()["count"] == len(expected)


def test_pages_have_the_total_count(client, directory):
    # given four listed partners
    client.force_login(UserFactory())
    # when they are read two at a time
    first = client.get("/api/v1/partners?limit=2")
    second = client.get("/api/v1/partners?limit=2&offset=2")
    beyond = client.get("/api/v1/partners?limit=2&offset=10")
    # then each page has two, every page counts all four, and past the end is empty
    assert _names(first) == ["Alfama Ceramics", "Berlin Screen Print"]
    assert _names(second) == ["Claus Freight", "Dhara Tea"]
    assert _names(beyond) == []
    assert {r.json()["count"] for r in (first, second, beyond)} == {4}


def test_an_owner_sees_their_unlisted_partner_and_others_do_not(client, directory):
    # given an unlisted partner
    hidden = Partner.objects.get(name="Zeta Hidden Works")
    # when its owner and a stranger look for it
    client.force_login(hidden.owner)
    mine = client.get("/api/v1/partners?mine=true")
    own_detail = client.get(f"/api/v1/partners/{hidden.id}")
    client.force_login(UserFactory())
    strangers = client.get("/api/v1/partners?q=zeta")
    stranger_detail = client.get(f"/api/v1/partners/{hidden.id}")
    # then only the owner finds it
    assert _names(mine) == ["Zeta Hidden Works"] and own_detail.status_code == 200
    assert _names(strangers) == []
    assert stranger_detail.status_code == 404
    assert stranger_detail.json()["code"] == "not_found"


def test_put_replaces_the_listing_for_the_owner_only(client, db):
    # given a partner listed through the API
    owner = UserFactory()
    client.force_login(owner)
    created = _post(client, BODY).json()
    # when a stranger and then the owner put a new version
    client.force_login(UserFactory())
    refused = _put(client, created["id"], {**BODY, "name": "Taken over"})
    client.force_login(owner)
    saved = _put(client, created["id"], {**BODY, "lead_time_days": 9, "prices": []})
    missing = _put(client, 999_999, BODY)
    # then the stranger gets 403, the owner's change holds, and an unknown id is 404
    assert (refused.status_code, refused.json()["code"]) == (403, "not_owner")
    assert saved.status_code == 200, saved.content
    assert (saved.json()["lead_time_days"], saved.json()["prices"]) == (9, [])
    assert saved.json()["name"] == "Shenzhen Rapid Parts"
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize(("change", "status", "code"), [
    ({"currency": "XYZ"}, 422, "validation_error"),
    ({"country": "QQ"}, 422, "validation_error"),
    ({"time_zone": "Europe/Atlantis"}, 422, "validation_error"),
    ({"lead_time_days": 400}, 422, "validation_error"),  # 0..365 is in the schema
    ({"prices": [{"item": "x", "min_quantity": 1, "price": "1.005"}]}, 400, "invalid_price"),
    ({"prices": [{"item": "x", "min_quantity": 1, "price": 1.5}]}, 422, "validation_error"),
    ({"shipping_zones": [{"country": "ES", "transit_days": 2},
                         {"country": "ES", "transit_days": 3}]}, 400, "duplicate_shipping_zone"),
    ({"kind": "bakery"}, 422, "validation_error"),
    ({"name": ""}, 422, "validation_error"),
])
def test_bad_input_gets_a_4xx_with_a_code(client, db, change, status, code):
    # given a logged-in user
    client.force_login(UserFactory())
    # when they post a listing with one bad field
    response = _post(client, {**BODY, **change})
    # then the answer is the error model with a machine-readable code
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Partner.objects.exists()


def test_bad_filters_get_a_4xx_with_a_code(client, directory):
    # given a logged-in user
    client.force_login(UserFactory())
    # when they filter by a country that does not exist, or an unknown sort
    country = client.get("/api/v1/partners?ships_to=QQ")
    sort = client.get("/api/v1/partners?sort=price")
    limit = client.get("/api/v1/partners?limit=1000")
    # then each is refused with its code
    assert (country.status_code, country.json()["code"]) == (422, "validation_error")
    assert (sort.status_code, sort.json()["code"]) == (422, "validation_error")
    assert (limit.status_code, limit.json()["code"]) == (422, "validation_error")


def test_the_directory_needs_a_login(client, directory):
    # given nobody logged in
    # when the directory is asked for
    response = client.get("/api/v1/partners")
    # then it is refused
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")
