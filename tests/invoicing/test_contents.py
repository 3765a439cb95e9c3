"""What an invoice carries: Art. 226 fields, each treatment's wording, Art. 230 VAT."""

from datetime import date

import pytest

from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import convert
from bornglobal.domain.money import Money
from bornglobal.invoicing.models import Treatment
from bornglobal.money import rates
from bornglobal.money.models import OperatorRate
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.conftest import SUPPLY_DAY, issue, line
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory


def test_an_invoice_keeps_both_parties_as_they_were_on_the_issue_date(seller, french_business):
    # given an invoice to a French business
    invoice = issue(seller, french_business, [line(quantity="2", price="450.00")])
    # when the customer's details change afterwards
    french_business.name = "Renamed SAS"
    french_business.save()
    invoice.refresh_from_db()
    # then the invoice still names both parties with addresses and VAT IDs as issued
    assert (invoice.seller_name, invoice.seller_vat_id) == ("Kestrel Robotics GmbH", "DE136695976")
    assert "Torstraße 1" in invoice.seller_address
    assert (invoice.buyer_name, invoice.buyer_vat_id) == ("Atelier Lumière SARL", "FR40303265045")
    assert "rue de Rivoli" in invoice.buyer_address
    # and it has its issue and supply dates, the quantity and the taxable amount
    assert invoice.issue_date == invoice.supply_date == SUPPLY_DAY
    assert invoice.lines.get().quantity == 2 and invoice.net_minor == 90_000


@pytest.mark.parametrize(
    ("customer", "supply", "treatment", "wording"),
    [
        (
            {"country": "FR", "vat_id": "FR40303265045"},
            "services",
            Treatment.REVERSE_CHARGE,
            "Reverse charge",
        ),
        (
            {"country": "FR", "vat_id": "FR40303265045"},
            "goods",
            Treatment.INTRA_COMMUNITY_EXEMPT,
            "Article 138",
        ),
        ({"country": "US", "vat_id": ""}, "services", Treatment.OUTSIDE_SCOPE, "Outside the scope"),
        (
            {"country": "US", "vat_id": "", "is_business": False},
            "goods",
            Treatment.EXPORT,
            "Article 146",
        ),
        ({"country": "DE", "vat_id": ""}, "services", Treatment.DOMESTIC, ""),
    ],
)
def test_each_treatment_is_stored_with_its_legal_wording(
    seller, customer, supply, treatment, wording
):
    # given a German seller and a customer
    buyer = CustomerFactory(venture=seller["venture"], **customer)
    # when it invoices the supply
    invoice = issue(seller, buyer, [line(supply=supply)])
    # then the line and tax group carry the treatment and the wording to print
    group = invoice.tax_groups.get()
    assert group.treatment == treatment
    assert wording in group.legal_text
    assert (group.tax_minor == 0) == (treatment != Treatment.DOMESTIC)


def test_e_services_to_consumers_above_the_threshold_use_the_destination_rate(seller):
    # given a seller above the EU-wide EUR 10,000 threshold and a French consumer
    profile = seller["venture"].billing_profile
    profile.over_eu_threshold = True
    profile.save()
    consumer = CustomerFactory(
        venture=seller["venture"], country="FR", vat_id="", is_business=False
    )
    # when it sells an e-service of 100.00
    invoice = issue(seller, consumer, [line(price="100.00", supply="e-services")])
    # then French VAT is charged under OSS
    group = invoice.tax_groups.get()
    assert (group.treatment, group.rate_country, group.tax_minor) == (Treatment.OSS, "FR", 2_000)
    assert "One-Stop Shop" in group.legal_text


def test_vat_in_another_currency_is_also_stated_in_the_national_currency(seller, german_business):
    # given a German seller invoicing a German business in US dollars
    # when it issues a domestic invoice of 1,000.00 USD
    invoice = issue(
        seller, german_business, [line(price="1000.00", currency="USD")], currency="USD"
    )
    # then the 19% VAT (190.00 USD) is also stated in euros at the ECB rate of the supply date
    expected = convert(Money(19_000, "USD"), "EUR", SUPPLY_DAY, rates.current())
    assert invoice.tax_minor == 19_000
    assert (invoice.national_currency, invoice.national_tax_minor) == ("EUR", expected.target.minor)
    assert invoice.fx_date == expected.rate.used and invoice.fx_rate == expected.rate.value
    assert "ECB" in invoice.fx_note
    assert invoice.tax_groups.get().national_tax_minor == expected.target.minor


def test_a_swedish_seller_invoicing_in_euros_states_the_vat_in_kronor(db):
    # given a Swedish venture invoicing a Swedish business in EUR
    owner = UserFactory(country="SE")
    venture = VentureFactory(legal_country="SE", base_currency="SEK")
    MembershipFactory(user=owner, venture=venture, role="owner")
    BillingProfileFactory(
        venture=venture, vat_id="SE556188840401", address="Drottninggatan 1\n111 51 Stockholm"
    )
    customer = CustomerFactory(venture=venture, country="SE", vat_id="")
    seller = {"venture": venture, "actor": Actor(owner)}
    # when it issues 100.00 EUR at 25%
    invoice = issue(seller, customer, currency="EUR", lines=[line(price="100.00")])
    # then the 25.00 EUR VAT is also given in SEK
    assert invoice.tax_minor == 2_500
    assert invoice.national_currency == "SEK" and invoice.national_tax_minor > 2_500 * 5


def test_no_rate_for_the_national_currency_refuses_the_invoice(seller, german_business):
    # given a supply date past every rate for NGN (the ECB does not publish it)
    OperatorRate.objects.all().delete()
    # when a German seller invoices in naira with VAT due
    # then it is refused with a clear error and no number is used
    with pytest.raises(DomainError) as refused:
        issue(
            seller,
            german_business,
            [line(price="1000.00", currency="NGN")],
            currency="NGN",
            supply_date=date(2026, 6, 15),
        )
    assert refused.value.code == "no_rate"
    assert not german_business.invoices.exists()
