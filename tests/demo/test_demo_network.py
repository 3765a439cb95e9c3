import random

from django.db.models import Count

from bornglobal import demo
from bornglobal.demo.network import RateBook, plan_profile
from bornglobal.demo.network_anchors import ANCHORS
from bornglobal.demo.network_roles import all_skill_labels
from bornglobal.domain.availability import WorkingWeek
from bornglobal.network import postings
from bornglobal.network.models import Profile, ProfileLanguage, Skill, WorkPattern
from bornglobal.network.reviews import standing
from bornglobal.tenancy.models import User


def test_every_demo_skill_is_an_esco_preferred_label(db):
    # given the labels the demo roles and named people use
    labels = all_skill_labels() | {label for a in ANCHORS for label, _l, _y in a.skills}
    # when they are looked up in the shipped taxonomy
    found = set(Skill.objects.filter(label__in=labels).values_list("label", flat=True))
    # then every one exists
    assert labels - found == set()


def test_small_demo_gives_about_2000_profiles_with_skills_languages_and_valid_weeks(db):
    # given an empty database
    # when the small demo is loaded
    summary = demo.load(seed=42, size="small")
    # then every freelancer has a profile, with skills and a language
    freelancers = User.objects.filter(is_freelancer=True).count()
    assert Profile.objects.count() == freelancers == summary.network.profiles >= 2_000
    thin = Profile.objects.annotate(n=Count("skills")).filter(n__lt=2)
    assert not thin.exists()
    # and every skill posting carries its profile's search filters
    assert not postings.out_of_sync().exists()
    assert ProfileLanguage.objects.values("profile").distinct().count() == freelancers
    # and every working week is one the availability rules accept
    for pattern in WorkPattern.objects.all():
        WorkingWeek(pattern.time_zone, pattern.start, pattern.end,
                    frozenset(int(d) for d in pattern.days), pattern.holidays_country or None)
    # and the named people are there with their own headline and skills
    for anchor in ANCHORS:
        profile = Profile.objects.get(user__email=anchor.email)
        assert profile.headline == anchor.headline
        assert profile.skills.count() == len(anchor.skills)
    assert "2,0" in summary.describe().split("Network:")[1]
    # and every score is the one the explanation computes from stored rows
    reviewed = Profile.objects.filter(review_count__gt=0)
    assert reviewed.exists()
    for profile in reviewed[:5]:
        assert profile.reputation == standing(profile.user).reputation.value


def test_the_same_seed_plans_the_same_profile(db):
    # given one person and two planners on the same seed
    user = User(email="x@example.org", country="KE", time_zone="Africa/Nairobi", currency="KES")
    book = RateBook()
    # when the profile is planned twice
    first = plan_profile(random.Random("s"), user, book)
    again = plan_profile(random.Random("s"), user, book)
    # then both plans are equal and the rate is a positive whole amount
    assert first == again and first.rate_minor > 0
