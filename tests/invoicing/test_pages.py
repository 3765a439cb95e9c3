"""The invoicing pages: list, issue, document, credit, payment, reports, my invoices."""

import re

from django.urls import reverse

from bornglobal.invoicing.models import Invoice
from tests.factories import MembershipFactory
from tests.invoicing.conftest import issue


def test_the_founder_issues_an_invoice_from_the_page(client, seller, french_business):
    # given the founder on the invoices page
    client.force_login(seller["owner"])
    page = client.get(reverse("invoicing_list", args=[seller["venture"].id]))
    assert page.status_code == 200 and "Issue an invoice" in page.content.decode()
    # when they submit one line of 3 x 450.00 to the French business
    response = client.post(
        reverse("invoicing_issue", args=[seller["venture"].id]),
        {
            "idempotency_key": "form-1",
            "customer": french_business.id,
            "currency": "EUR",
            "supply_date": "2026-06-15",
            "line_1_description": "Firmware consulting",
            "line_1_quantity": "3",
            "line_1_price": "450.00",
            "line_1_supply": "services",
            "line_1_rate_kind": "standard",
        },
        follow=True,
    )
    # then the invoice page shows the document with the reverse-charge wording
    html = response.content.decode()
    invoice = Invoice.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "invoicing_detail", args=[seller["venture"].id, invoice.id]
    )
    for text in (
        "INV-000001",
        "Atelier Lumière SARL",
        "FR40303265045",
        "DE136695976",
        "€1,350.00",
        "Reverse charge",
        "Date of supply",
    ):
        assert text in html, text


def test_a_bad_price_is_shown_on_the_form(client, seller, french_business):
    client.force_login(seller["owner"])
    response = client.post(
        reverse("invoicing_issue", args=[seller["venture"].id]),
        {
            "idempotency_key": "form-2",
            "customer": french_business.id,
            "currency": "EUR",
            "supply_date": "2026-06-15",
            "line_1_description": "X",
            "line_1_quantity": "1",
            "line_1_price": "1.234",
            "line_1_supply": "services",
            "line_1_rate_kind": "standard",
        },
    )
    assert response.status_code == 200 and not Invoice.objects.exists()
    assert "field-error" in response.content.decode()


def test_crediting_and_paying_from_the_document_page(client, seller, german_business):
    # given an issued invoice
    invoice = issue(seller, german_business)
    client.force_login(seller["owner"])
    # when the founder records a payment and then credits what is left
    client.post(
        reverse("invoicing_payment", args=[seller["venture"].id, invoice.id]),
        {"amount": "190.00", "paid_on": "2026-07-01"},
    )
    response = client.post(
        reverse("invoicing_credit", args=[seller["venture"].id, invoice.id]),
        {"reason": "Order cancelled"},
        follow=True,
    )
    # then the credit note page refers to the original
    html = response.content.decode()
    assert "Credit note CN-000001" in html and "Credit note for invoice INV-000001" in html


def test_a_stranger_and_a_plain_member_do_not_see_invoices(
    client, seller, german_business, other_founder
):
    invoice = issue(seller, german_business)
    detail = reverse("invoicing_detail", args=[seller["venture"].id, invoice.id])
    client.force_login(other_founder)
    assert client.get(detail).status_code == 404
    member = MembershipFactory(venture=seller["venture"], role="member").user
    client.force_login(member)
    assert client.get(detail).status_code == 403


def test_reports_page_and_csv(client, seller, german_business):
    issue(seller, german_business)
    client.force_login(seller["owner"])
    query = "?start=2026-04-01&end=2026-06-30"
    page = client.get(reverse("invoicing_reports", args=[seller["venture"].id]) + query)
    html = page.content.decode()
    assert "Domestic VAT summary" in html and "OSS return" in html and "EC sales list" in html
    assert "1000.00" in html
    csv = client.get(
        reverse("invoicing_report_csv", args=[seller["venture"].id, "vat-summary"]) + query
    )
    assert csv["Content-Type"] == "text/csv"
    assert csv.content.decode().splitlines()[1].startswith("domestic,DE,19,EUR,1000.00,190.00")
    bad = client.get(
        reverse("invoicing_report_csv", args=[seller["venture"].id, "oss"])
        + "?start=2026-06-30&end=2026-04-01"
    )
    assert bad.status_code == 400


def test_the_navigation_links_invoicing(client, seller):
    client.force_login(seller["owner"])
    html = client.get(reverse("invoicing_list", args=[seller["venture"].id])).content.decode()
    link = re.search(r'<a [^>]*data-capability="invoicing"[^>]*>', html).group(0)
    assert reverse("invoicing_list", args=[seller["venture"].id]) in link
    assert reverse("invoicing_reports_current") in html


def test_my_invoices_page_lists_only_mine(client, seller, german_business, other_founder):
    issue(seller, german_business)
    client.force_login(other_founder)
    html = client.get(reverse("invoicing_mine")).content.decode()
    assert "No invoices yet" in html and "INV-000001" not in html
