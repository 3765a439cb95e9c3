"""Handoff endpoints: tasks passed along the follow-the-sun chain. Thin."""

from ninja import Router

router = Router(tags=["work"])
