import re

import pytest
from playwright.sync_api import expect

from bornglobal.tenancy.models import Membership
from tests.factories import PASSWORD, MembershipFactory, UserFactory, VentureFactory

TEAM = [
    ("Kenji Sato", "JP", "Asia/Tokyo", "Engineer"),
    ("Ana Lima", "BR", "America/Sao_Paulo", "Designer"),
    ("Priya Nair", "IN", "Asia/Kolkata", "Data analyst"),
    ("Wanjiru Kamau", "KE", "Africa/Nairobi", "Sales"),
]


def a_venture_team():
    founder = UserFactory(email="amara@example.org", full_name="Amara Okafor", country="NG",
                          time_zone="Africa/Lagos", currency="NGN")
    venture = VentureFactory(name="Lagos Looms", legal_country="NG", base_currency="NGN")
    MembershipFactory(user=founder, venture=venture, role="owner", title="Founder")
    for name, country, zone, title in TEAM:
        person = UserFactory(full_name=name, country=country, time_zone=zone)
        MembershipFactory(user=person, venture=venture, role="member", title=title)
    newcomer = UserFactory(email="maya@example.org", full_name="Maya Cohen", country="CA",
                           time_zone="America/Toronto")
    return founder, venture, newcomer


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_founder_logs_in_sees_the_team_and_adds_a_member(live_server, browser, artifacts):
    # given a founder whose team spans several time zones, and a newcomer with an account
    founder, venture, newcomer = a_venture_team()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    # when the founder logs in through the real login form
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(founder.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # then they reach the founder home with the venture and a drawn chart
    page.wait_for_url(re.compile(rf"/ventures/{venture.id}/$"))
    expect(page.get_by_role("heading", level=1, name="Lagos Looms")).to_be_visible()
    expect(page.locator("#zone-chart")).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('zone-chart'))"
    )
    bars = page.evaluate(
        "() => Chart.getChart(document.getElementById('zone-chart')).data.labels.length"
    )
    assert bars == 5  # Sao Paulo, Lagos, Nairobi, Kolkata, Tokyo: none keeps DST

    # when they add the newcomer through the htmx form
    add_form = page.locator("form.add-member")
    add_form.get_by_label("Email").fill(newcomer.email)
    add_form.get_by_label("Role", exact=True).select_option("manager")
    add_form.get_by_label("Title").fill("Partnerships")
    add_form.get_by_role("button", name="Add member").click()

    # then the members table is swapped in place with the newcomer, without a page load
    expect(page.locator("#members")).to_contain_text("Maya Cohen joined as manager.")
    expect(page.locator("#members table")).to_contain_text("Partnerships")
    expect(page.locator("#audit")).to_contain_text("Membership added")
    assert page.url.endswith(f"/ventures/{venture.id}/")
    assert Membership.objects.filter(venture=venture, user=newcomer, role="manager").exists()
    page.wait_for_function(
        "() => Chart.getChart(document.getElementById('zone-chart')).data.labels.length === 6"
    )
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "founder-home.png"), full_page=True)

    # and on a phone the same page fits the screen, the table scrolling on its own
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True, storage_state=context.storage_state(),
    )
    phone_page = phone.new_page()
    phone_page.goto(f"{live_server.url}/ventures/{venture.id}/")
    expect(phone_page.locator("#zone-chart")).to_be_visible()
    phone_page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.getElementById('zone-chart'))"
    )
    phone_page.screenshot(path=str(artifacts / "founder-home-phone.png"), full_page=True)
    assert horizontal_overflow(phone_page) <= 0
    assert page_errors == []
    phone.close()
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_account_pages_fit_a_phone(live_server, browser, artifacts):
    # given a freelancer without a venture, on a phone
    person = UserFactory(email="ravi@example.org", full_name="Ravi Menon", country="IN",
                         time_zone="Asia/Kolkata", currency="INR", is_freelancer=True)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                is_mobile=True, has_touch=True)
    page = phone.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    # when they visit the signup and login pages, log in, and open their side and tokens
    page.goto(f"{live_server.url}/signup/")
    page.screenshot(path=str(artifacts / "signup-phone.png"), full_page=True)
    signup_overflow = horizontal_overflow(page)
    page.goto(f"{live_server.url}/login/")
    page.screenshot(path=str(artifacts / "login-phone.png"), full_page=True)
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/me/$"))
    expect(page.get_by_role("heading", level=1, name="Ravi Menon")).to_be_visible()
    page.screenshot(path=str(artifacts / "me-phone.png"), full_page=True)
    me_overflow = horizontal_overflow(page)
    page.goto(f"{live_server.url}/me/tokens/")
    page.get_by_label("Name").fill("invoice sync")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#token-secret")).to_have_value(re.compile(r"^bg_"))
    page.screenshot(path=str(artifacts / "tokens-phone.png"), full_page=True)

    # then every page fits the screen and no script failed
    assert signup_overflow <= 0 and me_overflow <= 0
    assert horizontal_overflow(page) <= 0
    assert page_errors == []
    phone.close()
