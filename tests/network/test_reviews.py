"""Review rules: only completed contracts, once each way, by the right people; the
reputation cached on the profile follows the stored reviews and the ledger's dates."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money import services as money
from bornglobal.network import reviews
from bornglobal.network import selectors_reviews as selectors
from bornglobal.network.models import Direction, Review
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory
from tests.network.factories import ProfileFactory, contract

DUE = date(2026, 6, 20)


@pytest.fixture
def freelancer(db):
    return ProfileFactory(user__full_name="Priya Raghavan").user


@pytest.fixture
def done(other_founder, other_venture, freelancer):
    """A completed contract of Berlin Bits (EUR) with Priya, paid before its due date."""
    return contract(other_founder, other_venture, freelancer, "BB-1", ("400.00", "600.00"),
                    due_on=DUE)


def _refused(call, code):
    with pytest.raises(DomainError) as refusal:
        call()
    assert refusal.value.code == code
    return refusal.value


def test_each_side_reviews_a_completed_contract_once(done, other_founder, freelancer):
    # given a completed contract
    client, payee = Actor(other_founder), Actor(freelancer)
    # when the client reviews the freelancer and the freelancer reviews the client
    of_freelancer = reviews.leave_review(client, done.id, 5, "  Fast and careful.  ")
    of_client = reviews.leave_review(payee, done.id, 4, "Clear brief.")
    # then both are stored, each with its side, and a second try is refused on each side
    assert (of_freelancer.direction, of_freelancer.freelancer, of_freelancer.text) == (
        Direction.OF_FREELANCER, freelancer, "Fast and careful.")
    assert (of_client.direction, of_client.author, of_client.venture) == (
        Direction.OF_CLIENT, freelancer, done.venture)
    _refused(lambda: reviews.leave_review(client, done.id, 1), "already_reviewed")
    _refused(lambda: reviews.leave_review(payee, done.id, 1), "already_reviewed")
    assert Review.objects.filter(contract=done).count() == 2


def test_a_contract_still_running_cannot_be_reviewed(other_founder, other_venture, freelancer):
    # given a contract funded but not paid, and one with only one of two milestones paid
    running = contract(other_founder, other_venture, freelancer, "BB-2", release=False)
    half = contract(other_founder, other_venture, freelancer, "BB-3", ("100.00", "200.00"),
                    release=False)
    actor = Actor(other_founder)
    money.release(actor, other_venture.id, half.milestones.order_by("id").first().id, "half")
    # when either side tries to review them, then it is refused
    for escrow in (running, half):
        _refused(lambda e=escrow: reviews.leave_review(actor, e.id, 5), "contract_not_completed")
        _refused(lambda e=escrow: reviews.leave_review(Actor(freelancer), e.id, 5),
                 "contract_not_completed")
    assert not Review.objects.exists()


def test_a_contract_refunded_in_full_was_not_completed(other_founder, other_venture, freelancer):
    # given a contract whose only milestone was refunded: settled, but nothing paid
    escrow = contract(other_founder, other_venture, freelancer, "BB-4", release=False)
    actor = Actor(other_founder)
    money.refund(actor, other_venture.id, escrow.milestones.get().id, "back")
    assert escrow.milestones.get().state == "settled"
    # when the client reviews it, then it is refused
    _refused(lambda: reviews.leave_review(actor, escrow.id, 1), "contract_not_completed")


def test_people_outside_the_contract_get_not_found(done, founder, venture):
    # given a founder of another venture and a freelancer with no part in the contract
    outsiders = [Actor(founder), Actor(UserFactory(is_freelancer=True))]
    # when they try to review it (or a contract that does not exist), then it is not found
    for actor in outsiders:
        _refused(lambda a=actor: reviews.leave_review(a, done.id, 5), "not_found")
    _refused(lambda: reviews.leave_review(outsiders[0], 10**9, 5), "not_found")


def test_a_member_whose_role_cannot_run_contracts_is_refused(done, other_venture):
    # given a plain member of the paying venture
    member = MembershipFactory(venture=other_venture, role="member").user
    # when they review the freelancer, then their role is refused
    _refused(lambda: reviews.leave_review(Actor(member), done.id, 5), "role_forbidden")


def test_a_manager_may_review_and_a_token_of_another_venture_may_not(done, other_venture,
                                                                    venture):
    # given a manager of the paying venture, once with a token scoped to another venture
    manager = MembershipFactory(venture=other_venture, role="manager").user
    MembershipFactory(user=manager, venture=venture, role="owner")
    # when the scoped token tries, then the contract is not found; the session may review
    _refused(lambda: reviews.leave_review(Actor(manager, venture_scope=venture.id), done.id, 3),
             "not_found")
    assert reviews.leave_review(Actor(manager), done.id, 3).author == manager


def test_nobody_reviews_themselves(other_founder, other_venture):
    # given a founder who paid themselves through their own venture
    ProfileFactory(user=other_founder)
    escrow = contract(other_founder, other_venture, other_founder, "BB-5")
    # when they try either side, then it is refused as a self-review
    _refused(lambda: reviews.leave_review(Actor(other_founder), escrow.id, 5), "self_review")


@pytest.mark.parametrize("stars", [0, 6, -1, 100])
def test_stars_outside_one_to_five_are_refused(done, other_founder, stars):
    # when a review has stars outside 1-5, then it is refused and nothing is stored
    _refused(lambda: reviews.leave_review(Actor(other_founder), done.id, stars), "invalid_stars")
    assert not Review.objects.exists()


@given(st.one_of(st.integers(-10, 10), st.booleans(), st.floats(allow_nan=False),
                 st.text(max_size=3)))
def test_only_whole_stars_one_to_five_pass(stars):
    # when any value is offered as stars, then exactly the whole numbers 1-5 are accepted
    accepted = type(stars) is int and 1 <= stars <= 5
    try:
        reviews.clean_review(stars, "")
    except DomainError as error:
        assert not accepted and error.code == "invalid_stars"
    else:
        assert accepted


def test_an_over_long_text_is_refused(done, other_founder):
    # when the text is one character over the limit, then it is refused
    text = "x" * (reviews.MAX_TEXT + 1)
    _refused(lambda: reviews.leave_review(Actor(other_founder), done.id, 4, text),
             "text_too_long")


def test_a_review_recomputes_the_freelancers_cached_reputation(done, other_founder, freelancer):
    # given a freelancer with a profile at its defaults
    profile = freelancer.profile
    assert (profile.review_count, profile.completed_contracts) == (0, 0)
    # when the client leaves five stars
    reviews.leave_review(Actor(other_founder), done.id, 5)
    # then the profile holds the score of the formula, one review, one on-time contract
    profile.refresh_from_db()
    expected = reviews.standing(freelancer).reputation.value
    assert (profile.reputation, profile.review_count) == (expected, 1)
    assert (profile.completed_contracts, profile.on_time_contracts) == (1, 1)
    assert expected > Decimal("60")


def test_a_release_after_the_due_date_counts_as_late(other_founder, other_venture, freelancer):
    # given one contract paid on its due date and one paid a day after
    contract(other_founder, other_venture, freelancer, "BB-6", due_on=DUE, paid_on=DUE)
    late = contract(other_founder, other_venture, freelancer, "BB-7", due_on=DUE,
                    paid_on=date(2026, 6, 21))
    # when the reputation is recomputed
    standing = reviews.recompute_reputation(freelancer)
    # then both are completed and only the first counts as on time
    assert (standing.completed, standing.on_time) == (2, 1)
    assert not reviews.deliveries([late])[0].on_time
    freelancer.profile.refresh_from_db()
    assert (freelancer.profile.completed_contracts, freelancer.profile.on_time_contracts) == (2, 1)


def test_judging_delivery_follows_the_rules():
    # given milestones as the ledger shows them
    paid = reviews.Paid
    escrow = None
    # then: no due date is on time; paid on the due date is on time; a refunded
    # milestone does not count; nothing paid or anything unsettled is not completed
    assert reviews.judge(escrow, [paid(100, True, None, date(2026, 1, 9))]).on_time
    assert reviews.judge(escrow, [paid(100, True, DUE, DUE), paid(0, True, date(2026, 1, 1),
                                                                  None)]).on_time
    assert not reviews.judge(escrow, [paid(100, True, DUE, date(2026, 6, 21))]).on_time
    assert not reviews.judge(escrow, [paid(0, True, DUE, None)]).completed
    assert not reviews.judge(escrow, [paid(100, True, DUE, DUE), paid(0, False, None,
                                                                      None)]).completed
    assert not reviews.judge(escrow, []).completed


def test_a_freelancer_without_a_profile_still_gets_the_review(other_founder, other_venture):
    # given a payee without a profile
    payee = UserFactory()
    escrow = contract(other_founder, other_venture, payee, "BB-8")
    # when the client reviews them, then the review is stored and nothing else breaks
    review = reviews.leave_review(Actor(other_founder), escrow.id, 4)
    assert review.freelancer == payee and reviews.recompute_reputation(payee) is None


def test_pending_reviews_list_what_each_side_still_owes(done, other_founder, freelancer):
    # given a completed contract nobody reviewed yet
    client, payee = Actor(other_founder), Actor(freelancer)
    # then each side sees it waiting, with its own direction
    assert [(p.escrow.id, p.direction, p.whom) for p in selectors.awaiting_my_review(client)] \
        == [(done.id, Direction.OF_FREELANCER, "Priya Raghavan")]
    assert [(p.escrow.id, p.direction) for p in selectors.awaiting_my_review(payee)] == [
        (done.id, Direction.OF_CLIENT)]
    # when the client reviews, then it leaves the client's list only
    reviews.leave_review(client, done.id, 5)
    assert selectors.awaiting_my_review(client) == []
    assert len(selectors.awaiting_my_review(payee)) == 1


def test_reviews_about_a_freelancer_are_public_to_logged_in_people(done, other_founder,
                                                                   freelancer, founder):
    # given a review of Priya
    reviews.leave_review(Actor(other_founder), done.id, 4, "Good work.")
    # when someone else asks, then they see stars, text and the venture
    [review] = selectors.reviews_about(Actor(founder), freelancer.id)
    assert (review.stars, review.text, review.venture.name) == (4, "Good work.", "Berlin Bits")
    # and a person without a freelancer side has no reviews page
    with pytest.raises(DomainError) as refusal:
        selectors.reviews_about(Actor(freelancer), founder.id)
    assert refusal.value.code == "not_found"


def test_the_explanation_shows_each_step_of_the_formula(done, other_founder, freelancer):
    # given one five-star review
    reviews.leave_review(Actor(other_founder), done.id, 5)
    # when the reputation is explained
    standing = selectors.reputation_explained(freelancer)
    # then every part of the formula has its step and the last one gives the score
    kinds = [str(step.kind) for step in standing.reputation.explanation]
    assert kinds == ["recency", "bayesian", "stars", "delivery", "experience", "score"]
    assert standing.reputation.explanation[-1].figures[-1] == str(standing.reputation.value)
    assert "1 of 1 delivered" in standing.reputation.explanation[3].text


def test_a_cross_currency_contract_counts_too(other_founder, other_venture):
    # given a payee in India paid in rupees from a euro escrow
    payee = ProfileFactory(user__currency="INR", user__country="IN").user
    escrow = contract(other_founder, other_venture, payee, "BB-9", ("250.00",))
    # when the client reviews, then it is accepted and counted
    reviews.leave_review(Actor(other_founder), escrow.id, 3)
    payee.profile.refresh_from_db()
    assert (payee.profile.review_count, payee.profile.completed_contracts) == (1, 1)
    assert Money(escrow.milestones.get().released_minor, "EUR") == Money.of("250.00", "EUR")


def test_a_team_member_paid_through_escrow_reviews_the_client(other_founder, other_venture):
    # given a plain member of the venture's team who is paid as a freelancer
    member = MembershipFactory(venture=other_venture, role="member").user
    escrow = contract(other_founder, other_venture, member, "BB-10")
    # when they review, then it is their review of the client
    assert [p.direction for p in selectors.awaiting_my_review(Actor(member))] == [
        Direction.OF_CLIENT]
    assert reviews.leave_review(Actor(member), escrow.id, 4).direction == Direction.OF_CLIENT
