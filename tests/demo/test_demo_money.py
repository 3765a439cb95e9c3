"""The demo's year of money: believable, in many currencies, and whole by the ledger check."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

from stdnum import iban as iban_number

from bornglobal import clock, demo
from bornglobal.demo import money_plan, money_rates
from bornglobal.demo.money import candidates
from bornglobal.demo.money_plan import Candidate, ledger_keys, plan_money
from bornglobal.demo.network_anchors import EMAIL_DOMAIN as ANCHOR_DOMAIN
from bornglobal.domain.fx import ChainedRates, EcbRates, TableRate, TableRates
from bornglobal.money import checks, rates
from bornglobal.money.models import (
    Account,
    Disclosure,
    Kind,
    LedgerTransaction,
    Milestone,
    OperatorRate,
    PayoutLine,
    Purpose,
)

ANA = "freelancer@bornglobal.example"


def test_the_small_demo_books_pass_the_ledger_check_and_span_a_year(db):
    # given an empty database
    # when the small demo is loaded
    summary = demo.load(seed=42, size="small")
    # then the ledger check passes and the transactions fill every month of the year;
    # only the hourly contract's weeks run on up to the load, none after it
    assert checks.run() == []
    months = {t.strftime("%Y-%m") for t in
              LedgerTransaction.objects.values_list("occurred_at", flat=True)}
    in_year = {m for m in months if "2025-11" <= m <= "2026-10"}
    assert len(in_year) >= 11 and max(months) <= clock.today().strftime("%Y-%m")
    later = LedgerTransaction.objects.filter(occurred_at__gte=datetime(2026, 11, 1, tzinfo=UTC))
    assert {t.milestone.escrow.contract.contract_type for t in later} <= {"hourly"}
    assert "ledger transactions" in summary.describe() and summary.people == 2_000
    # and the ledger holds exactly the keyed transactions the pure plan names
    # (the named network profiles, added after the money history, are not among its payees)
    payees = [c for c in candidates() if not c.email.endswith(f"@{ANCHOR_DOMAIN}")]
    plan = plan_money(42, payees)
    written = sorted(LedgerTransaction.objects.exclude(kind=Kind.PAYOUT)
                     .exclude(idempotency_key__startswith="demo-work")  # demo.work's
                     .values_list("idempotency_key", "kind"))
    assert written == sorted(ledger_keys(plan))
    assert ledger_keys(plan_money(42, payees)) == ledger_keys(plan)


def test_payees_are_paid_in_15_currencies_4_of_them_at_operator_table_rates(db):
    # given an empty database
    # when the small demo is loaded
    summary = demo.load(seed=42, size="small")
    # then payees were paid in at least 15 currencies, 4+ of them the ECB does not publish
    paid = set(Disclosure.objects.values_list("paid_currency", "rate_source"))
    currencies = {currency for currency, _source in paid}
    operator = {currency for currency, source in paid
                if currency in money_rates.OPERATOR_CURRENCIES and "operator table" in source}
    assert len(currencies) >= 15, currencies
    assert len(operator) >= 4, operator
    assert set(summary.money.payee_currencies) == currencies
    assert set(summary.money.operator_currencies) == operator
    # and the demo freelancer login earned in two ventures
    ventures = set(Disclosure.objects.filter(payee__email=ANA)
                   .values_list("transaction__venture__name", flat=True))
    assert ventures == {"Lagos Looms", "Monsoon Tea Co."}


def test_payouts_disputes_and_live_escrow_are_all_there(db):
    # given a progress callback
    calls = []
    # when the small demo is loaded
    demo.load(seed=42, size="small", progress=lambda *call: calls.append(call))
    # then some payouts went by SEPA, one was returned, one dispute is open, one was
    # settled with a split, some milestones are still to pay and October's pay is owed
    lines = PayoutLine.objects
    assert lines.filter(rail=PayoutLine.Rail.SEPA, state=PayoutLine.State.PAID).exists()
    returned = lines.get(state=PayoutLine.State.FAILED, reversal__isnull=False)
    assert lines.filter(payee=returned.payee, batch__venture=returned.batch.venture,
                        batch__created_at__gt=returned.batch.created_at).exists()
    assert Milestone.objects.filter(state=Milestone.State.DISPUTED, work__isnull=True).count() == 1
    resolved = LedgerTransaction.objects.filter(kind=Kind.RESOLVE)
    assert {key.rsplit(":", 1)[1] for key in resolved.values_list("idempotency_key", flat=True)} \
        == {"pay", "refund"}
    assert Milestone.objects.filter(state=Milestone.State.FUNDED).count() >= 3
    assert Milestone.objects.filter(state=Milestone.State.PENDING).exists()
    assert LedgerTransaction.objects.filter(kind=Kind.REFUND).count() >= 3
    assert Account.objects.filter(purpose=Purpose.PAYABLE, balance_minor__lt=0).exists()
    # and progress only grew, through the money stages, to the total at the very end
    done = [call[0] for call in calls]
    assert done == sorted(done) and len({call[1] for call in calls}) == 1
    assert done[-1] == calls[-1][1] and done.count(done[-1]) == 1
    assert {"people", "exchange rates", "money history"} <= {call[2] for call in calls}


def test_a_release_today_finds_a_rate_in_every_demo_currency(db):
    # given the demo's operator table, loaded alone
    money_rates.load_rates(date(2026, 11, 23))
    table = rates.current()
    # when today's rate is asked for each venture currency against each payee currency
    payee_currencies = {"EUR", "BRL", "USD", "INR", "MYR", *money_rates.OPERATOR_CURRENCIES}
    found = {(base, quote): table.rate(base, quote, date(2026, 11, 23))
             for base in ("NGN", "EUR", "INR") for quote in payee_currencies}
    # then every pair has a rate, and the ECB ones carry the rate of 2026-10-30
    assert all(rate.value > 0 for rate in found.values())
    assert found["EUR", "USD"].value == EcbRates().per_eur("USD", date(2026, 10, 30))[0]
    notes = set(OperatorRate.objects.values_list("note", flat=True))
    assert notes == {money_rates.DEMO_NOTE, money_rates.CARRY_NOTE}


def test_the_drifting_rates_stay_believable_and_cover_every_week():
    # given the operator rows up to the demo's today
    rows = money_rates.drifting_rates(date(2026, 11, 23))
    # when they are read per currency
    # then each currency has a row at least weekly from 2025-11-01, inside its band
    for currency, drift in money_rates.DRIFTS.items():
        days = sorted(day for cur, day, _value in rows if cur == currency)
        assert days[0] == date(2025, 11, 1) and days[-1] == date(2026, 11, 23)
        assert all(b - a <= timedelta(days=7) for a, b in pairwise(days))
        values = [value for cur, _day, value in rows if cur == currency]
        assert all(isinstance(v, Decimal) and drift.low <= v <= drift.high for v in values)
    ars = [value for cur, _day, value in rows if cur == "ARS"]
    assert ars[-1] > ars[0]  # the peso keeps sliding
    table = TableRates([TableRate(*row) for row in rows])
    assert ChainedRates(table).rate("EUR", "NGN", date(2026, 2, 14)).value > 1500


def test_the_plan_is_the_same_for_the_same_seed_and_differs_for_another():
    # given some freelancers in many currencies (the demo login among them)
    people = [Candidate(ANA, "BRL", "BR")] + [
        Candidate(f"p{n}.{cur.lower()}@example.org", cur, country)
        for n, (cur, country) in enumerate(
            [("EUR", "DE"), ("EUR", "NL"), ("EUR", "FR"), ("KES", "KE"), ("NGN", "NG"),
             ("UAH", "UA"), ("PKR", "PK"), ("BDT", "BD"), ("USD", "US"), ("GBP", "GB"),
             ("INR", "IN"), ("ARS", "AR"), ("VND", "VN"), ("EGP", "EG"), ("XOF", "SN")]
        )
    ]
    # when the plan is made twice with one seed, and once with another
    first, again, other = plan_money(3, people), plan_money(3, people), plan_money(4, people)
    # then the same seed repeats exactly; another seed moves the dates and amounts
    assert first.steps == again.steps and ledger_keys(first) == ledger_keys(again)
    assert first.steps != other.steps
    # and nobody is paid in a currency without a rate source
    assert "XOF" not in set(first.payees.values())
    assert {step.at.date() for step in first.steps} <= {
        money_plan.HISTORY_START + timedelta(days=n) for n in range(362)}
    assert all(step.at.tzinfo is not None and step.at.weekday() < 5 for step in first.steps)


def test_demo_ibans_are_valid_in_every_layout():
    # given a seeded random source
    import random

    rng = random.Random(1)
    # when an IBAN is made for each supported country, and for one without a layout
    made = [money_plan.iban_for(country, rng) for country in [*money_plan.BBANS, "RE"] * 5]
    # then each passes python-stdnum's check; the unknown country gets a German one
    assert all(iban_number.is_valid(number) for number in made)
    assert made[len(money_plan.BBANS)].startswith("DE")
