import re

import pytest
from playwright.sync_api import expect

from bornglobal import clock
from bornglobal.domain.money import Money
from bornglobal.money import services
from bornglobal.money.models import Disclosure, OperatorRate
from bornglobal.tenancy.actors import Actor
from tests.factories import PASSWORD, MembershipFactory, UserFactory, VentureFactory

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}


def books_with_an_escrow():
    """A Berlin venture with euros and dollars, and an escrow for an Indian freelancer."""
    founder = UserFactory(email="lena@example.org", full_name="Lena Vogel", country="DE",
                          time_zone="Europe/Berlin", currency="EUR")
    venture = VentureFactory(name="Kestrel Robotics", legal_country="DE", base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner", title="Founder")
    payee = UserFactory(email="priya@example.org", full_name="Priya Raghavan", country="IN",
                        time_zone="Asia/Kolkata", currency="INR", locale="hi_IN",
                        is_freelancer=True)
    actor = Actor(founder)
    services.deposit(actor, venture.id, Money.of("5000.00", "EUR"), key="seed-eur")
    services.deposit(actor, venture.id, Money.of("1250.00", "USD"), key="seed-usd")
    escrow = services.open_escrow(actor, venture.id, payee.email, "K-001", "Firmware port", [
        services.MilestonePlan("Design", Money.of("1200.00", "EUR")),
        services.MilestonePlan("Build", Money.of("1800.00", "EUR")),
        services.MilestonePlan("Field test", Money.of("650.00", "EUR")),
    ])
    # past the bundled ECB data, the operator's table answers for today's rupee rate
    OperatorRate.objects.get_or_create(currency="INR", on=clock.today(),
                                       defaults={"per_eur": "104.1250"})
    return founder, venture, payee, escrow


def log_in(page, base_url, email):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def horizontal_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def wait_for_chart(page, canvas_id):
    page.wait_for_function(
        f"() => window.Chart && Chart.getChart(document.getElementById('{canvas_id}'))"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_founder_funds_and_releases_and_the_payee_sees_the_rate(live_server, browser,
                                                                artifacts):
    # given a founder with money, an escrow of three milestones and a payee in India
    founder, venture, payee, escrow = books_with_an_escrow()
    design, build, _ = escrow.milestones.order_by("id")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.on("dialog", lambda dialog: dialog.accept())

    # when the founder logs in and opens Money from the navigation
    log_in(page, live_server.url, founder.email)
    page.wait_for_url(re.compile(rf"/ventures/{venture.id}/$"))
    page.locator('nav.sidenav a[data-capability="money"]').click()
    page.wait_for_url(re.compile(rf"/ventures/{venture.id}/money/$"))
    expect(page.get_by_role("heading", level=1, name="Money")).to_be_visible()
    wait_for_chart(page, "balance-chart")

    # and funds two milestones, then releases the first, through the htmx buttons
    card = page.locator(f"#escrow-{escrow.id}")
    for milestone, amount in ((design, "€1,200.00"), (build, "€1,800.00")):
        row = card.locator(f"#milestone-{milestone.id}")
        row.get_by_role("button", name=f"Fund {amount}").click()
        expect(row.locator(".badge")).to_have_text("Funded")
    expect(card).to_contain_text("moved from the wallet into escrow")
    card.locator(f"#milestone-{design.id}").get_by_role("button", name="Release all").click()

    # then the card shows what the payee got, at which rate, and the books still balance
    expect(card.locator(".disclosure")).to_contain_text(re.compile(r"Paid ₹[\d,]+\.\d\d to"))
    expect(card.locator(".disclosure")).to_contain_text(re.compile(r"at 1 EUR [=≈] [\d.]+ INR"))
    expect(page.locator("#ledger-check")).to_contain_text("Books balanced")
    expect(page.locator("#payouts")).to_contain_text("Owed to payees")
    assert Disclosure.objects.filter(payee=payee).count() == 1
    wait_for_chart(page, "balance-chart")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "money.png"), full_page=True)

    # when they pay everyone owed
    page.get_by_role("button", name="Pay everyone owed").click()

    # then the batch lists the payee's line, and the books still balance
    expect(page.locator("#payouts .payout-lines")).to_contain_text("Priya Raghavan")
    expect(page.locator("#ledger-check")).to_contain_text("Books balanced")

    # and the wallet's statement runs to the wallet's balance
    page.locator("#accounts").get_by_role("link", name="Wallet").first.click()
    expect(page.get_by_role("heading", level=1, name="Wallet")).to_be_visible()
    running = page.locator("td[data-running-balance]")
    expect(running.last).to_have_text("€2,000.00")
    page.screenshot(path=str(artifacts / "statement.png"), full_page=True)

    # and on a phone the money page fits the screen
    phone = browser.new_context(**PHONE, storage_state=context.storage_state())
    phone_page = phone.new_page()
    phone_page.on("pageerror", lambda error: page_errors.append(str(error)))
    phone_page.goto(f"{live_server.url}/ventures/{venture.id}/money/")
    wait_for_chart(phone_page, "balance-chart")
    phone_page.screenshot(path=str(artifacts / "money-phone.png"), full_page=True)
    assert horizontal_overflow(phone_page) <= 0
    phone.close()
    context.close()

    # when the payee logs in and opens their earnings
    payee_context = browser.new_context(viewport={"width": 1280, "height": 900})
    payee_page = payee_context.new_page()
    payee_page.on("pageerror", lambda error: page_errors.append(str(error)))
    log_in(payee_page, live_server.url, payee.email)
    payee_page.wait_for_url(re.compile(r"/me/$"))
    payee_page.locator('nav.sidenav a[data-capability="money"]').click()
    payee_page.wait_for_url(re.compile(r"/me/earnings/$"))

    # then they see the payment with its rate and source, in their own number format
    disclosure = Disclosure.objects.get(payee=payee)
    received = Money(disclosure.paid_minor, "INR").format("hi_IN")
    payments = payee_page.locator(".payment")
    expect(payments).to_have_count(1)
    expect(payments.first).to_contain_text(received)
    expect(payments.first).to_contain_text(disclosure.rate_source)
    expect(payee_page.locator("#owed-title")).to_be_visible()
    wait_for_chart(payee_page, "earnings-chart")
    payee_page.screenshot(path=str(artifacts / "earnings.png"), full_page=True)

    # and on a phone their earnings fit the screen too
    payee_phone = browser.new_context(**PHONE, storage_state=payee_context.storage_state())
    phone_page = payee_phone.new_page()
    phone_page.goto(f"{live_server.url}/me/earnings/")
    wait_for_chart(phone_page, "earnings-chart")
    phone_page.screenshot(path=str(artifacts / "earnings-phone.png"), full_page=True)
    assert horizontal_overflow(phone_page) <= 0
    assert page_errors == []
    payee_phone.close()
    payee_context.close()
