import random
import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import available_timezones

import pycountry
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain import world

COUNTRY_CODES = sorted(world.countries())


def test_every_mapped_country_has_its_own_valid_zones_and_an_iso_currency():
    # given the zones known to the system
    known = available_timezones()
    # when the world is mapped
    countries = world.countries()
    # then there are plenty of countries, each with real zones listed for it and a real currency
    assert len(countries) >= 120
    for code, country in countries.items():
        assert pycountry.countries.get(alpha_2=code) is not None
        assert country.zones and set(country.zones) <= known
        assert set(country.zones) <= set(world.country_zones()[code])
        assert pycountry.currencies.get(alpha_3=country.currency) is not None


def test_currencies_are_each_countrys_legal_tender():
    # given a few countries on several continents
    expected = {"IN": "INR", "NG": "NGN", "DE": "EUR", "JP": "JPY", "BR": "BRL", "US": "USD"}
    # when the world is mapped
    currencies = {code: world.countries()[code].currency for code in expected}
    # then each has its own currency, including a change newer than Babel's data
    assert currencies == expected
    assert world.countries()["BG"].currency == "EUR"


def test_uninhabited_territories_are_left_out():
    # given territories without a permanent population
    # when the world is mapped
    countries = world.countries()
    # then nobody is placed there
    assert not set(world.UNINHABITED) & set(countries)


def test_the_fractional_zones_belong_to_their_countries():
    # given the half- and quarter-hour zones the demo must include
    # when their countries' zones are read from tzdata's zone.tab
    zones = world.country_zones()
    # then each zone is listed for its country
    for code, zone in world.FRACTIONAL_ZONES:
        assert zone in zones[code]


def test_offsets_are_measured_at_the_reference_instant():
    # given half- and quarter-hour zones, one with daylight saving time
    zones = ["Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Australia/Adelaide"]
    # when their offsets are taken in January and in July
    january = world.covered_offsets(zones)
    july = world.covered_offsets(zones, datetime(2026, 7, 15, 12, tzinfo=UTC))
    # then the seasons differ where daylight saving time applies
    assert january == {330, 345, -210, 630}
    assert july == {330, 345, -150, 570}


def test_missing_whole_hours_names_the_uncovered_offsets():
    # given zones at UTC-10, UTC+0 and UTC+5:30
    zones = ["Pacific/Honolulu", "Africa/Abidjan", "Asia/Kolkata"]
    # when the whole hours -10..+13 are checked
    missing = world.missing_whole_hours(zones)
    # then only the hours without a zone are missing
    assert missing == [hour for hour in range(-10, 14) if hour not in (-10, 0)]
    assert world.missing_whole_hours([]) == list(range(-10, 14))


def test_all_countries_together_cover_every_required_offset():
    # given every zone of every mapped country
    zones = [zone for country in world.countries().values() for zone in country.zones]
    # when the coverage is checked
    missing = world.missing_whole_hours(zones)
    # then nothing from -10 to +13 is missing, nor a fractional zone
    assert missing == []
    assert {zone for _code, zone in world.FRACTIONAL_ZONES} <= set(zones)


def test_countries_with_faker_locales_use_their_own():
    # given countries that Faker has person names for
    # when their name locales are looked up
    india, japan, brazil = (world.name_locales(code) for code in ("IN", "JP", "BR"))
    # then their own locales are used, the main language first
    assert india == (("hi_IN", "en_IN"), True)
    assert japan == (("ja_JP",), True)
    assert brazil == (("pt_BR",), True)


def test_fallback_locale_is_the_main_language_of_a_neighbour_and_is_recorded():
    # given countries without a Faker locale of their own
    # when their locales are looked up twice
    first = {code: world.name_locales(code) for code in ("PE", "EG", "CU", "MN")}
    again = {code: world.name_locales(code) for code in ("PE", "EG", "CU", "MN")}
    # then the choice is deterministic, of the country's main language, and marked borrowed
    assert first == again
    assert first["PE"] == (("es_CO",), False)
    assert first["CU"] == (("es_MX",), False)
    assert first["EG"][0][0].startswith("ar_")
    assert first["MN"] == ((world.FALLBACK_LOCALE,), False)
    assert world.countries()["PE"].own_locale is False


def test_people_get_a_babel_locale_of_their_country():
    # given a country with its own locales and one that borrows
    india, peru = world.countries()["IN"], world.countries()["PE"]
    # when a person's formatting locale is derived from their name locale
    # then it is a Babel locale of their own country
    assert india.person_locale("hi_IN") == "hi_IN"
    assert india.person_locale("en_IN") == "en_IN"
    assert peru.person_locale("es_CO") == "es_PE"


def test_anchor_zones_cover_every_whole_hour_and_the_fractional_zones():
    # given any of a few seeds
    for seed in range(5):
        # when the anchors are chosen
        anchors = world.anchor_zones(random.Random(seed))
        zones = [zone for _code, zone in anchors]
        # then every whole hour and every fractional zone is covered, each in its country
        assert world.missing_whole_hours(zones) == []
        assert set(world.FRACTIONAL_ZONES) <= set(anchors)
        assert all(zone in world.country_zones()[code] for code, zone in anchors)


@given(seed=st.integers(), code=st.sampled_from(COUNTRY_CODES))
def test_a_picked_zone_always_belongs_to_the_country(seed, code):
    # given any seed and any country
    country = world.countries()[code]
    # when a zone is picked
    zone = world.pick_zone(country, random.Random(seed))
    # then tzdata lists that zone for that country
    assert zone in world.country_zones()[code]


@given(seed=st.integers())
def test_whole_hour_anchors_hold_in_january_and_july(seed):
    # given any seed
    # when the whole-hour anchors are chosen
    anchors = world.anchor_zones(random.Random(seed))[: len(world.WHOLE_HOURS)]
    # then each sits on its hour at the reference instant and, year-round, in July too
    for hour, (_code, zone) in zip(world.WHOLE_HOURS, anchors, strict=True):
        assert world.seasonal_offsets(zone) == (hour * 60, hour * 60)


def test_offset_formatting():
    # given offsets in minutes
    # when they are formatted
    # then whole hours drop the minutes
    assert [world.format_offset(m) for m in (-600, -210, 0, 345, 780)] == [
        "-10", "-3:30", "+0", "+5:45", "+13",
    ]


def test_world_imports_no_django():
    # given a fresh interpreter
    code = "import sys, bornglobal.domain.world; assert 'django' not in sys.modules"
    # when the world module is imported
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    # then Django was not loaded
    assert result.returncode == 0, result.stderr
