"""Payment reminders are e-mailed to the buyer, and the record says whether they were."""

import smtplib
from datetime import date

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

from bornglobal.invoicing import reminders
from bornglobal.invoicing.models import Reminder
from tests.invoicing.conftest import issue
from tests.invoicing.factories import CustomerFactory

DAY_AFTER_DUE = date(2026, 7, 16)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def test_a_reminder_is_mailed_to_the_buyer(seller, german_business, settings):
    # given an unpaid invoice to a customer with an e-mail address
    settings.DEFAULT_FROM_EMAIL = "billing@kestrel.example"
    invoice = issue(seller, german_business)
    # when the worker sends what is due the day after the due date
    sent = reminders.send_due(DAY_AFTER_DUE)
    # then one mail went to the buyer, from the instance's sender, naming the invoice
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [german_business.email]
    assert message.from_email == "billing@kestrel.example"
    assert "INV-000001" in message.subject and "overdue" in message.subject
    assert sent[0].message in message.body
    # and the reminder record says where it went
    assert Reminder.objects.get(invoice=invoice).emailed_to == german_business.email
    assert sent[0].emailed_to == german_business.email


def test_each_stage_is_mailed_once(seller, german_business):
    # given an unpaid invoice
    issue(seller, german_business)
    # when the worker runs twice on the first day and again at 14 days overdue
    reminders.send_due(DAY_AFTER_DUE)
    reminders.send_due(DAY_AFTER_DUE)
    reminders.send_due(date(2026, 7, 29))
    # then two mails went out, reminder 1 and reminder 2
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Reminder 1", "Reminder 2"]


def test_a_buyer_without_an_address_gets_a_recorded_reminder_only(seller):
    # given an unpaid invoice to a customer with no e-mail address
    customer = CustomerFactory(
        venture=seller["venture"], name="Quiet GmbH", country="DE", vat_id="", email=""
    )
    invoice = issue(seller, customer)
    # when the reminder is due
    sent = reminders.send_due(DAY_AFTER_DUE)
    # then it is recorded but not mailed, and the record says so
    assert [r.stage for r in sent] == [1]
    assert mail.outbox == []
    assert Reminder.objects.get(invoice=invoice).emailed_to == ""


def test_a_refused_mail_keeps_the_reminder_and_says_it_was_not_mailed(
    seller, german_business, settings
):
    # given a mail server that refuses connections
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    invoice = issue(seller, german_business)
    # when the reminder is due
    sent = reminders.send_due(DAY_AFTER_DUE)
    # then the reminder is still recorded (and not sent again), marked as not mailed
    assert [r.stage for r in sent] == [1]
    assert Reminder.objects.get(invoice=invoice).emailed_to == ""
    assert reminders.send_due(DAY_AFTER_DUE) == []
