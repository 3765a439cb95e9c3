"""Idempotency keys the same way everywhere: a true retry answers the first result, the
same key with a different request is 409 `idempotency_key_reused`, never a 500.
Also: the payee's own token opens a dispute, and a retried release reads the same."""

from datetime import UTC, date, datetime

import pytest
from django.test import Client

from bornglobal import clock
from bornglobal.domain.money import Money
from bornglobal.money import payouts, services
from bornglobal.money.models import Disclosure, Escrow, LedgerTransaction, Milestone
from bornglobal.tenancy import services as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones, timesheets
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory
from tests.money.conftest import RATE_DAY
from tests.work.factories import (
    MONDAY,
    FreelancerFactory,
    ProjectFactory,
    RoleFactory,
    hired,
    hourly_hired,
)

pytestmark = pytest.mark.django_db
EUR = "EUR"


def _post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def _money(amount, currency=EUR):
    return {"amount": amount, "currency": currency}


def _base(books):
    return f"/api/v1/ventures/{books['venture'].id}"


def _funded(books, index=0, key=None):
    milestone = books["milestones"][index]
    services.fund_milestone(
        books["actor"], books["venture"].id, milestone.id, key=key or f"fund-{index}"
    )
    return milestone


def _escrow_body(ref="K-200", amount="300.00", **more):
    return {
        "payee_email": "marta@example.org",
        "contract_ref": ref,
        "title": "Gripper firmware",
        "milestones": [{"title": "Prototype", "amount": _money(amount)}],
        **more,
    }


def test_a_key_reused_on_another_payout_line_is_409_not_500(books, client):
    # given a batch with two lines, the first marked failed under a key
    actor, venture = books["actor"], books["venture"]
    other = UserFactory(currency=EUR)
    plans = [services.MilestonePlan("Other", Money.of("30.00", EUR))]
    second = services.open_escrow(actor, venture.id, other.email, "K-9", "x", plans)
    for milestone in (books["milestones"][0], second.milestones.get()):
        services.fund_milestone(actor, venture.id, milestone.id, key=f"f-{milestone.id}")
        services.release(actor, venture.id, milestone.id, key=f"r-{milestone.id}", on=RATE_DAY)
    batch = payouts.create_batch(actor, venture.id, "batch-1")
    one, two = batch.lines.order_by("id")
    client.force_login(books["founder"])
    url = f"{_base(books)}/payouts/{batch.id}/lines"
    first = _post(client, f"{url}/{one.id}/fail", {"idempotency_key": "fail-1"})
    # when the same key marks the first line again, and then the second line
    again = _post(client, f"{url}/{one.id}/fail", {"idempotency_key": "fail-1"})
    reused = _post(client, f"{url}/{two.id}/fail", {"idempotency_key": "fail-1"})
    # then the retry answers the failed line and the other line is refused, still paid
    assert first.status_code == 200 and again.status_code == 200
    assert again.json() == first.json()
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"
    two.refresh_from_db()
    assert two.state == "paid"


def test_a_failed_line_failed_again_under_a_new_key_is_refused_and_the_key_stays_free(
    books, client
):
    # given a batch with two lines, the first marked failed under one key
    actor, venture = books["actor"], books["venture"]
    other = UserFactory(currency=EUR)
    plans = [services.MilestonePlan("Other", Money.of("30.00", EUR))]
    second = services.open_escrow(actor, venture.id, other.email, "K-9", "x", plans)
    for milestone in (books["milestones"][0], second.milestones.get()):
        services.fund_milestone(actor, venture.id, milestone.id, key=f"f-{milestone.id}")
        services.release(actor, venture.id, milestone.id, key=f"r-{milestone.id}", on=RATE_DAY)
    batch = payouts.create_batch(actor, venture.id, "batch-1")
    one, two = batch.lines.order_by("id")
    payouts.mark_line_failed(actor, venture.id, one.id, "fail-1")
    client.force_login(books["founder"])
    url = f"{_base(books)}/payouts/{batch.id}/lines"
    # when the first line is marked failed again under a new key, then that key fails
    # the second line
    again = _post(client, f"{url}/{one.id}/fail", {"idempotency_key": "fail-2"})
    second_line = _post(client, f"{url}/{two.id}/fail", {"idempotency_key": "fail-2"})
    # then the first is refused (nothing was done under the key) and the key then works
    assert again.status_code == 409 and again.json()["code"] == "line_already_failed"
    assert second_line.status_code == 200 and second_line.json()["state"] == "failed"


def test_an_escrow_opened_with_a_key_answers_a_retry_and_refuses_another_request(books, client):
    # given the payee and the founder
    UserFactory(email="marta@example.org", currency=EUR)
    client.force_login(books["founder"])
    url = f"{_base(books)}/escrows"
    first = _post(client, url, _escrow_body(idempotency_key="escrow-1"))
    # when the same request is retried, a different one sent under the key, and the
    # same contract opened again without a key
    retry = _post(client, url, _escrow_body(idempotency_key="escrow-1"))
    other = _post(client, url, _escrow_body(ref="K-201", idempotency_key="escrow-1"))
    keyless = _post(client, url, _escrow_body())
    # then the retry gets the first escrow, the other request 409 reused, the keyless 409
    assert first.status_code == 201, first.content
    assert retry.status_code == 201 and retry.json()["id"] == first.json()["id"]
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    assert keyless.status_code == 409 and keyless.json()["code"] == "escrow_exists"
    assert Escrow.objects.filter(contract_ref__in=["K-200", "K-201"]).count() == 1


def test_a_dispute_with_a_key_answers_a_retry_and_refuses_it_on_another_milestone(
    books, client
):
    # given two funded milestones
    design, build = _funded(books, 0), _funded(books, 1)
    client.force_login(books["founder"])
    body = {"reason": "late", "idempotency_key": "dispute-1"}
    first = _post(client, f"{_base(books)}/milestones/{design.id}/dispute", body)
    # when the dispute is retried, and the key is sent for the other milestone
    retry = _post(client, f"{_base(books)}/milestones/{design.id}/dispute", body)
    other = _post(client, f"{_base(books)}/milestones/{build.id}/dispute", body)
    # then the retry answers the disputed milestone, the other is refused and untouched
    assert first.status_code == 200 and retry.status_code == 200
    assert retry.json() == first.json()
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    assert Milestone.objects.get(id=build.id).state == Milestone.State.FUNDED


def test_the_payee_opens_a_dispute_with_their_own_token(books):
    # given a funded milestone and a token the payee made for their own side
    design = _funded(books)
    issued = tenancy.issue_token(Actor(books["payee"]), "laptop")
    client = Client(enforce_csrf_checks=True)
    # when the payee disputes it with the token
    response = _post(
        client,
        f"{_base(books)}/milestones/{design.id}/dispute",
        {"reason": "never released"},
        HTTP_AUTHORIZATION=f"Bearer {issued.secret}",
    )
    # then the milestone is disputed, as docs/money.md says the payee may
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "disputed"


def test_a_resolve_key_reused_on_another_disputed_milestone_is_refused(books, client):
    # given two disputed milestones, the first resolved under a key
    design, build = _funded(books, 0), _funded(books, 1)
    for milestone in (design, build):
        services.open_dispute(books["actor"], books["venture"].id, milestone.id, "late")
    client.force_login(books["founder"])
    body = {"idempotency_key": "res-1", "payee_share": _money("600.00"), "on": "2026-06-15"}
    first = _post(client, f"{_base(books)}/milestones/{design.id}/resolve", body)
    # when the same key (and body) is sent for the second milestone, and the first retried
    other = _post(client, f"{_base(books)}/milestones/{build.id}/resolve", body)
    retry = _post(client, f"{_base(books)}/milestones/{design.id}/resolve", body)
    # then the second is refused, not answered with the first's result, and still disputed
    assert first.status_code == 200, first.content
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    assert Milestone.objects.get(id=build.id).state == Milestone.State.DISPUTED
    assert retry.status_code == 200 and retry.json() == first.json()


def test_a_release_retried_after_midnight_without_a_date_answers_the_first_payment(
    books, client
):
    # given a funded milestone and the founder, late on a Monday (UTC)
    design = _funded(books)
    client.force_login(books["founder"])
    url = f"{_base(books)}/milestones/{design.id}/release"
    body = {"idempotency_key": "rel-night"}  # no `on`: the server's today
    with clock.travel_to(datetime(2026, 6, 15, 23, 59, tzinfo=UTC)):
        first = _post(client, url, body)
    # when the client retries after midnight
    with clock.travel_to(datetime(2026, 6, 16, 0, 1, tzinfo=UTC)):
        retry = _post(client, url, body)
    # then the retry answers the first payment; its day is stored with it
    assert first.status_code == 201, first.content
    assert retry.status_code == 201, retry.content
    assert retry.json() == first.json()
    txn = LedgerTransaction.objects.get(idempotency_key="rel-night")
    assert txn.value_date == date(2026, 6, 15)
    shown = client.get(f"{_base(books)}/money/transactions/{txn.id}").json()
    assert shown["value_date"] == "2026-06-15"


def test_a_retried_release_reads_the_rate_exactly_as_the_first_answer(client):
    # given a US venture paying an Indonesian payee: a cross rate of 17 significant digits
    founder = UserFactory()
    venture = VentureFactory(base_currency="USD")
    MembershipFactory(user=founder, venture=venture, role="owner")
    payee = UserFactory(currency="IDR")
    actor = Actor(founder)
    services.deposit(actor, venture.id, Money.of("1000.00", "USD"), key="dep")
    plans = [services.MilestonePlan("Only", Money.of("100.00", "USD"))]
    escrow = services.open_escrow(actor, venture.id, payee.email, "K-1", "x", plans)
    milestone = escrow.milestones.get()
    services.fund_milestone(actor, venture.id, milestone.id, key="fund")
    client.force_login(founder)
    url = f"/api/v1/ventures/{venture.id}/milestones/{milestone.id}/release"
    body = {"idempotency_key": "rel-idr", "on": RATE_DAY.isoformat()}
    first = _post(client, url, body)
    # when the release is retried (read back from the database)
    retry = _post(client, url, body)
    # then the rate reads exactly as first answered, and the stored rate is that number
    assert first.status_code == 201 and retry.status_code == 201
    rate = first.json()["applied_rate"]
    assert len(rate.replace(".", "").lstrip("0")) > 15
    assert retry.json()["applied_rate"] == rate
    stored = Disclosure.objects.get(transaction__idempotency_key="rel-idr").applied_rate
    assert str(stored.normalize()) == rate


def test_an_offer_sent_with_a_key_answers_a_retry_and_refuses_another_request(client):
    # given a founder with a role to staff and a freelancer
    founder = UserFactory()
    venture = VentureFactory(base_currency=EUR)
    MembershipFactory(user=founder, venture=venture, role="owner")
    role = RoleFactory(project=ProjectFactory(venture=venture))
    freelancer = FreelancerFactory()
    client.force_login(founder)
    url = f"/api/v1/ventures/{venture.id}/work/offers"
    body = {
        "role_id": role.id,
        "freelancer_email": freelancer.email,
        "title": "Firmware port",
        "milestones": [{"title": "Port", "amount": _money("900.00")}],
        "idempotency_key": "offer-1",
    }
    first = _post(client, url, body)
    # when it is retried, and sent again with another title under the key
    retry = _post(client, url, body)
    other = _post(client, url, {**body, "title": "Another port"})
    # then the retry answers the first offer and the other request is refused
    assert first.status_code == 201, first.content
    assert retry.status_code == 201 and retry.json()["id"] == first.json()["id"]
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"


def test_an_invoice_issued_with_a_key_refuses_another_request_under_it(client):
    # given a venture with billing details and a customer
    founder = UserFactory()
    venture = VentureFactory(base_currency=EUR, legal_country="DE")
    MembershipFactory(user=founder, venture=venture, role="owner")
    BillingProfileFactory(
        venture=venture, legal_name="Kestrel GmbH", address="Torstraße 1\n10119 Berlin",
        vat_id="DE136695976",
    )
    customer = CustomerFactory(venture=venture, name="Rhein Data AG", country="DE", vat_id="")
    client.force_login(founder)
    url = f"/api/v1/ventures/{venture.id}/invoices"
    line = {"description": "Consulting", "quantity": "2", "unit_price": "150.00"}
    body = {
        "customer_id": customer.id,
        "issue_date": "2026-06-15",
        "lines": [line],
        "idempotency_key": "inv-1",
    }
    first = _post(client, url, body)
    # when it is retried, and sent with another line under the same key
    retry = _post(client, url, body)
    other = _post(client, url, {**body, "lines": [{**line, "quantity": "3"}]})
    # then the retry answers the first invoice and the other request is refused
    assert first.status_code == 201, first.content
    assert retry.status_code == 201 and retry.json()["id"] == first.json()["id"]
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"


def test_a_contract_dispute_with_a_key_answers_a_retry_and_refuses_another_reason(client):
    # given a hired freelancer with a funded milestone
    founder = UserFactory()
    venture = VentureFactory(base_currency=EUR)
    MembershipFactory(user=founder, venture=venture, role="owner")
    services.deposit(Actor(founder), venture.id, Money.of("5000.00", EUR), key="seed")
    freelancer = FreelancerFactory()
    role = RoleFactory(project=ProjectFactory(venture=venture))
    contract = hired(founder, role, freelancer)
    item = contract.milestones.get(position=1)
    milestones.fund(Actor(founder), venture.id, item.id, "fund-1")
    client.force_login(freelancer)
    url = f"/api/v1/work/milestones/{item.id}/dispute"
    body = {"reason": "Never released.", "idempotency_key": "dispute-1"}
    first = _post(client, url, body)
    # when the freelancer retries, and sends another reason under the key
    retry = _post(client, url, body)
    other = _post(client, url, {**body, "reason": "Something else."})
    # then the retry answers the dispute as it is, the other request is refused
    assert first.status_code == 201, first.content
    assert retry.status_code == 201 and retry.json()["state"] == "disputed"
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"


def test_an_approved_week_approved_again_under_a_new_key_is_refused(client):
    # given an hourly contract whose first week was approved and paid under one key
    founder = UserFactory()
    venture = VentureFactory(base_currency=EUR)
    MembershipFactory(user=founder, venture=venture, role="owner")
    services.deposit(Actor(founder), venture.id, Money.of("5000.00", EUR), key="seed")
    freelancer = FreelancerFactory()
    role = RoleFactory(project=ProjectFactory(venture=venture))
    with clock.travel_to(MONDAY):
        contract = hourly_hired(
            {"founder": founder, "venture": venture, "role": role}, freelancer
        )
        timesheets.log_time(
            Actor(freelancer), contract.id, datetime(2026, 6, 15, 1), 120, "Port"  # noqa: DTZ001
        )
    client.force_login(founder)
    url = f"/api/v1/ventures/{venture.id}/work/contracts/{contract.id}/weeks/2026-06-15/approve"
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        first = _post(client, url, {"idempotency_key": "week-1"})
        # when it is approved again under the same key, and under a new one
        retry = _post(client, url, {"idempotency_key": "week-1"})
        other = _post(client, url, {"idempotency_key": "week-2"})
    # then the retry answers the approval and the new key is refused (and stays unused)
    assert first.status_code in (200, 201), first.content
    assert retry.status_code == first.status_code and retry.json() == first.json()
    assert other.status_code == 409 and other.json()["code"] == "week_approved"
    assert not LedgerTransaction.objects.filter(idempotency_key__startswith="week-2").exists()
