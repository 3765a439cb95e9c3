"""The "Tax check" page: the tax decision from a form, live through htmx."""

import pytest

URL = "/tax/check/"
REVERSE_CHARGE = {
    "seller_country": "DE",
    "seller_vat_id": "DE136695976",
    "buyer_country": "FR",
    "buyer_vat_id": "FR40303265045",
    "business": "on",
    "supply": "services",
    "rate_kind": "standard",
    "date": "2026-01-15",
}


@pytest.fixture
def page(client, founder):
    client.force_login(founder)
    return client


def test_empty_form_invites_the_facts(page):
    # given a logged-in user
    # when the page is opened
    response = page.get(URL)
    # then the form is there, listed under Invoicing, with no answer yet
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tax check</h1>" in html
    assert 'name="seller_country"' in html and 'name="buyer_vat_id"' in html
    assert "Fill in the sale to see which tax applies." in html
    assert 'href="/tax/check/"' in html


def test_plain_get_answers_with_the_whole_page(page):
    # given the facts of a sale to a French business
    # when the form is sent without JavaScript
    response = page.get(URL, REVERSE_CHARGE)
    # then the whole page shows the reverse-charge answer with its wording and rule
    html = response.content.decode()
    assert "<h1>Tax check</h1>" in html
    assert 'data-treatment="reverse_charge"' in html
    assert "Article 196" in html
    assert "format valid, not verified online" in html


def test_htmx_answers_with_the_answer_only(page):
    # given e-services to a Finnish consumer above the EU threshold
    facts = {
        **REVERSE_CHARGE,
        "buyer_country": "FI",
        "buyer_vat_id": "",
        "business": "",
        "supply": "e-services",
        "over_threshold": "on",
    }
    # when htmx asks as the form changes
    response = page.get(URL, facts, headers={"HX-Request": "true"})
    # then only the answer comes back: OSS at Finland's rate
    html = response.content.decode()
    assert "<h1>" not in html
    assert 'data-treatment="oss_destination"' in html
    assert "FI VAT 25.5%" in html


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"buyer_country": "XX"}, "unknown_country"),
        ({"buyer_vat_id": "FR123"}, "invalid_vat_id"),
        ({"date": "1990-01-01"}, "date_before_data"),
    ],
)
def test_refusals_are_shown_with_their_reason(page, change, code):
    # given facts the rules refuse
    # when the form is sent
    response = page.get(URL, {**REVERSE_CHARGE, **change}, headers={"HX-Request": "true"})
    # then the answer says why, and no decision is shown
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-code="{code}"' in html
    assert "data-treatment=" not in html


def test_missing_fields_are_marked(page):
    # given a form without the buyer's country or a date
    facts = {**REVERSE_CHARGE, "buyer_country": "", "date": ""}
    # when it is sent
    html = page.get(URL, facts).content.decode()
    # then the fields are marked and no answer is given
    assert "has-error" in html
    assert "Correct the marked fields to see the answer." in html


def test_page_needs_a_login(client):
    # given nobody logged in
    # when the page is opened
    response = client.get(URL)
    # then it sends them to log in
    assert response.status_code == 302
    assert "login" in response["Location"]
