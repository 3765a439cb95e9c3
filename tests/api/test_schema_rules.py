"""Rules the services enforce, stated in the OpenAPI schema and enforced by pydantic at the
edge (issue 13, the fuzzer's "invalid accepted" and "valid request rejected" findings):
each invalid input is refused with 422 and the schema says why."""

import json

import pytest

from bornglobal.network.models import Partner
from tests.factories import UserFactory
from tests.network.factories import ProfileFactory

pytestmark = pytest.mark.django_db

PARTNER = {
    "name": "Porto Print Co",
    "kind": "supplier",
    "country": "PT",
    "time_zone": "Europe/Lisbon",
    "currency": "EUR",
    "lead_time_days": 3,
    "prices": [{"item": "tote bag", "price": "4.20"}],
    "shipping_zones": [{"country": "ES", "transit_days": 2}],
}


def _send(client, method, url, body):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def _schemas(client) -> dict:
    return client.get("/api/v1/openapi.json").json()["components"]["schemas"]


def _branch(prop: dict) -> dict:
    """The non-null branch of an optional property."""
    return next(b for b in prop.get("anyOf", [prop]) if b.get("type") != "null")


def _fields(response) -> list[str]:
    return [str(item["loc"][-1]) for item in response.json()["details"]]


# 1. Integers in bodies are JSON integers: false is not 0


def test_payment_terms_of_false_are_refused_on_the_venture_billing(client, founder, venture):
    # given the owner
    client.force_login(founder)
    # when the billing details say payment_terms_days: false (stored as 0 before)
    body = {"legal_name": "Lagos Looms Ltd", "address": "1 Marina", "payment_terms_days": False}
    response = _send(client, "put", f"/api/v1/ventures/{venture.id}/billing", body)
    # then 422 int_type on that field
    assert response.status_code == 422, response.content
    assert _fields(response) == ["payment_terms_days"]
    assert response.json()["details"][0]["type"] == "int_type"


def test_payment_terms_of_false_are_refused_on_my_billing(client):
    # given a freelancer
    client.force_login(UserFactory(country="DE"))
    # when their billing details say payment_terms_days: false
    body = {"legal_name": "Lena Vogel", "address": "Hauptstr. 1", "payment_terms_days": False}
    response = _send(client, "put", "/api/v1/me/billing", body)
    # then 422 on that field
    assert response.status_code == 422, response.content
    assert _fields(response) == ["payment_terms_days"]


@pytest.mark.parametrize("value", [False, True, 2.0, "2"])
def test_transit_days_that_are_not_a_json_integer_are_refused(client, value):
    # given a user
    client.force_login(UserFactory())
    # when a partner's shipping zone takes `value` days (false made a partner before)
    body = {**PARTNER, "shipping_zones": [{"country": "ES", "transit_days": value}]}
    response = _send(client, "post", "/api/v1/partners", body)
    # then 422 and no partner
    assert response.status_code == 422, response.content
    assert _fields(response) == ["transit_days"]
    assert not Partner.objects.exists()


def test_integers_stay_integers_and_keep_their_bounds_in_the_schema(client):
    # given the OpenAPI document
    schemas = _schemas(client)
    # then the fields are integers with their bounds
    terms = schemas["BillingIn"]["properties"]["payment_terms_days"]
    assert (terms["type"], terms["minimum"], terms["maximum"]) == ("integer", 0, 365)


# 5. Partner days: 0 to 365, as the service says


@pytest.mark.parametrize("field", ["lead_time_days", "transit_days"])
def test_partner_days_above_365_are_refused_by_the_schema(client, field):
    # given a user
    client.force_login(UserFactory())
    # when a lead time or a transit time is 366 days (a 400 the schema did not state before)
    body = json.loads(json.dumps(PARTNER))
    if field == "lead_time_days":
        body["lead_time_days"] = 366
    else:
        body["shipping_zones"][0]["transit_days"] = 366
    response = _send(client, "post", "/api/v1/partners", body)
    # then 422 less_than_equal on that field, and the schema says 0..365
    assert response.status_code == 422, response.content
    assert _fields(response) == [field]
    schemas = _schemas(client)
    for schema, name in (("PartnerIn", "lead_time_days"), ("ShippingZoneIn", "transit_days")):
        days = schemas[schema]["properties"][name]
        assert (days["minimum"], days["maximum"]) == (0, 365)


# 2. Amounts that a service refuses at zero say so in their pattern


@pytest.mark.parametrize("amount", ["0", "00.00", "0.000"])
def test_a_deposit_of_zero_is_refused_by_the_schema(client, founder, venture, amount):
    # given the owner
    client.force_login(founder)
    # when they deposit zero (a 400 invalid_amount the schema did not state before)
    body = {"amount": {"amount": amount, "currency": "NGN"}, "idempotency_key": "dep-zero"}
    response = _send(client, "post", f"/api/v1/ventures/{venture.id}/money/deposits", body)
    # then 422 on the amount's pattern
    assert response.status_code == 422, response.content
    assert _fields(response) == ["amount"]
    assert response.json()["details"][0]["type"] == "string_pattern_mismatch"


def test_a_partner_price_of_zero_is_refused_by_the_schema(client):
    # given a user
    client.force_login(UserFactory())
    # when a price line costs 0.00
    body = {**PARTNER, "prices": [{"item": "tote bag", "price": "0.00"}]}
    response = _send(client, "post", "/api/v1/partners", body)
    # then 422 on the price
    assert response.status_code == 422, response.content
    assert _fields(response) == ["price"]


def test_positive_amounts_are_stated_where_services_refuse_zero(client):
    # given the OpenAPI document
    import re

    schemas = _schemas(client)
    positive = schemas["PositiveMoneyIn"]["properties"]["amount"]["pattern"]
    # then the pattern takes every amount above zero and no zero
    for good in ("1", "0.01", "120.50", "00.5", "10", "1000000.000"):
        assert re.search(positive, good), good
    for bad in ("0", "00.00", "0.000", "", "-1", "1e3", ".5", "5."):
        assert not re.search(positive, bad), bad
    # and deposits, milestones, release/refund/release-part, payments, roles, partner prices
    # and profile rates use it, while a dispute's payee share may be zero
    uses = {
        ("DepositIn", "amount"), ("MilestoneIn", "amount"), ("ReleaseIn", "amount"),
        ("RefundIn", "amount"), ("PartIn", "amount"), ("PaymentIn", "amount"),
        ("RoleIn", "rate_ceiling"),
    }
    for schema, field in uses:
        prop = _branch(schemas[schema]["properties"][field])
        assert prop["$ref"].endswith("/PositiveMoneyIn"), (schema, field)
    assert schemas["PriceIn"]["properties"]["price"]["pattern"] == positive
    assert schemas["ProfileRateIn"]["properties"]["amount"]["pattern"] == positive
    assert schemas["ResolveIn"]["properties"]["payee_share"]["$ref"].endswith("/MoneyIn")


# 3. Days: 1900-01-01 to 2999-12-31, in the schema's pattern


def _parameter(spec: dict, path: str, name: str) -> dict:
    parameters = spec["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)["schema"]


def test_days_state_their_years_in_the_schema(client):
    # given the OpenAPI document
    import re

    spec = client.get("/api/v1/openapi.json").json()
    schemas = spec["components"]["schemas"]
    due = _branch(schemas["MilestoneIn"]["properties"]["due_on"])
    # then a body's day and the query days `on` and `date` carry the pattern
    assert due["format"] == "date"
    pattern = due["pattern"]
    for schema in (
        _branch(_parameter(spec, "/api/v1/fx/quote", "on")),
        _branch(_parameter(spec, "/api/v1/tax/quote", "date")),
        _branch(_parameter(spec, "/api/v1/profiles/{profile_id}", "on")),
    ):
        assert schema["pattern"] == pattern
    # and it takes the years the API takes and no others
    for good in ("1900-01-01", "2026-06-15", "2999-12-31"):
        assert re.search(pattern, good), good
    for bad in ("0065-06-23", "1899-12-31", "3000-01-01", "2026-13-01", "2026-00-10", "2026-1-1"):
        assert not re.search(pattern, bad), bad


def test_a_day_before_1900_is_still_refused(client, founder):
    # given a user
    client.force_login(founder)
    # when a quote is asked for 0065-06-23
    response = client.get("/api/v1/fx/quote?base=EUR&quote=USD&on=0065-06-23")
    # then 422 on `on`
    assert response.status_code == 422, response.content
    assert _fields(response) == ["on"]


# 4. Required text is not blank: minLength 1 and a pattern with something besides spaces


def test_the_blank_pattern_matches_what_the_services_strip():
    # given the non-blank type
    import re

    from pydantic import TypeAdapter, ValidationError

    from bornglobal.apitypes import NON_BLANK, NonBlank

    adapter = TypeAdapter(NonBlank)
    # then every character str.strip removes is blank to both pydantic and the pattern
    for blank in (chr(c) for c in range(0x3001) if chr(c).isspace()):
        with pytest.raises(ValidationError):
            adapter.validate_python(blank * 2)
        assert not re.search(NON_BLANK, blank)
    # and anything else is text (a BOM too, which str.strip keeps)
    for text in ("a", " a ", "\ufeff", "\u200b", "\x1bx"):
        assert adapter.validate_python(text) == text
        assert re.search(NON_BLANK, text)


def test_a_blank_headline_is_refused_by_the_schema(client):
    # given a freelancer
    client.force_login(UserFactory())
    # when their profile's headline is spaces (a 400 invalid_headline before)
    body = {"headline": "  \t", "country": "DE", "hours_per_week": 20,
            "rate": {"amount": "45.00", "currency": "EUR"},
            "working_week": {"time_zone": "Europe/Berlin", "start": "09:00", "end": "17:00"}}
    response = _send(client, "put", "/api/v1/me/profile", body)
    # then 422 on the headline
    assert response.status_code == 422, response.content
    assert _fields(response) == ["headline"]


def test_a_blank_portfolio_title_is_refused_by_the_schema(client):
    # given a freelancer
    client.force_login(UserFactory())
    # when a portfolio item's title is empty
    response = _send(client, "post", "/api/v1/me/profile/portfolio", {"title": ""})
    # then 422 on the title
    assert response.status_code == 422, response.content
    assert _fields(response) == ["title"]


def test_required_text_states_it_in_the_schema(client):
    # given the OpenAPI document
    from bornglobal.apitypes import NON_BLANK

    spec = client.get("/api/v1/openapi.json").json()
    schemas = spec["components"]["schemas"]
    evidence_files = spec["paths"]["/api/v1/work/milestones/{milestone_id}/dispute/evidence-files"]
    form = evidence_files["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    form = schemas[form["$ref"].rsplit("/", 1)[-1]] if "$ref" in form else form
    # then headline, portfolio title and evidence notes have minLength 1 and the pattern
    for prop in (
        schemas["ProfileIn"]["properties"]["headline"],
        schemas["ProfilePortfolioIn"]["properties"]["title"],
        schemas["EvidenceIn"]["properties"]["note"],
        form["properties"]["note"],
    ):
        assert (prop["minLength"], prop["pattern"]) == (1, NON_BLANK)
    # (a multipart note may be left out: a stranger is answered 404 before the body is read,
    # a party 400 invalid_evidence)


# 5. Bounds and shapes the services check, stated in the schema


def test_hours_per_week_above_80_are_refused_by_the_schema(client):
    # given a freelancer
    client.force_login(UserFactory())
    # when their profile offers 405 hours a week (a 400 invalid_hours_per_week before)
    body = {"headline": "Weaver", "country": "DE", "hours_per_week": 405,
            "rate": {"amount": "45.00", "currency": "EUR"},
            "working_week": {"time_zone": "Europe/Berlin", "start": "09:00", "end": "17:00"}}
    response = _send(client, "put", "/api/v1/me/profile", body)
    # then 422 on hours_per_week, and the schema says 0..80
    assert response.status_code == 422, response.content
    assert _fields(response) == ["hours_per_week"]
    hours = _schemas(client)["ProfileIn"]["properties"]["hours_per_week"]
    assert (hours["minimum"], hours["maximum"]) == (0, 80)


@pytest.mark.parametrize("url", ["ftp://example.com", "example.com", "http://a b", "°ð1tù½1"])
def test_a_portfolio_url_that_is_not_http_is_refused_by_the_schema(client, url):
    # given a freelancer
    client.force_login(UserFactory())
    # when a portfolio item links to `url` (a 400 invalid_url before)
    response = _send(client, "post", "/api/v1/me/profile/portfolio", {"title": "Loom", "url": url})
    # then 422 on the url
    assert response.status_code == 422, response.content
    assert _fields(response) == ["url"]


def test_a_portfolio_url_may_be_empty_or_http_in_any_case(client):
    # given a freelancer with a profile
    client.force_login(ProfileFactory().user)
    # when portfolio items link to nothing, and to an address with an upper-case scheme
    empty = _send(client, "post", "/api/v1/me/profile/portfolio", {"title": "A", "url": ""})
    upper = _send(client, "post", "/api/v1/me/profile/portfolio",
                  {"title": "B", "url": "HTTPS://example.com/loom"})
    # then both are saved
    assert (empty.status_code, upper.status_code) == (201, 201), upper.content


@pytest.mark.parametrize("email", ["", "amara", "a@b@c", "a b@example.com"])
def test_a_membership_email_without_its_shape_is_refused_by_the_schema(
    client, founder, venture, email
):
    # given the owner
    client.force_login(founder)
    # when they add a member by `email` (a 400 invalid_email before)
    body = {"email": email, "role": "member"}
    response = _send(client, "post", f"/api/v1/ventures/{venture.id}/memberships", body)
    # then 422 on the email, and the schema says format: email with the pattern
    assert response.status_code == 422, response.content
    assert _fields(response) == ["email"]
    prop = _schemas(client)["MembershipIn"]["properties"]["email"]
    assert prop["format"] == "email" and prop["pattern"]


def test_an_invoice_quantity_states_its_decimal_places(client, founder, venture):
    # given the OpenAPI document
    schemas = _schemas(client)
    quantity = next(b for b in schemas["LineIn"]["properties"]["quantity"]["anyOf"]
                    if b["type"] == "number")
    # then a quantity as a number is a multiple of 0.001 above zero, at most 10^9
    assert (quantity["multipleOf"], quantity["exclusiveMinimum"]) == (0.001, 0)
    assert quantity["maximum"] == 10**9
    # and 5e-324 (a number with more places) is still refused with 422
    client.force_login(founder)
    url = f"/api/v1/ventures/{venture.id}/invoices/1/credit-notes"
    body = {"lines": [{"line_id": 1, "quantity": 5e-324}], "reason": "x",
            "idempotency_key": "cn-1"}
    response = _send(client, "post", url, body)
    assert response.status_code == 422, response.content
    assert _fields(response) == ["quantity"]
