"""The review and reputation endpoints: every rule answers a 4xx with its code."""

import pytest

from bornglobal.network.models import Review
from tests.factories import MembershipFactory, UserFactory
from tests.network.factories import ProfileFactory, contract


@pytest.fixture
def freelancer(db):
    return ProfileFactory(user__full_name="Priya Raghavan").user


@pytest.fixture
def done(other_founder, other_venture, freelancer):
    return contract(other_founder, other_venture, freelancer, "BB-1", ("300.00",))


def _post(client, escrow_id, **body):
    return client.post(f"/api/v1/contracts/{escrow_id}/reviews", body,
                       content_type="application/json")


def test_the_client_reviews_once_and_the_second_try_is_409(client, done, other_founder):
    # given the client logged in
    client.force_login(other_founder)
    # when they review the freelancer twice
    first = _post(client, done.id, stars=5, text="Would hire again.")
    second = _post(client, done.id, stars=1)
    # then the first is created and the second refused as already reviewed
    assert first.status_code == 201, first.content
    assert first.json()["direction"] == "of_freelancer" and first.json()["stars"] == 5
    assert second.status_code == 409 and second.json()["code"] == "already_reviewed"


def test_the_payee_reviews_the_client(client, done, freelancer):
    # when the freelancer reviews the contract, then it is the review of the client
    client.force_login(freelancer)
    answer = _post(client, done.id, stars=4)
    assert answer.status_code == 201 and answer.json()["direction"] == "of_client"


@pytest.mark.parametrize("body", [{"stars": 0}, {"stars": 6}, {"stars": "five"}, {},
                                  {"stars": 3, "text": "x" * 2001}])
def test_bad_input_is_422(client, done, other_founder, body):
    # when the body breaks the schema, then 422 validation_error and nothing stored
    client.force_login(other_founder)
    answer = _post(client, done.id, **body)
    assert answer.status_code == 422 and answer.json()["code"] == "validation_error"
    assert not Review.objects.exists()


def test_each_rule_has_its_code(client, other_founder, other_venture, freelancer, founder):
    # given a running contract, a completed one and a plain member of the venture
    running = contract(other_founder, other_venture, freelancer, "BB-2", release=False)
    done = contract(other_founder, other_venture, freelancer, "BB-3")
    member = MembershipFactory(venture=other_venture, role="member").user
    cases = [
        (other_founder, running.id, 409, "contract_not_completed"),
        (founder, done.id, 404, "not_found"),
        (UserFactory(), done.id, 404, "not_found"),
        (member, done.id, 403, "role_forbidden"),
        (other_founder, 999_999, 404, "not_found"),
    ]
    for who, escrow_id, status, code in cases:
        client.force_login(who)
        # when each tries, then the status and code say which rule refused it
        answer = _post(client, escrow_id, stars=3)
        assert (answer.status_code, answer.json()["code"]) == (status, code), who


def test_anonymous_requests_are_401(client, done):
    assert _post(client, done.id, stars=3).status_code == 401


def test_pending_and_public_reviews(client, done, other_founder, freelancer, founder):
    # given the client's pending list before reviewing
    client.force_login(other_founder)
    pending = client.get("/api/v1/me/reviews/pending").json()
    assert [(p["contract_id"], p["direction"], p["about"]) for p in pending["items"]] == [
        (done.id, "of_freelancer", "Priya Raghavan")]
    # when the client reviews, then another person sees it by user and by profile
    _post(client, done.id, stars=4, text="Solid.")
    client.force_login(founder)
    by_user = client.get(f"/api/v1/people/{freelancer.id}/reviews").json()
    by_profile = client.get(f"/api/v1/profiles/{freelancer.profile.id}/reviews").json()
    assert by_user == by_profile and by_user["count"] == 1
    assert (by_user["items"][0]["venture"], by_user["items"][0]["text"]) == ("Berlin Bits",
                                                                              "Solid.")
    client.force_login(other_founder)
    assert client.get("/api/v1/me/reviews/pending").json()["count"] == 0


def test_reputation_explains_itself(client, done, other_founder, freelancer):
    # given one five-star review
    client.force_login(other_founder)
    _post(client, done.id, stars=5)
    # when the reputation is read by profile
    body = client.get(f"/api/v1/profiles/{freelancer.profile.id}/reputation").json()
    # then the steps and figures are there, and the cached score matches today's
    assert [s["kind"] for s in body["steps"]] == [
        "recency", "bayesian", "stars", "delivery", "experience", "score"]
    assert body["steps"][-1]["figures"][-1] == body["score"]
    assert body["cached_score"] == body["score"] and body["reviews"] == 1


def test_reputation_of_someone_without_a_freelancer_side_is_404(client, founder,
                                                                other_founder):
    client.force_login(founder)
    answer = client.get(f"/api/v1/people/{other_founder.id}/reputation")
    assert answer.status_code == 404 and answer.json()["code"] == "not_found"
    assert client.get("/api/v1/profiles/999999/reputation").status_code == 404
