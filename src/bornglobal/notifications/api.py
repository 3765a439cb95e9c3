"""Notification endpoints (in-app inbox). Thin."""

from ninja import Router

router = Router(tags=["notifications"])
