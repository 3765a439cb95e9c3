"""The money endpoints: books, escrow, payouts, the payee's side and exchange rates."""

from decimal import Decimal

import pytest

from bornglobal.money import checks, payouts, services
from bornglobal.money.models import LedgerTransaction, Posting
from tests.factories import MembershipFactory, UserFactory
from tests.money.conftest import RATE_DAY

SEPA_DEBTOR = {
    "name": "Kestrel Robotics GmbH",
    "iban": "DE89370400440532013000",
    "bic": "COBADEFFXXX",
}


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _put(client, url, body):
    return client.put(url, body, content_type="application/json")


def _money(amount, currency="EUR"):
    return {"amount": amount, "currency": currency}


def _base(books):
    return f"/api/v1/ventures/{books['venture'].id}"


def _eur_payee(client, email="marta@example.org", iban="DE02120300000000202051"):
    """A payee paid in euros, who saved an IBAN through the API."""
    payee = UserFactory(email=email, full_name="Marta Silva", currency="EUR")
    client.force_login(payee)
    saved = _put(
        client, "/api/v1/me/payout-details", {"account_holder": "Marta Silva", "iban": iban}
    )
    assert saved.status_code == 200, saved.content
    return payee


def _open_escrow(client, books, payee, ref="K-100", amount="800.00"):
    body = {
        "payee_email": payee.email,
        "contract_ref": ref,
        "title": "Gripper firmware",
        "milestones": [{"title": "Prototype", "amount": _money(amount), "due_on": "2026-07-01"}],
    }
    response = _post(client, f"{_base(books)}/escrows", body)
    assert response.status_code == 201, response.content
    return response.json()


def _released(client, books, payee, amount="500.00"):
    """An escrow for `payee`, funded and partly released through the API."""
    escrow = _open_escrow(client, books, payee)
    milestone = escrow["milestones"][0]["id"]
    funded = _post(
        client, f"{_base(books)}/milestones/{milestone}/fund", {"idempotency_key": "fund-100"}
    )
    assert funded.status_code == 201, funded.content
    released = _post(
        client,
        f"{_base(books)}/milestones/{milestone}/release",
        {"idempotency_key": "rel-100", "amount": _money(amount), "on": RATE_DAY.isoformat()},
    )
    assert released.status_code == 201, released.content
    return milestone, released.json()


def test_deposit_escrow_release_and_payout_end_to_end(books, client, settings):
    # given a 2.5% platform fee, the founder logged in and a payee paid in euros
    settings.PLATFORM_FEE_BP = 250
    payee = _eur_payee(client)
    client.force_login(books["founder"])
    # when they deposit 1,000.00, open an 800.00 escrow, fund it, release 500.00 and pay out
    deposit = _post(
        client,
        f"{_base(books)}/money/deposits",
        {"amount": _money("1000.00"), "idempotency_key": "dep-api-1"},
    )
    milestone, disclosure = _released(client, books, payee)
    batch = _post(client, f"{_base(books)}/payouts", {"idempotency_key": "batch-1"})
    positions = client.get(f"{_base(books)}/money/positions").json()["items"]
    # then every amount is exact: fee 12.50, 487.50 paid out, 300.00 still held
    assert deposit.status_code == 201
    assert deposit.json()["postings"][0]["amount"]["currency"] == "EUR"
    assert {p["amount"]["minor"] for p in deposit.json()["postings"]} == {100000, -100000}
    assert (
        disclosure["gross"]["amount"],
        disclosure["fee"]["amount"],
        disclosure["net"]["amount"],
        disclosure["paid"]["amount"],
    ) == ("500.00", "12.50", "487.50", "487.50")
    assert disclosure["fees"][0]["basis_points"] == 250
    assert batch.status_code == 201, batch.content
    [line] = batch.json()["lines"]
    assert line["amount"] == {"minor": 48750, "currency": "EUR", "amount": "487.50"}
    assert (line["rail"], line["iban_last4"], line["payee"]["email"]) == (
        "sepa",
        "2051",
        payee.email,
    )
    [eur] = positions
    assert (
        eur["wallet"]["amount"],
        eur["escrow"]["amount"],
        eur["payable"]["amount"],
        eur["fees"]["amount"],
    ) == ("5200.00", "300.00", "0.00", "12.50")
    held = client.get(f"{_base(books)}/escrows").json()["items"][0]["milestones"][0]
    assert (held["id"], held["held"]["minor"], held["state"]) == (milestone, 30000, "funded")
    assert checks.run() == []


def test_statement_and_transactions_show_postings_and_fx(books, client):
    # given a release to the Indian payee, paid in rupees
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    services.release(books["actor"], books["venture"].id, design.id, key="rel-1", on=RATE_DAY)
    client.force_login(books["founder"])
    # when the founder reads the transactions and the wallet's statement
    txns = client.get(f"{_base(books)}/money/transactions").json()
    accounts = client.get(f"{_base(books)}/money/accounts").json()["items"]
    wallet = next(a for a in accounts if a["purpose"] == "wallet")
    statement = client.get(f"{_base(books)}/money/accounts/{wallet['id']}/statement").json()
    # then the newest is the release with its rate, and the running balance adds up
    newest = txns["items"][0]
    assert (txns["count"], newest["kind"]) == (3, "release")
    assert newest["fx"]["base"] == "EUR" and newest["fx"]["quote"] == "INR"
    assert Decimal(newest["fx"]["rate"]) > 0 and newest["fx"]["rate_date"] == "2026-06-15"
    assert (
        sum(p["amount"]["minor"] for p in newest["postings"] if p["amount"]["currency"] == "INR")
        == 0
    )
    assert [line["balance"]["amount"] for line in statement["lines"]] == ["5000.00", "3800.00"]
    assert statement["account"]["balance"]["amount"] == "3800.00"


def test_a_retried_post_returns_the_same_result_and_posts_nothing_new(books, client):
    # given a deposit made through the API
    client.force_login(books["founder"])
    body = {"amount": _money("250.00"), "idempotency_key": "dep-retry", "memo": "Invoice 7"}
    first = _post(client, f"{_base(books)}/money/deposits", body)
    counts = (LedgerTransaction.objects.count(), Posting.objects.count())
    # when the same request is sent again, and the key is reused for another amount
    again = _post(client, f"{_base(books)}/money/deposits", body)
    reused = _post(client, f"{_base(books)}/money/deposits", {**body, "amount": _money("999.00")})
    # then the retry is the first transaction and nothing new was posted
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert (LedgerTransaction.objects.count(), Posting.objects.count()) == counts
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"


@pytest.mark.parametrize(
    "amount,currency,status,code",
    [
        ("1.234", "EUR", 400, "invalid_amount"),
        ("12,50", "EUR", 422, "string_pattern_mismatch"),
        ("-5.00", "EUR", 422, "string_pattern_mismatch"),
        ("1" * 30, "EUR", 400, "invalid_amount"),
        ("10.00", "XYZ", 422, "invalid_currency"),
        ("10.00", "E1R", 422, "invalid_currency"),
    ],
)
def test_a_bad_amount_gets_4xx_with_a_code(books, client, amount, currency, status, code):
    # given the founder
    client.force_login(books["founder"])
    # when they deposit an amount that is not money
    response = _post(
        client,
        f"{_base(books)}/money/deposits",
        {"amount": _money(amount, currency), "idempotency_key": "bad-1"},
    )
    # then it is refused with a clear code (a schema rule's in details) and nothing is written
    assert response.status_code == status, response.content
    body = response.json()
    assert code in {body["code"]} | {d["type"] for d in body["details"] or [] if "type" in d}
    assert not LedgerTransaction.objects.filter(idempotency_key="bad-1").exists()


def test_releasing_more_than_is_held_is_a_conflict(books, client):
    # given a funded milestone of 1,200.00 EUR
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    client.force_login(books["founder"])
    # when 1,200.01 EUR is released
    response = _post(
        client,
        f"{_base(books)}/milestones/{design.id}/release",
        {"idempotency_key": "rel-big", "amount": _money("1200.01")},
    )
    # then it is refused and nothing moved
    assert response.status_code == 409
    assert response.json()["code"] == "exceeds_escrow"
    assert not LedgerTransaction.objects.filter(idempotency_key="rel-big").exists()


def test_dispute_by_the_payee_then_a_split_by_the_founder(books, client):
    # given a funded milestone
    build = books["milestones"][1]
    services.fund_milestone(books["actor"], books["venture"].id, build.id, key="fund-2")
    # when the payee disputes it and the founder resolves it 60/40
    client.force_login(books["payee"])
    disputed = _post(
        client, f"{_base(books)}/milestones/{build.id}/dispute", {"reason": "scope changed"}
    )
    client.force_login(books["founder"])
    resolved = _post(
        client,
        f"{_base(books)}/milestones/{build.id}/resolve",
        {"idempotency_key": "res-1", "payee_share": _money("1080.00"), "on": RATE_DAY.isoformat()},
    )
    # then the payee got 1,080.00 EUR worth of rupees and 720.00 EUR came back
    assert disputed.status_code == 200 and disputed.json()["state"] == "disputed"
    assert resolved.status_code == 200, resolved.content
    outcome = resolved.json()
    assert outcome["paid"]["gross"]["amount"] == "1080.00"
    assert outcome["paid"]["paid"]["currency"] == "INR"
    refund = [p["amount"]["minor"] for p in outcome["refunded"]["postings"]]
    assert sorted(refund) == [-72000, 72000]
    assert checks.run() == []


def test_a_returned_payment_comes_back_to_the_payable(books, client):
    # given a batch paying the Indian payee (listed in the CSV)
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    services.release(books["actor"], books["venture"].id, design.id, key="rel-1", on=RATE_DAY)
    batch = payouts.create_batch(books["actor"], books["venture"].id, key="batch-1")
    line = batch.lines.get()
    client.force_login(books["founder"])
    # when the founder downloads the CSV and then marks the line failed
    listed = client.get(f"{_base(books)}/payouts/{batch.id}/lines.csv")
    failed = _post(
        client,
        f"{_base(books)}/payouts/{batch.id}/lines/{line.id}/fail",
        {"idempotency_key": "fail-1"},
    )
    # then the CSV named the payee and the rupees are owed again
    assert listed.status_code == 200 and listed["Content-Type"].startswith("text/csv")
    assert "attachment" in listed["Content-Disposition"]
    assert "Priya Raghavan" in listed.content.decode()
    assert failed.status_code == 200 and failed.json()["state"] == "failed"
    client.force_login(books["payee"])
    [owed] = client.get("/api/v1/me/payables").json()["items"]
    assert owed["owed"]["minor"] == line.amount_minor and owed["venture_name"] == "Kestrel Robotics"


def test_a_plain_member_is_forbidden_the_money(books, client):
    # given a member of the venture without a money role
    member = MembershipFactory(venture=books["venture"], role="member").user
    client.force_login(member)
    # when they read the books or move money
    reads = [client.get(f"{_base(books)}/money/{what}") for what in ("positions", "accounts")]
    write = _post(
        client,
        f"{_base(books)}/money/deposits",
        {"amount": _money("1.00"), "idempotency_key": "m-1"},
    )
    # then each answer is 403 in the error model
    assert [r.status_code for r in [*reads, write]] == [403, 403, 403]
    assert write.json()["code"] == "role_forbidden"


def test_another_ventures_founder_gets_404(books, client, other_founder, other_venture):
    # given the founder of another venture
    client.force_login(other_founder)
    escrow = books["escrow"]
    # when they reach for this venture's books and escrow
    answers = [
        client.get(f"{_base(books)}/money/positions"),
        client.get(f"{_base(books)}/escrows/{escrow.id}"),
        client.get(f"/api/v1/ventures/{other_venture.id}/escrows/{escrow.id}"),
        _post(
            client,
            f"/api/v1/ventures/{other_venture.id}/milestones/{books['milestones'][0].id}/fund",
            {"idempotency_key": "steal"},
        ),
    ]
    # then nothing exists for them
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert {a.json()["code"] for a in answers} == {"not_found"}


def test_the_payee_sees_their_earnings_but_not_the_books(books, client):
    # given a release to the payee
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    services.release(books["actor"], books["venture"].id, design.id, key="rel-1", on=RATE_DAY)
    client.force_login(books["payee"])
    # when the payee reads their earnings and then the venture's books
    earnings = client.get("/api/v1/me/earnings").json()
    books_answers = [
        client.get(f"{_base(books)}/money/{what}")
        for what in ("positions", "transactions", "accounts")
    ]
    escrow = client.get(f"{_base(books)}/escrows/{books['escrow'].id}")
    # then the disclosure is theirs to see, and the books do not exist for them
    [earning] = earnings["items"]
    assert (earning["venture_name"], earning["contract_ref"], earning["milestone_title"]) == (
        "Kestrel Robotics",
        "K-001",
        "Design",
    )
    assert earning["gross"]["amount"] == "1200.00" and earning["paid"]["currency"] == "INR"
    assert earning["rate_source"] == "ECB" and "ECB reference rate" in earning["rate_note"]
    assert [a.status_code for a in [*books_answers, escrow]] == [404, 404, 404, 404]


def test_sepa_file_for_a_eur_payee_validates(books, client, settings):
    # given a configured debtor and a euro payee with a German IBAN, released and batched
    settings.SEPA_DEBTOR = SEPA_DEBTOR
    payee = _eur_payee(client, iban="DE75 5121 0800 1245 1261 99")
    client.force_login(books["founder"])
    _released(client, books, payee)
    batch = _post(client, f"{_base(books)}/payouts", {"idempotency_key": "batch-1"}).json()
    # when the founder downloads the SEPA file
    response = client.get(f"{_base(books)}/payouts/{batch['id']}/sepa.xml")
    # then it is a pain.001 document that validates against the XSD
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/xml"
    assert f'filename="payout-{batch["id"]}.xml"' in response["Content-Disposition"]
    payouts.validate_sepa(response.content)
    assert b"DE75512108001245126199" in response.content and b"500.00" in response.content


def test_sepa_file_without_a_configured_debtor_is_refused(books, client, settings):
    # given no SEPA debtor and a batch for a euro payee
    settings.SEPA_DEBTOR = {"name": "", "iban": "", "bic": ""}
    payee = _eur_payee(client)
    client.force_login(books["founder"])
    _released(client, books, payee)
    batch = _post(client, f"{_base(books)}/payouts", {"idempotency_key": "batch-1"}).json()
    # when the SEPA file is asked for
    response = client.get(f"{_base(books)}/payouts/{batch['id']}/sepa.xml")
    # then the error says what to configure
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == "sepa_not_configured"


def test_payout_details_refuse_a_bad_iban(books, client):
    # given the payee
    client.force_login(books["payee"])
    # when they save an IBAN with a wrong check digit, then read their details
    response = _put(
        client,
        "/api/v1/me/payout-details",
        {"account_holder": "Priya Raghavan", "iban": "DE00370400440532013000"},
    )
    missing = client.get("/api/v1/me/payout-details")
    # then it is refused and nothing was saved
    assert response.status_code == 400 and response.json()["code"] == "invalid_iban"
    assert missing.status_code == 404


def test_fx_quote_for_a_saturday_falls_back_to_friday(books, client):
    # given anyone logged in
    client.force_login(books["payee"])
    # when they ask for EUR in INR on Saturday 2026-06-13
    response = client.get(
        "/api/v1/fx/quote", {"base": "EUR", "quote": "INR", "on": "2026-06-13", "amount": "100.00"}
    )
    # then Friday's ECB rate answers, and says so
    assert response.status_code == 200, response.content
    quote = response.json()
    assert quote["fell_back"] is True
    assert (quote["requested"], quote["used"], quote["source"]) == (
        "2026-06-13",
        "2026-06-12",
        "ECB",
    )
    assert "last publication on or before 2026-06-13" in quote["describe"]
    expected = (Decimal("100.00") * Decimal(quote["rate"])).quantize(Decimal("0.01"))
    assert Decimal(quote["converted"]["amount"]) == expected
    assert quote["converted"]["currency"] == "INR"


def test_fx_quote_without_a_rate_names_currency_and_date(books, client):
    # given the operator table holds NGN from 2026-06-12 only
    client.force_login(books["payee"])
    # when a naira rate is asked for a year earlier
    response = client.get("/api/v1/fx/quote", {"base": "EUR", "quote": "NGN", "on": "2025-06-12"})
    # then the refusal names the currency and the date
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "no_rate"
    assert "NGN" in body["message"] and "2025-06-12" in body["message"]


def test_only_staff_import_operator_rates(books, client, django_capture_on_commit_callbacks):
    # given a founder and an instance operator
    staff = UserFactory(is_staff=True)
    csv_text = "currency,date,per_eur\nKES,2026-06-12,140.5\n"
    # when each imports a rate table
    client.force_login(books["founder"])
    refused = _post(client, "/api/v1/fx/operator-rates", {"csv": csv_text})
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        imported = _post(client, "/api/v1/fx/operator-rates", {"csv": csv_text, "note": "CBK"})
    quote = client.get("/api/v1/fx/quote", {"base": "EUR", "quote": "KES", "on": "2026-06-13"})
    # then only the operator's import counts, and the new rate is used
    assert refused.status_code == 403 and refused.json()["code"] == "operator_only"
    assert imported.status_code == 200 and imported.json() == {"imported": 1}
    assert quote.json()["rate"] == "140.5"


def test_a_refund_returns_escrow_to_the_wallet_and_single_reads_answer(books, client):
    # given a funded milestone of 1,200.00 EUR
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    client.force_login(books["founder"])
    # when 200.00 EUR is refunded, then the transaction and the escrow are read back
    refund = _post(
        client,
        f"{_base(books)}/milestones/{design.id}/refund",
        {"idempotency_key": "ref-1", "amount": _money("200.00")},
    )
    txn = client.get(f"{_base(books)}/money/transactions/{refund.json()['id']}")
    escrow = client.get(f"{_base(books)}/escrows/{books['escrow'].id}").json()
    # then the wallet got 200.00 back and 1,000.00 is still held
    assert refund.status_code == 201 and txn.json() == refund.json()
    assert sorted(p["amount"]["minor"] for p in txn.json()["postings"]) == [-20000, 20000]
    held = escrow["milestones"][0]
    assert (held["refunded"]["amount"], held["held"]["amount"]) == ("200.00", "1000.00")
    assert checks.run() == []
