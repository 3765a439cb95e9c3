"""Skill postings carry their profile's search filters after every writer."""

from dataclasses import replace
from datetime import date, time
from decimal import Decimal

import pytest

from bornglobal.network import postings, profiles, reviews
from bornglobal.network.models import ProfileSkill
from bornglobal.network.models.profiles import SEARCH_COPY
from bornglobal.network.search import search
from bornglobal.network.search_query import SearchQuery
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory
from tests.network.factories import ProfileFactory, contract, skill

PYTHON = "Python (computer programming)"
HOURS = profiles.WorkingHours("America/Sao_Paulo", time(9), time(17), "12345", "BR", "")


def _details(**changes) -> profiles.ProfileDetails:
    base = profiles.ProfileDetails(
        headline="Python developer for payments", bio="", country="BR", city="Recife",
        working_hours=HOURS, rate="38.00", currency="BRL", hours_per_week=25,
        skills=(profiles.SkillEntry(skill(PYTHON).esco_id, 4, 6),
                profiles.SkillEntry(skill("SQL").esco_id, 3, 4)),
        languages=(profiles.LanguageEntry("pt", "native"),),
    )
    return replace(base, **changes)


def _copies(profile) -> set[tuple]:
    return set(ProfileSkill.objects.filter(profile=profile).values_list(*SEARCH_COPY))


@pytest.mark.django_db
def test_a_saved_profile_stamps_its_filters_on_every_posting():
    # given a person saving a profile with two skills
    actor = Actor(UserFactory(is_freelancer=False))
    # when the profile is saved
    profile = profiles.save_profile(actor, _details())
    # then both postings carry the profile's filters
    expected = tuple(getattr(profile, name) for name in SEARCH_COPY)
    assert _copies(profile) == {expected}
    assert not postings.out_of_sync().exists()


@pytest.mark.django_db
def test_changing_rate_country_hours_or_unlisting_moves_the_postings_too():
    # given a saved profile that search finds by skill
    actor = Actor(UserFactory(is_freelancer=False))
    profile = profiles.save_profile(actor, _details())
    viewer = Actor(UserFactory())
    python = (skill(PYTHON).id,)
    assert [i.profile_id for i in search(viewer, SearchQuery(skill_ids=python)).items] == [
        profile.id]
    # when the freelancer changes every filtered fact and unlists the profile
    hours = replace(HOURS, time_zone="Europe/Lisbon", holidays_country="PT")
    profile = profiles.save_profile(actor, _details(
        country="PT", rate="52.00", currency="EUR", hours_per_week=10, working_hours=hours,
        listed=False))
    # then the postings follow, and search no longer shows the profile
    assert _copies(profile) == {(False, "PT", profile.pattern_id, "EUR", 5200, 10,
                                 profile.reputation)}
    assert not postings.out_of_sync().exists()
    assert search(viewer, SearchQuery(skill_ids=python)).items == []


@pytest.mark.django_db
def test_a_new_review_moves_the_reputation_on_the_postings(other_founder, other_venture):
    # given a freelancer with a completed contract and a posting at the prior reputation
    freelancer = ProfileFactory().user
    profiles.save_profile(Actor(freelancer), _details())
    done = contract(other_founder, other_venture, freelancer, "PT-1", ("300.00",),
                    due_on=date(2026, 6, 20))
    # when the client leaves five stars
    reviews.leave_review(Actor(other_founder), done.id, 5)
    # then the postings carry the new reputation
    freelancer.profile.refresh_from_db()
    reputations = {row[-1] for row in _copies(freelancer.profile)}
    assert reputations == {freelancer.profile.reputation} != {Decimal("0")}
    assert not postings.out_of_sync().exists()


@pytest.mark.django_db
def test_out_of_sync_names_a_posting_that_a_writer_forgot():
    # given a posting whose profile was changed behind the services' back
    profile = profiles.save_profile(Actor(UserFactory(is_freelancer=False)), _details())
    type(profile).objects.filter(pk=profile.pk).update(rate_minor=9_999)
    # when postings are checked
    stale = postings.out_of_sync()
    # then both of its postings are named, and a sync repairs them
    assert stale.count() == 2
    postings.sync(type(profile).objects.get(pk=profile.pk))
    assert not postings.out_of_sync().exists()
