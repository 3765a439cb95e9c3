"""Browser journey: the founder opens "Assemble a team" in headless Chromium."""

import os
from pathlib import Path

import pytest

from tests.work.assemble_fixtures import listed, needs_python

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_founder_sees_the_proposed_team(live_server, client, kestrel):
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    # given a role, three listed people in three zones, and the founder's session
    needs_python(kestrel["role"])
    listed("Bea Santos", 4_000)
    listed("Ana Kowalski", 4_500, zone="Europe/Warsaw", reputation="92")
    listed("Kenji Sato", 3_800, zone="Asia/Tokyo", reputation="70")
    client.force_login(kestrel["founder"])
    session = client.cookies["sessionid"].value
    url = (
        f"{live_server.url}/ventures/{kestrel['venture'].id}/work/projects/"
        f"{kestrel['project'].id}/assemble/?hours_utc=8-14"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        host = live_server.url.split("//")[1].split(":")[0]
        context.add_cookies([{"name": "sessionid", "value": session, "domain": host, "path": "/"}])
        page = context.new_page()
        # when she opens the assemble page
        page.goto(url)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "assemble.png"), full_page=True)
        # then the team and the send button are shown
        assert page.get_by_role("button", name="Send offers").is_visible()
        assert "Bea Santos" in page.content()
        browser.close()
