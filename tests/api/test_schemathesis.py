"""Fuzz every platform endpoint from our own OpenAPI document (schemathesis)."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor
from bornglobal.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI app directly would close the test transaction's connection at
    the end of each request (Django's close_old_connections); keep it for the test."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _fresh_token(user, venture_id=None) -> str:
    return services.issue_token(Actor(user), "fuzz", venture_id).secret


@pytest.mark.django_db
@pytest.mark.parametrize("scope", ["session_user_token", "venture_token"])
def test_fuzzing_finds_no_server_error_and_no_schema_break(founder, venture, other_venture, scope):
    # given our OpenAPI document, served by the app itself, and a valid token
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    token = {"secret": _fresh_token(founder, venture.id if scope == "venture_token" else None)}
    operations = [result.ok() for result in schema.get_all_operations()]
    statuses: list[int] = []
    assert len(operations) >= 14

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def fuzz(case):
            # when schemathesis sends generated requests (valid and invalid)
            if not services.authenticate_token(token["secret"]):
                token["secret"] = _fresh_token(founder)
            response = case.call(headers={"Authorization": f"Bearer {token['secret']}"})
            # then no answer is a 5xx or breaks the documented schema
            case.validate_response(response, checks=CHECKS)
            statuses.append(response.status_code)

        fuzz()
    # and the run really exercised the API: successes and refusals both seen
    assert len(statuses) > 100
    assert {200, 201} & set(statuses)
    assert {400, 404, 422} & set(statuses)
