"""Notification endpoints (in-app inbox). Thin.

Everything is under `/me/notifications`: a person reads only what they were told
(through a venture token, only that venture's; through a freelancer token, only the
freelancer's). Ids go in the body, so marking someone else's notification is a 404
that changes nothing.
"""

from datetime import datetime
from typing import Annotated

from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from bornglobal.apitypes import MAX_ID, Bool, InSchema, Int, Pages
from bornglobal.notifications import selectors, services
from bornglobal.notifications.models import Kind
from bornglobal.tenancy.api import ERRORS
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["notifications"])
MINE = "/me/notifications"
MAX_MARKED = 500


class NotificationOut(Schema):
    id: int
    kind: Kind
    title: str
    body: str
    link: str
    venture_id: int | None
    contract_id: int | None
    created_at: datetime
    read_at: datetime | None
    emailed_at: datetime | None


class NotificationCountOut(Schema):
    unread: int


class NotificationsReadIn(InSchema):
    ids: list[Annotated[Int, Field(ge=1, le=MAX_ID)]] = Field(
        min_length=1, max_length=MAX_MARKED
    )


class NotificationsMarkedOut(Schema):
    marked: int


class NotificationEmailIn(InSchema):
    kind: Kind
    email: Bool


class NotificationEmailOut(Schema):
    kind: Kind
    label: str
    email: bool


@router.get(MINE, response={200: list[NotificationOut], **ERRORS})
@paginate(Pages)
def list_notifications(request, unread: bool = False):
    """My notifications, newest first (`unread=true` for the unread ones only)."""
    return selectors.inbox(actor_of(request), unread_only=unread)


@router.get(f"{MINE}/unread-count", response={200: NotificationCountOut, **ERRORS})
def unread_count(request):
    return {"unread": selectors.unread_count(actor_of(request))}


@router.post(f"{MINE}/read", response={200: NotificationsMarkedOut, **ERRORS})
def mark_read(request, payload: NotificationsReadIn):
    """Mark these notifications read (a 404 if any is not mine; then nothing changes)."""
    return {"marked": services.mark_read_many(actor_of(request), payload.ids)}


@router.post(f"{MINE}/read-all", response={200: NotificationsMarkedOut, **ERRORS})
def mark_all_read(request):
    return {"marked": services.mark_all_read(actor_of(request))}


@router.get(f"{MINE}/email", response={200: list[NotificationEmailOut], **ERRORS})
def email_choices(request):
    """For each kind, whether it is also e-mailed (it always appears in-app)."""
    return selectors.email_choices(actor_of(request))


@router.put(f"{MINE}/email", response={200: NotificationEmailOut, **ERRORS})
def set_email(request, payload: NotificationEmailIn):
    """Switch e-mail for one kind on or off (session login only)."""
    actor = actor_of(request)
    services.set_email(actor, payload.kind, payload.email)
    return next(c for c in selectors.email_choices(actor) if c["kind"] == payload.kind)
