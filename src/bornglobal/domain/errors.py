"""Errors that carry a machine-readable code, raised by services and mapped to 4xx."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the user can act on. `code` is stable; `message` is for people."""

    code = "invalid"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, details: Any = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class Conflict(DomainError):
    code = "conflict"
    status = 409
