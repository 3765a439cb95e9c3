"""The partner pages: the directory with live filters, a partner's page, and the editor."""

import re
from datetime import UTC, datetime

from django.urls import reverse

from bornglobal import clock
from bornglobal.network.models import Partner
from bornglobal.tenancy.models import AuditEvent
from tests.factories import UserFactory
from tests.network.factories import (
    PartnerCapabilityFactory,
    PartnerFactory,
    PartnerPriceFactory,
    PartnerShippingZoneFactory,
)

RATE_INSTANT = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
FORM = {
    "name": "Atlas Leather", "kind": "micro_factory", "description": "Hand-stitched goods.",
    "country": "MA", "city": "Marrakesh", "time_zone": "Africa/Casablanca", "currency": "MAD",
    "min_order_quantity": "20", "min_order_unit": "piece", "lead_time_days": "14",
    "listed": "on", "processes": "Hand stitching, embossing",
    "materials": "vegetable-tanned leather", "services": "",
    "prices": "leather wallet | wallet | 20 | 180.00\nleather wallet | wallet | 100 | 150",
    "shipping_zones": "ES 4\nFR: 5 days\n",
}


def _labelled(html: str, field_id: str) -> bool:
    return f'<label for="{field_id}">' in html and f'id="{field_id}"' in html


def test_the_directory_has_labelled_live_filters_and_lists_partners(client, db):
    # given two listed partners and a logged-in user
    PartnerFactory(name="Porto Print Works", lead_time_days=7)
    PartnerFactory(name="Kochi Tea Blenders", country="IN", time_zone="Asia/Kolkata")
    client.force_login(UserFactory())
    # when they open the directory
    response = client.get(reverse("network_partners"))
    # then every filter has its label, the form re-renders the results by htmx, both are listed
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("q", "kind", "capability", "country", "ships_to", "max_lead_time",
                 "max_min_order", "sort", "mine"):
        assert _labelled(html, f"filter_{name}"), name
    assert 'hx-target="#partner-results"' in html and 'hx-push-url="true"' in html
    assert 'method="get"' in html
    assert "Porto Print Works" in html and "Kochi Tea Blenders" in html


def test_a_filter_change_by_htmx_answers_only_the_results(client, db):
    # given a ceramics studio and a print shop
    ceramics = PartnerFactory(name="Alfama Ceramics")
    PartnerCapabilityFactory(partner=ceramics, name="slip casting")
    PartnerFactory(name="Berlin Screen Print", country="DE", time_zone="Europe/Berlin")
    client.force_login(UserFactory())
    # when htmx asks for the partners with "slip" capabilities
    response = client.get(reverse("network_partners"), {"capability": "slip"},
                          HTTP_HX_REQUEST="true")
    # then the partial lists only the studio, without the page around it
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Alfama Ceramics" in html and "Berlin Screen Print" not in html
    assert "<strong>1</strong> partner" in html


def test_without_javascript_the_filter_form_answers_the_whole_filtered_page(client, db):
    # given partners in two countries
    PartnerFactory(name="Alfama Ceramics")
    PartnerFactory(name="Berlin Screen Print", country="DE", time_zone="Europe/Berlin")
    client.force_login(UserFactory())
    # when the form is submitted as a plain GET
    response = client.get(reverse("network_partners"), {"country": "DE"})
    # then the page comes back whole, filtered, with the filter kept selected
    html = response.content.decode()
    assert "<html" in html and "Berlin Screen Print" in html and "Alfama Ceramics" not in html
    assert '<option value="DE" selected>' in html


def test_a_bad_filter_is_explained_not_a_server_error(client, db):
    # given a logged-in user
    client.force_login(UserFactory())
    # when a filter holds nonsense
    response = client.get(reverse("network_partners"), {"max_lead_time": "-4", "kind": "x"},
                          HTTP_HX_REQUEST="true")
    # then the results say what is wrong
    assert response.status_code == 200
    assert "message-error" in response.content.decode()


def test_the_directory_pages_through_results(client, db):
    # given 25 partners, more than one page
    for number in range(25):
        PartnerFactory(name=f"Partner {number:02d}")
    client.force_login(UserFactory())
    # when the first and the second page are read
    first = client.get(reverse("network_partners")).content.decode()
    second = client.get(reverse("network_partners"), {"offset": "20"},
                        HTTP_HX_REQUEST="true").content.decode()
    # then the first shows 20 with a link on, the second the last 5 with a link back
    assert "showing 1\u201320" in first and "Partner 19" in first and "Partner 20" not in first
    assert 'rel="next"' in first and "offset=20" in first
    assert "showing 21\u201325" in second and "Partner 24" in second and 'rel="prev"' in second
    assert 'rel="next"' not in second


def test_the_partner_page_groups_capabilities_and_converts_prices(client, db):
    # given a Lisbon partner with capabilities, a euro price list and shipping zones
    partner = PartnerFactory(name="Alfama Ceramics", city="Lisbon")
    PartnerCapabilityFactory(partner=partner, kind="process", name="slip casting")
    PartnerCapabilityFactory(partner=partner, kind="material", name="stoneware")
    PartnerPriceFactory(partner=partner, item="stoneware mug", min_quantity=24, price_minor=950)
    PartnerShippingZoneFactory(partner=partner, country="ES", transit_days=3)
    viewer = UserFactory(currency="USD")
    client.force_login(viewer)
    # when a viewer who pays in dollars opens it on a day with an ECB rate
    with clock.travel_to(RATE_INSTANT):
        response = client.get(reverse("network_partner", args=[partner.id]))
    # then capabilities are grouped, the price is in euros and dollars with the rate's source
    html = response.content.decode()
    assert response.status_code == 200
    assert "Processes" in html and "Materials" in html and "slip casting" in html
    assert "€9.50" in html and re.search(r"≈ \$\d+\.\d\d", html)
    assert "ECB reference rate of 2026-06-15" in html
    assert "Spain" in html and "3 days" in html
    assert "13:00 Mon" in html and "UTC+01:00" in html  # Lisbon summer time at 12:00 UTC
    assert "Edit listing" not in html


def test_an_unknown_or_hidden_partner_page_is_404(client, db):
    # given an unlisted partner
    hidden = PartnerFactory(listed=False)
    client.force_login(UserFactory())
    # when a stranger opens it, or a partner that does not exist
    # then both are not found
    assert client.get(reverse("network_partner", args=[hidden.id])).status_code == 404
    assert client.get("/network/partners/99999999999999999999/").status_code == 404


def test_the_editor_lists_a_partner_for_its_new_owner(client, db):
    # given a logged-in user on the editor
    owner = UserFactory()
    client.force_login(owner)
    page = client.get(reverse("network_partner_new")).content.decode()
    # when they submit the form
    response = client.post(reverse("network_partner_new"), FORM)
    # then every field was labelled, and the listing is saved with parsed lists
    for name in ("name", "kind", "country", "time_zone", "currency", "prices", "shipping_zones"):
        assert _labelled(page, f"partner_{name}"), name
    partner = Partner.objects.get(name="Atlas Leather")
    assert response.status_code == 302 and response.url == f"/network/partners/{partner.id}/"
    assert partner.owner == owner and partner.currency == "MAD"
    assert list(partner.prices.values_list("min_quantity", "price_minor")) == [
        (20, 18000), (100, 15000)]
    assert sorted(partner.ships_to.values_list("country", "transit_days")) == [("ES", 4), ("FR", 5)]
    assert sorted(partner.capabilities.values_list("name", flat=True)) == [
        "embossing", "hand stitching", "vegetable-tanned leather"]
    assert AuditEvent.objects.filter(action="partner.created").count() == 1


def test_the_editor_shows_refusals_on_their_fields(client, db):
    # given a logged-in user
    client.force_login(UserFactory())
    # when a price has too many decimals and a zone line cannot be read
    bad_price = client.post(reverse("network_partner_new"),
                            {**FORM, "prices": "wallet | wallet | 20 | 1.005"})
    bad_zone = client.post(reverse("network_partner_new"), {**FORM, "shipping_zones": "Spain"})
    # then the form comes back with each error, and nothing is saved
    assert "more decimals than MAD allows" in bad_price.content.decode()
    assert "Line 1: write a country code" in bad_zone.content.decode()
    assert not Partner.objects.exists()


def test_only_the_owner_may_open_the_editor(client, db):
    # given a partner
    partner = PartnerFactory(name="Porto Print Works")
    PartnerPriceFactory(partner=partner, item="tote", min_quantity=50, price_minor=420)
    # when a stranger and the owner open its editor, and the owner saves a change
    client.force_login(UserFactory())
    stranger = client.get(reverse("network_partner_edit", args=[partner.id]))
    client.force_login(partner.owner)
    owner = client.get(reverse("network_partner_edit", args=[partner.id])).content.decode()
    saved = client.post(reverse("network_partner_edit", args=[partner.id]),
                        {**FORM, "name": "Porto Print Works II"})
    # then the stranger is refused, the owner sees the current price list and saves
    assert stranger.status_code == 403
    assert "tote | unit | 50 | 4.20" in owner
    assert saved.status_code == 302
    assert Partner.objects.get(id=partner.id).name == "Porto Print Works II"
