"""The platform endpoints: me, ventures, memberships, tokens, audit, errors."""

import pytest

from bornglobal.tenancy.models import ApiToken, AuditEvent, Membership
from tests.factories import MembershipFactory, UserFactory, VentureFactory

pytestmark = pytest.mark.django_db


def _json(client, method, url, body=None, **headers):
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    return getattr(client, method)(url, **kwargs, **headers)


def test_founder_creates_a_venture_and_becomes_its_owner(client, founder):
    # given a logged-in person
    client.force_login(founder)
    # when they create a venture with a German VAT number
    response = _json(
        client,
        "post",
        "/api/v1/ventures",
        {
            "name": "Kestrel Robotics",
            "legal_country": "DE",
            "base_currency": "EUR",
            "vat_id": "DE 136 695 976",
        },
    )
    # then it exists, normalised, with them as owner and an audit record
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["legal_country"], body["base_currency"], body["vat_id"]) == (
        "DE",
        "EUR",
        "DE136695976",
    )
    assert body["my_role"] == "owner"
    assert AuditEvent.objects.filter(action="venture.created", venture_id=body["id"]).exists()


@pytest.mark.parametrize(
    "field,value,status,code",
    [
        ("legal_country", "XX", 422, "invalid_country"),
        ("legal_country", "de", 422, "invalid_country"),
        ("base_currency", "EUX", 422, "invalid_currency"),
        ("base_currency", "eur", 422, "invalid_currency"),
        ("vat_id", "DE000000000", 400, "invalid_vat_id"),
    ],
)
def test_bad_venture_details_get_a_clear_code(client, founder, field, value, status, code):
    # given a valid venture payload with one bad field
    client.force_login(founder)
    payload = {"name": "X", "legal_country": "DE", "base_currency": "EUR", field: value}
    # when it is posted
    response = _json(client, "post", "/api/v1/ventures", payload)
    # then the error model names the problem (a schema rule in details) and nothing is written
    assert response.status_code == status
    body = response.json()
    named = {body["code"]} | {d["type"] for d in body["details"] or [] if isinstance(d, dict)}
    assert code in named
    assert not Membership.objects.filter(user=founder).exists()


@pytest.mark.parametrize(
    "body,status,code",
    [
        ("{not json", 400, "malformed_json"),
        ('{"name": 12, "legal_country": [], "base_currency": null}', 422, "validation_error"),
        ("[]", 400, "malformed_json"),
    ],
)
def test_malformed_and_mistyped_bodies_get_4xx_in_the_error_model(
    client, founder, body, status, code
):
    # given a logged-in founder
    client.force_login(founder)
    # when the body is malformed or mistyped
    response = client.post("/api/v1/ventures", body, content_type="application/json")
    # then the answer is a 4xx with code, message and details
    assert response.status_code == status
    assert set(response.json()) == {"code", "message", "details"}
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/ventures/0",
        "/api/v1/ventures/abc",
        "/api/v1/ventures/99999999999999999999999",
        "/api/v1/tokens/424242",
        "/api/v1/no-such-thing",
    ],
)
def test_unknown_or_invalid_ids_get_4xx(client, founder, url):
    # given a logged-in founder
    client.force_login(founder)
    # when they ask for something that is not there
    response = client.get(url)
    # then a 404 or 422 in the error model
    assert response.status_code in (404, 422)
    assert "code" in response.json()


def test_anonymous_requests_get_401(client):
    # when nobody is logged in
    response = client.get("/api/v1/ventures")
    # then the API asks for credentials
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_lists_are_paginated(client, founder):
    # given a person in 7 ventures
    for _ in range(7):
        MembershipFactory(user=founder, venture=VentureFactory(), role="member")
    client.force_login(founder)
    # when they page through with limit 3
    first = client.get("/api/v1/ventures?limit=3&offset=0").json()
    last = client.get("/api/v1/ventures?limit=3&offset=6").json()
    # then counts and pages add up
    assert first["count"] == 7 and len(first["items"]) == 3 and len(last["items"]) == 1


def test_manager_adds_member_but_cannot_make_owner(client, venture):
    # given a manager of the venture and a person who signed up
    manager = MembershipFactory(venture=venture, role="manager").user
    newcomer = UserFactory()
    client.force_login(manager)
    url = f"/api/v1/ventures/{venture.id}/memberships"
    # when the manager adds them as owner, then as member
    as_owner = _json(client, "post", url, {"email": newcomer.email, "role": "owner"})
    as_member = _json(client, "post", url, {"email": newcomer.email.upper(), "role": "member"})
    # then owners are refused, members accepted and audited
    assert as_owner.status_code == 403 and as_owner.json()["code"] == "role_forbidden"
    assert as_member.status_code == 201
    assert AuditEvent.objects.filter(action="membership.added", venture=venture).exists()


def test_member_cannot_edit_the_venture(client, venture):
    # given a plain member
    member = MembershipFactory(venture=venture, role="member").user
    client.force_login(member)
    # when they try to rename it
    response = _json(client, "patch", f"/api/v1/ventures/{venture.id}", {"name": "Mine now"})
    # then they are refused and the name stays
    assert response.status_code == 403
    venture.refresh_from_db()
    assert venture.name == "Lagos Looms"


def test_last_owner_cannot_leave_or_be_demoted(client, founder, venture):
    # given the only owner
    client.force_login(founder)
    membership = Membership.objects.get(user=founder, venture=venture)
    url = f"/api/v1/ventures/{venture.id}/memberships/{membership.id}"
    # when they demote themselves or leave
    demote = _json(client, "patch", url, {"role": "member"})
    leave = client.delete(url)
    # then both are refused with last_owner
    assert demote.status_code == 409 and demote.json()["code"] == "last_owner"
    assert leave.status_code == 409
    assert Membership.objects.filter(id=membership.id, role="owner").exists()


def test_token_lifecycle_secret_shown_once_stored_hashed_and_revocable(client, founder, venture):
    # given a founder who issues a venture token
    client.force_login(founder)
    created = _json(client, "post", "/api/v1/tokens", {"name": "CI", "venture_id": venture.id})
    secret = created.json()["secret"]
    token = ApiToken.objects.get(id=created.json()["id"])
    client.logout()
    # when the token is used, then revoked, then used again
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    before = client.get(f"/api/v1/ventures/{venture.id}", **auth)
    client.force_login(founder)
    client.delete(f"/api/v1/tokens/{token.id}")
    client.logout()
    after = client.get(f"/api/v1/ventures/{venture.id}", **auth)
    # then it worked, is stored only as a digest, and stops working when revoked
    assert created.status_code == 201 and secret.startswith("bg_")
    assert secret not in (token.digest, token.prefix) and len(token.digest) == 64
    assert "secret" not in client.get("/api/v1/tokens", **auth).content.decode()
    assert before.status_code == 200 and after.status_code == 401


def test_freelancer_token_sees_own_side_but_no_venture(client, founder, venture):
    # given a freelancer-side token
    client.force_login(founder)
    secret = _json(client, "post", "/api/v1/tokens", {"name": "mine"}).json()["secret"]
    client.logout()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    # when it is used on me and on the venture
    me = client.get("/api/v1/me", **auth)
    listed = client.get("/api/v1/ventures", **auth)
    one = client.get(f"/api/v1/ventures/{venture.id}", **auth)
    minted = _json(client, "post", "/api/v1/tokens", {"name": "more"}, **auth)
    # then it reaches the person only, and cannot mint more tokens
    assert me.json()["email"] == founder.email
    assert listed.json()["count"] == 0 and one.status_code == 404
    assert minted.status_code == 403


def test_profile_update_validates_zone_and_audits(client, founder):
    # given a founder
    client.force_login(founder)
    # when they move to Kathmandu, then try a made-up zone
    moved = _json(client, "patch", "/api/v1/me", {"time_zone": "Asia/Kathmandu", "country": "NP"})
    bad = _json(client, "patch", "/api/v1/me", {"time_zone": "Mars/Olympus"})
    # then the first is saved and audited, the second refused
    assert moved.status_code == 200 and moved.json()["time_zone"] == "Asia/Kathmandu"
    assert bad.status_code == 422 and bad.json()["details"][0]["type"] == "invalid_time_zone"
    assert AuditEvent.objects.filter(action="user.updated", actor=founder).exists()
