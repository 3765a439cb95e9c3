"""The talent search engine: each filter, DST-correct overlap, rates in the viewer's currency."""

from datetime import date, time
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bornglobal.domain.errors import DomainError
from bornglobal.domain.fx import convert
from bornglobal.domain.money import Money
from bornglobal.money import rates
from bornglobal.network import search as engine
from bornglobal.network.search import search
from bornglobal.network.search_query import LanguageNeed, SearchQuery, Sort
from bornglobal.tenancy.actors import Actor
from tests.network.factories import (
    ProfileFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    WorkPatternFactory,
    skill,
)

BEFORE_US_DST = date(2026, 3, 2)  # Monday: New York UTC-5, Berlin UTC+1
BETWEEN_DST = date(2026, 3, 9)  # Monday: New York moved to UTC-4, Berlin not yet
AFTER_EU_DST = date(2026, 3, 30)  # Monday: Berlin UTC+2 too


@pytest.fixture
def viewer(other_founder):
    """Lena in Berlin, paying in EUR, 09:00-17:00 Monday to Friday (no profile of her own)."""
    return Actor(other_founder)


def _person(zone, headline="Freelance developer", start=time(9), end=time(17), **fields):
    pattern = WorkPatternFactory(time_zone=zone, start=start, end=end, holidays_country="")
    return ProfileFactory(pattern=pattern, headline=headline, **fields)


def _ids(page):
    return [item.profile_id for item in page.items]


def test_skill_ids_find_holders_and_say_level_and_years(viewer):
    # given
    python = skill("Python (computer programming)")
    holder = ProfileSkillFactory(skill=python, level=5, years=8).profile
    ProfileFactory(headline="Illustrator")
    # when
    page = search(viewer, SearchQuery(skill_ids=(python.id,), on=BETWEEN_DST))
    # then
    assert _ids(page) == [holder.id]
    (matched,) = page.items[0].skills
    assert (matched.label, matched.level, matched.years, matched.phrase) == (
        python.label, 5, 8, ""
    )


def test_free_text_maps_to_esco_skills_and_names_the_phrase(viewer):
    # given
    holder = ProfileSkillFactory(skill=skill("Python (computer programming)")).profile
    ProfileSkillFactory(skill=skill("JavaScript"))
    # when
    page = search(viewer, SearchQuery(text="we need Python for our backend", on=BETWEEN_DST))
    # then
    assert _ids(page) == [holder.id]
    assert page.items[0].skills[0].phrase == "Python"


def test_free_text_also_finds_words_of_the_headline(viewer):
    # given
    shop = ProfileFactory(headline="Shopify store builder")
    ProfileFactory(headline="Wedding photographer")
    # when
    page = search(viewer, SearchQuery(text="shopify", on=BETWEEN_DST))
    # then
    assert _ids(page) == [shop.id]
    assert page.items[0].headline_words == ("shopify",)


def test_relevance_prefers_more_matched_skills_then_level(viewer):
    # given
    python, sql = skill("Python (computer programming)"), skill("SQL")
    both = ProfileSkillFactory(skill=python, level=2, years=1).profile
    ProfileSkillFactory(profile=both, skill=sql, level=2, years=1)
    expert = ProfileSkillFactory(skill=python, level=5, years=10).profile
    novice = ProfileSkillFactory(skill=python, level=1, years=0).profile
    # when
    page = search(viewer, SearchQuery(skill_ids=(python.id, sql.id), on=BETWEEN_DST))
    # then
    assert _ids(page) == [both.id, expert.id, novice.id]
    assert page.items[0].score > page.items[1].score > page.items[2].score


def test_country_and_region_filters(viewer):
    # given
    lagos = ProfileFactory(country="NG")
    accra = ProfileFactory(country="GH")
    nairobi = ProfileFactory(country="KE")
    # when
    west = search(viewer, SearchQuery(region="Western Africa", on=BETWEEN_DST))
    kenya = search(viewer, SearchQuery(countries=("KE",), on=BETWEEN_DST))
    both = search(viewer, SearchQuery(countries=("KE", "NG"), region="011", on=BETWEEN_DST))
    # then
    assert set(_ids(west)) == {lagos.id, accra.id}
    assert _ids(kenya) == [nairobi.id]
    assert _ids(both) == [lagos.id]


def test_unknown_region_is_refused(viewer):
    # when
    with pytest.raises(DomainError) as refusal:
        search(viewer, SearchQuery(region="Narnia"))
    # then
    assert refusal.value.code == "unknown_region"


def test_language_filter_with_minimum_level(viewer):
    # given
    fluent = ProfileLanguageFactory(language="pt", level="C2").profile
    ProfileLanguageFactory(language="pt", level="A2")
    ProfileLanguageFactory(language="es", level="native")
    # when
    page = search(viewer, SearchQuery(languages=(LanguageNeed("pt", "B2"),), on=BETWEEN_DST))
    anyone = search(viewer, SearchQuery(languages=(LanguageNeed("PT"),), on=BETWEEN_DST))
    # then
    assert _ids(page) == [fluent.id]
    assert anyone.count == 2


def test_language_codes_and_levels_are_checked():
    # when / then
    with pytest.raises(DomainError) as unknown:
        LanguageNeed("xx")
    with pytest.raises(DomainError) as bad_level:
        LanguageNeed("en", "fluent")
    assert unknown.value.code == "unknown_language"
    assert bad_level.value.code == "bad_language_level"


@pytest.mark.parametrize(
    ("day", "hours"),
    [(BEFORE_US_DST, Decimal("2.00")), (BETWEEN_DST, Decimal("3.00")),
     (AFTER_EU_DST, Decimal("2.00"))],
)
def test_overlap_of_new_york_with_berlin_follows_both_dst_changes(viewer, day, hours):
    # given
    new_york = _person("America/New_York", country="US")
    # when
    page = search(viewer, SearchQuery(on=day))
    at_least_three = search(viewer, SearchQuery(on=day, min_overlap=Decimal(3)))
    # then
    assert page.items[0].overlap_hours == hours
    assert _ids(at_least_three) == ([new_york.id] if hours >= 3 else [])


@pytest.mark.parametrize(
    ("day", "kolkata", "adelaide"),
    [(BEFORE_US_DST, Decimal("3.50"), Decimal("0.00")),
     (AFTER_EU_DST, Decimal("4.50"), Decimal("0.00"))],
)
def test_overlap_with_half_hour_zones(viewer, day, kolkata, adelaide):
    # given
    india = _person("Asia/Kolkata", country="IN")
    australia = _person("Australia/Adelaide", country="AU")
    # when
    page = search(viewer, SearchQuery(on=day))
    # then
    hours = {item.profile_id: item.overlap_hours for item in page.items}
    assert hours == {india.id: kolkata, australia.id: adelaide}


@pytest.mark.parametrize(
    ("day", "hours"), [(date(2026, 3, 30), Decimal("3.00")), (date(2026, 4, 7), Decimal("4.00"))]
)
def test_overlap_with_a_named_window_across_adelaide_leaving_summer_time(viewer, day, hours):
    # given: Adelaide leaves daylight saving time on 2026-04-05
    australia = _person("Australia/Adelaide", country="AU")
    kolkata_window = SearchQuery(
        on=day, window_zone="Asia/Kolkata", window_start=time(9), window_end=time(17),
        min_overlap=hours,
    )
    # when
    page = search(viewer, kolkata_window)
    # then
    assert _ids(page) == [australia.id]
    assert page.items[0].overlap_hours == hours
    assert page.viewer_window == "09:00-17:00 Asia/Kolkata"


def test_bad_zone_is_refused(viewer):
    # when
    with pytest.raises(DomainError) as refusal:
        search(viewer, SearchQuery(window_zone="Mars/Olympus_Mons"))
    # then
    assert refusal.value.code == "bad_zone"


def _in_eur(minor, currency, day):
    return convert(Money(minor, currency), "EUR", day, rates.current()).target


def test_rate_range_is_in_the_viewers_currency_and_exact_at_the_bounds(viewer):
    # given
    dollars = ProfileFactory(rate_minor=5_000, currency="USD")
    yen = ProfileFactory(rate_minor=6_000, currency="JPY")
    euros = ProfileFactory(rate_minor=9_000, currency="EUR")
    dollars_in_eur = _in_eur(5_000, "USD", BETWEEN_DST)
    low = dollars_in_eur.to_decimal()
    # when
    from_dollars = search(viewer, SearchQuery(on=BETWEEN_DST, rate_min=low, rate_max=Decimal(80)))
    above = search(viewer, SearchQuery(on=BETWEEN_DST, rate_min=low + Decimal("0.01")))
    # then
    assert dollars_in_eur != _in_eur(6_000, "JPY", BETWEEN_DST)
    expected = {p.id for p in (dollars, yen) if _in_eur(p.rate_minor, p.currency,
                                                       BETWEEN_DST).to_decimal() >= low}
    assert set(_ids(from_dollars)) == expected
    assert dollars.id not in _ids(above)
    assert euros.id in _ids(above) and euros.id not in _ids(from_dollars)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(low=st.integers(1, 200), width=st.integers(0, 200))
def test_rate_filter_agrees_with_converting_each_rate(other_founder, low, width):
    # given: the same four profiles for every example
    viewer = Actor(other_founder)
    if not ProfileFactory._meta.model.objects.exists():
        for minor, currency in ((4_500, "USD"), (7_000, "GBP"), (900_000, "JPY"), (3_000, "CHF")):
            ProfileFactory(rate_minor=minor, currency=currency)
    query = SearchQuery(on=BETWEEN_DST, rate_min=Decimal(low), rate_max=Decimal(low + width))
    # when
    found = set(_ids(search(viewer, query)))
    # then
    for profile in ProfileFactory._meta.model.objects.all():
        value = _in_eur(profile.rate_minor, profile.currency, BETWEEN_DST).to_decimal()
        assert (profile.id in found) == (low <= value <= low + width)


def test_rate_range_must_be_ordered():
    # when / then
    with pytest.raises(DomainError) as refusal:
        SearchQuery(rate_min=Decimal(50), rate_max=Decimal(10))
    assert refusal.value.code == "rate_range_invalid"


def test_each_result_shows_its_rate_converted_with_date_and_source(viewer):
    # given
    ProfileFactory(rate_minor=5_000, currency="USD")
    # when
    (item,) = search(viewer, SearchQuery(on=BETWEEN_DST)).items
    # then
    assert item.rate.own == Money(5_000, "USD")
    assert item.rate.converted == _in_eur(5_000, "USD", BETWEEN_DST)
    assert item.rate.rate.used == BETWEEN_DST
    assert "ECB reference rate of 2026-03-09" in item.rate.description


def test_availability_and_reputation_minimums(viewer):
    # given
    busy = ProfileFactory(hours_per_week=5, reputation=Decimal(90))
    free = ProfileFactory(hours_per_week=30, reputation=Decimal(60))
    both = ProfileFactory(hours_per_week=40, reputation=Decimal(95))
    # when
    available = search(viewer, SearchQuery(min_hours_per_week=20, on=BETWEEN_DST))
    trusted = search(viewer, SearchQuery(min_reputation=Decimal(80), on=BETWEEN_DST))
    # then
    assert set(_ids(available)) == {free.id, both.id}
    assert set(_ids(trusted)) == {busy.id, both.id}


def test_only_listed_profiles_are_found(viewer):
    # given
    shown = ProfileFactory()
    ProfileFactory(listed=False)
    # when / then
    assert _ids(search(viewer, SearchQuery(on=BETWEEN_DST))) == [shown.id]


def test_sort_by_rate_compares_in_the_viewers_currency(viewer):
    # given: 60 GBP > 60 USD > 50 EUR > 5000 JPY in euros
    pounds, dollars, euros, yen = (
        ProfileSkillFactory(profile__rate_minor=minor, profile__currency=currency).profile
        for minor, currency in ((6_000, "GBP"), (6_000, "USD"), (5_000, "EUR"), (5_000, "JPY"))
    )
    # when
    plain = search(viewer, SearchQuery(sort=Sort.RATE, on=BETWEEN_DST))
    with_skill = search(viewer, SearchQuery(text="Python", sort=Sort.RATE, on=BETWEEN_DST))
    # then
    assert _ids(plain) == [yen.id, euros.id, dollars.id, pounds.id]
    assert _ids(with_skill) == _ids(plain)


def test_sort_by_reputation(viewer):
    # given
    low = ProfileSkillFactory(profile__reputation=Decimal(40), level=5).profile
    high = ProfileSkillFactory(profile__reputation=Decimal(90), level=1).profile
    # when
    page = search(viewer, SearchQuery(text="Python", sort=Sort.REPUTATION, on=BETWEEN_DST))
    by_relevance = search(viewer, SearchQuery(text="Python", on=BETWEEN_DST))
    # then
    assert _ids(page) == [high.id, low.id]
    assert _ids(by_relevance) == [low.id, high.id]


def test_pages_by_limit_and_offset_with_has_more(viewer):
    # given
    people = [ProfileFactory(reputation=Decimal(90 - n)) for n in range(5)]
    # when
    first = search(viewer, SearchQuery(limit=2, on=BETWEEN_DST))
    last = search(viewer, SearchQuery(limit=2, offset=4, on=BETWEEN_DST))
    # then
    assert _ids(first) == [people[0].id, people[1].id]
    assert first.has_more and first.count == 5 and not first.count_capped
    assert _ids(last) == [people[4].id] and not last.has_more


def test_count_is_capped_not_counted_past_the_pool(viewer, monkeypatch):
    # given
    monkeypatch.setattr(engine, "POOL", 3)
    for _ in range(5):
        ProfileSkillFactory()
    # when
    plain = search(viewer, SearchQuery(limit=2, on=BETWEEN_DST))
    text = search(viewer, SearchQuery(text="Python", limit=2, on=BETWEEN_DST))
    # then
    assert (plain.count_text, text.count_text) == ("3+", "3+")
    assert plain.has_more and text.has_more


def test_unknown_skill_id_is_refused(viewer):
    # when
    with pytest.raises(DomainError) as refusal:
        search(viewer, SearchQuery(skill_ids=(999_999_999,)))
    # then
    assert refusal.value.code == "unknown_skill"
