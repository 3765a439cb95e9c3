"""The work API end to end over HTTP, and who may see what (cross-tenant isolation)."""

import pytest

from bornglobal.money import checks
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import ApiToken
from bornglobal.tenancy.services import issue_token
from bornglobal.work import services
from tests.factories import MembershipFactory, UserFactory
from tests.work.factories import FreelancerFactory, ProjectFactory, RoleFactory, fixed_offer, hired


def _logged_in(client, user):
    client.force_login(user)
    return client


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_founder_and_freelancer_run_a_milestone_over_the_api(client, kestrel, priya):
    # given the founder logged in
    venture_id = kestrel["venture"].id
    base = f"/api/v1/ventures/{venture_id}/work"
    _logged_in(client, kestrel["founder"])
    # when she creates a project and a role and sends an offer
    project = _post(
        client,
        f"{base}/projects",
        {
            "title": "Spice blends",
            "budget": {"amount": "5000.00", "currency": "EUR"},
        },
    )
    assert project.status_code == 201, project.json()
    role = _post(
        client,
        f"{base}/projects/{project.json()['id']}/roles",
        {
            "title": "Packaging designer",
            "hours": 40,
            "rate_ceiling": {"amount": "55.00", "currency": "EUR"},
        },
    )
    assert role.status_code == 201, role.json()
    offer = _post(
        client,
        f"{base}/offers",
        {
            "role_id": role.json()["id"],
            "freelancer_email": priya.email,
            "title": "Labels",
            "auto_release_days": 7,
            "invoicing": "self_billing",
            "milestones": [
                {"title": "Label set", "amount": {"amount": "800.00", "currency": "EUR"}}
            ],
        },
    )
    assert offer.status_code == 201, offer.json()
    assert offer.json()["terms"]["pay_currency"] == "INR"
    # and the freelancer accepts it
    client.force_login(priya)
    accepted = _post(client, f"/api/v1/me/work/offers/{offer.json()['id']}/accept")
    assert accepted.status_code == 201, accepted.json()
    milestone_id = accepted.json()["milestones"][0]["id"]
    # and the founder funds it, she starts and submits, and the founder accepts
    client.force_login(kestrel["founder"])
    funded = _post(client, f"{base}/milestones/{milestone_id}/fund", {"idempotency_key": "f1"})
    assert funded.status_code == 201, funded.json()
    client.force_login(priya)
    assert _post(client, f"/api/v1/me/work/milestones/{milestone_id}/start").status_code == 200
    submitted = _post(client, f"/api/v1/me/work/milestones/{milestone_id}/submit", {"note": "v1"})
    assert submitted.json()["state"] == "submitted" and submitted.json()["auto_release_at"]
    client.force_login(kestrel["founder"])
    paid = _post(client, f"{base}/milestones/{milestone_id}/accept", {"idempotency_key": "a1"})
    # then she is paid in rupees with the rate shown, and the contract is completed
    assert paid.status_code == 201, paid.json()
    assert paid.json()["paid"]["currency"] == "INR" and paid.json()["rate_source"]
    client.force_login(priya)
    mine = client.get("/api/v1/me/work/contracts").json()
    assert mine["count"] == 1 and mine["items"][0]["state"] == "completed"
    assert mine["items"][0]["milestones"][0]["escrow_state"] == "settled"
    assert checks.run(venture_id) == []


def test_an_illegal_transition_is_a_409_naming_state_and_action(client, kestrel, priya):
    # given a contract whose milestone is not funded
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    item = contract.milestones.first()
    # when the freelancer submits over the API
    _logged_in(client, priya)
    response = _post(client, f"/api/v1/me/work/milestones/{item.id}/submit", {"note": "x"})
    # then it is refused with the error model
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "illegal_transition"
    assert body["details"] == {"machine": "milestone", "state": "pending", "action": "submit"}


def test_a_freelancer_never_sees_another_freelancers_offer_or_contract(client, kestrel, priya):
    # given a contract for Priya, and another freelancer
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    other = FreelancerFactory()
    item = contract.milestones.first()
    # when the other freelancer asks for it or acts on it
    _logged_in(client, other)
    answers = [
        client.get(f"/api/v1/me/work/contracts/{contract.id}"),
        _post(client, f"/api/v1/me/work/offers/{contract.offer_id}/accept"),
        _post(client, f"/api/v1/me/work/milestones/{item.id}/start"),
        client.get(f"/api/v1/ventures/{kestrel['venture'].id}/work/contracts"),
    ]
    # then none of it exists for them, and their lists are empty
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert client.get("/api/v1/me/work/contracts").json()["count"] == 0
    assert client.get("/api/v1/me/work/offers").json()["count"] == 0


def test_a_venture_never_sees_another_ventures_projects_or_contracts(
    client, kestrel, priya, other_venture, other_founder
):
    # given Kestrel's project with a contract, and another venture's founder
    contract = hired(kestrel["founder"], kestrel["role"], priya)
    kestrel_id, item = kestrel["venture"].id, contract.milestones.first()
    _logged_in(client, other_founder)
    # when the other founder reads or acts on Kestrel's work, under either venture id
    answers = [
        client.get(f"/api/v1/ventures/{kestrel_id}/work/projects"),
        client.get(f"/api/v1/ventures/{kestrel_id}/work/contracts/{contract.id}"),
        client.get(f"/api/v1/ventures/{other_venture.id}/work/contracts/{contract.id}"),
        client.get(f"/api/v1/ventures/{other_venture.id}/work/projects/{kestrel['project'].id}"),
        _post(
            client,
            f"/api/v1/ventures/{other_venture.id}/work/milestones/{item.id}/fund",
            {"idempotency_key": "steal"},
        ),
        _post(
            client,
            f"/api/v1/ventures/{other_venture.id}/work/offers",
            {
                "role_id": kestrel["role"].id,
                "freelancer_email": priya.email,
                "title": "x",
                "milestones": [{"title": "m", "amount": {"amount": "1.00", "currency": "EUR"}}],
            },
        ),
    ]
    # then nothing is found, and their own lists stay empty
    assert [a.status_code for a in answers] == [404] * 6, [a.json() for a in answers]
    own = client.get(f"/api/v1/ventures/{other_venture.id}/work/contracts").json()
    assert own["count"] == 0


def test_a_plain_member_sees_projects_but_not_contracts_or_money(client, kestrel, priya):
    # given a plain member of the venture
    hired(kestrel["founder"], kestrel["role"], priya)
    member = UserFactory()
    MembershipFactory(user=member, venture=kestrel["venture"], role="member")
    _logged_in(client, member)
    base = f"/api/v1/ventures/{kestrel['venture'].id}/work"
    # then the projects are visible, contracts and offers are forbidden
    assert client.get(f"{base}/projects").status_code == 200
    assert client.get(f"{base}/contracts").status_code == 403
    assert client.get(f"{base}/offers").status_code == 403


def test_a_venture_token_cannot_act_on_the_users_freelancer_side(client, kestrel, priya):
    # given Priya is also a member of another venture and has a token scoped to it
    offer = services.send_offer(
        Actor(kestrel["founder"]), kestrel["venture"].id, fixed_offer(kestrel["role"], priya)
    )
    venture = ProjectFactory().venture
    MembershipFactory(user=priya, venture=venture, role="owner")
    secret = issue_token(Actor(priya), "ci", venture.id).secret
    # when the token lists or accepts her offers, then they do not exist for it
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    assert client.get("/api/v1/me/work/offers", **headers).json()["count"] == 0
    accept = client.post(f"/api/v1/me/work/offers/{offer.id}/accept", **headers)
    assert accept.status_code == 404
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("days", [0, 10, 30])
def test_an_offer_with_another_auto_release_period_is_a_400(client, kestrel, priya, days):
    role = RoleFactory(project=kestrel["project"])
    _logged_in(client, kestrel["founder"])
    response = _post(
        client,
        f"/api/v1/ventures/{kestrel['venture'].id}/work/offers",
        {
            "role_id": role.id,
            "freelancer_email": priya.email,
            "title": "x",
            "auto_release_days": days,
            "milestones": [{"title": "m", "amount": {"amount": "1.00", "currency": "EUR"}}],
        },
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_auto_release_period"



def test_a_role_needs_one_to_twenty_people(client, kestrel):
    # given the founder logged in and a project
    project = ProjectFactory(venture=kestrel["venture"])
    url = f"/api/v1/ventures/{kestrel['venture'].id}/work/projects/{project.id}/roles"
    _logged_in(client, kestrel["founder"])
    # when she asks for three people, then for none
    three = _post(client, url, {"title": "Support", "hours": 40, "count": 3})
    none = _post(client, url, {"title": "Nobody", "hours": 40, "count": 0})
    # then the role keeps the count, and zero is refused with a machine-readable code
    assert three.status_code == 201 and three.json()["count"] == 3
    assert none.status_code == 422 and none.json()["code"]
