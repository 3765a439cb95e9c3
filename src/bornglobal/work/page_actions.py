"""What every work page does around a write: run it, show a refusal the user can act
on as a message (NotFound and Forbidden stay 404 and 403), and give money buttons an
idempotency key made when the page was drawn, so a double click pays once."""

from __future__ import annotations

import uuid

from django.contrib import messages

from bornglobal.domain.errors import DomainError, Forbidden, NotFound


def attempt(request, action, success: str) -> None:
    try:
        action()
    except (NotFound, Forbidden):
        raise
    except DomainError as error:
        messages.error(request, f"{error.message} ({error.code})")
    else:
        messages.success(request, success)


def new_key() -> str:
    return uuid.uuid4().hex
