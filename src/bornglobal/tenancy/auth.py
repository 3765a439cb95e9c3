"""API authentication: bearer tokens (hashed at rest) or the web session with CSRF.

How the API answers who-are-you questions:
- no credentials, an unknown or revoked token, or a session that is not logged in:
  401 `not_authenticated`, whatever the method;
- a logged-in session whose write carries no valid CSRF token: 403 `csrf_failed`
  (the CSRF check guards what a session may do, so it runs only once the session
  would grant access);
- a token of the wrong scope for an operation: 403 `token_scope` (raised by the service).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from bornglobal.domain.errors import Forbidden
from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import TokenScope


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        api_token = services.authenticate_token(token)
        if api_token is None:
            return None
        actor = Actor(
            user=api_token.user,
            venture_scope=api_token.venture_id if api_token.scope == TokenScope.VENTURE else None,
            freelancer_only=api_token.scope == TokenScope.FREELANCER,
        )
        request.actor = actor
        return actor


class SessionActorAuth(SessionAuth):
    def _get_key(self, request: HttpRequest) -> str | None:
        # ninja checks CSRF before it looks at the session, so a request with no login
        # at all got 403 "CSRF check Failed". Without a logged-in session there is
        # nothing to forge: the request is just unauthenticated (401).
        if not request.user.is_authenticated:
            return None
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise Forbidden(
                "CSRF check failed: a request made with the web session must send the "
                "CSRF token in the X-CSRFToken header (or use an API token).",
                code="csrf_failed",
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        user = super().authenticate(request, key)
        if key is None or user is None:
            return None
        actor = Actor(user=user)
        request.actor = actor
        return actor


API_AUTH = [TokenAuth(), SessionActorAuth()]


def actor_of(request: HttpRequest) -> Actor:
    return request.auth
