"""Offer → contract → fund → start → submit → accept, through the services, with the
escrow in the money app and the ledger check passing after every flow."""

from datetime import timedelta

import pytest

from bornglobal import clock
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money import checks
from bornglobal.money.models import Escrow, LedgerTransaction, Milestone
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from bornglobal.work import milestones, services
from bornglobal.work.models import Contract, ContractEvent, Offer, ProjectStatus
from tests.work.factories import fixed_offer, hired


def _first(contract):
    return contract.milestones.order_by("position").first()


def test_an_accepted_offer_becomes_a_contract_with_its_escrow(kestrel, priya):
    # given an offer from the founder
    founder = Actor(kestrel["founder"])
    offer = services.send_offer(founder, kestrel["venture"].id, fixed_offer(kestrel["role"], priya))
    assert offer.state == "sent" and offer.pay_currency == "INR"
    # when the freelancer accepts it
    contract = services.accept_offer(Actor(priya), offer.id)
    # then the contract owns an escrow in EUR paying INR, with the two milestones
    escrow = Escrow.objects.get(id=contract.escrow_id)
    assert (escrow.currency, escrow.payee_currency, escrow.payee_id) == ("EUR", "INR", priya.id)
    assert [m.amount_minor for m in escrow.milestones.order_by("id")] == [120_000, 180_000]
    assert [m.state for m in contract.milestones.all()] == ["pending", "pending"]
    assert Offer.objects.get(id=offer.id).state == "accepted"
    # and the project is running, the terms are on the contract, and a retry is the same
    contract.project.refresh_from_db()
    assert contract.project.status == ProjectStatus.RUNNING
    assert contract.terms.auto_release_days == 14 and contract.state == "active"
    assert services.accept_offer(Actor(priya), offer.id).id == contract.id
    assert Contract.objects.count() == 1


def test_the_whole_milestone_cycle_pays_the_freelancer_in_rupees(kestrel, priya):
    # given a contract
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("1200.00",))
    founder, freelancer, venture_id = Actor(kestrel["founder"]), Actor(priya), kestrel["venture"].id
    item = _first(contract)
    # when the founder funds, the freelancer starts and submits, and the founder accepts
    milestones.fund(founder, venture_id, item.id, key="fund-1")
    milestones.start(freelancer, item.id)
    submitted = milestones.submit(freelancer, item.id, note="Binary and test report")
    assert submitted.auto_release_at == submitted.submitted_at + timedelta(days=14)
    disclosure = milestones.accept(founder, venture_id, item.id, key="accept-1")
    # then she is paid in INR with the rate disclosed, and the contract is completed
    assert (disclosure.paid_currency, disclosure.gross_minor) == ("INR", 120_000)
    assert disclosure.paid_minor > 0 and disclosure.rate_source
    contract.refresh_from_db()
    assert contract.state == "completed" and contract.ended_at is not None
    assert Milestone.objects.get(id=item.milestone_id).state == "settled"
    # and the project closes, the timeline tells the story and the books are whole
    contract.project.refresh_from_db()
    assert contract.project.status == ProjectStatus.CLOSED
    names = list(ContractEvent.objects.filter(contract=contract).values_list("name", flat=True))
    assert names == [
        "offer_accepted",
        "milestone_funded",
        "milestone_started",
        "deliverable_submitted",
        "milestone_accepted",
        "contract_completed",
    ]
    assert AuditEvent.objects.filter(action="work.milestone_accepted").count() == 1
    assert checks.run(venture_id) == []


def test_work_cannot_start_or_be_submitted_before_funding(kestrel, priya):
    # given a contract whose milestone is not funded
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = _first(contract)
    # when the freelancer tries to start or submit, then it is an illegal transition
    for attempt in (
        lambda: milestones.start(Actor(priya), item.id),
        lambda: milestones.submit(Actor(priya), item.id, "early"),
    ):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == "illegal_transition"
        assert refused.value.details["state"] == "pending"


def test_retrying_a_money_move_with_the_same_key_answers_the_first_result(kestrel, priya):
    # given a funded, submitted milestone
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    founder, venture_id, item = Actor(kestrel["founder"]), kestrel["venture"].id, _first(contract)
    first = milestones.fund(founder, venture_id, item.id, key="fund-a")
    # when the same fund and accept are sent twice
    again = milestones.fund(founder, venture_id, item.id, key="fund-a")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "done")
    paid = milestones.accept(founder, venture_id, item.id, key="acc-a")
    paid_again = milestones.accept(founder, venture_id, item.id, key="acc-a")
    # then nothing moved twice
    assert first.pk == again.pk and paid.pk == paid_again.pk
    assert LedgerTransaction.objects.filter(milestone_id=item.milestone_id).count() == 2
    assert checks.run(venture_id) == []


def test_changes_requested_stop_the_clock_and_a_resubmission_restarts_it(kestrel, priya):
    # given a submitted milestone
    contract = hired(kestrel["founder"], kestrel["role"], priya, auto_release_days=7)
    founder, venture_id, item = Actor(kestrel["founder"]), kestrel["venture"].id, _first(contract)
    milestones.fund(founder, venture_id, item.id, key="f")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "v1")
    # when the founder asks for changes, then nothing auto-releases
    changed = milestones.request_changes(founder, venture_id, item.id, "Tighter loop timing")
    assert changed.state == "changes_requested" and changed.auto_release_at is None
    # when she resubmits three days later, then the 7 days count from then
    later = clock.now() + timedelta(days=3)
    with clock.travel_to(later):
        again = milestones.submit(Actor(priya), item.id, "v2")
    assert again.auto_release_at == later + timedelta(days=7)


def test_a_part_release_pays_some_and_accept_pays_the_rest(kestrel, priya):
    # given a funded milestone in progress
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("1000.00",))
    founder, venture_id, item = Actor(kestrel["founder"]), kestrel["venture"].id, _first(contract)
    milestones.fund(founder, venture_id, item.id, key="f")
    milestones.start(Actor(priya), item.id)
    # when 300 EUR are released early, and all of it is refused as a "part"
    part = milestones.release_part(founder, venture_id, item.id, "p1", Money.of("300.00", "EUR"))
    with pytest.raises(DomainError) as refused:
        milestones.release_part(founder, venture_id, item.id, "p2", Money.of("700.00", "EUR"))
    assert refused.value.code == "invalid_part"
    # then accepting after submission releases the remaining 700
    milestones.submit(Actor(priya), item.id, "done")
    rest = milestones.accept(founder, venture_id, item.id, key="acc")
    assert (part.gross_minor, rest.gross_minor) == (30_000, 70_000)
    assert checks.run(venture_id) == []


def test_offers_can_be_declined_withdrawn_or_expire(kestrel, priya):
    # given three offers for three roles
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    offers = []
    for title in ("A", "B", "C"):
        role = kestrel["role"].__class__.objects.create(
            project=kestrel["project"], title=title, hours=10
        )
        offers.append(services.send_offer(founder, venture_id, fixed_offer(role, priya)))
    # when she declines one, the founder withdraws one and the third passes its expiry
    services.decline_offer(Actor(priya), offers[0].id, "Busy in June")
    services.withdraw_offer(founder, venture_id, offers[1].id)
    expired = services.expire_due_offers(clock.now() + timedelta(days=15))
    # then each is final and cannot be accepted
    assert expired == 1
    states = [Offer.objects.get(id=o.id).state for o in offers]
    assert states == ["declined", "withdrawn", "expired"]
    for offer in offers:
        with pytest.raises(DomainError) as refused:
            services.accept_offer(Actor(priya), offer.id)
        assert refused.value.code == "illegal_transition"
    assert Escrow.objects.count() == 0


def test_an_offer_past_its_expiry_cannot_be_accepted_before_the_sweep(kestrel, priya):
    offer = services.send_offer(
        Actor(kestrel["founder"]), kestrel["venture"].id, fixed_offer(kestrel["role"], priya)
    )
    later = clock.now() + timedelta(days=14, seconds=1)
    with clock.travel_to(later), pytest.raises(DomainError) as refused:
        services.accept_offer(Actor(priya), offer.id)
    assert refused.value.code == "offer_expired"


def test_one_open_offer_per_role_and_freelancer(kestrel, priya):
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    services.send_offer(founder, venture_id, fixed_offer(kestrel["role"], priya))
    with pytest.raises(DomainError) as refused:
        services.send_offer(founder, venture_id, fixed_offer(kestrel["role"], priya))
    assert refused.value.code == "offer_exists"


def test_an_hourly_offer_funds_a_week_at_the_cap_and_respects_the_rate_ceiling(kestrel, priya):
    # given a role whose rate ceiling is 60.00 EUR an hour
    founder, venture_id, role = Actor(kestrel["founder"]), kestrel["venture"].id, kestrel["role"]
    hourly = dict(type="hourly", weekly_cap_hours=20)
    # when an offer above the ceiling is sent, then it is refused
    with pytest.raises(DomainError) as refused:
        services.send_offer(
            founder,
            venture_id,
            services.OfferDraft(
                role.id, priya.email, "Support", hourly_rate=Money.of("61.00", "EUR"), **hourly
            ),
        )
    assert refused.value.code == "rate_above_ceiling"
    # when one at 50.00 is accepted, then the escrow holds one week at the cap
    offer = services.send_offer(
        founder,
        venture_id,
        services.OfferDraft(
            role.id, priya.email, "Support", hourly_rate=Money.of("50.00", "EUR"), **hourly
        ),
    )
    contract = services.accept_offer(Actor(priya), offer.id)
    assert [m.amount_minor for m in contract.escrow.milestones.all()] == [100_000]
    assert contract.terms.weekly_cap_hours == 20


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"auto_release_days": 10}, "invalid_auto_release_period"),
        ({"amounts": ("0.00",)}, "invalid_milestone"),
        ({"amounts": ()}, "no_milestones"),
    ],
)
def test_bad_offers_are_refused_with_a_code(kestrel, priya, changes, code):
    amounts = changes.pop("amounts", ("100.00",))
    with pytest.raises(DomainError) as refused:
        services.send_offer(
            Actor(kestrel["founder"]),
            kestrel["venture"].id,
            fixed_offer(kestrel["role"], priya, amounts, **changes),
        )
    assert refused.value.code == code
