import re
from datetime import time

import pytest
from playwright.sync_api import expect

from bornglobal.network import taxonomy
from bornglobal.network.models import Skill
from tests.e2e.test_money_journey import PHONE, horizontal_overflow, log_in
from tests.factories import UserFactory
from tests.network.factories import ProfileFactory, ProfileSkillFactory, WorkPatternFactory, skill


def a_network():
    """A Berlin founder, a firmware engineer in Nairobi and a photographer in Honolulu."""
    if not Skill.objects.exists():  # an earlier transactional test flushed the taxonomy
        taxonomy.load_skills(Skill)
    founder = UserFactory(email="jonas@example.org", full_name="Jonas Richter", country="DE",
                          time_zone="Europe/Berlin", currency="EUR")
    nairobi = WorkPatternFactory(time_zone="Africa/Nairobi", start=time(7), end=time(15),
                                 holidays_country="KE")
    honolulu = WorkPatternFactory(time_zone="Pacific/Honolulu", start=time(9), end=time(17),
                                  holidays_country="US")
    wanjiru = ProfileFactory(
        user=UserFactory(full_name="Wanjiru Kamau", country="KE", time_zone="Africa/Nairobi",
                         currency="EUR", is_freelancer=True),
        headline="Embedded firmware engineer for solar IoT", country="KE", city="Nairobi",
        pattern=nairobi, rate_minor=3_500, currency="EUR")
    ProfileSkillFactory(profile=wanjiru, skill=skill("firmware"), level=5, years=9)
    keoni = ProfileFactory(
        user=UserFactory(full_name="Keoni Kahale", country="US", time_zone="Pacific/Honolulu",
                         currency="EUR", is_freelancer=True),
        headline="Product photographer", country="US", city="Honolulu", pattern=honolulu,
        rate_minor=6_000, currency="EUR")
    ProfileSkillFactory(profile=keoni, skill=skill("photography"), level=5, years=12)
    return founder, wanjiru


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_founder_finds_a_freelancer_by_skill_and_overlap_and_opens_the_clock(
    live_server, browser, artifacts
):
    # given a founder in Berlin and two freelancers, one in Nairobi and one in Honolulu
    founder, wanjiru = a_network()
    taxonomy.warm()  # as the web server does when a worker starts
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    # when the founder opens Network from the navigation and types a skill
    log_in(page, live_server.url, founder.email)
    page.locator('nav.sidenav a[data-capability="network"]').click()
    page.wait_for_url(re.compile(r"/network/search/"))
    page.get_by_label("Skills or words").fill("firmware")

    # then the results update in place (htmx) and say why the Nairobi engineer matched
    results = page.locator("#talent-results")
    expect(page).to_have_url(re.compile(r"q=firmware"))
    expect(results).to_contain_text("1 freelancer")
    expect(results.get_by_role("link", name=wanjiru.headline)).to_be_visible()
    expect(results).not_to_contain_text("Product photographer")
    expect(results.locator("mark.talent-skill").first).to_contain_text("firmware")

    # when they ask for at least five hours of overlap on a Monday in March
    page.get_by_label("On", exact=True).fill("2026-03-09")
    page.get_by_label("Overlap with my hours, at least").fill("5")

    # then nobody is left: Nairobi's 07:00-15:00 is 05:00-13:00 in Berlin that day, 4 hours
    expect(page).to_have_url(re.compile(r"overlap_hours=5"))
    expect(results).to_contain_text("0 freelancers")
    # and with three hours it is back, showing the overlap on that date
    page.get_by_label("Overlap with my hours, at least").fill("3")
    expect(page).to_have_url(re.compile(r"overlap_hours=3"))
    expect(results.get_by_role("link", name=wanjiru.headline)).to_be_visible()
    expect(results).to_contain_text(re.compile(r"[^0-9.]4(\.0+)? h with your window"))
    page.screenshot(path=str(artifacts / "network-search.png"), full_page=True)

    # when they open the profile
    results.get_by_role("link", name=wanjiru.headline).click()
    page.wait_for_url(re.compile(rf"/network/profiles/{wanjiru.id}/"))

    # then the 24-hour clock draws both windows and names the overlap
    expect(page.get_by_role("img", name=re.compile("24-hour clock"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"hours? of Wanjiru Kamau's work"))).to_be_visible()
    page.screenshot(path=str(artifacts / "network-profile.png"), full_page=True)
    assert page_errors == []

    # and on a phone the search page does not scroll sideways
    phone = browser.new_context(**PHONE).new_page()
    log_in(phone, live_server.url, founder.email)
    phone.goto(f"{live_server.url}/network/search/?q=firmware")
    expect(phone.locator("#talent-results")).to_contain_text("firmware")
    assert horizontal_overflow(phone) <= 0
