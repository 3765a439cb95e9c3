"""An escrow payment to a freelancer is invoiced in the freelancer's name, once."""

from datetime import date

import pytest

from bornglobal.domain.money import Money
from bornglobal.invoicing import escrow, selectors, services
from bornglobal.invoicing.models import Invoice, Origin
from bornglobal.invoicing.payments import outstanding_minor
from bornglobal.money import services as money
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory

RELEASE_DAY = date(2026, 6, 15)


@pytest.fixture
def contract(seller):
    """The seller venture holds 1,200.00 EUR in escrow for an Indian freelancer."""
    payee = UserFactory(
        full_name="Priya Raghavan", country="IN", currency="INR", is_freelancer=True
    )
    actor = seller["actor"]
    money.deposit(actor, seller["venture"].id, Money.of("5000.00", "EUR"), key="dep")
    opened = money.open_escrow(
        actor,
        seller["venture"].id,
        payee.email,
        "K-001",
        "Firmware port",
        [money.MilestonePlan("Design", Money.of("1200.00", "EUR"))],
    )
    milestone = opened.milestones.get()
    money.fund_milestone(actor, seller["venture"].id, milestone.id, key="fund")
    return {**seller, "payee": payee, "milestone": milestone}


def _release(contract, key="rel"):
    return money.release(
        contract["actor"], contract["venture"].id, contract["milestone"].id, key=key, on=RELEASE_DAY
    )


def test_a_release_is_invoiced_by_the_freelancer_after_it_commits(
    contract, django_capture_on_commit_callbacks
):
    # given a funded milestone
    # when the venture releases it
    with django_capture_on_commit_callbacks(execute=True):
        disclosure = _release(contract)
    # then the freelancer's own invoice bills the venture for the gross amount
    invoice = Invoice.objects.get(disclosure=disclosure)
    assert invoice.freelancer == contract["payee"] and invoice.origin == Origin.ISSUED
    assert invoice.reference == "INV-000001" and invoice.series.issuer_person == contract["payee"]
    assert invoice.buyer_name == "Kestrel Robotics GmbH" and invoice.buyer_vat_id == "DE136695976"
    assert (invoice.net_minor, invoice.currency) == (120_000, "EUR")
    # and the Indian supplier's service to a German business is reverse-charged
    assert invoice.tax_groups.get().treatment == "reverse_charge"
    # and it is paid by the release
    assert outstanding_minor(invoice) == 0


def test_under_an_accepted_agreement_the_venture_self_bills(
    contract, django_capture_on_commit_callbacks
):
    # given a self-billing agreement the freelancer accepted
    agreement = services.propose_self_billing(
        contract["actor"], contract["venture"].id, contract["payee"].email
    )
    services.accept_self_billing(Actor(contract["payee"]), agreement.id)
    # when the escrow is released
    with django_capture_on_commit_callbacks(execute=True):
        disclosure = _release(contract)
    # then the invoice is self-billed, in the freelancer's series for this venture
    invoice = Invoice.objects.get(disclosure=disclosure)
    assert invoice.origin == Origin.SELF_BILLED
    assert invoice.reference == f"SB{contract['venture'].id}-000001"


def test_invoicing_a_payment_twice_gives_the_first_invoice(
    contract, django_capture_on_commit_callbacks
):
    # given a release that was invoiced
    with django_capture_on_commit_callbacks(execute=True):
        disclosure = _release(contract)
    # when the task runs again (a retry), or the release is retried with its key
    again = escrow.invoice_escrow_payment(disclosure.id)
    with django_capture_on_commit_callbacks(execute=True):
        _release(contract)
    # then there is still one invoice
    assert Invoice.objects.filter(disclosure=disclosure).get().pk == again.pk
    assert Invoice.objects.count() == 1


def test_both_sides_see_the_invoice_and_nobody_else(
    contract, other_venture, django_capture_on_commit_callbacks
):
    # given an invoiced release
    with django_capture_on_commit_callbacks(execute=True):
        _release(contract)
    # then the freelancer and the paying venture see it
    assert selectors.my_invoices(Actor(contract["payee"])).count() == 1
    assert selectors.invoices_of(contract["actor"], contract["venture"].id).count() == 1
    # and another venture's owner and another freelancer do not
    assert selectors.my_invoices(Actor(other_venture.memberships.get().user)).count() == 0
    assert selectors.my_invoices(Actor(UserFactory())).count() == 0
