"""API authentication: bearer tokens (hashed at rest) or the web session with CSRF."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

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
    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        user = super().authenticate(request, key)
        if user is None:
            return None
        actor = Actor(user=user)
        request.actor = actor
        return actor


API_AUTH = [TokenAuth(), SessionActorAuth()]


def actor_of(request: HttpRequest) -> Actor:
    return request.auth
