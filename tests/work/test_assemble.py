"""Assemble a team: the proposal from the network, the ceiling, the budget, the offers."""

import pytest

from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.tenancy.actors import Actor
from bornglobal.work.assemble import Settings, parse_hours, propose
from bornglobal.work.assemble_offers import send_team_offers
from bornglobal.work.models import Offer
from tests.factories import MembershipFactory, UserFactory, VentureFactory
from tests.work.assemble_fixtures import listed, needs_python


def _propose(kestrel, **settings):
    venture, project = kestrel["venture"], kestrel["project"]
    return propose(Actor(kestrel["founder"]), venture.id, project.id, Settings(**settings))


def test_the_proposal_picks_the_cheapest_eligible_person(kestrel):
    # given a role needing Python at level 3 and three listed people
    needs_python(kestrel["role"])
    listed("Ana", 4_500, reputation="90")
    listed("Bea", 4_000, reputation="50")
    listed("Cai", 3_000, level=2)  # cheaper, but below the level
    # when the founder assembles the team
    proposal = _propose(kestrel)
    # then Bea is proposed at 80 h x 40.00 EUR, with Ana as the next best
    assert proposal.status.value == "optimal"
    [seat] = proposal.seats
    assert seat.person.name == "Bea"
    assert seat.cost.minor == 320_000
    assert proposal.total.minor == 320_000
    assert proposal.remaining.minor == 1_000_000 - 320_000
    [alternative] = seat.alternatives
    assert alternative.person.name == "Ana"
    assert alternative.delta.minor == 40_000


def test_the_rate_ceiling_leaves_out_dearer_people(kestrel):
    # given a ceiling of 60.00 EUR an hour and the only qualified person at 65.00
    needs_python(kestrel["role"])
    listed("Dev", 6_500)
    # when the founder assembles the team
    proposal = _propose(kestrel)
    # then there is no team, and the reason names the role
    assert not proposal.has_team
    assert proposal.status.value == "infeasible"
    assert any("Firmware engineer" in reason for reason in proposal.reasons)


def test_the_ceiling_applies_after_conversion(kestrel):
    # given a person whose INR rate is well under the EUR ceiling
    needs_python(kestrel["role"])
    listed("Ira", 300_000, currency="INR")  # 3,000 INR an hour, about 30 EUR
    # when the founder assembles the team
    proposal = _propose(kestrel)
    # then Ira is proposed, costed in euros
    [seat] = proposal.seats
    assert seat.person.name == "Ira"
    assert seat.cost.currency == "EUR"
    assert 200_000 < seat.cost.minor < 300_000


def test_a_budget_too_small_is_the_reason(kestrel):
    # given a budget of 1,000.00 EUR and the cheapest person costing 3,200.00
    needs_python(kestrel["role"])
    kestrel["project"].budget_minor = 100_000
    kestrel["project"].save()
    listed("Bea", 4_000)
    # when the founder assembles the team
    proposal = _propose(kestrel)
    # then the budget is named as the binding constraint
    assert not proposal.has_team
    assert any("budget" in reason for reason in proposal.reasons)


def test_coverage_hours_and_what_an_alternative_loses(kestrel):
    # given a Lisbon day person (cheap) and a Tokyo day person (dearer)
    needs_python(kestrel["role"])
    listed("Lis", 3_000)
    listed("Tok", 3_500, zone="Asia/Tokyo")
    # when the founder asks for UTC hours 9-15 covered (Lisbon is UTC+1 in June)
    proposal = _propose(kestrel, hours_utc=parse_hours("9-15"))
    # then Lisbon covers them, and swapping in Tokyo would break the coverage
    [seat] = proposal.seats
    assert seat.person.name == "Lis"
    assert set(range(9, 16)) <= set(proposal.covered_hours_utc)
    [alternative] = seat.alternatives
    assert alternative.breaks_coverage
    assert 12 in alternative.hours_lost


def test_uncoverable_hours_are_the_reason(kestrel):
    # given only a Lisbon day person
    needs_python(kestrel["role"])
    listed("Lis", 3_000)
    # when the founder asks for the night hours covered
    proposal = _propose(kestrel, hours_utc=parse_hours("0-3"))
    # then no team, and the uncovered hours are named
    assert not proposal.has_team
    assert any("UTC hour" in reason for reason in proposal.reasons)


def test_sending_offers_creates_one_offer_per_member(kestrel):
    # given a proposal with one member
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    venture, project = kestrel["venture"], kestrel["project"]
    # when the founder sends the offers
    offers = send_team_offers(Actor(kestrel["founder"]), venture.id, project.id)
    # then Bea has a sent offer for the role at the proposed cost
    [offer] = offers
    assert offer.freelancer.email == "bea@example.org"
    assert offer.role_id == kestrel["role"].id
    assert offer.milestones[0]["amount_minor"] == 320_000
    assert Offer.objects.filter(project=project, state="sent").count() == 1


def test_sending_twice_is_refused_and_sends_nothing_more(kestrel):
    # given offers already sent to the proposed team
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    venture, project = kestrel["venture"], kestrel["project"]
    send_team_offers(Actor(kestrel["founder"]), venture.id, project.id)
    # when the founder sends again
    with pytest.raises(DomainError) as refused:
        send_team_offers(Actor(kestrel["founder"]), venture.id, project.id)
    # then it is refused and there is still one offer
    assert refused.value.code == "offer_exists"
    assert Offer.objects.filter(project=project).count() == 1


def test_another_venture_cannot_see_or_assemble_the_project(kestrel):
    # given the founder of another venture
    needs_python(kestrel["role"])
    listed("Bea", 4_000)
    stranger = UserFactory()
    MembershipFactory(user=stranger, venture=VentureFactory(), role="owner")
    venture, project = kestrel["venture"], kestrel["project"]
    # when they try to assemble or send offers
    # then the project does not exist for them
    with pytest.raises(NotFound):
        propose(Actor(stranger), venture.id, project.id)
    with pytest.raises(NotFound):
        send_team_offers(Actor(stranger), venture.id, project.id)
    assert not Offer.objects.exists()


def test_a_plain_member_may_not_assemble(kestrel):
    # given a member of the venture without the manager's grants
    member = UserFactory()
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    # when they try to assemble
    # then they are refused
    with pytest.raises(DomainError) as refused:
        propose(Actor(member), kestrel["venture"].id, kestrel["project"].id)
    assert refused.value.code == "role_forbidden"


def test_bad_hours_are_refused():
    with pytest.raises(DomainError) as refused:
        parse_hours("9-x")
    assert refused.value.code == "invalid_hours"
