"""Browser journeys: Playwright's sync API driving Debian's Chromium against live_server.

Playwright's sync API keeps an event loop running in the test thread, which makes
Django refuse ORM calls there unless async-unsafe calls are allowed. The journeys
touch the database only from the test thread, between browser steps.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def session_page(browser, live_server, client, user, width: int = 1200, height: int = 900):
    """A page of a new browser context logged in as `user` (Django's test client makes the
    session; its cookie is handed to Chromium)."""
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": height})
    host = live_server.url.split("//")[1].split(":")[0]
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    context.add_cookies([{**cookie, "domain": host, "path": "/"}])
    return context.new_page()
