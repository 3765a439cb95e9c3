"""Real threads on PostgreSQL, released together, against the races the review found:
the same escrow, payout batch, dispute, resolution, offer or invoice sent several
times at once, a key reused at once on two payout lines, and a split resolution
against a fund and a refund of its sibling milestones. Every answer is a result or a
refusal with its code; none is an error, and nothing is made twice."""

from datetime import date
from decimal import Decimal

import pytest

from bornglobal.domain.money import Money
from bornglobal.invoicing import issuing
from bornglobal.invoicing.models import Invoice
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.money import checks, payouts, services
from bornglobal.money.models import Escrow, Milestone, PayoutBatch
from bornglobal.tenancy.actors import Actor
from bornglobal.work import services as work
from bornglobal.work.models import Offer
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.invoicing.factories import BillingProfileFactory, CustomerFactory
from tests.money.conftest import RATE_DAY
from tests.races import race
from tests.work.factories import FreelancerFactory, ProjectFactory, RoleFactory, fixed_offer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
EUR = "EUR"


def _escrow(books, ref, amounts=("100.00", "100.00", "100.00")):
    plans = [services.MilestonePlan(f"M{n}", Money.of(a, EUR)) for n, a in enumerate(amounts)]
    escrow = services.open_escrow(
        books["actor"], books["venture"].id, books["payee"].email, ref, "Race", plans
    )
    return list(escrow.milestones.order_by("id"))


def _collect(results, call):
    """A job for `race` that keeps what `call` answered."""
    return lambda: results.append(call())


def test_the_same_escrow_opened_three_times_at_once_without_a_key(books):
    # given a venture, a payee and one contract reference
    actor, venture, payee = books["actor"], books["venture"], books["payee"]
    plans = [services.MilestonePlan("Only", Money.of("50.00", EUR))]

    def job():
        services.open_escrow(actor, venture.id, payee.email, "R-1", "Race", plans)

    # when three threads open it at the same instant
    outcomes = race(job, job, job)
    # then one escrow is opened and the others are refused as existing, none fails
    assert outcomes == ["done", "escrow_exists", "escrow_exists"]
    assert Escrow.objects.filter(venture=venture, contract_ref="R-1").count() == 1


def test_the_same_escrow_sent_three_times_at_once_with_one_key_answers_one_escrow(books):
    # given one request with an idempotency key
    actor, venture, payee = books["actor"], books["venture"], books["payee"]
    plans = [services.MilestonePlan("Only", Money.of("50.00", EUR))]
    results = []
    job = _collect(
        results,
        lambda: services.open_escrow(
            actor, venture.id, payee.email, "R-2", "Race", plans, key="escrow-r2"
        ).id,
    )
    # when it is sent three times at the same instant
    outcomes = race(job, job, job)
    # then all three get the same escrow
    assert outcomes == ["done", "done", "done"]
    assert len(set(results)) == 1
    assert Escrow.objects.filter(venture=venture, contract_ref="R-2").count() == 1


def test_the_same_payout_key_sent_three_times_at_once_gets_one_batch_every_time(books):
    # given five rounds, each with a fresh release owed to the payee
    actor, venture = books["actor"], books["venture"]
    milestones = _escrow(books, "R-3", amounts=("10.00",) * 5)
    for round_ in range(5):
        milestone = milestones[round_]
        services.fund_milestone(actor, venture.id, milestone.id, key=f"f-{round_}")
        services.release(actor, venture.id, milestone.id, key=f"r-{round_}", on=RATE_DAY)
        results = []
        job = _collect(
            results, lambda k=f"batch-{round_}": payouts.create_batch(actor, venture.id, k).id
        )
        # when the same batch key is sent three times at the same instant
        outcomes = race(job, job, job)
        # then every send answers the same batch: no error, no "nothing to pay"
        assert outcomes == ["done", "done", "done"], round_
        assert len(set(results)) == 1
    assert PayoutBatch.objects.filter(venture=venture).count() == 5
    assert checks.run(venture.id) == []


def test_one_key_reused_at_once_on_two_payout_lines_fails_one_of_them(books):
    # given a batch with two lines (two payees)
    actor, venture = books["actor"], books["venture"]
    other = UserFactory(currency="EUR")
    first = _escrow(books, "R-4", amounts=("20.00",))[0]
    plans = [services.MilestonePlan("Other", Money.of("30.00", EUR))]
    second = services.open_escrow(
        actor, venture.id, other.email, "R-5", "Race", plans
    ).milestones.get()
    for milestone in (first, second):
        services.fund_milestone(actor, venture.id, milestone.id, key=f"f-{milestone.id}")
        services.release(actor, venture.id, milestone.id, key=f"r-{milestone.id}", on=RATE_DAY)
    batch = payouts.create_batch(actor, venture.id, "batch-r4")
    one, two = batch.lines.order_by("id")

    # when both lines are marked failed at the same instant under one key
    outcomes = race(
        lambda: payouts.mark_line_failed(actor, venture.id, one.id, "fail-1"),
        lambda: payouts.mark_line_failed(actor, venture.id, two.id, "fail-1"),
    )
    # then one is failed and the other refused for the reused key, not an error
    assert outcomes == ["done", "idempotency_key_reused"]
    assert batch.lines.filter(state="failed").count() == 1
    assert checks.run(venture.id) == []


def test_a_split_resolution_against_a_fund_and_a_refund_of_its_siblings(books):
    # given twelve rounds of three sibling milestones on one escrow: the first disputed,
    # the second pending and the third funded (the wallet account is older than the
    # escrow's: resolve used to lock escrow then wallet, fund and refund wallet then escrow)
    actor, venture = books["actor"], books["venture"]
    services.deposit(actor, venture.id, Money.of("5000.00", EUR), key="more")
    crashes = []
    for round_ in range(12):
        disputed, pending, funded = _escrow(books, f"S-{round_}")
        services.fund_milestone(actor, venture.id, disputed.id, key=f"fd-{round_}")
        services.fund_milestone(actor, venture.id, funded.id, key=f"ff-{round_}")
        services.open_dispute(actor, venture.id, disputed.id, "late")
        # when one thread splits the dispute while others fund and refund the siblings
        outcomes = race(
            lambda m=disputed.id, k=f"res-{round_}": services.resolve_dispute(
                actor, venture.id, m, k, Money.of("40.00", EUR), on=RATE_DAY
            ),
            lambda m=pending.id, k=f"fp-{round_}": services.fund_milestone(
                actor, venture.id, m, key=k
            ),
            lambda m=funded.id, k=f"rf-{round_}": services.refund(actor, venture.id, m, key=k),
        )
        crashes += [outcome for outcome in outcomes if outcome != "done"]
    # then no round deadlocked or failed, and the books are whole
    assert crashes == []
    assert checks.run(venture.id) == []


def test_the_same_dispute_and_resolution_sent_twice_at_once(books):
    # given a funded milestone
    actor, venture = books["actor"], books["venture"]
    milestone = _escrow(books, "R-6", amounts=("80.00",))[0]
    services.fund_milestone(actor, venture.id, milestone.id, key="f-r6")
    # when the dispute is opened twice at once under one key, and then resolved so
    def dispute():
        services.open_dispute(actor, venture.id, milestone.id, "late", key="d-r6")

    opened = race(dispute, dispute)
    results = []
    resolve = _collect(
        results,
        lambda: services.resolve_dispute(
            actor, venture.id, milestone.id, "res-r6", Money.of("30.00", EUR), on=RATE_DAY
        ).paid.id,
    )
    resolved = race(resolve, resolve)
    # then both sends of each got the one result
    assert opened == ["done", "done"] and resolved == ["done", "done"]
    assert len(set(results)) == 1
    assert Milestone.objects.get(id=milestone.id).state == Milestone.State.SETTLED
    assert checks.run(venture.id) == []


def test_the_same_invoice_sent_twice_at_once_is_issued_once(books):
    # given a customer of the venture
    actor, venture = books["actor"], books["venture"]
    BillingProfileFactory(
        venture=venture, legal_name="Kestrel Robotics GmbH", address="Torstraße 1\n10119 Berlin",
        vat_id="DE136695976",
    )
    customer = CustomerFactory(venture=venture, name="Rhein Data AG", country="DE", vat_id="")
    line = LinePlan("Consulting", Decimal("2"), Money.of("150.00", EUR))
    results = []
    job = _collect(
        results,
        lambda: issuing.issue_invoice(
            actor, venture.id, customer.id, [line], issue_date=date(2026, 6, 15), key="inv-1"
        ).id,
    )
    # when it is sent twice at the same instant
    outcomes = race(job, job)
    # then one invoice is issued and both sends answer it
    assert outcomes == ["done", "done"]
    assert len(set(results)) == 1
    assert Invoice.objects.filter(venture=venture, idempotency_key="inv-1").count() == 1


def test_the_same_offer_sent_twice_at_once_is_sent_once(kestrel_offer):
    # given an offer draft with a key
    actor, venture_id, draft = kestrel_offer
    results = []
    job = _collect(results, lambda: work.send_offer(actor, venture_id, draft, key="offer-1").id)
    # when it is sent twice at the same instant
    outcomes = race(job, job)
    # then one offer exists and both sends answer it
    assert outcomes == ["done", "done"]
    assert len(set(results)) == 1
    assert Offer.objects.filter(venture_id=venture_id).count() == 1


@pytest.fixture
def kestrel_offer(db):
    """A founder, a project with a role, and a draft offer to a freelancer."""
    founder = UserFactory()
    venture = VentureFactory(base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner")
    role = RoleFactory(project=ProjectFactory(venture=venture))
    return Actor(founder), venture.id, fixed_offer(role, FreelancerFactory())
