"""The platform's notion of "now": aware UTC, and movable for demo history and tests.

Services read `clock.now()` instead of the system clock, so the demo can write a
year of history with the right dates (`with clock.travel_to(instant): ...`).
The override is a context variable: it never leaks into other threads or requests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime

from django.utils import timezone

_frozen: ContextVar[datetime | None] = ContextVar("bornglobal_clock", default=None)


def now() -> datetime:
    return _frozen.get() or timezone.now()


def today() -> date:
    return now().astimezone(UTC).date()


@contextmanager
def travel_to(instant: datetime) -> Iterator[None]:
    if instant.tzinfo is None:
        raise ValueError("travel_to needs an aware datetime")
    token = _frozen.set(instant.astimezone(UTC))
    try:
        yield
    finally:
        _frozen.reset(token)
