"""Browser journey: the freelancer sees the unread count in the top bar, opens the
Notifications page, marks one read and follows another to her contracts."""
# ruff: noqa: F811  (the browser fixtures are imported below and used by name)

import pytest
from playwright.sync_api import expect

from bornglobal.notifications import services
from bornglobal.notifications.models import Kind, Side
from tests.e2e.conftest import artifacts, browser  # noqa: F401  (fixtures)
from tests.factories import PASSWORD
from tests.work.factories import FreelancerFactory


def _tell(person, key, title, link="/me/work/"):
    services.notify([services.Message(person, Kind.OFFER, Side.FREELANCER, key, title,
                                      "Answer by 17 Jun 2026 09:00 UTC.", link)])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_inbox_in_a_browser(live_server, browser, artifacts):
    # given Priya with two unread notifications
    priya = FreelancerFactory(email="priya@example.org", full_name="Priya Raghavan")
    _tell(priya, "offer:1:sent", "Kestrel Robotics sent you an offer: “Firmware port”")
    _tell(priya, "offer:2:sent", "Lagos Looms sent you an offer: “Catalogue shoot”")
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email").fill(priya.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # when she follows the top bar's link, then it counts two unread
    link = page.get_by_role("link", name="Notifications, 2 unread")
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    page.screenshot(path=str(artifacts / "notifications-inbox.png"), full_page=True)
    # when she marks the Lagos offer read, then one is left unread
    page.locator("li", has_text="Lagos Looms").get_by_role("button", name="Mark read").click()
    expect(page.get_by_role("link", name="Notifications, 1 unread")).to_be_visible()
    # when she opens the Kestrel offer, then she is on her contracts and nothing is unread
    page.locator("li", has_text="Kestrel Robotics").get_by_role("button", name="Open").click()
    expect(page).to_have_url(f"{live_server.url}/me/work/")
    expect(page.get_by_role("link", name="Notifications, 0 unread")).to_be_visible()
