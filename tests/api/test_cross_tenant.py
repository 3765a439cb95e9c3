"""Venture A's founder reaches nothing of venture B through any platform endpoint.

The endpoints are read from our own OpenAPI document, so an endpoint added
later is checked too (or fails here until it is given a request body).
"""

import re
from datetime import date

import pytest

from bornglobal.domain.money import Money
from bornglobal.money import payouts
from bornglobal.money import services as money_services
from bornglobal.network.models import PortfolioItem, TaxResidency
from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import ApiToken, AuditEvent, Membership, Venture
from tests.factories import MembershipFactory, UserFactory
from tests.invoicing.cross_tenant import INVOICING_BODIES, invoicing_of_b
from tests.network.factories import PartnerFactory, ProfileFactory
from tests.network.test_partners_api import BODY as PARTNER_BODY
from tests.work.cross_tenant import WORK_BODIES, work_of_b

BODIES = {
    ("patch", "/api/v1/ventures/{venture_id}"): {"name": "Taken over"},
    ("post", "/api/v1/ventures/{venture_id}/memberships"): {
        "email": "x@example.org",
        "role": "owner",
    },
    ("patch", "/api/v1/ventures/{venture_id}/memberships/{membership_id}"): {"role": "member"},
    ("post", "/api/v1/ventures/{venture_id}/money/deposits"): {
        "amount": {"amount": "1.00", "currency": "EUR"},
        "idempotency_key": "cross-1",
    },
    ("post", "/api/v1/ventures/{venture_id}/escrows"): {
        "payee_email": "x@example.org",
        "contract_ref": "X-1",
        "title": "Taken over",
        "milestones": [{"title": "All", "amount": {"amount": "1.00", "currency": "EUR"}}],
    },
    ("post", "/api/v1/ventures/{venture_id}/milestones/{milestone_id}/fund"): {
        "idempotency_key": "cross-1"
    },
    ("post", "/api/v1/ventures/{venture_id}/milestones/{milestone_id}/release"): {
        "idempotency_key": "cross-1"
    },
    ("post", "/api/v1/ventures/{venture_id}/milestones/{milestone_id}/refund"): {
        "idempotency_key": "cross-1"
    },
    ("post", "/api/v1/ventures/{venture_id}/milestones/{milestone_id}/dispute"): {
        "reason": "mine now"
    },
    ("post", "/api/v1/ventures/{venture_id}/milestones/{milestone_id}/resolve"): {
        "idempotency_key": "cross-1",
        "payee_share": {"amount": "1.00", "currency": "EUR"},
    },
    ("post", "/api/v1/ventures/{venture_id}/payouts"): {"idempotency_key": "cross-1"},
    ("post", "/api/v1/contracts/{escrow_id}/reviews"): {"stars": 1, "text": "taken over"},
    ("put", "/api/v1/partners/{partner_id}"): PARTNER_BODY,
    ("post", "/api/v1/ventures/{venture_id}/payouts/{batch_id}/lines/{line_id}/fail"): {
        "idempotency_key": "cross-1"
    },
    **WORK_BODIES,
    **INVOICING_BODIES,
}


def _operations_with_ids(client):
    document = client.get("/api/v1/openapi.json").json()
    for path, methods in document["paths"].items():
        if "{" in path:
            for method in methods:
                yield method, path


def _fill(path: str, ids: dict[str, int]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)


@pytest.fixture
def venture_b_objects(other_founder, other_venture):
    member = MembershipFactory(venture=other_venture, user=UserFactory(), role="member")
    token = services.issue_token(Actor(other_founder), "B's token", other_venture.id).token
    return {
        "venture_id": other_venture.id,
        "membership_id": member.id,
        "token_id": token.id,
        **_money_of_b(Actor(other_founder), other_venture.id),
        **_network_of_b(other_founder),
        **work_of_b(other_founder, other_venture),
        **invoicing_of_b(other_founder, other_venture),
    }


def _network_of_b(other_founder):
    """B's side of the network that is not public: an unlisted profile and partner."""
    profile = ProfileFactory(listed=False)
    item = PortfolioItem.objects.create(profile=profile, title="Private work")
    residency = TaxResidency.objects.create(profile=profile, country="PT", since=date(2024, 1, 1))
    partner = PartnerFactory(owner=other_founder, listed=False)
    return {"profile_id": profile.id, "item_id": item.id, "residency_id": residency.id,
            "partner_id": partner.id, "user_id": other_founder.id}


def _money_of_b(actor, venture_id):
    """B's books: a deposit, an escrow released in part to a euro payee, a payout batch."""
    deposit = money_services.deposit(actor, venture_id, Money.of("500.00", "EUR"), "b-dep")
    escrow = money_services.open_escrow(
        actor,
        venture_id,
        UserFactory(currency="EUR").email,
        "B-1",
        "B's contract",
        [money_services.MilestonePlan("B's milestone", Money.of("300.00", "EUR"))],
    )
    milestone = escrow.milestones.get()
    money_services.fund_milestone(actor, venture_id, milestone.id, "b-fund")
    money_services.release(actor, venture_id, milestone.id, "b-rel", Money.of("100.00", "EUR"))
    batch = payouts.create_batch(actor, venture_id, "b-batch")
    return {
        "escrow_id": escrow.id,
        "milestone_id": milestone.id,
        "account_id": deposit.postings.first().account_id,
        "transaction_id": deposit.id,
        "batch_id": batch.id,
        "line_id": batch.lines.get().id,
    }


def _snapshot():
    return (
        list(Venture.objects.values_list("id", "name", "vat_id").order_by("id")),
        list(Membership.objects.values_list("id", "role").order_by("id")),
        list(ApiToken.objects.values_list("id", "revoked_at").order_by("id")),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("auth", ["session", "venture_token", "freelancer_token"])
def test_founder_of_a_gets_404_for_every_object_of_b(
    client, founder, venture, venture_b_objects, auth
):
    # given venture A's founder, authenticated one of three ways
    headers = {}
    if auth == "session":
        client.force_login(founder)
    else:
        scope = venture.id if auth == "venture_token" else None
        secret = services.issue_token(Actor(founder), "A", scope).secret
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    before = _snapshot()
    checked = 0
    # when they call every endpoint that names an object, with B's ids
    for method, path in _operations_with_ids(client):
        body = BODIES.get((method, path))
        if method in ("post", "patch", "put"):
            assert body is not None, f"give {method.upper()} {path} a body in BODIES"
        url = _fill(path, venture_b_objects)
        kwargs = {"data": body, "content_type": "application/json"} if body else {}
        response = getattr(client, method)(url, **kwargs, **headers)
        # then each answers 404 in the error model, never revealing B
        assert response.status_code == 404, (method, url, response.content)
        assert response.json()["code"] == "not_found"
        checked += 1
    # and nothing of B changed
    assert checked >= 9
    assert _snapshot()[0] == before[0] and _snapshot()[1] == before[1]
    assert _snapshot()[2][: len(before[2])] == before[2]


@pytest.mark.django_db
def test_token_for_b_cannot_be_minted_by_a(client, founder, venture, other_venture):
    # given A's founder
    client.force_login(founder)
    # when they ask for a token scoped to venture B
    response = client.post(
        "/api/v1/tokens",
        {"name": "sneaky", "venture_id": other_venture.id},
        content_type="application/json",
    )
    # then B does not exist for them
    assert response.status_code == 404
    assert not ApiToken.objects.filter(venture=other_venture, user=founder).exists()


@pytest.mark.django_db
def test_lists_never_include_b(client, founder, venture, other_venture):
    # given both ventures with audit events
    client.force_login(founder)
    # when A lists ventures and A's audit log
    ventures = client.get("/api/v1/ventures").json()["items"]
    audit = client.get(f"/api/v1/ventures/{venture.id}/audit").json()["items"]
    # then only A appears
    assert [v["id"] for v in ventures] == [venture.id]
    b_events = set(AuditEvent.objects.filter(venture=other_venture).values_list("id", flat=True))
    assert not b_events & {event["id"] for event in audit}
