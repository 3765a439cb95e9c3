"""Strict input at the edge (issue 13): one JSON body reader, strict field types, and an
OpenAPI document that states the rules (docs/api.md, "Input rules")."""

import json
import typing

import pytest
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from ninja import Schema

from bornglobal import api as api_module
from bornglobal.apitypes import InSchema
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.jsonbody import MAX_BODY_BYTES, MAX_DEPTH, nesting_depth, parse_object
from bornglobal.tenancy.models import Venture
from bornglobal.work.models import Role
from tests.work.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _send(client, method, url, raw):
    return getattr(client, method)(url, data=raw, content_type="application/json")


def _deposit(client, venture, body: dict):
    url = f"/api/v1/ventures/{venture.id}/money/deposits"
    return _send(client, "post", url, json.dumps(body))


def _named(body) -> set[str]:
    """The error code and every schema rule named in the details."""
    details = body["details"] if isinstance(body["details"], list) else []
    return {body["code"]} | {item["type"] for item in details if isinstance(item, dict)}


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value


# jsonbody: the one reader of JSON bodies


@pytest.mark.parametrize(
    "raw,reason",
    [
        ('"fix the build"', "string"),
        ("42", "number"),
        ("[1, 2, 3]", "array"),
        ("null", "null"),
        ("true", "boolean"),
        ('{"amount": NaN}', "NaN"),
        ('{"amount": Infinity}', "Infinity"),
        ('{"name": "a", "name": "b"}', "more than once"),
        (b"\xff\xfe{}", "UTF-8"),
        ("{not json", "line 1"),
    ],
)
def test_only_a_json_object_is_a_body(raw, reason):
    # when anything but one well-formed JSON object is read
    error = _refusal(lambda: parse_object(raw))
    # then it is malformed_json, and the details say why
    assert (error.status, error.code) == (400, "malformed_json")
    assert reason in error.details["reason"]


def test_a_deep_body_is_refused_before_the_json_parser_recurses():
    # given 2,000 nested arrays, past Python's recursion limit for json.loads
    deep = "[" * 2000 + "]" * 2000
    # when it is read, then it is too_deep with the limit, not a RecursionError
    error = _refusal(lambda: parse_object('{"a": ' + deep + "}"))
    assert (error.status, error.code, error.details) == (400, "too_deep", {"limit_depth": 64})


def test_the_depth_limit_is_exact_and_brackets_in_strings_do_not_count():
    # given an object at exactly the limit and one a level deeper, with brackets in text
    at_limit = '{"a": ' + "[" * (MAX_DEPTH - 1) + '"[[[{{{"' + "]" * (MAX_DEPTH - 1) + "}"
    # when each is read, then the first parses and the second is refused
    assert parse_object(at_limit)["a"]
    error = _refusal(lambda: parse_object('{"b": ' + at_limit + "}"))
    assert error.code == "too_deep"


def test_a_large_body_is_too_large_with_the_limit():
    # given a body one byte over the limit
    raw = '{"a": "' + "x" * (MAX_BODY_BYTES - 8) + '"}'
    assert len(raw) == MAX_BODY_BYTES + 1
    # when it is read, then 413 too_large names the limit in bytes
    error = _refusal(lambda: parse_object(raw))
    assert (error.status, error.code) == (413, "too_large")
    assert error.details == {"limit_bytes": 5_000_000}


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=30,
)


@given(JSON)
@settings(max_examples=200, deadline=None)
def test_the_depth_scan_agrees_with_the_parsed_document(value):
    # given any JSON document, strings full of brackets, quotes and escapes included
    raw = json.dumps(value).encode()
    # when its depth is scanned without parsing, then it is the document's real nesting
    assert nesting_depth(raw) == _depth(value)


# The findings, through the API


@pytest.mark.parametrize("raw", ["[1,2,3]", '"Kestrel"', "42", "null"])
def test_a_venture_is_not_patched_by_a_body_that_is_not_an_object(client, founder, venture, raw):
    # given a venture's owner
    client.force_login(founder)
    # when they PATCH it with an array, a string, a number or null
    response = _send(client, "patch", f"/api/v1/ventures/{venture.id}", raw)
    # then 400 malformed_json (it answered 200), and nothing changed
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "malformed_json"
    assert Venture.objects.get(id=venture.id).name == "Lagos Looms"


def test_a_role_from_a_string_body_is_malformed_json_not_a_type_error(client, founder, venture):
    # given a project of the founder's venture
    project = ProjectFactory(venture=venture)
    client.force_login(founder)
    # when a role is posted as a bare string
    url = f"/api/v1/ventures/{venture.id}/work/projects/{project.id}/roles"
    response = _send(client, "post", url, '"Firmware engineer"')
    # then 400 malformed_json (it was 422 "count() takes at least 1 argument"), no role
    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"
    assert "TypeError" not in response.content.decode() and not Role.objects.exists()


def test_an_object_inside_a_body_must_be_an_object_too(client, founder, venture):
    # given a project
    project = ProjectFactory(venture=venture)
    client.force_login(founder)
    # when the role's rate ceiling is a string where an object {amount, currency} belongs
    url = f"/api/v1/ventures/{venture.id}/work/projects/{project.id}/roles"
    body = {"title": "Firmware engineer", "hours": 40, "rate_ceiling": "upper"}
    response = _send(client, "post", url, json.dumps(body))
    # then 422 names the field as not an object (no attribute of the string is read)
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"][-1] == "rate_ceiling"
    assert response.json()["details"][0]["type"] == "model_type"


@pytest.mark.parametrize(
    "path", ["/api/v1/teams/solve", "/api/v1/clock/plan", "/api/v1/clock/rota"]
)
def test_a_2000_level_body_to_the_solver_and_clock_is_refused_not_a_500(client, founder, path):
    # given a logged-in person
    client.force_login(founder)
    # when a body nested 2,000 levels deep is posted (a RecursionError and a 500 before)
    response = _send(client, "post", path, '{"people": ' + "[" * 2000 + "]" * 2000 + "}")
    # then 400 too_deep in the error model
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "too_deep"


def test_a_body_over_the_limit_is_a_json_413_on_the_api(client, founder):
    # given a body just over the documented 5 MB (Django's own limit was 2.5 MB, as HTML 400)
    client.force_login(founder)
    raw = '{"name": "' + "x" * MAX_BODY_BYTES + '"}'
    # when it is posted to the API
    response = _send(client, "post", "/api/v1/ventures", raw)
    # then 413 too_large, JSON, with the limit
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "too_large"
    assert response.json()["details"] == {"limit_bytes": MAX_BODY_BYTES}


def test_a_body_under_the_limit_but_over_the_old_one_is_read(client, founder):
    # given a 3 MB body (over Django's default 2.5 MB, under the documented 5 MB)
    client.force_login(founder)
    raw = '{"name": "' + "x" * 3_000_000 + '"}'
    # when it is posted, then it is read and judged by the schema (the name is too long)
    response = _send(client, "post", "/api/v1/ventures", raw)
    assert response.status_code == 422
    assert "at most 200 characters" in response.json()["details"][0]["msg"]


def test_a_form_over_the_limit_is_a_413_page(client):
    # when a form post larger than the limit reaches a page
    body = "email=a&password=" + "x" * MAX_BODY_BYTES
    response = client.post("/login/", body, content_type="application/x-www-form-urlencoded")
    # then a 413 page, not Django's bare 400
    assert response.status_code == 413
    assert b"Too large" in response.content and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "zone", ["localtime", "Factory", "posixrules", "US/Eastern", "Asia/Calcutta"]
)
def test_zone_aliases_are_refused(client, founder, zone):
    # given a logged-in person
    client.force_login(founder)
    # when they set an alias or a special file of the zone database as their zone
    response = _send(client, "patch", "/api/v1/me", json.dumps({"time_zone": zone}))
    # then 422 invalid_time_zone, in the API and in the domain rule the pages use
    assert response.status_code == 422
    assert "invalid_time_zone" in _named(response.json())
    assert _refusal(lambda: places.time_zone(zone)).code == "invalid_time_zone"


def test_utc_and_every_zone_tab_zone_are_kept(client, founder):
    # given a logged-in person
    client.force_login(founder)
    # when they choose UTC, then a zone of zone.tab that is a link in tzdata (Accra)
    for zone in ("UTC", "Africa/Accra"):
        response = _send(client, "patch", "/api/v1/me", json.dumps({"time_zone": zone}))
        # then each is saved
        assert response.json()["time_zone"] == zone


@pytest.mark.parametrize("currency", ["XXX", "XTS", "XAU", "XDR", "CLF", "eur"])
def test_deposits_in_codes_that_are_not_money_are_refused(client, founder, venture, currency):
    # given the owner
    client.force_login(founder)
    # when they deposit in the no-currency, test, gold, SDR or a fund code (or lower case)
    body = {"amount": {"amount": "10.00", "currency": currency}, "idempotency_key": "x-1"}
    response = _deposit(client, venture, body)
    # then 422 invalid_currency
    assert response.status_code == 422, response.content
    assert "invalid_currency" in _named(response.json())


def test_an_operator_may_enable_a_code_that_is_not_money(client, founder, venture):
    # given an instance that takes gold (BORNGLOBAL_EXTRA_CURRENCIES=XAU)
    client.force_login(founder)
    body = {"amount": {"amount": "10.00", "currency": "XAU"}, "idempotency_key": "gold-1"}
    # when the owner deposits gold
    with override_settings(EXTRA_CURRENCIES=["XAU"]):
        response = _deposit(client, venture, body)
        documented = client.get("/api/v1/openapi.json").json()
    # then it is taken, and the schema's currency list says so
    assert response.status_code == 201, response.content
    assert "XAU" in json.dumps(documented["components"]["schemas"]["MoneyIn"])


def test_the_codes_left_out_are_not_legal_tender_anywhere():
    # given CLDR's legal tender of every territory (Babel)
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    tender = set()
    for territory in get_global("territory_currencies"):
        tender |= set(get_territory_currencies(territory, tender=True, non_tender=False))
    # then no code left out is anyone's money, and every code left in but two is
    money = places.money_currencies()
    assert not places.NOT_MONEY & tender
    assert money - tender <= {"SVC", "VED"}  # ISO 4217 lists them; CLDR no longer does


@pytest.mark.parametrize("amount", ["٣٤٥", "३४५", "345.00\n", "1e3", "+5", " 5", "5,00"])
def test_amounts_are_ascii_digits_only(client, founder, venture, amount):
    # given the owner
    client.force_login(founder)
    # when they deposit "٣٤٥" (Arabic-Indic digits, read as 345.00 before) or another spelling
    body = {"amount": {"amount": amount, "currency": "NGN"}, "idempotency_key": "digits-1"}
    response = _deposit(client, venture, body)
    # then 422 (the schema's pattern), and the domain refuses the digits too
    assert response.status_code == 422, response.content
    if not amount.isascii():
        assert _refusal(lambda: Money.of(amount, "EUR")).code == "invalid_amount"


ARABIC_INDIC_DAY = "\u0662\u0660\u0662\u0666-\u0660\u0666-\u0661\u0665"  # 2026-06-15


@pytest.mark.parametrize("on", ["0", "20260615", "2026-06-15T00:00:00", ARABIC_INDIC_DAY])
def test_a_day_is_an_iso_date_string_only(client, founder, on):
    # given a logged-in person
    client.force_login(founder)
    # when a rate is asked for on "0" (read as 1970-01-01 before) or a date-time
    response = client.get("/api/v1/fx/quote", {"base": "EUR", "quote": "INR", "on": on})
    # then 422
    assert response.status_code == 422, response.content
    assert "date_type" in _named(response.json())


def test_a_day_as_a_json_number_is_refused(client, founder, venture):
    # given the owner
    client.force_login(founder)
    # when a project starts on 0 (accepted as 1970-01-01 before)
    body = {"title": "Site", "budget": {"amount": "100.00", "currency": "NGN"}, "starts_on": 0}
    url = f"/api/v1/ventures/{venture.id}/work/projects"
    response = _send(client, "post", url, json.dumps(body))
    # then 422 on starts_on
    assert response.status_code == 422
    assert response.json()["details"][0]["loc"][-1] == "starts_on"


def test_a_boolean_is_a_json_boolean(client, founder, venture):
    # given the owner
    client.force_login(founder)
    # when billing details say over_eu_threshold: 0 (accepted as false before)
    body = {"legal_name": "Lagos Looms Ltd", "address": "1 Marina", "over_eu_threshold": 0}
    response = _send(client, "put", f"/api/v1/ventures/{venture.id}/billing", json.dumps(body))
    # then 422 bool_type
    assert response.status_code == 422, response.content
    assert "bool_type" in _named(response.json())


def test_over_long_text_is_refused_with_the_limit_not_cut(client, founder, venture):
    # given a project
    project = ProjectFactory(venture=venture)
    client.force_login(founder)
    # when a role's title is 20,000 characters
    url = f"/api/v1/ventures/{venture.id}/work/projects/{project.id}/roles"
    response = _send(client, "post", url, json.dumps({"title": "x" * 20_000, "hours": 4}))
    # then 422 naming the limit, and nothing was stored (cut to 200 or otherwise)
    assert response.status_code == 422
    assert response.json()["details"][0]["type"] == "string_too_long"
    assert "200" in response.json()["details"][0]["msg"]
    assert not Role.objects.exists()


# The OpenAPI document states the rules


def _schemas(client) -> dict:
    return client.get("/api/v1/openapi.json").json()["components"]["schemas"]


def _branch(prop: dict) -> dict:
    """The non-null branch of an optional property."""
    branches = [b for b in prop.get("anyOf", [prop]) if b.get("type") != "null"]
    return branches[0]


def test_the_schema_lists_currencies_countries_and_zones(client, founder):
    # given the OpenAPI document
    client.force_login(founder)
    schemas = _schemas(client)
    # then currencies, countries and zones are enums without the codes refused
    currency = schemas["MoneyIn"]["properties"]["currency"]["enum"]
    country = schemas["VentureIn"]["properties"]["legal_country"]["enum"]
    zone = _branch(schemas["UserPatch"]["properties"]["time_zone"])["enum"]
    assert "EUR" in currency and not {"XXX", "XTS", "XAU"} & set(currency)
    assert {"DE", "NG", "IN"} <= set(country) and "XX" not in country
    assert "Asia/Kolkata" in zone and not {"localtime", "Factory", "US/Eastern"} & set(zone)


def test_the_schema_states_patterns_lengths_and_formats(client):
    # given the OpenAPI document
    schemas = _schemas(client)
    # then amounts have their ASCII pattern, text its NUL rule and length, days format date
    amount = schemas["MoneyIn"]["properties"]["amount"]
    name = schemas["VentureIn"]["properties"]["name"]
    starts = _branch(schemas["ProjectIn"]["properties"]["starts_on"])
    assert amount["pattern"] == "^[0-9]+(\\.[0-9]+)?$"
    assert (name["pattern"], name["maxLength"]) == ("^[^\\x00]*$", 200)
    assert (starts["type"], starts["format"]) == ("string", "date")
    assert starts["pattern"].startswith("^(19[0-9]{2}|2[0-9]{3})-")


def test_working_hours_are_documented_as_what_the_api_takes_and_answers(client):
    # given the profile schemas
    schemas = _schemas(client)
    week_in, week_out = schemas["ProfileWorkingWeekIn"], schemas["ProfileWorkingWeekOut"]
    # then start and end are HH:MM[:SS] without offset, not format: time (which needs one)
    import re

    for week in (week_in, week_out):
        start = week["properties"]["start"]
        assert "format" not in start
        assert re.fullmatch(start["pattern"].strip("^$"), "09:00:00")
        assert re.fullmatch(start["pattern"].strip("^$"), "09:00")


def test_attachment_downloads_are_documented_with_the_type_they_are_served_with(client):
    # given the download operation
    spec = client.get("/api/v1/openapi.json").json()
    download = spec["paths"]["/api/v1/work/attachments/{attachment_id}"]["get"]
    # then any media type is documented (a .txt file is text/plain), not octet-stream only
    assert list(download["responses"]["200"]["content"]) == ["*/*"]


# Every body schema refuses a value that is not an object


def _schema_types(annotation) -> list[type]:
    found = []
    if isinstance(annotation, type) and issubclass(annotation, Schema):
        found.append(annotation)
        for field in annotation.model_fields.values():
            found += _schema_types(field.annotation)
    for argument in typing.get_args(annotation):
        found += _schema_types(argument)
    return found


def test_every_body_schema_and_every_object_in_one_is_an_in_schema():
    # given every operation of the API and its body parameters
    bodies = set()
    for _prefix, router in api_module.api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    if model.__ninja_param_source__ == "body":
                        for field in model.model_fields.values():
                            bodies.update(_schema_types(field.annotation))
    # then each derives from InSchema (a string, number or array never validates into it)
    assert bodies
    assert sorted(s.__name__ for s in bodies if not issubclass(s, InSchema)) == []
