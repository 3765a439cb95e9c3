"""The money pages: the venture's books, escrow actions over htmx, payouts, statements
and the payee's earnings, driven through the Django test client."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from bornglobal import clock
from bornglobal.domain.money import Money
from bornglobal.money import payouts, services
from bornglobal.money.models import (
    Account,
    Disclosure,
    Escrow,
    LedgerTransaction,
    Milestone,
    PayoutDetails,
    PayoutLine,
    Purpose,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

RATE_NOON = datetime(2026, 6, 15, 12, tzinfo=UTC)  # a Monday inside the bundled ECB data
HTMX = {"HTTP_HX_REQUEST": "true"}
IBAN = "DE89 3704 0044 0532 0130 00"


def wallet_minor(venture, currency="EUR"):
    return Account.objects.get(venture=venture, purpose=Purpose.WALLET,
                               currency=currency).normal_balance_minor


def key_in(html: str, action_url: str) -> str:
    """The idempotency key the page rendered into the form posting to `action_url`."""
    form = re.search(rf'<form[^>]*action="{re.escape(action_url)}".*?</form>', html, re.S)
    return re.search(r'name="idempotency_key" value="([^"]+)"', form.group(0)).group(1)


def paid_out(books):
    """Fund and release the first milestone, then pay it out in a batch."""
    actor, venture = books["actor"], books["venture"]
    design = books["milestones"][0]
    services.fund_milestone(actor, venture.id, design.id, key="fund-design")
    with clock.travel_to(RATE_NOON):
        disclosure = services.release(actor, venture.id, design.id, key="rel-design")
    batch = payouts.create_batch(actor, venture.id, key="batch-1")
    return disclosure, batch


def test_money_page_shows_balances_and_escrows_to_the_owner(client, books):
    # given the owner of a venture with 5,000 EUR and an escrow of two milestones
    client.force_login(books["founder"])
    # when they open the money page
    response = client.get(reverse("money_home", args=[books["venture"].id]))
    # then balances, the chart data, the escrow with its milestones and the check are shown
    html = response.content.decode()
    assert response.status_code == 200
    assert "€5,000.00" in html
    assert 'id="balance-chart"' in html and '"5000.00"' in html
    assert "K-001" in html and "Firmware port" in html and "Priya Raghavan" in html
    assert "paid in INR" in html and "Design" in html and "Build" in html
    assert "Fund €1,200.00" in html and "Fund €1,800.00" in html
    assert "Books balanced" in html
    assert f'href="{reverse("money_home", args=[books["venture"].id])}"' in html


def test_a_plain_member_gets_403(client, books):
    # given a plain member of the venture
    member = UserFactory()
    MembershipFactory(user=member, venture=books["venture"], role="member")
    client.force_login(member)
    venture_id = books["venture"].id
    # when they open the money page or post a deposit
    page = client.get(reverse("money_home", args=[venture_id]))
    posted = client.post(reverse("money_deposit", args=[venture_id]),
                         {"amount": "10", "currency": "EUR", "idempotency_key": "m-1"})
    # then both are refused and the wallet is unchanged
    assert page.status_code == 403 and posted.status_code == 403
    assert wallet_minor(books["venture"]) == 500000


def test_another_ventures_founder_gets_404_on_every_money_url(client, books, founder, venture):
    # given venture B with an escrow, a payout batch and a line; and the founder of venture A
    _, batch = paid_out(books)
    b, line = books["venture"].id, batch.lines.get()
    milestone = books["milestones"][1]
    account = Account.objects.filter(venture_id=b).first()
    client.force_login(founder)
    before = LedgerTransaction.objects.filter(venture_id=b).count()
    milestone_urls = [("post", name, {"venture_id": b, "milestone_id": milestone.id})
                      for name in ("money_fund", "money_release", "money_refund",
                                   "money_dispute", "money_resolve")]
    urls = [
        ("get", "money_home", {"venture_id": b}),
        ("post", "money_deposit", {"venture_id": b}),
        ("post", "money_escrow_open", {"venture_id": b}),
        ("get", "money_statement", {"venture_id": b, "account_id": account.id}),
        *milestone_urls,
        ("post", "money_batch_create", {"venture_id": b}),
        ("get", "money_batch_sepa", {"venture_id": b, "batch_id": batch.id}),
        ("get", "money_batch_csv", {"venture_id": b, "batch_id": batch.id}),
        ("post", "money_line_failed", {"venture_id": b, "batch_id": batch.id,
                                       "line_id": line.id}),
    ]
    body = {"amount": "1.00", "currency": "EUR", "idempotency_key": "x-1",
            "payee_share": "1.00", "payee_email": books["payee"].email, "contract_ref": "X",
            "milestone_1_title": "X", "milestone_1_amount": "1.00"}
    # when they try each of B's money URLs, as a page and as htmx
    for method, name, kwargs in urls:
        response = getattr(client, method)(reverse(name, kwargs=kwargs), body, **HTMX)
        # then each answers "not found"
        assert response.status_code == 404, name
    # and nothing of B's books moved
    assert LedgerTransaction.objects.filter(venture_id=b).count() == before
    assert Milestone.objects.get(id=milestone.id).state == Milestone.State.PENDING
    assert PayoutLine.objects.get(id=line.id).state == PayoutLine.State.PAID


def test_deposit_through_the_page_moves_the_wallet(client, books):
    # given the owner on the money page
    client.force_login(books["founder"])
    venture_id = books["venture"].id
    html = client.get(reverse("money_home", args=[venture_id])).content.decode()
    key = key_in(html, reverse("money_deposit", args=[venture_id]))
    # when they deposit 250.50 EUR through the form
    response = client.post(reverse("money_deposit", args=[venture_id]),
                           {"amount": "250.50", "currency": "EUR", "memo": "Seed",
                            "idempotency_key": key}, follow=True)
    # then the wallet holds 5,250.50 EUR and the page says so
    assert wallet_minor(books["venture"]) == 525050
    assert "€250.50 is in the wallet." in response.content.decode()


def test_a_deposit_with_too_many_decimals_is_refused_on_the_form(client, books):
    # given the owner
    client.force_login(books["founder"])
    # when they deposit 1.234 EUR
    response = client.post(reverse("money_deposit", args=[books["venture"].id]),
                           {"amount": "1.234", "currency": "EUR", "idempotency_key": "d-x"})
    # then the form explains, and the wallet is unchanged
    assert response.status_code == 200
    assert "more decimals than EUR allows" in response.content.decode()
    assert wallet_minor(books["venture"]) == 500000


def test_the_same_form_posted_twice_pays_once(client, books):
    # given the owner with a funded milestone, and the page as rendered once
    client.force_login(books["founder"])
    venture_id, design = books["venture"].id, books["milestones"][0]
    services.fund_milestone(books["actor"], venture_id, design.id, key="fund-design")
    html = client.get(reverse("money_home", args=[venture_id])).content.decode()
    release_url = reverse("money_release", args=[venture_id, design.id])
    deposit_url = reverse("money_deposit", args=[venture_id])
    release_key, deposit_key = key_in(html, release_url), key_in(html, deposit_url)
    # when the release form and the deposit form are each submitted twice
    with clock.travel_to(RATE_NOON):
        first = client.post(release_url, {"idempotency_key": release_key}, **HTMX)
        second = client.post(release_url, {"idempotency_key": release_key}, **HTMX)
    deposit = {"amount": "100.00", "currency": "EUR", "idempotency_key": deposit_key}
    client.post(deposit_url, deposit)
    client.post(deposit_url, deposit)
    # then one payment and one deposit were made, and both answers show the payment
    assert Disclosure.objects.count() == 1
    assert wallet_minor(books["venture"]) == 500000 - 120000 + 10000
    assert "Paid ₹" in first.content.decode() and "Paid ₹" in second.content.decode()


def test_release_through_htmx_shows_the_disclosure(client, books):
    # given the owner and a pending milestone
    client.force_login(books["founder"])
    venture_id, design = books["venture"].id, books["milestones"][0]
    # when they fund it and release it through the htmx buttons
    funded = client.post(reverse("money_fund", args=[venture_id, design.id]),
                         {"idempotency_key": "web-fund-1"}, **HTMX)
    with clock.travel_to(RATE_NOON):
        released = client.post(reverse("money_release", args=[venture_id, design.id]),
                               {"idempotency_key": "web-rel-1"}, **HTMX)
    # then the escrow card comes back with the disclosure, and the rest is swapped out of band
    disclosure = Disclosure.objects.get()
    paid = Money(disclosure.paid_minor, "INR").format("en")
    html = released.content.decode()
    assert "moved from the wallet into escrow" in funded.content.decode()
    assert html.lstrip().startswith(f'<section id="escrow-{books["escrow"].id}"')
    assert f"Paid {paid} to Priya Raghavan for €1,200.00, at {disclosure.rate_note}." in html
    assert disclosure.rate_note.startswith("1 EUR = ") and "ECB" in disclosure.rate_note
    assert "2026-06-15" in disclosure.rate_note
    assert 'id="balances" class="balances" aria-labelledby="balances-title" hx-swap-oob' in html
    assert "Books balanced" in html and "Owed to payees" in html


def test_a_bad_partial_release_is_explained_in_the_card(client, books):
    # given a funded milestone
    client.force_login(books["founder"])
    venture_id, design = books["venture"].id, books["milestones"][0]
    services.fund_milestone(books["actor"], venture_id, design.id, key="fund-design")
    # when the owner releases more than escrow holds
    response = client.post(reverse("money_release", args=[venture_id, design.id]),
                           {"idempotency_key": "rel-big", "amount": "5000"}, **HTMX)
    # then the card says why and nothing was paid
    assert response.status_code == 200
    assert "Escrow holds 1200.00 EUR for this milestone" in response.content.decode()
    assert not Disclosure.objects.exists()


def test_a_release_with_only_a_too_old_exchange_rate_is_explained_in_the_card(client, books):
    # given a funded milestone, on a day long after any rate this instance knows
    client.force_login(books["founder"])
    venture_id, design = books["venture"].id, books["milestones"][0]
    services.fund_milestone(books["actor"], venture_id, design.id, key="fund-design")
    # when the owner releases it
    with clock.travel_to(datetime(2031, 1, 6, 12, tzinfo=UTC)):
        response = client.post(reverse("money_release", args=[venture_id, design.id]),
                               {"idempotency_key": "rel-norate"}, **HTMX)
    # then the card says the newest rate is too old and how to import newer ones,
    # and the milestone is still funded
    assert response.status_code == 200
    page = response.content.decode()
    assert "The newest INR rate is of 2026-10-30" in page
    assert "bornglobal fx import FILE" in page
    assert Milestone.objects.get(id=design.id).state == Milestone.State.FUNDED


def test_dispute_and_resolve_through_htmx(client, books):
    # given a funded milestone
    client.force_login(books["founder"])
    venture_id, build = books["venture"].id, books["milestones"][1]
    services.fund_milestone(books["actor"], venture_id, build.id, key="fund-build")
    # when the owner opens a dispute, then resolves it with 1,080 EUR to the payee
    disputed = client.post(reverse("money_dispute", args=[venture_id, build.id]),
                           {"reason": "late"}, **HTMX)
    with clock.travel_to(RATE_NOON):
        resolved = client.post(reverse("money_resolve", args=[venture_id, build.id]),
                               {"idempotency_key": "res-1", "payee_share": "1080.00"}, **HTMX)
    # then the card said each step, and the milestone is settled
    assert "stays in escrow until it is resolved" in disputed.content.decode()
    assert "Dispute resolved." in resolved.content.decode()
    assert "Refunded €720.00 to the wallet." in resolved.content.decode()
    assert Milestone.objects.get(id=build.id).state == Milestone.State.SETTLED


def test_open_escrow_through_the_page(client, books):
    # given the owner
    client.force_login(books["founder"])
    url = reverse("money_escrow_open", args=[books["venture"].id])
    form = {"payee_email": books["payee"].email, "contract_ref": "K-002", "title": "App",
            "milestone_1_title": "Alpha", "milestone_1_amount": "300.00",
            "milestone_1_due_on": "2026-07-01", "milestone_2_title": "Beta",
            "milestone_2_amount": "200"}
    # when they open an escrow with two milestones, and one for an unknown payee
    opened = client.post(url, form)
    unknown = client.post(url, {**form, "contract_ref": "K-003",
                                "payee_email": "ghost@example.org"})
    # then the first exists with its milestones, the second is explained on the form
    escrow = Escrow.objects.get(contract_ref="K-002")
    assert opened.status_code == 302 and opened["Location"].endswith(f"#escrow-{escrow.id}")
    assert [m.amount_minor for m in escrow.milestones.order_by("id")] == [30000, 20000]
    assert "No active account has this email." in unknown.content.decode()
    assert not Escrow.objects.filter(contract_ref="K-003").exists()


def test_payee_sees_the_disclosure_on_earnings_with_the_rate_source(client, books):
    # given a payment to a payee who reads Indian number formats
    payee = books["payee"]
    payee.locale = "hi_IN"
    payee.save(update_fields=["locale"])
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-design")
    with clock.travel_to(RATE_NOON):
        disclosure = services.release(books["actor"], books["venture"].id, design.id,
                                      key="rel-design")
    client.force_login(payee)
    # when they open their earnings
    html = client.get(reverse("money_earnings")).content.decode()
    # then the payment shows gross, rates, source, date and the rupees received, in lakh groups
    received = Money(disclosure.paid_minor, "INR").format("hi_IN")
    assert received.startswith("₹") and received.count(",") >= 2
    assert "Kestrel Robotics" in html and "K-001 · Firmware port" in html
    assert received in html and "€1,200.00" in html
    assert re.search(r"<dt>Rate source</dt><dd>ECB<span[^>]*>2026-06-15<", html)
    assert disclosure.rate_note in html
    assert f"{disclosure.mid_market_rate.normalize():f}" in html
    assert "Owed to you" in html and 'id="earnings-chart-data"' in html


def test_statement_running_balance_ends_at_the_account_balance(client, books):
    # given a wallet with a deposit, a funding and a second deposit
    actor, venture = books["actor"], books["venture"]
    services.fund_milestone(actor, venture.id, books["milestones"][0].id, key="fund-design")
    services.deposit(actor, venture.id, Money.of("99.99", "EUR"), key="dep-2")
    wallet = Account.objects.get(venture=venture, purpose=Purpose.WALLET, currency="EUR")
    client.force_login(books["founder"])
    # when the owner opens the wallet's statement
    html = client.get(reverse("money_statement", args=[venture.id, wallet.id])).content.decode()
    # then the postings run oldest first, and the running balance ends at the balance
    running = re.findall(r"<td [^>]*data-running-balance>([^<]+)</td>", html)
    assert running == ["€5,000.00", "€3,800.00", "€3,899.99"]
    assert running[-1] == Money(wallet.normal_balance_minor, "EUR").format("en")


def test_csv_download_is_a_csv_file(client, books):
    # given a payout batch to a payee without an IBAN
    _, batch = paid_out(books)
    client.force_login(books["founder"])
    # when the owner downloads its CSV
    response = client.get(reverse("money_batch_csv", args=[books["venture"].id, batch.id]))
    # then it is a CSV attachment listing the payee
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="payout-{batch.id}.csv"'
    assert "Priya Raghavan" in response.content.decode()


def test_sepa_without_configuration_says_not_configured(client, books, settings):
    # given an instance without a SEPA debtor, and a batch
    settings.SEPA_DEBTOR = {"name": "", "iban": "", "bic": ""}
    _, batch = paid_out(books)
    client.force_login(books["founder"])
    # when the owner asks for the SEPA file
    response = client.get(reverse("money_batch_sepa", args=[books["venture"].id, batch.id]),
                          follow=True)
    # then the money page says SEPA is not configured, instead of an error
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "SEPA payouts are not configured" in response.content.decode()


def test_pay_everyone_owed_then_mark_a_line_failed(client, books):
    # given a payee owed rupees
    actor, venture = books["actor"], books["venture"]
    services.fund_milestone(actor, venture.id, books["milestones"][0].id, key="fund-design")
    with clock.travel_to(RATE_NOON):
        disclosure = services.release(actor, venture.id, books["milestones"][0].id, key="rel")
    client.force_login(books["founder"])
    html = client.get(reverse("money_home", args=[venture.id])).content.decode()
    create_url = reverse("money_batch_create", args=[venture.id])
    key = key_in(html, create_url)
    # when the owner pays everyone owed (twice, same form), then marks the line failed
    client.post(create_url, {"idempotency_key": key})
    client.post(create_url, {"idempotency_key": key})
    line = PayoutLine.objects.get()
    failed = client.post(reverse("money_line_failed", args=[venture.id, line.batch_id, line.id]),
                         {"idempotency_key": "fail-1"}, follow=True)
    # then one line was paid, and after the failure the payee is owed again
    payable = Account.objects.get(person=books["payee"], currency="INR")
    assert line.amount_minor == disclosure.paid_minor
    assert payable.normal_balance_minor == disclosure.paid_minor
    assert "is marked failed" in failed.content.decode()


def test_payout_details_are_saved_and_the_iban_is_masked(client, books):
    # given the payee
    client.force_login(books["payee"])
    url = reverse("money_earnings")
    # when they save an IBAN, then change only the account holder
    client.post(url, {"account_holder": "Priya Raghavan", "iban": IBAN, "bic": ""})
    client.post(url, {"account_holder": "P. Raghavan", "iban": "", "bic": ""})
    html = client.get(url).content.decode()
    # then the IBAN is kept and shown only by its last four characters
    details = PayoutDetails.objects.get(person=books["payee"])
    assert details.iban == "DE89370400440532013000" and details.account_holder == "P. Raghavan"
    assert "•••• 3000" in html and "DE89370400440532013000" not in html and IBAN not in html


def test_a_bad_iban_is_refused_on_the_form(client, books):
    # given the payee
    client.force_login(books["payee"])
    # when they save an IBAN with a wrong check digit
    response = client.post(reverse("money_earnings"),
                           {"account_holder": "Priya", "iban": "DE00 3704 0044 0532 0130 00"})
    # then the form explains and nothing is saved
    assert "is not a valid IBAN" in response.content.decode()
    assert not PayoutDetails.objects.exists()


def test_nav_money_links_to_the_venture_books_or_to_earnings(client, books):
    # given the owner and a plain member of the venture
    member = UserFactory()
    MembershipFactory(user=member, venture=books["venture"], role="member")
    books_url = reverse("money_home", args=[books["venture"].id])
    # when each opens a page
    client.force_login(books["founder"])
    owner_html = client.get(books_url).content.decode()
    client.force_login(member)
    member_html = client.get(reverse("me")).content.decode()
    # then Money leads the owner to the books (marked current) and the member to earnings
    link = re.search(r'<a [^>]*data-capability="money"[^>]*>', owner_html).group(0)
    assert f'href="{books_url}"' in link and 'aria-current="page"' in link
    link = re.search(r'<a [^>]*data-capability="money"[^>]*>', member_html).group(0)
    assert f'href="{reverse("money_earnings")}"' in link


def test_money_pages_require_login(client, books):
    # given an anonymous visitor
    urls = [reverse("money_home", args=[books["venture"].id]), reverse("money_earnings")]
    # when they open the money pages, then each sends them to the login page
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")
