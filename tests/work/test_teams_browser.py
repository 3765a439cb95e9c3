"""Browser journey: the team clock's dial, and its estimate and rota forms through htmx."""
# ruff: noqa: F811  (the browser fixture is imported below and used by name)

from datetime import time

import pytest

from tests.e2e.conftest import browser, session_page  # noqa: F401  (fixtures)
from tests.network.factories import ProfileFactory, WorkPatternFactory
from tests.work.factories import FreelancerFactory, hired


def _under_contract(kestrel, name, email, zone):
    person = FreelancerFactory(full_name=name, email=email)
    pattern = WorkPatternFactory(time_zone=zone, start=time(9), end=time(17), holidays_country="")
    ProfileFactory(user=person, pattern=pattern)
    hired(kestrel["founder"], kestrel["role"], person)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_founder_reads_the_dial_and_runs_the_estimate_and_the_rota(
    live_server, client, kestrel, browser
):
    from playwright.sync_api import expect

    # given two people under contract, in Tokyo and Berlin, and the founder's session
    _under_contract(kestrel, "Kenji Sato", "kenji@example.org", "Asia/Tokyo")
    _under_contract(kestrel, "Anna Schmidt", "anna@example.org", "Europe/Berlin")
    page = session_page(browser, live_server, client, kestrel["founder"])
    url = (
        f"{live_server.url}/ventures/{kestrel['venture'].id}/work/projects/"
        f"{kestrel['project'].id}/clock/"
    )
    # when she opens the team clock
    page.goto(url)
    # then the dial shows a ring for each person and the handoff between them
    dial = page.get_by_test_id("team-dial")
    expect(dial).to_be_visible()
    expect(dial.locator("path[data-member]")).to_have_count(2)
    expect(page.get_by_test_id("handoff-mark")).not_to_have_count(0)
    # when she asks for an estimate, then the ratio appears without a page load
    page.get_by_label("Effort (hours)").fill("40")
    page.get_by_role("button", name="Estimate").click()
    expect(page.get_by_test_id("estimate-ratio")).to_be_visible()
    # when she makes a rota for one person per hour, then the grid and the reasons appear
    page.get_by_label("K people").fill("1")
    page.get_by_role("button", name="Make the rota").click()
    expect(page.get_by_role("table", name="People rostered per UTC hour")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("nobody works then").first).to_be_visible()
