"""The profile page with its 24-hour clock, and the "My profile" editing page."""

import re
from datetime import time

import pytest
from django.urls import reverse

from bornglobal.network.models import Profile
from tests.factories import UserFactory
from tests.network.factories import (
    ProfileFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    WorkPatternFactory,
    skill,
)

PYTHON = "Python (computer programming)"


def _form(**changes) -> dict:
    data = {
        "headline": "Payments engineer", "bio": "", "country": "IN", "city": "Pune",
        "time_zone": "Asia/Kolkata", "start": "10:00", "end": "18:30", "days": ["1", "2", "3",
                                                                                "4", "5"],
        "holidays_country": "IN", "holidays_subdivision": "", "rate": "40.00",
        "currency": "EUR", "hours_per_week": "30", "listed": "on",
        "add_skill": PYTHON, "add_skill_level": "4", "add_skill_years": "6",
        "add_language": "hi", "add_language_level": "native",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_profile_page_draws_the_clock_and_shows_the_overlap(client):
    # given a Kolkata freelancer and a Berlin viewer with the default 09:00-17:00 week
    pattern = WorkPatternFactory(time_zone="Asia/Kolkata", holidays_country="IN")
    profile = ProfileFactory(pattern=pattern, headline="Django and payments", country="IN",
                             city="Pune", bio="Ten years of web work.")
    ProfileSkillFactory(profile=profile, level=5, years=8)
    ProfileLanguageFactory(profile=profile, language="hi", level="native")
    viewer = UserFactory(time_zone="Europe/Berlin", country="DE", currency="EUR")
    client.force_login(viewer)
    # when the viewer opens the profile on Tuesday 2026-06-16
    response = client.get(reverse("network_profile", args=[profile.id]), {"on": "2026-06-16"})
    # then the page shows the facts, an accessible SVG clock and the overlap:
    # 09:00-17:00 IST is 05:30-13:30 CEST, so 4.5 hours with Berlin's 09:00-17:00
    html = response.content.decode()
    assert response.status_code == 200
    assert "Django and payments" in html and "Pune" in html and PYTHON in html
    assert "level 5/5 · 8 years" in html and "Hindi" in html
    assert re.search(r"<svg[^>]*role=\"img\"", html)
    assert "<title id=\"clock-title\">" in html and "<desc id=\"clock-desc\">" in html
    assert html.count('class="clock-person"') == 1 and html.count('class="clock-viewer"') == 1
    assert "05:30 to 13:30" in html and "09:00 to 17:00" in html
    assert "4.50 hours" in html
    assert "Europe/Berlin" in html


@pytest.mark.django_db
def test_the_clock_follows_the_us_clock_change(client):
    # given a Berlin freelancer and a New York viewer
    profile = ProfileFactory(pattern=WorkPatternFactory(time_zone="Europe/Berlin",
                                                        holidays_country="DE"))
    client.force_login(UserFactory(time_zone="America/New_York", country="US", currency="USD"))
    url = reverse("network_profile", args=[profile.id])
    # when the viewer looks at Friday before the US change and the Monday after it
    before = client.get(url, {"on": "2026-03-06"}).content.decode()
    after = client.get(url, {"on": "2026-03-09"}).content.decode()
    # then 09:00 CET is 03:00 EST before and 04:00 EDT after; the overlap grows by an hour
    assert "03:00 to 11:00" in before and "2.00 hours" in before
    assert "04:00 to 12:00" in after and "3.00 hours" in after


@pytest.mark.django_db
def test_a_bad_date_falls_back_to_today_with_a_message(client):
    # given a profile
    profile = ProfileFactory()
    client.force_login(UserFactory())
    # when the date is not a date
    response = client.get(reverse("network_profile", args=[profile.id]), {"on": "yesterday"})
    # then the page still renders, says so, and draws today
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


@pytest.mark.django_db
def test_the_rate_is_shown_in_the_viewers_currency_with_its_source(client):
    # given a profile at 45 EUR and a viewer paying in US dollars
    profile = ProfileFactory(rate_minor=4500, currency="EUR")
    client.force_login(UserFactory(currency="USD"))
    # when they open it for a date with a published rate, and for one far past the data
    url = reverse("network_profile", args=[profile.id])
    html = client.get(url, {"on": "2026-06-16"}).content.decode()
    later = client.get(url, {"on": "2999-01-01"}).content.decode()
    # then both amounts are there, with the rate's source and date; without a rate, it says so
    assert "€45.00" in html
    assert re.search(r"≈ \$\d+\.\d\d", html)
    assert "ECB reference rate of 2026-06-16" in html
    assert "No USD rate available" in later


@pytest.mark.django_db
def test_an_unlisted_profile_is_a_404_for_others(client):
    # given an unlisted profile
    profile = ProfileFactory(listed=False)
    client.force_login(UserFactory())
    # when someone else opens it, then it is not found
    assert client.get(reverse("network_profile", args=[profile.id])).status_code == 404


@pytest.mark.django_db
def test_my_profile_page_has_labelled_fields_and_the_live_skill_search(client):
    # given a logged-in person without a profile
    client.force_login(UserFactory())
    # when they open "My profile"
    html = client.get(reverse("network_my_profile")).content.decode()
    # then every field has its label, and the skill box asks for ESCO labels as you type
    for field_id in ("profile_headline", "profile_country", "profile_time_zone",
                     "profile_start", "profile_end", "profile_rate", "profile_currency",
                     "profile_hours_per_week", "add-skill", "add-language"):
        assert f'for="{field_id}"' in html and f'id="{field_id}"' in html
    assert f'hx-get="{reverse("network_my_profile_skill_options")}"' in html
    assert 'name="viewport"' in html


@pytest.mark.django_db
def test_saving_my_profile_creates_it_with_the_skill_picked_by_label(client):
    # given a logged-in person
    user = UserFactory()
    client.force_login(user)
    # when they fill in the form and save
    response = client.post(reverse("network_my_profile"), _form())
    # then the profile exists with its week, rate in cents, skill and language
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.rate_minor, profile.pattern.start) == (4000, time(10))
    assert [(s.skill.label, s.level, s.years) for s in profile.skills.all()] == [(PYTHON, 4, 6)]
    assert [lang.language for lang in profile.languages.all()] == ["hi"]


@pytest.mark.django_db
def test_errors_are_shown_next_to_their_fields(client):
    # given a logged-in person
    client.force_login(UserFactory())
    # when they save a rate with three decimals, an unknown skill and a bad holiday region
    response = client.post(reverse("network_my_profile"), _form(
        rate="40.123", add_skill="juggling chainsaws", holidays_subdivision="ZZ"))
    # then the page is shown again with each error where it belongs
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not an ESCO skill label" in html
    assert re.search(r'id="profile_holidays_country".*?field-error', html, re.S)
    assert not Profile.objects.exists()


@pytest.mark.django_db
def test_a_rate_with_too_many_decimals_is_shown_at_the_rate_field(client):
    # given a logged-in person
    client.force_login(UserFactory())
    # when the rate has three decimals for euros
    html = client.post(reverse("network_my_profile"), _form(rate="40.123")).content.decode()
    # then the error sits under the rate field
    assert re.search(r'id="profile_rate".*?<p class="field-error">[^<]*more decimals', html,
                     re.S)


@pytest.mark.django_db
def test_existing_skills_can_be_changed_and_removed(client):
    # given a freelancer with Python at level 2
    row = ProfileSkillFactory(level=2, years=1)
    client.force_login(row.profile.user)
    page = client.get(reverse("network_my_profile")).content.decode()
    assert 'name="skill-0-esco_id"' in page
    # when they raise the level, and separately add and remove a skill
    data = _form(add_skill="", add_language="", **{
        "skill-0-esco_id": skill(PYTHON).esco_id, "skill-0-level": "5", "skill-0-years": "3"})
    client.post(reverse("network_my_profile"), data)
    # then the level is saved
    assert [(s.level, s.years) for s in row.profile.skills.all()] == [(5, 3)]
    data["skill-0-remove"] = "1"
    client.post(reverse("network_my_profile"), data)
    assert not row.profile.skills.exists()


@pytest.mark.django_db
def test_skill_options_list_esco_labels(client):
    # given a logged-in person typing in the skill box
    client.force_login(UserFactory())
    # when htmx asks for options
    html = client.get(reverse("network_my_profile_skill_options"), {"add_skill": "pyth"},
                      HTTP_HX_REQUEST="true").content.decode()
    # then ESCO labels come back as options
    assert f'<option value="{PYTHON}">' in html


@pytest.mark.django_db
def test_portfolio_and_tax_residency_forms_on_my_profile(client):
    # given a freelancer
    profile = ProfileFactory()
    client.force_login(profile.user)
    # when they add a portfolio item and a tax residency with a bad number
    added = client.post(reverse("network_my_portfolio_add"),
                        {"title": "Loom shop", "url": "https://example.org", "year": "2025"})
    refused = client.post(reverse("network_my_tax_residency_add"),
                          {"country": "DE", "tax_id": "36574261808", "since": "2025-01-01"})
    # then the item is saved, and the tax number error is shown by its field
    assert added.status_code == 302 and profile.portfolio.get().title == "Loom shop"
    html = refused.content.decode()
    assert refused.status_code == 200
    assert re.search(r'id="tax_tax_id".*?field-error', html, re.S)
