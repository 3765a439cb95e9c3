"""One error model for every 4xx of the REST API: `{"code", "message", "details"}`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bornglobal.domain.errors import DomainError

HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "validation_error",
    429: "too_many_requests",
}


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, details: Any = None
) -> HttpResponse:
    body = {"code": code, "message": message, "details": details}
    return api.create_response(request, body, status=status)


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        return error_response(api, request, exc.status, exc.code, exc.message, exc.details)

    @api.exception_handler(ValidationError)
    def validation_error(request, exc: ValidationError):
        details = [
            {
                "loc": list(err.get("loc", [])),
                "msg": err.get("msg", ""),
                "type": err.get("type", ""),
            }
            for err in exc.errors
        ]
        return error_response(
            api, request, 422, "validation_error", "The request has invalid fields.", details
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc: AuthenticationError):
        return error_response(
            api,
            request,
            401,
            "unauthenticated",
            "Log in, or send an API token as 'Authorization: Bearer <token>'.",
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        status = exc.status_code
        code = HTTP_CODES.get(status, "error")
        message = str(exc) or code
        if status == 400 and "parse" in message.lower():
            code, message = "malformed_json", "The request body is not valid JSON."
        return error_response(api, request, status, code, message)

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return error_response(api, request, 404, "not_found", "Not found.")

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc: PermissionDenied):
        return error_response(api, request, 403, "forbidden", str(exc) or "Forbidden.")
