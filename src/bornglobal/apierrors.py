"""One error model for every 4xx of the REST API: `{"code", "message", "details"}`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from bornglobal.domain.errors import DomainError

HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
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


def too_large_body() -> tuple[str, str, dict]:
    """Code, message and details of a body over Django's limit (`jsonbody.MAX_BODY_BYTES`)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return "too_large", f"The body is larger than {limit:,} bytes.", {"limit_bytes": limit}


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
        response = error_response(
            api,
            request,
            401,
            "not_authenticated",
            "Log in, or send a valid API token as 'Authorization: Bearer <token>'.",
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'  # RFC 9110: a 401 names its scheme
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if isinstance(exc.__cause__, DomainError):  # the body parser's refusal (jsonbody)
            return domain_error(request, exc.__cause__)
        status = exc.status_code
        code = HTTP_CODES.get(status, "error")
        message = str(exc) or code
        if status == 400 and "parse" in message.lower():
            code, message = "malformed_json", "The request body is not valid JSON."
        return error_response(api, request, status, code, message)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc: RequestDataTooBig):
        return error_response(api, request, 413, *too_large_body())

    @api.exception_handler(Http404)
    def not_found(request, exc: Http404):
        return error_response(api, request, 404, "not_found", "Not found.")

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc: PermissionDenied):
        return error_response(api, request, 403, "forbidden", str(exc) or "Forbidden.")
