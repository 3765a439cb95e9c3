"""GET /api/v1/profiles/search: filters as query parameters, why in every item, 4xx codes."""

from datetime import time

import pytest

from tests.network.factories import (
    ProfileFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    WorkPatternFactory,
    skill,
)

URL = "/api/v1/profiles/search"


@pytest.fixture
def client_as_lena(client, other_founder):
    client.force_login(other_founder)
    return client


def test_search_answers_items_with_why(client_as_lena):
    # given
    pattern = WorkPatternFactory(time_zone="America/New_York", holidays_country="")
    profile = ProfileSkillFactory(
        skill=skill("Python (computer programming)"), level=5, years=7,
        profile__pattern=pattern, profile__rate_minor=5_000, profile__currency="USD",
    ).profile
    ProfileFactory(headline="Potter")
    # when
    answer = client_as_lena.get(URL, {"q": "Python", "date": "2026-03-09"})
    # then
    assert answer.status_code == 200
    body = answer.json()
    assert (body["count"], body["has_more"], body["count_capped"]) == (1, False, False)
    (item,) = body["items"]
    assert item["id"] == profile.id and item["url"] == f"/network/profiles/{profile.id}/"
    why = item["why"]
    assert why["skills"][0]["label"] == "Python (computer programming)"
    assert (why["skills"][0]["level"], why["skills"][0]["years"]) == (5, 7)
    assert why["skills"][0]["phrase"] == "Python"
    assert why["overlap_hours"] == "3.00" and why["overlap_date"] == "2026-03-09"
    assert why["rate"]["own"] == {"minor": 5000, "currency": "USD", "amount": "50.00"}
    assert why["rate"]["converted"]["currency"] == "EUR"
    assert why["rate"]["rate_date"] == "2026-03-09" and why["rate"]["rate_source"] == "ECB"


def test_all_filters_as_query_parameters(client_as_lena):
    # given
    wanted = ProfileLanguageFactory(
        language="pt", level="C1", profile__country="BR", profile__hours_per_week=30,
        profile__reputation=80,
    ).profile
    ProfileLanguageFactory(language="pt", level="C1", profile__country="PT")
    # when
    answer = client_as_lena.get(URL, {
        "region": "South America", "language": ["pt:B2"], "min_hours": 20,
        "min_reputation": "50", "rate_min": "10", "rate_max": "100", "overlap_hours": "0",
        "zone": "America/Sao_Paulo", "start": "09:00", "end": "17:00", "date": "2026-03-09",
        "sort": "reputation", "limit": 5,
    })
    # then
    assert answer.status_code == 200, answer.json()
    assert [item["id"] for item in answer.json()["items"]] == [wanted.id]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"region": "Atlantis"}, "unknown_region"),
        ({"zone": "Mars/Base"}, "bad_zone"),
        ({"date": "2026-02-30"}, "bad_date"),
        ({"start": "25:00"}, "bad_time"),
        ({"rate_min": "50", "rate_max": "10"}, "rate_range_invalid"),
        ({"rate_min": "ten"}, "rate_range_invalid"),
        ({"rate_min": "-5"}, "rate_range_invalid"),
        ({"overlap_hours": "30"}, "bad_overlap"),
        ({"language": "zz"}, "unknown_language"),
        ({"language": "en:fluent"}, "bad_language_level"),
        ({"skill": 999_999_999}, "unknown_skill"),
    ],
)
def test_bad_filters_are_4xx_with_a_code(client_as_lena, params, code):
    # when
    answer = client_as_lena.get(URL, params)
    # then
    assert answer.status_code == 400
    assert answer.json()["code"] == code


@pytest.mark.parametrize(
    "params", [{"sort": "cheapest"}, {"limit": 0}, {"limit": 51}, {"min_hours": 99}]
)
def test_out_of_range_parameters_are_validation_errors(client_as_lena, params):
    # when
    answer = client_as_lena.get(URL, params)
    # then
    assert answer.status_code == 422
    assert answer.json()["code"] == "validation_error"


def test_search_needs_a_login(client):
    # when
    answer = client.get(URL)
    # then
    assert answer.status_code == 401


def test_pagination_with_limit_and_offset(client_as_lena):
    # given
    pattern = WorkPatternFactory(start=time(9), end=time(17))
    ids = [ProfileFactory(pattern=pattern, reputation=90 - n).id for n in range(3)]
    # when
    first = client_as_lena.get(URL, {"limit": 2, "date": "2026-03-09"}).json()
    second = client_as_lena.get(URL, {"limit": 2, "offset": 2, "date": "2026-03-09"}).json()
    # then
    assert [i["id"] for i in first["items"]] == ids[:2] and first["has_more"]
    assert [i["id"] for i in second["items"]] == ids[2:] and not second["has_more"]
