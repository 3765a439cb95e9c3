"""The talent search page: a GET form that works without JavaScript, and its htmx partial."""

import pytest

from tests.network.factories import ProfileFactory, ProfileSkillFactory, skill

URL = "/network/search/"


@pytest.fixture
def lena(client, other_founder):
    client.force_login(other_founder)
    return client


def test_page_shows_labelled_filters_and_results_with_why(lena):
    # given
    profile = ProfileSkillFactory(
        skill=skill("Python (computer programming)"), level=5, years=6,
        profile__headline="Python backend engineer", profile__rate_minor=5_000,
        profile__currency="USD",
    ).profile
    ProfileFactory(headline="Wedding photographer")
    # when
    page = lena.get(URL, {"q": "python", "date": "2026-03-09"})
    # then
    html = page.content.decode()
    assert page.status_code == 200
    for label in ('for="talent-q"', 'for="talent-region"', 'for="talent-rate-min"',
                  'for="talent-overlap"', 'for="talent-language"', 'for="talent-sort"'):
        assert label in html
    assert f'href="/network/profiles/{profile.id}/"' in html
    assert "Python backend engineer" in html and "Wedding photographer" not in html
    assert "Python (computer programming) · level 5 · 6 y" in html
    assert "50.00 USD" in html and "EUR</strong>/h" in html
    assert "ECB reference rate of 2026-03-09" in html


def test_htmx_request_gets_only_the_result_list(lena):
    # given
    ProfileFactory(headline="Shopify store builder")
    # when
    partial = lena.get(URL, {"q": "shopify", "date": "2026-03-09"}, HTTP_HX_REQUEST="true")
    # then
    html = partial.content.decode()
    assert "Shopify store builder" in html
    assert "<form" not in html and "<html" not in html
    assert "“shopify” in headline" in html


def test_bad_filter_shows_a_message_not_an_error_page(lena):
    # when
    page = lena.get(URL, {"region": "Atlantis"})
    bad_date = lena.get(URL, {"date": "someday"}, HTTP_HX_REQUEST="true")
    too_many = lena.get(URL, {"min_hours": "500"}, HTTP_HX_REQUEST="true")
    # then
    assert page.status_code == 200 and "is not a UN M49 region" in page.content.decode()
    assert "is not a date" in bad_date.content.decode()
    assert "Hours free per week" in too_many.content.decode()


def test_next_page_link_keeps_the_filters(lena):
    # given
    for n in range(3):
        ProfileFactory(reputation=90 - n)
    # when
    page = lena.get(URL, {"limit": 2, "region": "Europe", "date": "2026-03-09"})
    # then
    assert "offset=2" in page.content.decode() and "region=Europe" in page.content.decode()


def test_page_needs_a_login(client):
    # when
    page = client.get(URL)
    # then
    assert page.status_code == 302
