"""A freelancer's payout details are never visible to another venture or freelancer."""

import pytest
from django.urls import reverse

from bornglobal.domain.money import Money
from bornglobal.money import payouts, services
from bornglobal.tenancy import services as tenancy_services
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory
from tests.network.factories import ProfileFactory

IBAN = "DE89 3704 0044 0532 0130 00"
COMPACT_IBAN = "DE89370400440532013000"
HOLDER = "Okonkwo Studio Ltd"
BIC = "COBADEFFXXX"


@pytest.fixture
def paid_freelancer(founder, venture):
    """A freelancer with payout details, paid by `venture` through an escrow."""
    profile = ProfileFactory(user__full_name="Chidi Okonkwo")
    payouts.save_payout_details(Actor(profile.user), HOLDER, IBAN, BIC)
    services.open_escrow(Actor(founder), venture.id, profile.user.email, "LL-7", "Loom app",
                         [services.MilestonePlan("Build", Money.of("50000.00", "NGN"))])
    return profile


def _api(client, user, profile):
    client.force_login(user)
    return client.get(f"/api/v1/profiles/{profile.id}").json()["payout_details"]


def _page(client, user, profile) -> str:
    client.force_login(user)
    response = client.get(reverse("network_profile", args=[profile.id]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_freelancers_payout_details_are_never_visible_to_another_venture_or_freelancer(
    client, founder, venture, other_founder, other_venture, paid_freelancer
):
    # given a freelancer paid by the founder's venture, a founder of another venture, a
    # plain member of the paying venture, and another freelancer
    member = UserFactory()
    MembershipFactory(user=member, venture=venture, role="member")
    another_freelancer = ProfileFactory().user
    profile = paid_freelancer

    # when each of them reads the profile through the API and the page
    owner_api = _api(client, profile.user, profile)
    owner_page = _page(client, profile.user, profile)
    payer_api = _api(client, founder, profile)
    payer_page = _page(client, founder, profile)
    outsiders = {who.email: (_api(client, who, profile), _page(client, who, profile))
                 for who in (other_founder, member, another_freelancer)}

    # then the owner sees their details with the IBAN masked
    assert owner_api == {"account_holder": HOLDER, "iban_masked": "•••• 3000", "bic": BIC,
                         "visible_because": "owner", "venture_id": None}
    assert "•••• 3000" in owner_page and HOLDER in owner_page
    # and the paying venture's owner sees them too, as the money rules allow
    assert payer_api["visible_because"] == "pays_them" and payer_api["venture_id"] == venture.id
    assert "•••• 3000" in payer_page and HOLDER in payer_page
    # and nobody sees the IBAN in full, not even the owner, outside the money pages
    for page in (owner_page, payer_page):
        assert COMPACT_IBAN not in page and IBAN not in page
    # and another venture, a member without money rights and another freelancer see nothing,
    # not even a trace in the HTML
    for api_details, page in outsiders.values():
        assert api_details is None
        for secret in (HOLDER, "3000", BIC, COMPACT_IBAN, "data-payout-details",
                       "Payout details"):
            assert secret not in page


@pytest.mark.django_db
def test_a_venture_token_of_another_venture_sees_no_payout_details(
    client, other_founder, other_venture, paid_freelancer
):
    # given an API token scoped to a venture that does not pay the freelancer
    secret = tenancy_services.issue_token(Actor(other_founder), "t", other_venture.id).secret
    # when it reads the profile
    response = client.get(f"/api/v1/profiles/{paid_freelancer.id}",
                          HTTP_AUTHORIZATION=f"Bearer {secret}")
    # then the profile is there but its payout details are not
    assert response.status_code == 200
    assert response.json()["payout_details"] is None
    assert HOLDER not in response.content.decode()
