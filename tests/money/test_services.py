"""Escrow from deposit to payout, in the payee's currency, never losing a cent."""

from decimal import Decimal

import pytest
from django.test import override_settings

from bornglobal.domain.errors import Conflict
from bornglobal.domain.money import Money
from bornglobal.money import checks, payouts, services
from bornglobal.money.models import Account, Posting, Purpose
from tests.money.conftest import RATE_DAY


def _balance(venture, purpose, currency):
    account = Account.objects.get(
        venture=venture, purpose=purpose, currency=currency, escrow=None, person=None
    )
    return account.normal_balance_minor


def test_fund_then_release_pays_the_payee_in_rupees_with_a_disclosure(books):
    # given a funded milestone of 1,200.00 EUR
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    # when it is released on a Monday with an ECB rate
    disclosure = services.release(
        books["actor"], books["venture"].id, design.id, key="rel-1", on=RATE_DAY
    )
    # then the payee is owed rupees at the ECB rate, and the books balance
    assert disclosure.paid_currency == "INR" and disclosure.gross_minor == 120000
    assert disclosure.rate_source == "ECB" and disclosure.fee_minor == 0
    expected = (Decimal("1200.00") * disclosure.mid_market_rate).quantize(Decimal("0.01"))
    assert Decimal(disclosure.paid_minor) / 100 == expected
    payable = Account.objects.get(person=books["payee"], currency="INR")
    assert payable.normal_balance_minor == disclosure.paid_minor
    assert checks.run() == []


def test_a_retry_with_the_same_key_returns_the_first_result(books):
    # given a funded milestone released once
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    first = services.release(
        books["actor"], books["venture"].id, design.id, key="rel-1", on=RATE_DAY
    )
    # when the same request is retried, and the key is reused for another request
    again = services.release(
        books["actor"], books["venture"].id, design.id, key="rel-1", on=RATE_DAY
    )
    with pytest.raises(Conflict) as reused:
        services.deposit(books["actor"], books["venture"].id, Money.of("1", "EUR"), key="rel-1")
    # then the retry is the first result, and nothing was paid twice
    assert again.pk == first.pk
    assert reused.value.code == "idempotency_key_reused"
    assert Posting.objects.filter(transaction__idempotency_key="rel-1").count() == 4


def test_funding_more_than_the_wallet_holds_is_refused(books):
    # given a wallet of 5,000 EUR and milestones of 3,000 EUR; one more of 2,500
    actor, venture = books["actor"], books["venture"]
    big = services.open_escrow(
        actor,
        venture.id,
        books["payee"].email,
        "K-002",
        "Big",
        [services.MilestonePlan("All", Money.of("2500.00", "EUR"))],
    )
    for index, milestone in enumerate(books["milestones"]):
        services.fund_milestone(actor, venture.id, milestone.id, key=f"f{index}")
    # when the 2,500 milestone is funded with 2,000 left
    with pytest.raises(Conflict) as refused:
        services.fund_milestone(actor, venture.id, big.milestones.get().id, key="f-big")
    # then it is refused and the wallet keeps its 2,000
    assert refused.value.code == "insufficient_funds"
    assert _balance(venture, Purpose.WALLET, "EUR") == 200000


@override_settings(PLATFORM_FEE_BP=250)
def test_platform_fee_is_taken_and_disclosed(books):
    # given a 2.5% platform fee and a funded milestone
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-1")
    # when half of it is released
    disclosure = services.release(
        books["actor"],
        books["venture"].id,
        design.id,
        key="rel-1",
        amount=Money.of("600.00", "EUR"),
        on=RATE_DAY,
    )
    # then 15.00 EUR is fee, 585.00 EUR is converted, all disclosed
    assert (disclosure.fee_minor, disclosure.net_minor) == (1500, 58500)
    assert disclosure.fees[0]["basis_points"] == 250
    assert _balance(books["venture"], Purpose.PLATFORM_FEES, "EUR") == 1500
    assert checks.run() == []


def test_dispute_freezes_then_a_split_settles_it(books):
    # given a funded milestone in dispute
    actor, venture = books["actor"], books["venture"]
    build = books["milestones"][1]
    services.fund_milestone(actor, venture.id, build.id, key="fund-2")
    services.open_dispute(actor, venture.id, build.id, reason="late delivery")
    # when a release is attempted, then the dispute is resolved 60/40
    with pytest.raises(Conflict):
        services.release(actor, venture.id, build.id, key="rel-2", on=RATE_DAY)
    outcome = services.resolve_dispute(
        actor,
        venture.id,
        build.id,
        key="res-2",
        payee_share=Money.of("1080.00", "EUR"),
        on=RATE_DAY,
    )
    # then 1,080 went to the payee, 720 back to the wallet, the milestone is settled
    build.refresh_from_db()
    assert outcome.paid.gross_minor == 108000
    assert outcome.refunded.postings.get(amount_minor__gt=0).amount_minor == 72000
    assert (build.state, build.held_minor) == ("settled", 0)
    assert checks.run() == []


def test_payout_batch_moves_payables_and_a_failed_line_comes_back(books, settings):
    # given two payees owed money, one EUR payee with an IBAN
    actor, venture = books["actor"], books["venture"]
    design = books["milestones"][0]
    services.fund_milestone(actor, venture.id, design.id, key="fund-1")
    services.release(actor, venture.id, design.id, key="rel-1", on=RATE_DAY)
    # when a batch is created and its only line fails
    batch = payouts.create_batch(actor, venture.id, key="batch-1")
    line = batch.lines.get()
    listed = payouts.csv_file(batch)
    payouts.mark_line_failed(actor, venture.id, line.id, key="fail-1")
    # then the payable is owed again and the books balance
    payable = Account.objects.get(person=books["payee"], currency="INR")
    assert payable.normal_balance_minor == line.amount_minor
    assert line.rail == "csv"
    assert "Priya Raghavan" in listed and "Priya Raghavan" not in payouts.csv_file(batch)
    assert checks.run() == []
