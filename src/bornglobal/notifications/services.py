"""Every write of the inbox: tell people, mark what they read, and their e-mail choices.

`notify` writes one in-app notification per recipient, in the caller's transaction:
an event that rolls back tells nobody. The pair (recipient, key) is unique, so a
second `notify` for the same event and person is a no-op (a savepoint absorbs the
race between two workers). The e-mail is sent only after the transaction commits
(`transaction.on_commit`), through Django's e-mail API (`EMAIL_BACKEND`, the
console by default) from `DEFAULT_FROM_EMAIL`. Sending claims the row first
(`emailed_at` from empty to now), so each notification is e-mailed at most once; a
refused message is logged and `emailed_at` is cleared again, never lost in-app.

No e-mail is sent when the recipient switched e-mail off for the kind, has no
address or is inactive, inside `email_paused()`, or in demo mode while the clock
is travelled (the demo writing its history: those notifications are in-app only).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from bornglobal import clock, conf
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.notifications.models import EmailOptOut, Kind, Notification, Side
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User

logger = logging.getLogger(__name__)
_paused: ContextVar[bool] = ContextVar("bornglobal_email_paused", default=False)
TRAVEL_SLACK = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Message:
    """What one person is told about one event."""

    recipient: User
    kind: Kind
    side: Side
    key: str
    title: str
    body: str = ""
    link: str = ""
    venture_id: int | None = None
    contract_id: int | None = None


@contextmanager
def email_paused() -> Iterator[None]:
    """Notify in-app only inside this block (bulk loads, imports)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _writing_history() -> bool:
    """Demo mode with the clock travelled: the demo is replaying past events."""
    return bool(settings.DEMO_MODE) and abs(clock.now() - timezone.now()) > TRAVEL_SLACK


def _may_email(person: User, kind: str) -> bool:
    if _paused.get() or _writing_history() or not person.is_active or not person.email:
        return False
    return not EmailOptOut.objects.filter(user=person, kind=kind).exists()


def notify(messages: Iterable[Message]) -> list[Notification]:
    """Write each message once per (recipient, key); e-mail the new ones after commit."""
    created, to_email = [], []
    with transaction.atomic():
        for message in messages:
            notification = _create_once(message)
            if notification is None:
                continue
            created.append(notification)
            if _may_email(message.recipient, message.kind):
                to_email.append(notification.id)
        if to_email:
            transaction.on_commit(lambda: send_emails(to_email), robust=True)
    return created


def _create_once(message: Message) -> Notification | None:
    if Notification.objects.filter(recipient=message.recipient, key=message.key).exists():
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=message.recipient,
                kind=message.kind,
                side=message.side,
                key=message.key[:160],
                title=message.title[:200],
                body=message.body,
                link=message.link[:500],
                venture_id=message.venture_id,
                contract_id=message.contract_id,
                created_at=clock.now(),
            )
    except IntegrityError:  # another worker told this person about this event first
        return None


def send_emails(notification_ids: list[int]) -> int:
    """E-mail each notification not e-mailed yet; how many were handed to the backend."""
    sent = 0
    for notification_id in notification_ids:
        claimed = Notification.objects.filter(id=notification_id, emailed_at__isnull=True)
        if not claimed.update(emailed_at=clock.now()):
            continue
        notification = Notification.objects.select_related("recipient").get(id=notification_id)
        try:
            _email(notification).send(fail_silently=False)
        except (OSError, ValueError):
            logger.exception("notification %s not e-mailed", notification_id)
            Notification.objects.filter(id=notification_id).update(emailed_at=None)
            continue
        sent += 1
    return sent


def _absolute(link: str) -> str:
    base = conf.get("BORNGLOBAL_INSTANCE_URL").strip().rstrip("/")
    return f"{base}{link}" if base and link.startswith("/") else link


def _email(notification: Notification) -> EmailMessage:
    person = notification.recipient
    lines = [f"Hello {person.full_name or person.email},", "", notification.title]
    if notification.body:
        lines += ["", notification.body]
    if notification.link:
        where = _absolute(notification.link)
        lines += ["", f"Open it: {where}" if "://" in where else f"Open it in Born Global: {where}"]
    label = Kind(notification.kind).label.lower()
    lines += [
        "",
        "Born Global",
        f"You get this e-mail for {label}; switch it off on your Notifications page "
        f"({_absolute('/notifications/')}).",
    ]
    return EmailMessage(
        subject=notification.title,
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )


def mark_read(actor: Actor, notification_id: int) -> Notification:
    """Mark one of the actor's notifications read (a second time changes nothing)."""
    from bornglobal.notifications import selectors

    notification = selectors.notification_for(actor, notification_id)
    if notification.read_at is None:
        notification.read_at = clock.now()
        Notification.objects.filter(id=notification.id, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_read_many(actor: Actor, notification_ids: list[int]) -> int:
    """Mark these of the actor's notifications read; how many were unread. If any is
    not the actor's, nothing changes ("not found")."""
    from bornglobal.notifications import selectors

    wanted = set(notification_ids)
    with transaction.atomic():
        mine = selectors.visible(actor).filter(id__in=wanted)
        if mine.count() != len(wanted):
            raise NotFound("No such notification.")
        return mine.filter(read_at__isnull=True).update(read_at=clock.now())


def mark_all_read(actor: Actor) -> int:
    """Mark everything the actor may see read; how many were unread."""
    from bornglobal.notifications import selectors

    return selectors.visible(actor).filter(read_at__isnull=True).update(read_at=clock.now())


def set_email(actor: Actor, kind: str, enabled: bool) -> None:
    """Switch e-mail for one kind on or off for the actor (in-app always stays on)."""
    if not actor.may_manage_own_account:
        raise Forbidden("An API token cannot change e-mail settings.", code="token_scope")
    if kind not in Kind.values:
        raise DomainError(f"Unknown kind {kind!r}.", code="invalid_kind",
                          details={"kinds": list(Kind.values)})
    if enabled:
        EmailOptOut.objects.filter(user=actor.user, kind=kind).delete()
        return
    try:
        with transaction.atomic():
            EmailOptOut.objects.get_or_create(user=actor.user, kind=kind)
    except IntegrityError:  # the same switch twice at once: it is off either way
        pass
