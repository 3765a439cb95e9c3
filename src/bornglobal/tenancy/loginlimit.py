"""The key django-axes counts login failures under: the email, lower-cased."""

from __future__ import annotations


def username_of(request, credentials: dict | None) -> str:
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()
