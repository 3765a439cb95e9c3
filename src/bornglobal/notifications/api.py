"""Notification endpoints (in-app inbox). Thin.

Everything is under `/me/notifications`: a person reads only what they were told
(through a venture token, only that venture's; through a freelancer token, only the
freelancer's). Someone else's notification is a 404.
"""

from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from bornglobal.apitypes import Pages
from bornglobal.notifications import selectors, services
from bornglobal.notifications.models import Kind
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["notifications"])
MINE = "/me/notifications"


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


class NotificationsMarkedOut(Schema):
    marked: int


class NotificationEmailIn(Schema):
    email: bool


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


@router.post(f"{MINE}/read-all", response={200: NotificationsMarkedOut, **ERRORS})
def mark_all_read(request):
    return {"marked": services.mark_all_read(actor_of(request))}


@router.post(f"{MINE}/{{notification_id}}/read", response={200: NotificationOut, **ERRORS})
def mark_read(request, notification_id: ObjectId):
    return services.mark_read(actor_of(request), notification_id)


@router.get(f"{MINE}/email", response={200: list[NotificationEmailOut], **ERRORS})
def email_choices(request):
    """For each kind, whether it is also e-mailed (it always appears in-app)."""
    return selectors.email_choices(actor_of(request))


@router.put(f"{MINE}/email/{{kind}}", response={200: NotificationEmailOut, **ERRORS})
def set_email(request, kind: Kind, payload: NotificationEmailIn):
    """Switch e-mail for one kind on or off (session login only)."""
    actor = actor_of(request)
    services.set_email(actor, kind, payload.email)
    return next(c for c in selectors.email_choices(actor) if c["kind"] == kind)
