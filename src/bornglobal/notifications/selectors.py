"""Reads of the inbox, scoped to what the actor may see.

A person sees only notifications addressed to them. Through a venture-scoped API
token they see only what they were told as a member of that venture; through a
freelancer token only what they were told as the freelancer.
"""

from __future__ import annotations

from django.db.models import QuerySet

from bornglobal.domain.errors import NotFound
from bornglobal.notifications.models import EmailOptOut, Kind, Notification, Side
from bornglobal.tenancy.actors import Actor


def visible(actor: Actor) -> QuerySet[Notification]:
    found = Notification.objects.filter(recipient=actor.user)
    if actor.freelancer_only:
        return found.filter(side=Side.FREELANCER)
    if actor.venture_scope is not None:
        return found.filter(side=Side.VENTURE, venture_id=actor.venture_scope)
    return found


def inbox(actor: Actor, unread_only: bool = False) -> QuerySet[Notification]:
    """The actor's notifications, newest first."""
    found = visible(actor).select_related("venture").order_by("-created_at", "-id")
    return found.filter(read_at__isnull=True) if unread_only else found


def unread_count(actor: Actor) -> int:
    return visible(actor).filter(read_at__isnull=True).count()


def notification_for(actor: Actor, notification_id: int) -> Notification:
    """One of the actor's notifications; anyone else's is "not found"."""
    found = visible(actor).filter(id=notification_id).first()
    if found is None:
        raise NotFound("No such notification.")
    return found


def email_choices(actor: Actor) -> list[dict]:
    """Each kind with whether the actor gets it by e-mail."""
    off = set(EmailOptOut.objects.filter(user=actor.user).values_list("kind", flat=True))
    return [
        {"kind": kind.value, "label": kind.label, "email": kind.value not in off}
        for kind in Kind
    ]
