"""Each contract event reaches the right people, in their own words, exactly once."""

from datetime import timedelta

from bornglobal.domain.money import Money
from bornglobal.notifications.models import Notification
from bornglobal.tenancy.actors import Actor
from bornglobal.work import disputes, milestones, services
from tests.work.factories import fixed_offer, hired


def _told(key_part: str) -> list[tuple[str, str]]:
    found = Notification.objects.filter(key__contains=key_part).order_by("recipient__email")
    return [(n.recipient.email, n.kind) for n in found]


def test_an_offer_tells_the_freelancer_and_her_answer_tells_the_sender(kestrel, priya):
    # given the founder sends Priya an offer
    founder = kestrel["founder"]
    offer = services.send_offer(
        Actor(founder), kestrel["venture"].id, fixed_offer(kestrel["role"], priya)
    )
    # then Priya is told, with the value in rupees
    sent = Notification.objects.get(recipient=priya)
    assert sent.key == f"offer:{offer.id}:sent" and sent.kind == "offer"
    assert "Kestrel Robotics sent you an offer" in sent.title
    assert "₹" in sent.body and sent.side == "freelancer"
    # when she accepts, then the founder (who sent it) is told, and Priya nothing more
    services.accept_offer(Actor(priya), offer.id)
    accepted = Notification.objects.get(recipient=founder)
    assert accepted.key == f"offer:{offer.id}:accepted"
    assert accepted.title.startswith("Priya Raghavan accepted your offer")
    assert Notification.objects.filter(recipient=priya).count() == 1


def test_a_declined_offer_tells_the_sender(kestrel, priya):
    # given an offer
    offer = services.send_offer(
        Actor(kestrel["founder"]), kestrel["venture"].id, fixed_offer(kestrel["role"], priya)
    )
    # when Priya declines it
    services.decline_offer(Actor(priya), offer.id, "Booked until March")
    # then the founder is told once
    assert _told(f"offer:{offer.id}:declined") == [(kestrel["founder"].email, "offer")]


def test_funding_tells_the_freelancer_she_may_start(kestrel, priya, contract, team):
    # given a contract
    item = contract.milestones.get(position=1)
    # when the founder funds the first milestone
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-1")
    # then only Priya is told, in her currency
    told = Notification.objects.get(key=f"milestone:{item.id}:funded")
    assert told.recipient == priya and told.title == "“Part 1” is funded: you may start"
    assert "₹" in told.body and "€" in told.body
    assert told.link == f"/me/work/contracts/{contract.id}/" or told.link == "/me/work/"
    assert _told(f"milestone:{item.id}:funded") == [(priya.email, "funding")]


def test_a_submission_tells_everyone_who_may_move_the_venture_money(kestrel, priya, team,
                                                                    submitted):
    # given a submitted milestone (the fixture), then the owner and the manager are
    # told, not the plain member and not Priya who submitted
    told = _told(f"milestone:{submitted.id}:submitted")
    assert told == [("jonas@example.org", "submission"), (kestrel["founder"].email, "submission")]
    note = Notification.objects.filter(key__contains="submitted").first()
    assert note.title == "Priya Raghavan submitted “Part 1”"
    assert "Firmware and test report" in note.body and "automatically" in note.body


def test_changes_requested_tell_the_freelancer(kestrel, priya, submitted):
    # when the founder asks for changes
    milestones.request_changes(
        Actor(kestrel["founder"]), kestrel["venture"].id, submitted.id, "Add the CAN bus tests"
    )
    # then Priya is told with the note
    told = Notification.objects.get(key__startswith=f"milestone:{submitted.id}:changes")
    assert told.recipient == priya and "Add the CAN bus tests" in told.body


def test_acceptance_tells_the_freelancer_what_she_was_paid_in_rupees(kestrel, priya, submitted):
    # when the founder accepts the milestone, and the same request is retried
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    milestones.accept(founder, venture_id, submitted.id, "accept-1")
    milestones.accept(founder, venture_id, submitted.id, "accept-1")
    # then Priya is told once, with the rupee amount
    told = Notification.objects.get(key=f"milestone:{submitted.id}:accepted")
    assert told.recipient == priya and told.kind == "payment"
    assert "was accepted: you were paid ₹" in told.title


def test_a_part_release_tells_the_freelancer(kestrel, priya, contract):
    # given a funded, started milestone
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    item = contract.milestones.get(position=1)
    milestones.fund(founder, venture_id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    # when the founder pays part of it
    milestones.release_part(founder, venture_id, item.id, "part-1", Money.of("200.00", "EUR"))
    # then Priya is told
    told = Notification.objects.get(key__startswith=f"milestone:{item.id}:part:")
    assert told.recipient == priya and told.title.startswith("Part of “Part 1” was released")


def test_auto_release_tells_the_freelancer_and_the_venture(kestrel, priya, team, submitted):
    # when the auto-release sweep runs after the period
    milestones.auto_release(submitted.id, submitted.auto_release_at)
    # then Priya hears she was paid and the venture's money people that it was released
    assert _told(f"milestone:{submitted.id}:auto_released") == [
        ("jonas@example.org", "payment"),
        (kestrel["founder"].email, "payment"),
        (priya.email, "payment"),
    ]
    mine = Notification.objects.get(recipient=priya, key__endswith="auto_released")
    assert "released automatically: you were paid ₹" in mine.title


def test_a_dispute_tells_both_sides_but_not_whoever_acted(kestrel, priya, team, submitted):
    # when the founder opens a dispute
    disputes.open_dispute(Actor(kestrel["founder"]), submitted.id, "The build does not boot")
    # then Priya and the manager are told, the founder is not
    assert _told(f"milestone:{submitted.id}:disputed") == [
        ("jonas@example.org", "dispute"),
        (priya.email, "dispute"),
    ]
    # when Priya adds evidence, then the founder and the manager are told
    entry = disputes.add_evidence(Actor(priya), submitted.id, "Boot log attached")
    assert _told(f"dispute-evidence:{entry.id}") == [
        ("jonas@example.org", "dispute"),
        (kestrel["founder"].email, "dispute"),
    ]
    # when the manager resolves it, then Priya and the founder are told
    disputes.resolve(Actor(team["manager"]), submitted.id, "resolve-1",
                     Money.of("600.00", "EUR"), "Half each")
    assert _told(f"milestone:{submitted.id}:resolved") == [
        (kestrel["founder"].email, "dispute"),
        (priya.email, "dispute"),
    ]
    paid = Notification.objects.get(recipient=priya, key__endswith="resolved")
    assert "you were paid ₹" in paid.title


def test_an_approved_hourly_week_tells_the_freelancer_once(kestrel, priya):
    # given an hourly contract with its week funded and 5 hours logged
    from datetime import UTC, date, datetime

    from bornglobal import clock
    from bornglobal.domain.contracts import ContractType
    from bornglobal.work import timesheets

    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    draft = services.OfferDraft(
        role_id=kestrel["role"].id, freelancer_email=priya.email, title="Firmware support",
        type=ContractType.HOURLY, hourly_rate=Money.of("40.00", "EUR"), weekly_cap_hours=10,
    )
    contract = services.accept_offer(
        Actor(priya), services.send_offer(founder, venture_id, draft).id
    )
    milestones.fund(founder, venture_id, contract.milestones.get(position=1).id, "fund-week")
    start = datetime(2026, 6, 15, 1, tzinfo=UTC).replace(tzinfo=None)
    timesheets.log_time(Actor(priya), contract.id, start, 300, "Port")
    # when the founder approves the ended week
    with clock.travel_to(datetime(2026, 6, 22, 9, tzinfo=UTC)):
        timesheets.approve_week(founder, venture_id, contract.id, date(2026, 6, 15), "week-1")
    # then Priya hears once that she was paid, and nobody hears of a "submission"
    paid = Notification.objects.filter(recipient=priya, kind="payment")
    assert [n.title[:33] for n in paid] == ["Your week of 2026-06-15 was appro"]
    assert not Notification.objects.filter(kind="submission").exists()


def test_a_withdrawn_offer_tells_the_freelancer(kestrel, priya):
    # given an offer
    venture_id = kestrel["venture"].id
    offer = services.send_offer(
        Actor(kestrel["founder"]), venture_id, fixed_offer(kestrel["role"], priya)
    )
    # when the founder withdraws it
    services.withdraw_offer(Actor(kestrel["founder"]), venture_id, offer.id)
    # then Priya is told, and the founder (who acted) is not
    assert _told(f"offer:{offer.id}:withdrawn") == [(priya.email, "offer")]


def test_an_expired_offer_tells_both_sides_once(kestrel, priya):
    # given an offer past its expiry
    offer = services.send_offer(
        Actor(kestrel["founder"]), kestrel["venture"].id, fixed_offer(kestrel["role"], priya)
    )
    later = offer.expires_at + timedelta(minutes=1)
    # when the worker's sweep runs twice
    services.expire_due_offers(later)
    services.expire_due_offers(later)
    # then Priya and the founder are each told once
    told = _told(f"offer:{offer.id}:expired")
    assert sorted(told) == sorted([(priya.email, "offer"), (kestrel["founder"].email, "offer")])


def test_a_completed_contract_asks_both_sides_for_a_review(kestrel, priya):
    # given a one-milestone contract, its milestone submitted
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    contract = hired(kestrel["founder"], kestrel["role"], priya, amounts=("800.00",))
    item = contract.milestones.get()
    milestones.fund(founder, venture_id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "Firmware and test report")
    # when the founder accepts it, which completes the contract
    milestones.accept(founder, venture_id, item.id, "accept-1")
    # then both sides are asked for a review, the founder too though she acted last
    contract.refresh_from_db()
    assert contract.state == "completed"
    told = Notification.objects.filter(key=f"contract:{contract.id}:completed")
    assert {n.recipient for n in told} == {priya, kestrel["founder"]}
    assert all("leave a review" in n.title for n in told)
