import random

import pytest
from django.contrib.auth import authenticate
from django.db.models import Count
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.de import vat as de_vat

from bornglobal import demo
from bornglobal.demo import platform
from bornglobal.demo.network_anchors import ANCHORS
from bornglobal.demo.people import email_for, plan_people, plan_places
from bornglobal.domain import world
from bornglobal.domain.errors import Conflict, DomainError
from bornglobal.tenancy.models import AuditEvent, Membership, User, Venture

SMALL_FREELANCERS = platform.SIZES["small"] - len(platform.LOGIN_PEOPLE)
NEW_ANCHORS = sum(1 for anchor in ANCHORS if not anchor.login_email)
FIELDS = ("email", "full_name", "country", "time_zone", "currency", "locale")


def _login(email):
    return authenticate(RequestFactory().post("/login/"), username=email,
                        password=demo.DEMO_PASSWORD)


def test_small_load_covers_120_countries_every_offset_and_the_fractional_zones(db):
    # given an empty database
    # when the small demo is loaded
    summary = demo.load(seed=42, size="small")
    # then about 2,000 people span at least 120 countries, every whole hour -10..+13
    # and the half- and quarter-hour zones
    zones = set(User.objects.values_list("time_zone", flat=True))
    assert summary.people == platform.SIZES["small"]
    extra = summary.network.new_users + summary.partners.owners
    assert User.objects.count() == summary.people + extra
    assert User.objects.values("country").distinct().count() >= 120
    assert world.missing_whole_hours(zones) == []
    assert {zone for _code, zone in world.FRACTIONAL_ZONES} <= zones
    assert {330, 210, -210, 345, 630} <= set(summary.offsets)


def test_the_load_writes_exactly_the_planned_people(db):
    # given the plan for seed 7
    planned = {tuple(getattr(p, f) for f in FIELDS) for p in plan_people(7, SMALL_FREELANCERS)}
    # when seed 7 is loaded
    platform.load_platform(seed=7, size="small")
    # then the generated freelancers in the database are those of the plan
    stored = set(User.objects.filter(email__endswith="@demo.bornglobal.example")
                 .values_list(*FIELDS))
    assert stored == planned


def test_the_same_seed_gives_the_same_people_and_another_seed_others():
    # given two plans from the same seed and one from another
    first, again, other = plan_people(3, 400), plan_people(3, 400), plan_people(4, 400)
    # when they are compared
    # then the same seed repeats exactly and a different seed differs
    assert first == again
    assert [p.email for p in first] != [p.email for p in other]


def test_emails_are_unique_lowercase_ascii_on_the_demo_domain():
    # given a medium-sized plan
    people = plan_people(42, 3_000)
    # when the emails are looked at
    emails = [p.email for p in people]
    # then each is unique, ASCII and lower case
    assert len(set(emails)) == len(emails)
    assert all(e.isascii() and e == e.lower() and e.endswith("@demo.bornglobal.example")
               for e in emails)


def test_emails_fall_back_to_person_n_when_nothing_transliterates():
    # given names with and without Latin letters once transliterated
    # when emails are derived
    # then accents go, titles go, and an empty result becomes person.N
    assert email_for("Dr. José Müller-Lüdenscheidt", 5) == (
        "jose.ludenscheidt.5@demo.bornglobal.example"
    )
    assert email_for("🙂 ✓", 9) == "person.9@demo.bornglobal.example"
    assert email_for("木村 陽一", 2).isascii()


def test_names_come_from_the_countrys_locale():
    # given a plan large enough for every main country
    people = plan_people(42, 3_000)
    # when each person's name locale is compared with their country's
    pool = world.countries()
    # then it is one of the country's locales, and e.g. Indians are named in Hindi or
    # Indian English and Japanese people in Japanese
    assert all(p.name_locale in pool[p.country].name_locales for p in people)
    assert {p.name_locale for p in people if p.country == "IN"} == {"hi_IN", "en_IN"}
    assert {p.locale for p in people if p.country == "IN"} == {"hi_IN", "en_IN"}
    japanese = [p for p in people if p.country == "JP"]
    assert japanese and all(p.name_locale == "ja_JP" and not p.full_name.isascii()
                            for p in japanese)


def test_currency_zone_and_locale_match_the_country(db):
    # given the small demo
    demo.load(seed=11, size="small")
    # when every person is checked against the world map
    pool = world.countries()
    # then currency and zone are their country's, and Indians have an Indian locale
    for country, zone, currency in User.objects.values_list("country", "time_zone", "currency"):
        assert currency == pool[country].currency
        assert zone in world.country_zones()[country]
    indian = set(User.objects.filter(country="IN").values_list("locale", flat=True))
    assert indian and indian <= {"hi_IN", "en_IN"}


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(), count=st.integers(min_value=0, max_value=400))
def test_every_planned_zone_belongs_to_the_planned_country(seed, count):
    # given any seed and size
    # when the places are planned
    places = plan_places(random.Random(seed), world.countries(), count)
    # then there are as many as asked, each zone listed for its country
    assert len(places) == count
    assert all(zone in world.country_zones()[code] for code, zone in places)


def test_demo_logins_authenticate_with_the_demo_password(db):
    # given the small demo
    demo.load(seed=42, size="small")
    # when each demo login signs in with the published password
    logins = demo.demo_logins()
    # then each gets in, the founders own their ventures and the manager manages
    assert len(logins) == 5
    assert all(_login(login.email) is not None for login in logins)
    for spec in platform.VENTURES:
        venture = Venture.objects.get(name=spec.name)
        assert venture.memberships.get(role="owner").user.email == spec.founder.email
    manager = Membership.objects.get(user__email="manager@kestrel.example")
    assert (manager.venture.name, manager.role) == ("Kestrel Robotics", "manager")


def test_ventures_teams_and_freelancers_in_two_ventures(db):
    # given an empty database
    # when the small demo is loaded
    summary = demo.load(seed=42, size="small")
    # then three ventures in three countries exist, Kestrel with a valid German VAT ID,
    # each with managers and members, and some freelancers work for two ventures
    ventures = {v.name: v for v in Venture.objects.all()}
    assert {(v.legal_country, v.base_currency) for v in ventures.values()} == {
        ("NG", "NGN"), ("DE", "EUR"), ("IN", "INR"),
    }
    assert de_vat.is_valid(ventures["Kestrel Robotics"].vat_id)
    for venture in ventures.values():
        roles = set(venture.memberships.values_list("role", flat=True))
        assert roles == {"owner", "manager", "member"}
    in_two = User.objects.annotate(n=Count("memberships")).filter(n__gt=1)
    assert in_two.filter(is_freelancer=True).count() >= 3
    assert in_two.filter(email="freelancer@bornglobal.example").exists()
    assert summary.memberships == Membership.objects.count()
    assert AuditEvent.objects.filter(action="venture.created").count() == 3


def test_loading_twice_is_refused_with_a_clear_error(db):
    # given a loaded demo
    demo.load(seed=42, size="small")
    # when it is loaded again
    with pytest.raises(Conflict) as refused:
        demo.load(seed=43, size="small")
    # then the refusal says why and nothing was added
    assert refused.value.code == "demo_data_present"
    assert User.objects.count() == platform.SIZES["small"] + NEW_ANCHORS + demo.PARTNERS["small"]


def test_an_unknown_size_is_refused(db):
    # given an empty database
    # when a size that does not exist is asked for
    with pytest.raises(DomainError) as refused:
        demo.load(seed=1, size="huge")
    # then the error names the problem and nothing is written
    assert refused.value.code == "invalid_size"
    assert not User.objects.exists()


def test_progress_is_reported_up_to_the_total_and_described(db):
    # given a progress callback
    calls = []
    # when the small demo is loaded
    summary = demo.load(seed=5, size="small", progress=lambda *call: calls.append(call))
    # then progress only grows, ends exactly at the total, and the summary reads well
    done = [call[0] for call in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]
    assert {"people", "memberships"} <= {call[2] for call in calls}
    text = summary.describe()
    assert "2,000 people" in text and "3 ventures" in text
    assert f"{len(ANCHORS)} named" in text
    assert "every whole hour from -10 to +13" in text
