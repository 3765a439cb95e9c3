"""Every page works under the Content-Security-Policy: Chromium reports no violation.

The demo data is loaded, then the pages are crawled as a founder and as a freelancer
(every link in the app, one page per URL shape), plus the anonymous pages, the API
explorer and the admin. Chromium logs each blocked inline script or style to the
console; any such message fails the test. htmx is exercised too (live search), since
it would inject an inline <style> for its indicators unless told not to.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from bornglobal import demo
from bornglobal.demo import platform
from bornglobal.network import taxonomy
from bornglobal.tenancy.models import User
from tests.e2e.conftest import session_page
from tests.factories import UserFactory

SKIP = re.compile(
    r"^/(static|media|api)/|/logout|/download|/export|\.(pdf|csv|xml|json|txt)$|/pdf/?$"
    r"|/csv/?$|/sepa|/record/?$"
)
PAGES_PER_USER = 90


def csp_watch(page, found: list[str]) -> None:
    """Adds to `found` every CSP violation the page reports (the `securitypolicyviolation` event,
    handed to Python through a binding, which the page's own policy does not govern), the
    console's CSP messages and uncaught page errors."""

    def on_violation(source, report):
        found.append(f"{source['page'].url}: {report}")

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.context.expose_binding("reportCspViolation", on_violation)
    page.context.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " window.reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')"
        " + ' at ' + e.sourceFile + ':' + e.lineNumber); });"
    )
    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"{page.url}: {error}"))


def shape(path: str) -> str:
    """One visit per URL shape: /ventures/3/work/projects/17/ and .../18/ are the same."""
    return re.sub(r"\d+", "N", path)


def crawl(page, base_url: str, start: str, limit: int) -> list[str]:
    queue, seen_shapes, visited = deque([start]), set(), []
    while queue and len(visited) < limit:
        path = queue.popleft()
        if shape(path) in seen_shapes or SKIP.search(path.split("?")[0]):
            continue
        seen_shapes.add(shape(path))
        try:
            response = page.goto(base_url + path, wait_until="networkidle")
        except PlaywrightError as error:  # a file download, not a page
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        visited.append(path)
        hrefs = page.eval_on_selector_all(
            "a[href]:not([download])", "links => links.map(a => a.getAttribute('href'))")
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return visited


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_the_content_security_policy(live_server, browser, client):
    # given the demo data, a founder, a freelancer and an operator
    demo.load(seed=42, size="small")
    founder = User.objects.get(email=platform.KESTREL_FOUNDER.email)
    freelancer = User.objects.get(email=platform.FREELANCER.email)
    operator = UserFactory(is_staff=True, is_superuser=True)
    taxonomy.warm()  # as the web server does when a worker starts

    # when each crawls the pages they can reach
    violations, visited = [], []
    for user in (founder, freelancer):
        page = session_page(browser, live_server, client, user)
        csp_watch(page, violations)
        visited += crawl(page, live_server.url, "/", PAGES_PER_USER)
        page.context.close()

    # and htmx swaps in live search results
    page = session_page(browser, live_server, client, founder)
    csp_watch(page, violations)
    page.goto(f"{live_server.url}/network/search/")
    indicator_styles = page.evaluate("htmx.config.includeIndicatorStyles")
    page.get_by_label("Skills or words").fill("firmware")
    expect(page).to_have_url(re.compile(r"q=firmware"))
    expect(page.locator("#talent-results")).to_contain_text("freelancer")
    page.context.close()

    # and the operator opens the API explorer and the admin
    page = session_page(browser, live_server, client, operator)
    csp_watch(page, violations)
    page.goto(f"{live_server.url}/api/v1/docs", wait_until="networkidle")
    # (Swagger UI reads the whole OpenAPI document first: allow it time on a busy machine)
    expect(page.locator(".swagger-ui .info")).to_contain_text("Born Global API",
                                                              timeout=60_000)
    visited += crawl(page, live_server.url, "/admin/", 12)
    page.context.close()

    # and somebody who is not logged in opens the public pages
    page = browser.new_context().new_page()
    csp_watch(page, violations)
    visited += crawl(page, live_server.url, "/login/", 10)

    # then many pages were seen and Chromium blocked nothing on any of them
    assert len(visited) > 40, visited
    assert violations == []
    assert indicator_styles is False
