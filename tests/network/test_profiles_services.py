"""Profile services: what a freelancer may save, how it is checked, and the audit trail."""

from dataclasses import replace
from datetime import date, time

import pytest

from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.network import profiles
from bornglobal.network.models import Profile, WorkPattern
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from tests.factories import UserFactory
from tests.network.factories import ProfileFactory, skill

PYTHON = "Python (computer programming)"


HOURS = profiles.WorkingHours("Asia/Kolkata", time(10), time(18, 30), "12345", "IN", "MH")


def _details(**changes) -> profiles.ProfileDetails:
    base = profiles.ProfileDetails(
        headline="Django developer, payments and APIs",
        bio="Ten years of web work.",
        country="IN",
        city="Pune",
        working_hours=HOURS,
        rate="45.50",
        currency="EUR",
        hours_per_week=30,
        skills=(profiles.SkillEntry(skill(PYTHON).esco_id, 5, 8),),
        languages=(profiles.LanguageEntry("hi", "native"), profiles.LanguageEntry("eng", "C1")),
    )
    return replace(base, **changes)


def _hours(**changes) -> profiles.WorkingHours:
    return replace(HOURS, **changes)


@pytest.mark.django_db
def test_saving_a_profile_makes_a_freelancer_with_an_exact_rate_and_a_shared_pattern():
    # given a person who is not yet a freelancer
    user = UserFactory(is_freelancer=False)
    # when they save a profile
    profile = profiles.save_profile(Actor(user), _details())
    # then the profile holds the rate in cents, the skills, languages in ISO 639-1, and the
    # working week as a shared pattern; the person is now a freelancer
    user.refresh_from_db()
    assert user.is_freelancer
    assert (profile.rate_minor, profile.currency) == (4550, "EUR")
    assert profile.pattern.time_zone == "Asia/Kolkata" and profile.pattern.days == "12345"
    assert (profile.pattern.holidays_country, profile.pattern.holidays_subdivision) == ("IN", "MH")
    assert [(s.skill.label, s.level, s.years) for s in profile.skills.all()] == [(PYTHON, 5, 8)]
    assert sorted((lang.language, lang.level) for lang in profile.languages.all()) == [
        ("en", "C1"), ("hi", "native")]


@pytest.mark.django_db
def test_two_profiles_with_the_same_week_share_one_pattern():
    # given two people with the same working week
    first = profiles.save_profile(Actor(UserFactory()), _details())
    second = profiles.save_profile(Actor(UserFactory()), _details())
    # then they point at one pattern row
    assert first.pattern_id == second.pattern_id
    assert WorkPattern.objects.filter(time_zone="Asia/Kolkata").count() == 1


@pytest.mark.django_db
def test_a_rate_uses_the_currencys_own_exponent():
    # given a yen rate and a rate with too many decimals
    user = UserFactory()
    # when saved
    yen = profiles.save_profile(Actor(user), _details(rate="6000", currency="JPY"))
    # then yen have no minor unit, and a third decimal for euros is refused, not rounded
    assert (yen.rate_minor, yen.currency) == (6000, "JPY")
    with pytest.raises(DomainError) as refused:
        profiles.save_profile(Actor(user), _details(rate="45.555"))
    assert refused.value.code == "invalid_amount"


@pytest.mark.django_db
def test_saving_again_replaces_skills_and_languages_and_updates_the_time():
    # given a saved profile
    user = UserFactory()
    first = profiles.save_profile(Actor(user), _details())
    stamp = first.updated_at
    # when it is saved with other skills and one language
    profiles.save_profile(Actor(user), _details(
        skills=(profiles.SkillEntry(skill("bookkeeping regulations").esco_id, 3, 2),),
        languages=(profiles.LanguageEntry("pt", "B2"),)))
    # then the old rows are gone, the new ones are there, and updated_at moved
    profile = Profile.objects.get(user=user)
    assert [s.skill.label for s in profile.skills.all()] == ["bookkeeping regulations"]
    assert [lang.language for lang in profile.languages.all()] == ["pt"]
    assert profile.updated_at >= stamp
    assert Profile.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_every_save_leaves_an_audit_record():
    # given a person
    user = UserFactory()
    # when they create and then change their profile
    profiles.save_profile(Actor(user), _details())
    profiles.save_profile(Actor(user), _details(headline="Payments engineer"))
    # then both writes are in the audit log, the change with before and after
    events = list(AuditEvent.objects.filter(actor=user, action__startswith="profile.")
                  .order_by("id"))
    assert [e.action for e in events] == ["profile.created", "profile.saved"]
    assert events[1].summary["before"]["headline"] == "Django developer, payments and APIs"
    assert events[1].summary["after"]["headline"] == "Payments engineer"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"working_hours": _hours(time_zone="Mars/Olympus")}, "invalid_time_zone"),
        ({"working_hours": _hours(days="089")}, "invalid_days"),
        ({"working_hours": _hours(days="")}, "invalid_days"),
        ({"working_hours": _hours(holidays_country="XX")}, "invalid_country"),
        ({"working_hours": _hours(holidays_subdivision="ZZ")}, "invalid_country"),
        ({"country": "Germany"}, "invalid_country"),
        ({"currency": "EURO"}, "invalid_currency"),
        ({"rate": "0"}, "invalid_rate"),
        ({"rate": "-5"}, "invalid_rate"),
        ({"rate": "lots"}, "invalid_amount"),
        ({"hours_per_week": 81}, "invalid_hours_per_week"),
        ({"headline": "   "}, "invalid_headline"),
        ({"skills": (profiles.SkillEntry("not-an-esco-id", 3),)}, "unknown_skill"),
        ({"languages": (profiles.LanguageEntry("xx", "B1"),)}, "invalid_language"),
        ({"languages": (profiles.LanguageEntry("en", "fluent"),)}, "invalid_language_level"),
        ({"languages": (profiles.LanguageEntry("en", "B1"), profiles.LanguageEntry("eng", "C1"))},
         "duplicate_language"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
@pytest.mark.django_db
def test_bad_input_is_refused_with_a_code_and_nothing_is_written(changes, code):
    # given a person
    user = UserFactory()
    # when they save a profile with one bad field
    with pytest.raises(DomainError) as refused:
        profiles.save_profile(Actor(user), _details(**changes))
    # then the refusal names the problem and no profile exists
    assert refused.value.code == code
    assert not Profile.objects.filter(user=user).exists()


@pytest.mark.parametrize(("level", "years", "code"), [
    (0, 1, "invalid_skill_level"), (6, 1, "invalid_skill_level"), (3, 61, "invalid_skill_years"),
    (3, -1, "invalid_skill_years")])
@pytest.mark.django_db
def test_skill_levels_are_one_to_five_and_years_sane(level, years, code):
    # given a skill with a level or years out of range
    entry = profiles.SkillEntry(skill(PYTHON).esco_id, level, years)
    # when saved, then it is refused
    with pytest.raises(DomainError) as refused:
        profiles.save_profile(Actor(UserFactory()), _details(skills=(entry,)))
    assert refused.value.code == code


@pytest.mark.django_db
def test_a_venture_token_cannot_change_a_profile(venture, founder):
    # given an actor that came with a token scoped to a venture
    actor = Actor(founder, venture_scope=venture.id)
    # when it tries to save a profile, then it is refused
    with pytest.raises(Forbidden):
        profiles.save_profile(actor, _details())


@pytest.mark.django_db
def test_a_freelancer_token_may_edit_its_own_profile():
    # given a freelancer-only token's actor
    actor = Actor(UserFactory(), freelancer_only=True)
    # when it saves, then the profile exists
    assert profiles.save_profile(actor, _details()).pk


@pytest.mark.django_db
def test_portfolio_items_are_added_checked_and_removed_with_audit():
    # given a freelancer with a profile
    profile = ProfileFactory()
    actor = Actor(profile.user)
    # when they add an item and then remove it
    item = profiles.add_portfolio_item(actor, "Checkout for a Lagos loom shop",
                                       "https://example.org/looms", "Stripe and M-Pesa.", 2025)
    profiles.remove_portfolio_item(actor, item.id)
    # then it is gone and both steps are audited; bad links and years are refused
    assert not profile.portfolio.exists()
    actions = set(AuditEvent.objects.filter(actor=profile.user).values_list("action", flat=True))
    assert {"profile.portfolio_added", "profile.portfolio_removed"} <= actions
    for kwargs, code in (({"url": "javascript:alert(1)"}, "invalid_url"),
                         ({"year": 1800}, "invalid_year"), ({"title": ""}, "invalid_title")):
        with pytest.raises(DomainError) as refused:
            profiles.add_portfolio_item(actor, **{"title": "Work", **kwargs})
        assert refused.value.code == code


@pytest.mark.django_db
def test_someone_elses_portfolio_item_cannot_be_removed():
    # given two freelancers, one with a portfolio item
    owner, other = ProfileFactory(), ProfileFactory()
    item = profiles.add_portfolio_item(Actor(owner.user), "Mine")
    # when the other tries to remove it, then it does not exist for them
    with pytest.raises(NotFound):
        profiles.remove_portfolio_item(Actor(other.user), item.id)
    assert owner.portfolio.filter(id=item.id).exists()


@pytest.mark.django_db
def test_a_portfolio_needs_a_profile_first():
    # given a person without a profile, when they add an item, then they are told why
    with pytest.raises(NotFound) as refused:
        profiles.add_portfolio_item(Actor(UserFactory()), "Work")
    assert refused.value.code == "no_profile"


@pytest.mark.parametrize(("country", "tax_id", "stored"), [
    ("DE", "36 574 261 809", "36574261809"),  # Steuer-IdNr
    ("DE", "DE 136 695 976", "136695976"),  # USt-IdNr
    ("IN", "AAAPL1234C", "AAAPL1234C"),  # PAN
    ("NG", "12345678-0001", "12345678-0001"),  # stdnum knows no Nigerian number: kept
    ("PT", "", ""),
])
@pytest.mark.django_db
def test_tax_ids_are_checked_with_stdnum_where_it_knows_the_country(country, tax_id, stored):
    # given a freelancer
    actor = Actor(ProfileFactory().user)
    # when they record a tax residency
    residency = profiles.add_tax_residency(actor, country, tax_id, date(2024, 1, 1))
    # then the number is kept in its compact form
    assert residency.tax_id == stored


@pytest.mark.django_db
def test_a_bad_tax_id_or_a_second_residency_on_one_date_is_refused():
    # given a freelancer with a residency from 2024-01-01
    actor = Actor(ProfileFactory().user)
    profiles.add_tax_residency(actor, "PT", "", date(2024, 1, 1))
    # when they record a wrong German number, or another residency on the same date
    with pytest.raises(DomainError) as bad:
        profiles.add_tax_residency(actor, "DE", "36 574 261 808", date(2025, 1, 1))
    with pytest.raises(Conflict) as twice:
        profiles.add_tax_residency(actor, "ES", "", date(2024, 1, 1))
    # then both are refused with their codes
    assert bad.value.code == "invalid_tax_id"
    assert twice.value.code == "tax_residency_exists"
