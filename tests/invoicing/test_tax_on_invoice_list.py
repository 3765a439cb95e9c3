"""The invoice list names each document's VAT treatment; a reminder says if it was mailed."""

from datetime import date

from django.urls import reverse

from bornglobal.invoicing import reminders
from tests.invoicing.conftest import issue


def test_the_invoice_list_shows_each_treatment(client, seller, french_business, german_business):
    # given a reverse-charge invoice to France and a domestic one in Germany
    issue(seller, french_business)
    issue(seller, german_business)
    client.force_login(seller["owner"])
    # when the founder opens the invoice list
    html = client.get(reverse("invoicing_list", args=[seller["venture"].id])).content.decode()
    # then each row names its treatment (and the country whose rate applies)
    assert '<th scope="col">Tax</th>' in html
    assert 'data-treatment="reverse_charge"' in html
    assert 'data-treatment="domestic">Domestic · DE' in html


def test_an_invoice_says_whether_its_reminder_was_mailed(client, seller, german_business):
    # given an overdue invoice whose first reminder went out by e-mail
    invoice = issue(seller, german_business)
    reminders.send_due(date(2026, 7, 16))
    client.force_login(seller["owner"])
    # when the founder opens the invoice
    url = reverse("invoicing_detail", args=[seller["venture"].id, invoice.id])
    html = client.get(url).content.decode()
    # then the reminder says where it was mailed
    assert f"reminder 1 · 1 days overdue · e-mailed to {german_business.email}" in html
