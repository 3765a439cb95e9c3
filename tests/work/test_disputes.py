"""Disputes through the work app: open, evidence within the window, mediated split."""

from datetime import timedelta

import pytest

from bornglobal import clock
from bornglobal.domain.contracts import ContractState, MilestoneState
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.money import checks
from bornglobal.money.models import Milestone
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from bornglobal.work import disputes, milestones
from bornglobal.work.models import ContractEvent
from tests.factories import MembershipFactory, UserFactory
from tests.work.factories import hired


def _submitted(kestrel, priya, **terms):
    contract = hired(kestrel["founder"], kestrel["role"], priya, **terms)
    item = contract.milestones.get(position=1)
    venture_id = kestrel["venture"].id
    milestones.fund(Actor(kestrel["founder"]), venture_id, item.id, "fund-1")
    milestones.start(Actor(priya), item.id)
    milestones.submit(Actor(priya), item.id, "Done.")
    return contract, item


def _names(contract):
    return list(ContractEvent.objects.filter(contract=contract).values_list("name", flat=True))


def test_the_freelancer_disputes_a_submitted_milestone_and_escrow_is_frozen(kestrel, priya):
    # given a submitted milestone waiting for auto-release
    contract, item = _submitted(kestrel, priya)
    # when the freelancer opens a dispute
    disputes.open_dispute(Actor(priya), item.id, "Accepted in a call, never released.")
    # then milestone, contract and escrow are disputed and the auto-release clock stopped
    item.refresh_from_db()
    contract.refresh_from_db()
    assert item.state == MilestoneState.DISPUTED and item.auto_release_at is None
    assert contract.state == ContractState.DISPUTED
    assert Milestone.objects.get(id=item.milestone_id).state == Milestone.State.DISPUTED
    # and the timeline and the audit log say so
    assert {"contract_disputed", "milestone_disputed"} <= set(_names(contract))
    assert AuditEvent.objects.filter(action="work.milestone_disputed").exists()
    assert AuditEvent.objects.filter(action="escrow.disputed").exists()


def test_the_venture_disputes_a_funded_milestone_and_auto_release_skips_it(kestrel, priya):
    # given a submitted first milestone and a funded second one
    contract, item = _submitted(kestrel, priya)
    second = contract.milestones.get(position=2)
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, second.id, "fund-2")
    # when the founder disputes both
    disputes.open_dispute(Actor(kestrel["founder"]), item.id, "Half the pages are missing.")
    disputes.open_dispute(Actor(kestrel["founder"]), second.id, "Work never started.")
    # then both are disputed and the catch-up sweep leaves the submitted one alone
    second.refresh_from_db()
    assert second.state == MilestoneState.DISPUTED
    assert milestones.release_due(clock.now() + timedelta(days=60)) == 0
    assert _names(contract).count("contract_disputed") == 1


def test_a_pending_milestone_cannot_be_disputed(kestrel, priya):
    # given a contract whose first milestone is not funded
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = contract.milestones.get(position=1)
    # when the founder tries to dispute it
    # then it is refused
    with pytest.raises(DomainError) as refused:
        disputes.open_dispute(Actor(kestrel["founder"]), item.id, "No.")
    assert refused.value.code == "illegal_transition"


def test_a_stranger_cannot_dispute_or_see_a_dispute(kestrel, priya):
    # given a submitted milestone and someone outside the contract
    _contract, item = _submitted(kestrel, priya)
    stranger = UserFactory()
    # when they try to open it or read it
    # then there is no such thing for them
    with pytest.raises(NotFound):
        disputes.open_dispute(Actor(stranger), item.id, "Mine.")
    disputes.open_dispute(Actor(priya), item.id, "Unpaid.")
    with pytest.raises(NotFound):
        disputes.dispute_for(Actor(stranger), item.id)


def test_both_sides_attach_evidence_until_the_window_closes(kestrel, priya):
    # given a dispute on a contract with a 7-day evidence window
    _contract, item = _submitted(kestrel, priya, dispute_window_days=7)
    disputes.open_dispute(Actor(kestrel["founder"]), item.id, "Wrong language.")
    # when both sides attach notes inside the window
    disputes.add_evidence(Actor(kestrel["founder"]), item.id, "Pages 3-9 are in English.")
    disputes.add_evidence(Actor(priya), item.id, "The brief said English for those pages.")
    # then both are on the dispute, with the sides recorded
    view = disputes.dispute_for(Actor(priya), item.id)
    lines = [(line.name, line.actor_id) for line in view.lines]
    assert lines[1:] == [
        ("dispute_evidence_added", kestrel["founder"].id),
        ("dispute_evidence_added", priya.id),
    ]
    assert view.evidence_due == view.lines[0].at + timedelta(days=7)
    # and after the window a note is refused
    late_instant = view.evidence_due + timedelta(seconds=1)
    with clock.travel_to(late_instant), pytest.raises(Conflict) as late:
        disputes.add_evidence(Actor(priya), item.id, "One more thing.")
    assert late.value.code == "evidence_window_closed"


def test_evidence_needs_an_open_dispute(kestrel, priya):
    # given a submitted milestone without a dispute
    _contract, item = _submitted(kestrel, priya)
    # when the freelancer attaches evidence
    # then it is refused
    with pytest.raises(Conflict) as refused:
        disputes.add_evidence(Actor(priya), item.id, "Look.")
    assert refused.value.code == "not_disputed"


def test_a_manager_mediates_a_split_paid_and_refunded_through_money(kestrel, priya):
    # given a disputed 1,200 EUR milestone and a manager of the venture
    contract, item = _submitted(kestrel, priya, amounts=("1200.00",))
    manager = UserFactory()
    MembershipFactory(user=manager, venture=kestrel["venture"], role="manager")
    disputes.open_dispute(Actor(priya), item.id, "Unpaid.")
    # when the manager splits it 800 / 400
    share = Money.of("800.00", "EUR")
    outcome = disputes.resolve(Actor(manager), item.id, "mediate-1", share, "Two thirds done.")
    # then 800 went to the freelancer, 400 back, and the ledger is whole
    assert outcome.paid == share and outcome.refunded == Money.of("400.00", "EUR")
    assert Milestone.objects.get(id=item.milestone_id).state == Milestone.State.SETTLED
    assert checks.run() == []
    # and the milestone is resolved, the contract active again and then completed
    item.refresh_from_db()
    contract.refresh_from_db()
    assert item.state == MilestoneState.RESOLVED
    assert contract.state == ContractState.COMPLETED
    assert {"milestone_dispute_resolved", "contract_dispute_resolved"} <= set(_names(contract))
    # and a retry with the same key answers the same outcome
    again = disputes.resolve(Actor(manager), item.id, "mediate-1", share)
    assert again.paid == share


def test_the_operator_mediates_without_a_seat_in_the_venture(kestrel, priya):
    # given a disputed milestone and the instance operator
    contract, item = _submitted(kestrel, priya)
    operator = UserFactory(is_staff=True)
    disputes.open_dispute(Actor(kestrel["founder"]), item.id, "Late and incomplete.")
    # when the operator gives everything back to the venture
    outcome = disputes.resolve(Actor(operator), item.id, "op-1", Money.of("0.00", "EUR"))
    # then the whole milestone is refunded and the operator is on the timeline
    assert outcome.refunded == Money.of("1200.00", "EUR") and outcome.paid.is_zero
    line = ContractEvent.objects.get(contract=contract, name="milestone_dispute_resolved")
    assert line.actor_id == operator.id
    assert checks.run() == []


def test_the_freelancer_and_a_plain_member_cannot_mediate(kestrel, priya):
    # given a disputed milestone and a member without money rights
    _contract, item = _submitted(kestrel, priya)
    member = UserFactory()
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    disputes.open_dispute(Actor(kestrel["founder"]), item.id, "Late.")
    share = Money.of("600.00", "EUR")
    # when they try to resolve it
    # then the freelancer has a conflict of interest and the member lacks the role
    with pytest.raises(Conflict) as own:
        disputes.resolve(Actor(priya), item.id, "k", share)
    assert own.value.code == "conflict_of_interest"
    with pytest.raises(DomainError) as member_refused:
        disputes.resolve(Actor(member), item.id, "k", share)
    assert member_refused.value.code == "role_forbidden"


def test_a_share_above_what_is_held_is_refused(kestrel, priya):
    # given a disputed 1,200 EUR milestone
    _contract, item = _submitted(kestrel, priya)
    disputes.open_dispute(Actor(priya), item.id, "Unpaid.")
    # when the founder awards more than is held
    # then it is refused and nothing moved
    with pytest.raises(DomainError) as refused:
        disputes.resolve(Actor(kestrel["founder"]), item.id, "k", Money.of("1500.00", "EUR"))
    assert refused.value.code == "invalid_share"
    item.refresh_from_db()
    assert item.state == MilestoneState.DISPUTED


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_a_dispute_over_the_api_from_opening_to_outcome(client, kestrel, priya):
    # given a submitted milestone
    _contract, item = _submitted(kestrel, priya)
    url = f"/api/v1/work/milestones/{item.id}/dispute"
    # when the freelancer opens a dispute and adds evidence
    client.force_login(priya)
    opened = _post(client, url, {"reason": "Unpaid for two weeks."})
    assert opened.status_code == 201, opened.json()
    noted = _post(client, f"{url}/evidence", {"note": "Chat log of the approval."})
    assert noted.status_code == 201, noted.json()
    # and the founder resolves it
    client.force_login(kestrel["founder"])
    resolved = _post(
        client,
        f"{url}/resolve",
        {"idempotency_key": "r-1", "payee_share": {"amount": "1000.00", "currency": "EUR"}},
    )
    # then the outcome and the dispute's lines are answered
    assert resolved.status_code == 200, resolved.json()
    assert resolved.json()["paid"]["amount"] == "1000.00"
    assert resolved.json()["refunded"]["amount"] == "200.00"
    lines = client.get(url).json()["lines"]
    assert [line["name"] for line in lines] == [
        "milestone_disputed",
        "dispute_evidence_added",
        "milestone_dispute_resolved",
    ]


def test_the_api_hides_a_dispute_from_a_stranger(client, kestrel, priya):
    # given a dispute and a stranger logged in
    _contract, item = _submitted(kestrel, priya)
    disputes.open_dispute(Actor(priya), item.id, "Unpaid.")
    client.force_login(UserFactory())
    # when they read it or add evidence
    url = f"/api/v1/work/milestones/{item.id}/dispute"
    # then the answer is 404
    assert client.get(url).status_code == 404
    assert _post(client, f"{url}/evidence", {"note": "x"}).status_code == 404
