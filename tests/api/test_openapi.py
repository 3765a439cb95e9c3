"""The OpenAPI document is valid OpenAPI 3 and every 4xx uses the one error model."""

import json

import pytest
from openapi_spec_validator import validate


@pytest.mark.django_db
def test_openapi_document_is_valid_openapi_3(client):
    # given the served document
    response = client.get("/api/v1/openapi.json")
    # when it is validated against the OpenAPI specification
    document = response.json()
    validate(document)
    # then it is OpenAPI 3 and lists the platform endpoints
    assert response.status_code == 200
    assert document["openapi"].startswith("3.")
    for path in ("/api/v1/me", "/api/v1/ventures", "/api/v1/tokens"):
        assert path in document["paths"]


@pytest.mark.django_db
def test_every_operation_documents_its_errors_with_the_error_model(client):
    # given the document
    document = client.get("/api/v1/openapi.json").json()
    # when we look at each operation's 4xx answers
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            errors = {
                code: spec for code, spec in operation["responses"].items() if code.startswith("4")
            }
            # then 401, 404 and 422 are documented as ErrorOut
            for code in ("401", "404", "422"):
                ref = json.dumps(errors[code])
                assert "ErrorOut" in ref, (method, path, code)
