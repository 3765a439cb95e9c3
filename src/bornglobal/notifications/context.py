"""Template context: how many unread notifications the logged-in person has."""

from __future__ import annotations

from bornglobal.notifications import selectors
from bornglobal.tenancy.actors import session_actor


def unread(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.unread_count(session_actor(user))}
