"""Tax reports for a period: the VAT summary, the OSS return and the EC sales list."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from bornglobal import clock
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.invoicing import credit_notes, reports
from bornglobal.tenancy.actors import Actor
from tests.invoicing.conftest import issue, line
from tests.invoicing.factories import CustomerFactory

Q2 = (date(2026, 4, 1), date(2026, 6, 30))


@pytest.fixture
def quarter(seller, french_business, german_business):
    """A German seller's second quarter: domestic, reverse charge, goods, OSS, a credit."""
    profile = seller["venture"].billing_profile
    profile.over_eu_threshold = True
    profile.save()
    domestic = issue(seller, german_business, [line(price="1000.00")])
    with clock.travel_to(datetime(2026, 6, 20, 12, tzinfo=UTC)):
        credit_notes.issue_credit_note(seller["actor"], domestic.id)
    issue(seller, german_business, [line(price="400.00")])
    issue(seller, french_business, [line(price="500.00")])
    issue(seller, french_business, [line("Robot arm", price="300.00", supply="goods")])
    french_consumer = CustomerFactory(
        venture=seller["venture"], country="FR", vat_id="", is_business=False
    )
    austrian_consumer = CustomerFactory(
        venture=seller["venture"], country="AT", vat_id="", is_business=False
    )
    issue(seller, french_consumer, [line(price="100.00", supply="e-services")])
    issue(seller, austrian_consumer, [line(price="50.00", supply="e-services")])
    issue(
        seller,
        german_business,
        [line(price="9999.00")],
        supply_date=date(2026, 7, 2),
        issue_date=date(2026, 7, 2),
    )  # next quarter
    return seller


def _csv(kind, seller):
    text = reports.as_csv(kind, reports.rows(kind, seller["actor"], seller["venture"].id, *Q2))
    return list(csv.DictReader(io.StringIO(text)))


def test_vat_summary_nets_credit_notes_and_keeps_to_the_period(quarter):
    # when the Q2 VAT summary is made
    rows = {(r["treatment"], r["rate"]): r for r in _csv("vat-summary", quarter)}
    # then domestic sales are 1,000 - 1,000 + 400 at 19%, tax 76.00 (July is not counted)
    domestic = rows[("domestic", "19")]
    assert (domestic["taxable"], domestic["tax"], domestic["national_tax"]) == (
        "400.00",
        "76.00",
        "76.00",
    )
    assert domestic["documents"] == "3"
    # and the zero-tax supplies are listed with their treatment
    assert rows[("reverse_charge", "0")]["taxable"] == "500.00"
    assert rows[("intra_community_exempt", "0")]["taxable"] == "300.00"
    assert ("oss_destination", "20") not in rows


def test_oss_return_lists_each_member_state_and_rate(quarter):
    # when the Q2 OSS return is made
    rows = [
        (r["member_state"], r["rate"], r["taxable_eur"], r["tax_eur"]) for r in _csv("oss", quarter)
    ]
    # then France and Austria each have their consumers' taxable amount and VAT in EUR
    assert rows == [("AT", "20", "50.00", "10.00"), ("FR", "20", "100.00", "20.00")]


def test_ec_sales_list_is_per_customer_vat_id_and_kind_of_supply(quarter):
    # when the Q2 EC sales list is made
    rows = [(r["customer_vat_id"], r["supply"], r["value"]) for r in _csv("ec-sales-list", quarter)]
    # then the French business appears once for goods and once for services
    assert rows == [("FR40303265045", "goods", "300.00"), ("FR40303265045", "services", "500.00")]


def test_reports_are_the_venture_s_own(quarter, other_venture):
    # given another venture's owner
    stranger = Actor(other_venture.memberships.get().user)
    # then the seller's reports do not exist for them
    with pytest.raises(NotFound):
        reports.rows("vat-summary", stranger, quarter["venture"].id, *Q2)


def test_a_period_that_ends_before_it_starts_is_refused(seller):
    with pytest.raises(DomainError) as refused:
        reports.rows(
            "oss", seller["actor"], seller["venture"].id, date(2026, 6, 1), date(2026, 5, 1)
        )
    assert refused.value.code == "invalid_period"
