"""Who-are-you answers of the API: 401 `not_authenticated` for no, unknown or revoked
credentials on every operation and method; 403 `csrf_failed` for a logged-in session
without its CSRF token; 403 `token_scope` for a token of the wrong scope.

The operations are read from our own OpenAPI document, so one added later is checked
too. The client enforces CSRF the way a browser-facing server does (Django's test
client skips the check unless asked).
"""

import re

import pytest
from django.test import Client

from bornglobal.api import api
from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor

pytestmark = pytest.mark.django_db

METHODS = ("get", "post", "put", "patch", "delete")


def _operations():
    schema = api.get_openapi_schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS and operation.get("security"):
                yield method, re.sub(r"\{[^}]+\}", "1", path)


OPERATIONS = sorted(set(_operations()))


def _send(client, method, url, **headers):
    if method in ("get", "delete"):
        return getattr(client, method)(url, **headers)
    return getattr(client, method)(url, "{}", content_type="application/json", **headers)


def _all_refused(client, **headers):
    wrong = {}
    for method, url in OPERATIONS:
        response = _send(client, method, url, **headers)
        body = response.json() if response.headers.get("Content-Type", "").startswith(
            "application/json") else {"raw": response.content[:80]}
        if (response.status_code, body.get("code"), response.get("WWW-Authenticate")) != (
                401, "not_authenticated", 'Bearer realm="api"'):
            wrong[f"{method.upper()} {url}"] = (response.status_code, body)
    return wrong


def test_the_api_has_protected_operations_for_every_write_method():
    # given the operations read from the schema
    methods = {method for method, _ in OPERATIONS}
    # then the sweeps below cover reads and every kind of write
    assert methods == set(METHODS)


def test_no_credentials_get_401_not_authenticated_on_every_operation():
    # given a client with no session and no token, checking CSRF like a real server
    client = Client(enforce_csrf_checks=True)
    # when every protected operation is called, writes included
    wrong = _all_refused(client)
    # then each answers 401 not_authenticated (not 403 "CSRF check Failed"), naming the
    # scheme to authenticate with
    assert wrong == {}


def test_an_unknown_token_gets_401_on_every_operation():
    # given a bearer token that was never issued
    client = Client(enforce_csrf_checks=True)
    # when every protected operation is called with it
    wrong = _all_refused(client, HTTP_AUTHORIZATION="Bearer bg_00000000_not-a-real-token")
    # then each answers 401 not_authenticated
    assert wrong == {}


def test_a_revoked_token_gets_401_on_every_operation(founder):
    # given a token its owner has revoked
    issued = services.issue_token(Actor(user=founder), "laptop")
    services.revoke_token(Actor(user=founder), issued.token.id)
    client = Client(enforce_csrf_checks=True)
    # when every protected operation is called with it
    wrong = _all_refused(client, HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    # then each answers 401 not_authenticated
    assert wrong == {}


def test_a_session_write_without_the_csrf_token_gets_403_csrf_failed(founder):
    # given a logged-in browser session
    client = Client(enforce_csrf_checks=True)
    client.force_login(founder)
    body = {"name": "Kestrel", "legal_country": "DE", "base_currency": "EUR"}
    # when it writes without the CSRF token
    response = client.post("/api/v1/ventures", body, content_type="application/json")
    # then the answer is 403 csrf_failed in the error model
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_a_session_write_with_the_csrf_token_passes(founder):
    # given a logged-in browser session that has its CSRF cookie
    client = Client(enforce_csrf_checks=True)
    client.force_login(founder)
    client.get("/me/tokens/")
    csrf = client.cookies["csrftoken"].value
    body = {"name": "Kestrel", "legal_country": "DE", "base_currency": "EUR"}
    # when it writes with the token in the header
    response = client.post(
        "/api/v1/ventures", body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    # then the write goes through
    assert response.status_code == 201, response.content


def test_a_session_read_needs_no_csrf_token(founder):
    # given a logged-in browser session
    client = Client(enforce_csrf_checks=True)
    client.force_login(founder)
    # when it reads
    response = client.get("/api/v1/ventures")
    # then no CSRF token is asked for
    assert response.status_code == 200


def test_a_freelancer_token_may_not_change_payout_details(founder):
    # given a freelancer-scope token (a token never manages the account)
    issued = services.issue_token(Actor(user=founder), "laptop")
    client = Client(enforce_csrf_checks=True)
    body = {"account_holder": "Amara Okafor", "iban": "DE89370400440532013000"}
    # when it sets payout details
    response = client.put(
        "/api/v1/me/payout-details", body, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {issued.secret}",
    )
    # then the answer is 403 token_scope, not 400
    assert response.status_code == 403
    assert response.json()["code"] == "token_scope"


def test_a_venture_token_may_not_export_the_work_record(founder, venture):
    # given a token scoped to one venture
    issued = services.issue_token(Actor(user=founder), "ci", venture_id=venture.id)
    client = Client()
    # when it asks for its owner's signed work record
    response = client.get("/api/v1/me/record", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    # then the answer is 403 with the one wrong-scope code
    assert response.status_code == 403
    assert response.json()["code"] == "token_scope"


def test_a_token_may_not_switch_e_mail_kinds(founder):
    # given a freelancer-scope token
    issued = services.issue_token(Actor(user=founder), "laptop")
    client = Client()
    # when it changes an e-mail setting
    response = client.put(
        "/api/v1/me/notifications/email", {"kind": "offer", "email": False},
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {issued.secret}",
    )
    # then the answer is 403 token_scope
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "token_scope"
