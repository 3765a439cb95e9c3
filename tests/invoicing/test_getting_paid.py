"""Due dates, overdue invoices, statutory interest, EUR 40 compensation and reminders."""

from datetime import UTC, date, datetime

import pytest

from bornglobal import clock
from bornglobal.domain import late_payment
from bornglobal.domain.errors import Conflict
from bornglobal.domain.money import Money
from bornglobal.invoicing import credit_notes, payments, reminders, standing
from bornglobal.invoicing.models import Reminder
from tests.invoicing.conftest import issue, line
from tests.invoicing.factories import CustomerFactory

DUE = date(2026, 7, 15)  # 30 days after the supply day, the seller's payment terms


def test_an_invoice_is_due_after_the_payment_terms_and_open_until_then(seller, german_business):
    # given an invoice of 1,190.00 (1,000.00 + 19% VAT)
    invoice = issue(seller, german_business)
    # then it is due 30 days later, and open (not overdue) on the due date
    assert invoice.due_date == DUE
    where = standing.of(invoice, DUE)
    assert (where.state, where.outstanding, where.interest) == ("open", Money(119_000, "EUR"), None)


def test_an_overdue_b2b_invoice_shows_statutory_interest_and_compensation(seller, german_business):
    # given an unpaid business-to-business invoice from a German seller
    invoice = issue(seller, german_business)
    # when it stands 30 days after its due date
    on = date(2026, 8, 14)
    where = standing.of(invoice, on)
    # then it is overdue and carries the Late Payment Directive's interest and EUR 40
    expected = late_payment.late_interest(Money(119_000, "EUR"), DUE, on).interest
    assert (where.state, where.days_overdue) == ("overdue", 30)
    assert where.interest == expected and expected.is_positive
    assert where.compensation == Money(4_000, "EUR")
    assert "ECB main refinancing rate + 8 points" in where.interest_note
    assert "Statutory late-payment interest" in where.summary()


def test_a_consumer_invoice_gets_no_statutory_interest(seller):
    # given an overdue invoice to a consumer
    consumer = CustomerFactory(
        venture=seller["venture"], country="DE", vat_id="", is_business=False
    )
    invoice = issue(seller, consumer)
    # then it is overdue, but the B2B late-payment rules do not apply
    where = standing.of(invoice, date(2026, 8, 14))
    assert where.overdue and where.interest is None and where.compensation is None


def test_payments_and_credit_notes_reduce_what_is_owed(seller, german_business):
    # given an invoice of 1,190.00
    invoice = issue(seller, german_business, [line(quantity="2", price="500.00")])
    hours = invoice.lines.get()
    # when 500.00 is paid and half of it is credited (595.00 with VAT)
    payments.record_payment(seller["actor"], invoice.id, Money.of("500.00", "EUR"), DUE)
    credit_notes.issue_credit_note(
        seller["actor"], invoice.id, [credit_notes.CreditLine(hours.id, 1)]
    )
    # then 95.00 is still owed, and paying more than that is refused
    assert payments.outstanding_minor(invoice) == 9_500
    with pytest.raises(Conflict) as refused:
        payments.record_payment(seller["actor"], invoice.id, Money.of("100.00", "EUR"))
    assert refused.value.code == "exceeds_outstanding"
    payments.record_payment(seller["actor"], invoice.id, Money.of("95.00", "EUR"))
    assert standing.of(invoice, date(2026, 12, 1)).state == "paid"


def test_reminders_go_out_one_stage_at_a_time_and_never_twice(seller, german_business):
    # given an unpaid invoice and a paid one
    unpaid = issue(seller, german_business)
    paid = issue(seller, german_business)
    payments.record_payment(seller["actor"], paid.id, Money(paid.total_minor, "EUR"))
    # when the worker runs the day after the due date, twice
    first = reminders.send_due(date(2026, 7, 16))
    again = reminders.send_due(date(2026, 7, 16))
    # then the unpaid invoice got its first reminder once, the paid one none
    assert [(r.invoice_id, r.stage) for r in first] == [(unpaid.id, 1)]
    assert again == []
    # and the second reminder waits until 14 days overdue, with the interest stated
    assert reminders.send_due(date(2026, 7, 28)) == []
    second = reminders.send_due(date(2026, 7, 29))
    assert [(r.stage, r.days_overdue) for r in second] == [(2, 14)]
    assert second[0].interest_minor > 0 and second[0].compensation_minor == 4_000
    assert "INV-000001" in second[0].message and "overdue" in second[0].message
    assert Reminder.objects.count() == 2


def test_issuing_schedules_the_first_reminder_for_the_worker(
    seller, german_business, settings, django_capture_on_commit_callbacks
):
    # given the database task queue the worker reads (it can run tasks later)
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # when an invoice due on 15 July is issued
    with (
        clock.travel_to(datetime(2026, 6, 15, 9, tzinfo=UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        invoice = issue(seller, german_business)
    # then the reminder task waits in the queue until the day after the due date
    queued = DBTaskResult.objects.get(task_path="bornglobal.invoicing.tasks.remind")
    assert queued.args_kwargs["args"] == [invoice.id]
    assert queued.run_after == datetime(2026, 7, 16, 8, tzinfo=UTC)
