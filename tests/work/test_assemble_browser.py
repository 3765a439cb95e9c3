"""Browser journey: the founder opens "Assemble a team" in headless Chromium."""
# ruff: noqa: F811  (the browser fixtures are imported below and used by name)

import pytest

from tests.e2e.conftest import artifacts, browser, session_page  # noqa: F401  (fixtures)
from tests.work.assemble_fixtures import listed, needs_python


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_founder_sees_the_proposed_team(live_server, client, kestrel, browser, artifacts):
    # given a role, three listed people in three zones, and the founder's session
    needs_python(kestrel["role"])
    listed("Bea Santos", 4_000)
    listed("Ana Kowalski", 4_500, zone="Europe/Warsaw", reputation="92")
    listed("Kenji Sato", 3_800, zone="Asia/Tokyo", reputation="70")
    page = session_page(browser, live_server, client, kestrel["founder"])
    url = (
        f"{live_server.url}/ventures/{kestrel['venture'].id}/work/projects/"
        f"{kestrel['project'].id}/assemble/?hours_utc=8-14"
    )
    # when she opens the assemble page and presses "Propose"
    page.goto(url)
    page.get_by_role("button", name="Propose").click()
    # then the job's result shows the team and the send button
    send = page.get_by_role("button", name="Send offers")
    send.wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "assemble.png"), full_page=True)
    assert send.is_visible()
    assert "Bea Santos" in page.content()
