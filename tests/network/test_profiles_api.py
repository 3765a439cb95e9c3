"""Profile REST endpoints: read anyone's listed profile, edit your own, refusals with codes."""

import pytest

from bornglobal.network.models import Profile
from bornglobal.tenancy import services
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory
from tests.network.factories import ProfileFactory, ProfileSkillFactory, skill

PYTHON = "Python (computer programming)"


def _body(**changes) -> dict:
    body = {
        "headline": "Firmware and embedded Rust",
        "bio": "I port firmware.",
        "country": "BR",
        "city": "Recife",
        "working_week": {"time_zone": "America/Recife", "start": "08:00", "end": "16:30",
                         "days": "12345", "holidays_country": "BR", "holidays_subdivision": ""},
        "rate": {"amount": "180.00", "currency": "BRL"},
        "hours_per_week": 25,
        "skills": [{"esco_id": skill(PYTHON).esco_id, "level": 4, "years": 6}],
        "languages": [{"language": "pt", "level": "native"}, {"language": "en", "level": "B2"}],
    }
    body.update(changes)
    return body


def _put(client, body):
    return client.put("/api/v1/me/profile", body, content_type="application/json")


@pytest.mark.django_db
def test_put_me_profile_creates_it_and_get_reads_it_back(client):
    # given a logged-in person
    user = UserFactory(currency="EUR")
    client.force_login(user)
    # when they PUT their profile and GET it
    put = _put(client, _body())
    got = client.get("/api/v1/me/profile")
    # then both answer the profile, the rate exact in minor units and formatted
    assert put.status_code == 200, put.json()
    body = got.json()
    assert got.status_code == 200
    assert body["rate"] == {"amount_minor": 18000, "currency": "BRL", "formatted": "R$180.00"}
    assert body["working_week"]["start"].startswith("08:00")
    assert body["skills"] == [{"esco_id": skill(PYTHON).esco_id, "label": PYTHON, "level": 4,
                               "years": 6}]
    assert {lang["language"]: lang["level"] for lang in body["languages"]} == {
        "pt": "native", "en": "B2"}
    assert body["tax_residencies"] == [] and body["payout_details"] is None


@pytest.mark.django_db
def test_a_profile_converts_the_rate_into_the_viewers_currency_and_gives_the_overlap(client):
    # given a Lisbon freelancer at 45 EUR an hour, 09:00-17:00, and an Indian viewer
    profile = ProfileFactory()
    viewer = UserFactory(currency="INR", time_zone="Asia/Kolkata", country="IN")
    client.force_login(viewer)
    # when the viewer reads the profile for Tuesday 2026-06-16
    response = client.get(f"/api/v1/profiles/{profile.id}", {"on": "2026-06-16"})
    # then the rate is also in rupees with the rate's date and source, and Lisbon's
    # 09:00-17:00 WEST (08:00-16:00 UTC) overlaps Kolkata's 09:00-17:00 IST (03:30-11:30 UTC)
    # for 3.5 hours
    body = response.json()
    assert response.status_code == 200
    converted = body["rate_in_my_currency"]
    assert converted["currency"] == "INR" and converted["amount_minor"] > 4500
    assert converted["source"] and converted["rate_date"] <= "2026-06-16"
    assert body["overlap"] == {"on": "2026-06-16", "viewer_time_zone": "Asia/Kolkata",
                               "hours": "3.50"}
    assert body["reputation"]["score"] == "0.0"


@pytest.mark.django_db
def test_an_unlisted_profile_is_not_found_for_others_but_seen_by_its_owner(client):
    # given an unlisted profile
    profile = ProfileFactory(listed=False)
    # when someone else and then the owner ask for it
    client.force_login(UserFactory())
    other = client.get(f"/api/v1/profiles/{profile.id}")
    client.force_login(profile.user)
    own = client.get(f"/api/v1/profiles/{profile.id}")
    # then it does not exist for the other, and the owner sees it
    assert other.status_code == 404 and other.json()["code"] == "not_found"
    assert own.status_code == 200


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"skills": [{"esco_id": "no-such-skill", "level": 3}]}, 400, "unknown_skill"),
        ({"working_week": {"time_zone": "Moon/Base", "start": "09:00", "end": "17:00"}}, 422,
         "validation_error"),
        ({"working_week": {"time_zone": "UTC", "start": "09:00", "end": "17:00", "days": "8"}},
         422, "validation_error"),
        ({"working_week": {"time_zone": "UTC", "start": "09:00", "end": "17:00", "days": "11"}},
         400, "invalid_days"),
        ({"working_week": {"time_zone": "UTC", "start": 32400, "end": "17:00"}}, 422,
         "validation_error"),
        ({"working_week": {"time_zone": "UTC", "start": "09:00", "end": "17:00",
                           "holidays_country": "DE", "holidays_subdivision": "XX"}}, 400,
         "invalid_country"),
        ({"languages": [{"language": "zz", "level": "B1"}]}, 400, "invalid_language"),
        ({"languages": [{"language": "en", "level": "expert"}]}, 400, "invalid_language_level"),
        ({"rate": {"amount": "1.234", "currency": "EUR"}}, 400, "invalid_amount"),
        ({"rate": {"amount": "10", "currency": "XYZ"}}, 422, "validation_error"),
        ({"hours_per_week": 200}, 422, "validation_error"),  # 0..80 is in the schema
        ({"skills": [{"esco_id": "x", "level": "high"}]}, 422, "validation_error"),
        ({"working_week": {"time_zone": "UTC", "start": "25:00", "end": "17:00"}}, 422,
         "validation_error"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
@pytest.mark.django_db
def test_bad_profile_input_is_a_4xx_with_a_code(client, changes, status, code):
    # given a logged-in person
    user = UserFactory()
    client.force_login(user)
    # when they PUT a profile with one bad part
    response = _put(client, _body(**changes))
    # then the answer says what is wrong, and nothing is saved
    assert response.status_code == status, response.json()
    assert response.json()["code"] == code
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_get_me_profile_without_one_is_a_404_with_a_code(client):
    # given a person without a profile
    client.force_login(UserFactory())
    # when they ask for theirs, then it is not found, with a code that says so
    response = client.get("/api/v1/me/profile")
    assert response.status_code == 404 and response.json()["code"] == "no_profile"


@pytest.mark.django_db
def test_portfolio_items_are_posted_and_deleted(client):
    # given a freelancer
    profile = ProfileSkillFactory().profile
    client.force_login(profile.user)
    # when they post an item, then delete it
    created = client.post("/api/v1/me/profile/portfolio",
                          {"title": "Loom shop checkout", "url": "https://example.org",
                           "year": 2025}, content_type="application/json")
    item_id = created.json()["id"]
    deleted = client.delete(f"/api/v1/me/profile/portfolio/{item_id}")
    again = client.delete(f"/api/v1/me/profile/portfolio/{item_id}")
    # then 201, 204, then 404; a link of the schema's shape that is no address is a 400
    assert created.status_code == 201 and created.json()["title"] == "Loom shop checkout"
    assert deleted.status_code == 204 and again.status_code == 404
    bad = client.post("/api/v1/me/profile/portfolio", {"title": "x", "url": "http://x"},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_url"


@pytest.mark.django_db
def test_tax_residencies_are_the_owners_alone(client):
    # given a freelancer who records a German tax residency
    profile = ProfileFactory()
    client.force_login(profile.user)
    created = client.post("/api/v1/me/profile/tax-residencies",
                          {"country": "DE", "tax_id": "36574261809", "since": "2025-01-01"},
                          content_type="application/json")
    bad = client.post("/api/v1/me/profile/tax-residencies",
                      {"country": "DE", "tax_id": "36574261808", "since": "2025-02-01"},
                      content_type="application/json")
    own = client.get(f"/api/v1/profiles/{profile.id}").json()
    # when someone else reads the profile
    client.force_login(UserFactory())
    theirs = client.get(f"/api/v1/profiles/{profile.id}").json()
    # then the owner sees the residency, the bad number was refused, and the other sees none
    assert created.status_code == 201 and created.json()["tax_id"] == "36574261809"
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_tax_id"
    assert [r["country"] for r in own["tax_residencies"]] == ["DE"]
    assert theirs["tax_residencies"] == []
    # and the owner can delete it
    client.force_login(profile.user)
    gone = client.delete(f"/api/v1/me/profile/tax-residencies/{created.json()['id']}")
    assert gone.status_code == 204


@pytest.mark.django_db
def test_profiles_need_a_login(client):
    # given no login, when the profile endpoints are called, then 401 with the error model
    response = client.get("/api/v1/me/profile")
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_someone_elses_portfolio_item_or_residency_does_not_exist_for_you(client, founder,
                                                                          venture):
    # given a freelancer's portfolio item and tax residency, and a founder without a profile
    profile = ProfileFactory()
    client.force_login(profile.user)
    item = client.post("/api/v1/me/profile/portfolio", {"title": "Mine"},
                       content_type="application/json").json()["id"]
    residency = client.post("/api/v1/me/profile/tax-residencies",
                            {"country": "PT", "since": "2024-01-01"},
                            content_type="application/json").json()["id"]
    client.force_login(founder)
    # when the founder tries to delete them, by session and with the venture's token
    secret = services.issue_token(Actor(founder), "A", venture.id).secret
    answers = [client.delete(f"/api/v1/me/profile/portfolio/{item}"),
               client.delete(f"/api/v1/me/profile/tax-residencies/{residency}"),
               client.delete(f"/api/v1/me/profile/portfolio/{item}",
                             HTTP_AUTHORIZATION=f"Bearer {secret}")]
    # then each is a plain 404 and both rows are still there
    assert [(a.status_code, a.json()["code"]) for a in answers] == [(404, "not_found")] * 3
    assert profile.portfolio.count() == 1 and profile.tax_residencies.count() == 1
