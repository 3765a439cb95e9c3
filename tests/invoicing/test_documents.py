"""Issued documents never change; a credit note refers to and reverses its original."""

from decimal import Decimal

import pytest

from bornglobal.domain.errors import Conflict, Forbidden, NotFound
from bornglobal.invoicing import credit_notes, issuing
from bornglobal.invoicing.credit_notes import CreditLine
from bornglobal.invoicing.models import ImmutableDocument, Invoice
from bornglobal.tenancy.actors import Actor
from tests.invoicing.conftest import issue, line


def test_an_issued_invoice_cannot_be_saved_again(seller, french_business):
    # given an issued invoice
    invoice = issue(seller, french_business)
    # when someone changes its amount and saves
    invoice.net_minor = 1
    # then the model refuses
    with pytest.raises(ImmutableDocument):
        invoice.save()
    assert Invoice.objects.get(pk=invoice.pk).net_minor == 100_000


def test_lines_and_tax_groups_cannot_change_or_be_deleted(seller, french_business):
    # given an issued invoice
    invoice = issue(seller, french_business)
    # then neither it nor its lines nor its tax groups can be changed or deleted
    with pytest.raises(ImmutableDocument):
        invoice.lines.first().save()
    with pytest.raises(ImmutableDocument):
        invoice.tax_groups.first().delete()
    with pytest.raises(ImmutableDocument):
        invoice.delete()


def test_a_full_credit_note_reverses_every_amount(seller, german_business):
    # given a domestic invoice with two lines
    invoice = issue(
        seller,
        german_business,
        [line(price="100.00", quantity="3"), line("Support", price="50.00")],
    )
    # when it is credited in full
    credit = credit_notes.issue_credit_note(seller["actor"], invoice.id, reason="Cancelled order")
    # then the credit note refers to it, has its own CN number, and negates every amount
    assert credit.credits_id == invoice.id and credit.kind == "credit_note"
    assert credit.reference == "CN-000001"
    assert (credit.net_minor, credit.tax_minor, credit.total_minor) == (
        -invoice.net_minor,
        -invoice.tax_minor,
        -invoice.total_minor,
    )
    assert [li.credits_line_id for li in credit.lines.all()] == [
        li.id for li in invoice.lines.all()
    ]


def test_a_partial_credit_note_reverses_part_of_a_line(seller, german_business):
    # given an invoice for 10 hours
    invoice = issue(seller, german_business, [line("Hours", quantity="10", price="80.00")])
    hours = invoice.lines.get()
    # when 2.5 hours are credited
    credit = credit_notes.issue_credit_note(
        seller["actor"], invoice.id, [CreditLine(hours.id, Decimal("2.5"))]
    )
    # then the credit note is for 2.5 x 80.00 net at the original's rate
    assert credit.net_minor == -20_000
    assert credit.lines.get().rate == hours.rate
    # and only 7.5 hours are left to credit
    with pytest.raises(Conflict) as refused:
        credit_notes.issue_credit_note(
            seller["actor"], invoice.id, [CreditLine(hours.id, Decimal(8))]
        )
    assert refused.value.code == "exceeds_invoice"


def test_an_invoice_credited_in_full_cannot_be_credited_again(seller, german_business):
    # given a fully credited invoice
    invoice = issue(seller, german_business)
    credit = credit_notes.issue_credit_note(seller["actor"], invoice.id)
    # when it, or its credit note, is credited again
    with pytest.raises(Conflict) as again:
        credit_notes.issue_credit_note(seller["actor"], invoice.id)
    with pytest.raises(Conflict) as of_credit:
        credit_notes.issue_credit_note(seller["actor"], credit.id)
    # then both are refused with a reason
    assert again.value.code == "fully_credited"
    assert of_credit.value.code == "credit_note_of_credit"


def test_another_venture_cannot_credit_an_invoice(seller, german_business, other_venture):
    # given an invoice of the seller
    invoice = issue(seller, german_business)
    stranger = Actor(other_venture.memberships.get().user)
    # when another venture's owner tries to credit it
    # then it does not exist for them
    with pytest.raises(NotFound):
        credit_notes.issue_credit_note(stranger, invoice.id)


def test_a_member_without_the_money_grant_cannot_issue(seller, german_business):
    # given a plain member of the venture
    from tests.factories import MembershipFactory

    member = MembershipFactory(venture=seller["venture"], role="member").user
    # when they try to issue an invoice
    # then the role is refused
    with pytest.raises(Forbidden):
        issuing.issue_invoice(Actor(member), seller["venture"].id, german_business.id, [line()])


def test_the_database_refuses_to_change_an_issued_invoice(seller, german_business):
    # given an issued invoice
    invoice = issue(seller, german_business)
    # when its amount is changed behind the model's back (a queryset update)
    # then the database trigger refuses it
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        Invoice.objects.filter(pk=invoice.pk).update(total_minor=1, net_minor=1, tax_minor=0)
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        invoice.lines.update(description="changed")
    assert Invoice.objects.get(pk=invoice.pk).total_minor == 119_000
