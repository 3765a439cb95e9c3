"""The PDF carries every mandatory field, and currency signs render as text."""

import io

from django.urls import reverse
from pypdf import PdfReader

from bornglobal.invoicing import pdf
from bornglobal.invoicing.models import BillingProfile
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.conftest import issue, line
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_names_every_field_article_226_requires(seller, french_business):
    # given a reverse-charge invoice to a French business
    invoice = issue(seller, french_business, [line("Firmware consulting", "3", "450.00")])
    # when its PDF is made
    text = _text(pdf.render(invoice))
    # then the text has the number, dates, both parties with addresses and VAT IDs
    for field in (
        "INV-000001",
        "2026-06-15",
        "Kestrel Robotics GmbH",
        "Torstraße 1",
        "DE136695976",
        "Atelier Lumière SARL",
        "rue de Rivoli",
        "FR40303265045",
    ):
        assert field in text, field
    # and the description, quantity, taxable amount, rate, tax and the legal wording
    for field in (
        "Firmware consulting",
        "Date of supply",
        "Taxable amount",
        "€1,350.00",
        "0%",
        "Tax amount",
        "Reverse charge",
        "Article 196",
    ):
        assert field in text, field


def test_currency_signs_render_in_the_pdf(db):
    # given ventures invoicing in rupees, naira and hryvnia, and one in euros
    texts = []
    for country, currency, price in (
        ("IN", "INR", "83000.00"),
        ("NG", "NGN", "150000.00"),
        ("UA", "UAH", "4100.00"),
        ("DE", "EUR", "100.00"),
    ):
        owner = UserFactory(country=country)
        venture = VentureFactory(legal_country=country, base_currency=currency)
        MembershipFactory(user=owner, venture=venture, role="owner")
        BillingProfileFactory(venture=venture)
        customer = CustomerFactory(venture=venture, country="US", vat_id="")
        invoice = issue(
            {"venture": venture, "actor": Actor(owner)},
            customer,
            [line(price=price, currency=currency)],
            currency=currency,
        )
        texts.append(_text(pdf.render(invoice)))
    # then each sign is in the extracted text (the font has the glyph)
    for sign, text in zip("₹₦₴€", texts, strict=True):
        assert sign in text


def test_the_pdf_is_served_to_the_venture_and_not_to_strangers(
    client, seller, french_business, other_founder
):
    # given an invoice
    invoice = issue(seller, french_business)
    url = reverse("invoicing_pdf", args=[seller["venture"].id, invoice.id])
    # when its owner downloads the PDF
    client.force_login(seller["owner"])
    response = client.get(url)
    # then it is a PDF named after the number
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "INV-000001.pdf" in response["Content-Disposition"]
    # and another venture's founder gets a 404
    client.force_login(other_founder)
    assert client.get(url).status_code == 404
    assert BillingProfile.objects.count() == 1
