"""E-mail goes out after the commit, once, never for a rolled-back event, and not
when the person switched it off, inside `email_paused()` or while the demo writes
its history."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from bornglobal import clock
from bornglobal.notifications import services
from bornglobal.notifications.models import Kind, Notification, Side
from bornglobal.tenancy.actors import Actor
from bornglobal.work import services as work
from tests.work.factories import fixed_offer


def _message(person, key="milestone:1:funded"):
    return services.Message(person, Kind.FUNDING, Side.FREELANCER, key, "Part 1 is funded",
                            "You may start.", "/me/work/")


def test_the_email_is_sent_after_commit_and_only_then(priya, django_capture_on_commit_callbacks):
    # given a notification written inside a transaction
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        services.notify([_message(priya)])
        # then nothing is sent before the commit
        assert mail.outbox == []
    # when it commits, then one e-mail went to her address, and the row says so
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[priya.email]]
    assert mail.outbox[0].subject == "Part 1 is funded"
    assert "You may start." in mail.outbox[0].body and "/me/work/" in mail.outbox[0].body
    assert Notification.objects.get(recipient=priya).emailed_at is not None


def test_a_rolled_back_event_tells_nobody(kestrel, priya, django_capture_on_commit_callbacks):
    # when an offer is sent inside a transaction that then fails
    capture = django_capture_on_commit_callbacks(execute=True)
    with capture, pytest.raises(RuntimeError), transaction.atomic():
        work.send_offer(Actor(kestrel["founder"]), kestrel["venture"].id,
                        fixed_offer(kestrel["role"], priya))
        raise RuntimeError("the request failed after the offer")
    # then there is neither a notification nor an e-mail
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_the_same_event_notifies_and_emails_once(priya, django_capture_on_commit_callbacks):
    # when the same event is notified three times
    with django_capture_on_commit_callbacks(execute=True):
        first = services.notify([_message(priya)])
        again = services.notify([_message(priya), _message(priya)])
    # then one notification and one e-mail
    assert len(first) == 1 and again == []
    assert Notification.objects.filter(recipient=priya).count() == 1 and len(mail.outbox) == 1
    # and sending it again later does not e-mail twice
    assert services.send_emails([first[0].id]) == 0 and len(mail.outbox) == 1


def test_an_opted_out_kind_is_in_app_only(priya, django_capture_on_commit_callbacks):
    # given Priya switched e-mail off for funding
    services.set_email(Actor(priya), Kind.FUNDING, False)
    # when she is told about funding and about a payment
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([_message(priya)])
        services.notify([services.Message(priya, Kind.PAYMENT, Side.FREELANCER, "pay:1",
                                          "You were paid")])
    # then both are in her inbox, only the payment was e-mailed
    assert Notification.objects.filter(recipient=priya).count() == 2
    assert [m.subject for m in mail.outbox] == ["You were paid"]
    # and switching it back on (twice is the same) e-mails funding again
    services.set_email(Actor(priya), Kind.FUNDING, True)
    services.set_email(Actor(priya), Kind.FUNDING, True)
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([_message(priya, key="milestone:2:funded")])
    assert len(mail.outbox) == 2


def test_paused_email_and_demo_history_stay_in_app(priya, django_capture_on_commit_callbacks):
    # when notified inside email_paused(), and in demo mode with the clock in the past
    with django_capture_on_commit_callbacks(execute=True):
        with services.email_paused():
            services.notify([_message(priya, key="a")])
        with override_settings(DEMO_MODE=True), clock.travel_to(
            clock.now() - timedelta(days=30)
        ):
            services.notify([_message(priya, key="b")])
    # then both are in the inbox and nothing was e-mailed
    assert Notification.objects.filter(recipient=priya, emailed_at__isnull=True).count() == 2
    assert mail.outbox == []


def test_a_refused_message_is_logged_and_kept_for_a_later_try(
    priya, django_capture_on_commit_callbacks, caplog
):
    # given a mail server that refuses the message
    refusing = override_settings(EMAIL_BACKEND="tests.notifications.refusing.RefusingBackend")
    with refusing, django_capture_on_commit_callbacks(execute=True):
        created = services.notify([_message(priya)])
    # then the notification stays, not marked e-mailed, and the failure is logged
    notification = Notification.objects.get(id=created[0].id)
    assert notification.emailed_at is None
    assert "not e-mailed" in caplog.text
    # and a later try sends it
    assert services.send_emails([notification.id]) == 1 and len(mail.outbox) == 1


def test_links_in_the_email_are_absolute_with_the_instance_url(
    priya, django_capture_on_commit_callbacks, monkeypatch
):
    # given the instance knows its public address
    monkeypatch.setenv("BORNGLOBAL_INSTANCE_URL", "https://bg.example.org/")
    # when Priya is e-mailed
    with django_capture_on_commit_callbacks(execute=True):
        services.notify([_message(priya)])
    # then the link in it opens the page on that instance
    assert "Open it: https://bg.example.org/me/work/" in mail.outbox[0].body
