"""Numbers are sequential and gapless per issuer and series, even under concurrency."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from bornglobal.domain.errors import DomainError
from bornglobal.invoicing import issuing
from bornglobal.invoicing.models import Invoice, InvoiceSeries
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.conftest import SUPPLY_DAY, issue, line
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory


def test_invoices_are_numbered_one_after_another_in_the_venture_series(seller, french_business):
    # given a venture that has issued nothing
    # when it issues three invoices
    invoices = [issue(seller, french_business) for _ in range(3)]
    # then they are numbered 1, 2, 3 in its INV series
    assert [i.number for i in invoices] == [1, 2, 3]
    assert [i.reference for i in invoices] == ["INV-000001", "INV-000002", "INV-000003"]
    assert {i.series.code for i in invoices} == {"INV"}


def test_each_issuer_has_its_own_sequence(seller, french_business, other_venture):
    # given a second venture with billing details and a customer
    BillingProfileFactory(venture=other_venture)
    other = {"venture": other_venture, "actor": Actor(other_venture.memberships.get().user)}
    customer = CustomerFactory(venture=other_venture)
    # when both issue invoices
    issue(seller, french_business)
    issue(seller, french_business)
    first_of_other = issue(other, customer)
    # then the other venture starts at 1
    assert first_of_other.number == 1


def test_a_refused_invoice_uses_no_number(seller, french_business):
    # given one invoice issued
    issue(seller, french_business)
    # when the next one is refused (a line in another currency)
    with pytest.raises(DomainError):
        issue(seller, french_business, [line(currency="USD", price="10.00")])
    # then the following invoice takes the very next number: no gap
    assert issue(seller, french_business).number == 2


def test_a_retry_with_the_same_key_returns_the_first_invoice(seller, french_business):
    # given an invoice issued with an idempotency key
    first = issue(seller, french_business, key="order-77")
    # when the same request is sent again
    again = issue(seller, french_business, key="order-77")
    # then it is the same invoice and no number was used
    assert again.pk == first.pk
    assert Invoice.objects.count() == 1
    assert InvoiceSeries.objects.get().next_number == 2


def test_the_database_refuses_a_duplicate_number(seller, french_business):
    # given an issued invoice
    first = issue(seller, french_business)
    # when a row with the same series and number is written behind the services' back
    duplicate = Invoice.objects.filter(pk=first.pk).values()[0]
    duplicate.pop("id")
    duplicate["idempotency_key"] = ""
    # then the named UNIQUE constraint refuses it
    with (
        pytest.raises(IntegrityError, match=r"invoice_number_unique_per_issuer_series|UNIQUE"),
        transaction.atomic(),
    ):
        Invoice.objects.bulk_create([Invoice(**duplicate)])


THREADS, PER_THREAD = 16, 5


def _issuer(actor, venture_id, customer_id, barrier, numbers, crashes):
    try:
        barrier.wait()
        for _ in range(PER_THREAD):
            invoice = issuing.issue_invoice(
                actor,
                venture_id,
                customer_id,
                [line()],
                supply_date=SUPPLY_DAY,
                issue_date=SUPPLY_DAY,
            )
            numbers.append(invoice.number)
    except Exception as error:  # a deadlock or duplicate fails the test below
        crashes.append(repr(error))
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixteen_concurrent_issuers_get_numbers_without_gap_or_duplicate():
    # given a venture with billing details and a customer, and no series row yet
    owner = UserFactory(country="DE")
    venture = VentureFactory(legal_country="DE", base_currency="EUR")
    MembershipFactory(user=owner, venture=venture, role="owner")
    BillingProfileFactory(venture=venture, vat_id="DE136695976")
    customer = CustomerFactory(venture=venture)
    numbers, crashes = [], []
    barrier = threading.Barrier(THREADS)
    # when 16 threads issue 5 invoices each at the same moment
    threads = [
        threading.Thread(
            target=_issuer, args=(Actor(owner), venture.id, customer.id, barrier, numbers, crashes)
        )
        for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    # then nobody crashed and the numbers are exactly 1..80
    assert crashes == []
    assert sorted(numbers) == list(range(1, THREADS * PER_THREAD + 1))
    stored = sorted(Invoice.objects.filter(venture=venture).values_list("number", flat=True))
    assert stored == list(range(1, THREADS * PER_THREAD + 1))
    assert InvoiceSeries.objects.get(issuer_venture=venture).next_number == 81
