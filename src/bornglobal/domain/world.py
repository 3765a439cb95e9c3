"""The world as demo data sees it: each country's IANA zones, currency and name locale.

Pure Python, no Django. The sources are the standards' own data files:

- zones: the `tzdata` package's `zone.tab` (one country per zone line);
- currency: Babel's CLDR territory currencies at a fixed reference date, checked
  against ISO 4217 through pycountry;
- names: a Faker locale of the country itself when Faker has one with real
  person names, else (recorded as a fallback) a Faker locale of the country's
  main language from the nearest country that has one, else `en_US`.

UTC offsets are measured at a fixed instant (`REFERENCE_INSTANT`) so that the
same data covers the same offsets whenever it is generated.
"""

from __future__ import annotations

import math
import pkgutil
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import babel
import babel.languages
import babel.numbers
import faker.providers.person
import pycountry
from faker.config import AVAILABLE_LOCALES

from bornglobal.domain.places import utc_offset_minutes, zone_tab

REFERENCE_INSTANT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
JULY_INSTANT = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
REFERENCE_DATE = REFERENCE_INSTANT.date()
WHOLE_HOURS = tuple(range(-10, 14))
FALLBACK_LOCALE = "en_US"

# The zones whose offsets are not whole hours, each with its country.
FRACTIONAL_ZONES: tuple[tuple[str, str], ...] = (
    ("IN", "Asia/Kolkata"),  # +5:30
    ("IR", "Asia/Tehran"),  # +3:30
    ("CA", "America/St_Johns"),  # -3:30, -2:30 in summer
    ("NP", "Asia/Kathmandu"),  # +5:45
    ("AU", "Australia/Adelaide"),  # +10:30 in January, +9:30 in July
)

# Territories in zone.tab without a permanent population.
UNINHABITED = frozenset({"AQ", "BV", "GS", "HM", "TF", "UM"})

# Changes the CLDR data in Babel has not caught up with (ISO 4217 in pycountry has).
CURRENCY_CHANGES = {"BG": "EUR"}  # Bulgaria adopted the euro on 2026-01-01.

# Faker locales whose region part is not the country that code names.
_NOT_A_COUNTRY = frozenset({"es_CA", "fr_QC", "ar_AA"})  # Catalan Spain, Quebec, pan-Arab


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    zones: tuple[str, ...]
    currency: str
    name_locales: tuple[str, ...]  # Faker locales names are drawn from
    locale: str  # Babel locale for the people of this country
    own_locale: bool  # False when the name locale is a fallback of the same language

    def person_locale(self, name_locale: str) -> str:
        """The Babel locale of a person whose name came from `name_locale`."""
        own = known_locale(name_locale) if self.own_locale else None
        return own or self.locale


def _zone_table() -> tuple[tuple[str, str, str], ...]:
    """(country, ISO 6709 coordinates, zone) for every line of tzdata's zone.tab."""
    return zone_tab()


@cache
def country_zones() -> Mapping[str, tuple[str, ...]]:
    """Country code -> its IANA zones, in zone.tab order."""
    zones: dict[str, list[str]] = {}
    for code, _coordinates, zone in _zone_table():
        zones.setdefault(code, []).append(zone)
    return {code: tuple(names) for code, names in sorted(zones.items())}


def _degrees(text: str) -> float:
    """An ISO 6709 part such as +5230 or -0461120 (sign, degrees, minutes, seconds)."""
    sign = -1 if text[0] == "-" else 1
    digits = text[1:]
    width = 2 if len(digits) in (4, 6) else 3
    parts = [digits[:width], digits[width : width + 2], digits[width + 2 :] or "0"]
    degrees, minutes, seconds = (int(part) for part in parts)
    return sign * (degrees + minutes / 60 + seconds / 3600)


@cache
def _main_point(code: str) -> tuple[float, float] | None:
    """Latitude and longitude of the city of the country's first zone in zone.tab."""
    for country, coordinates, _zone in _zone_table():
        if country == code:
            split = max(coordinates.rfind("+"), coordinates.rfind("-"))
            return _degrees(coordinates[:split]), _degrees(coordinates[split:])
    return None


def distance_km(code: str, other: str | None) -> float:
    """Great-circle distance between two countries' first-zone cities (inf if unknown)."""
    here, there = _main_point(code), _main_point(other or "")
    if here is None or there is None:
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (*here, *there))
    cosine = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(
        lon2 - lon1
    )
    return 6371.0 * math.acos(max(-1.0, min(1.0, cosine)))


def currency_for(code: str) -> str | None:
    """The country's main legal tender at the reference date, if ISO 4217 knows it."""
    found = babel.numbers.get_territory_currencies(code, start_date=REFERENCE_DATE, tender=True)
    if found and pycountry.currencies.get(alpha_3=found[0]) is not None:
        return found[0]
    return CURRENCY_CHANGES.get(code)


def main_languages(code: str) -> tuple[str, ...]:
    """The country's official (or de facto) languages, most spoken first."""
    return babel.languages.get_official_languages(code, de_facto=True)


@cache
def faker_name_locales() -> tuple[str, ...]:
    """Faker locales with person names of their own."""
    with_names = {module.name for module in pkgutil.iter_modules(faker.providers.person.__path__)}
    return tuple(sorted(locale for locale in AVAILABLE_LOCALES if locale in with_names))


def _own_faker_locales(code: str) -> list[str]:
    """Faker locales of the country; its English ones borrow en_US names, which fits."""
    names = faker_name_locales()
    return [
        locale
        for locale in AVAILABLE_LOCALES
        if _territory(locale) == code and (locale in names or _language(locale) == "en")
    ]


def _language(locale: str) -> str:
    return locale.split("_")[0]


def _territory(locale: str) -> str | None:
    if locale in _NOT_A_COUNTRY or "_" not in locale:
        return None
    return locale.split("_")[1]


def name_locales(code: str) -> tuple[tuple[str, ...], bool]:
    """The Faker locales for people of `code`, and whether they are the country's own."""
    languages = [_language(language) for language in main_languages(code)]
    own = sorted(_own_faker_locales(code))
    official = [locale for locale in own if _language(locale) in languages]
    if official:
        return tuple(sorted(official, key=lambda loc: languages.index(_language(loc)))), True
    if own:
        return tuple(own), True
    return (_fallback_locale(code, languages),), False


def _fallback_locale(code: str, languages: Iterable[str]) -> str:
    """A locale of the main language, from the nearest country that has one."""
    for language in languages:
        candidates = [loc for loc in faker_name_locales() if _language(loc) == language]
        if candidates:
            return min(candidates, key=lambda loc: (distance_km(code, _territory(loc)), loc))
    return FALLBACK_LOCALE


def known_locale(identifier: str) -> str | None:
    """The Babel locale `identifier` names (e.g. zh_CN -> zh_Hans_CN), None if unknown."""
    try:
        return str(babel.Locale.parse(identifier))
    except (babel.UnknownLocaleError, ValueError):
        return None


def babel_locale(code: str, name_locale: str) -> str:
    """A Babel locale for the country: its main language first, then the names'."""
    for language in (*main_languages(code), _language(name_locale)):
        found = known_locale(f"{_language(language)}_{code}")
        if found is not None:
            return found
    return known_locale(name_locale) or "en"


@cache
def countries() -> Mapping[str, Country]:
    """Every inhabited country with zones and an ISO 4217 currency, by code."""
    found: dict[str, Country] = {}
    for code, zones in country_zones().items():
        currency = currency_for(code)
        if code in UNINHABITED or currency is None or not pycountry.countries.get(alpha_2=code):
            continue
        locales, own = name_locales(code)
        found[code] = Country(code, zones, currency, locales, babel_locale(code, locales[0]), own)
    return found


def pick_zone(country: Country, rng: random.Random) -> str:
    return rng.choice(country.zones)


def covered_offsets(zones: Iterable[str], at: datetime = REFERENCE_INSTANT) -> frozenset[int]:
    """The UTC offsets, in minutes, that the zones have at instant `at`."""
    return frozenset(utc_offset_minutes(zone, at) for zone in set(zones))


def missing_whole_hours(zones: Iterable[str], at: datetime = REFERENCE_INSTANT) -> list[int]:
    """The whole-hour offsets from -10 to +13 that none of the zones has at `at`."""
    covered = covered_offsets(zones, at)
    return [hour for hour in WHOLE_HOURS if hour * 60 not in covered]


def format_offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" if not rest else f"{sign}{hours}:{rest:02d}"


@cache
def seasonal_offsets(zone: str) -> tuple[int, int]:
    """The zone's UTC offsets in minutes on the reference instant and in July."""
    return utc_offset_minutes(zone, REFERENCE_INSTANT), utc_offset_minutes(zone, JULY_INSTANT)


def zones_at_offset(hour: int, pool: Mapping[str, Country]) -> list[tuple[str, str]]:
    """(country, zone) pairs at `hour` on the reference instant, year-round ones if any."""
    pairs = [(code, zone) for code, country in pool.items() for zone in country.zones]
    january = [pair for pair in pairs if seasonal_offsets(pair[1])[0] == hour * 60]
    steady = [pair for pair in january if seasonal_offsets(pair[1])[1] == hour * 60]
    return sorted(steady or january)


def anchor_zones(
    rng: random.Random, pool: Mapping[str, Country] | None = None
) -> list[tuple[str, str]]:
    """One (country, zone) per whole hour -10..+13 (chosen by `rng`) plus the fractional zones."""
    pool = countries() if pool is None else pool
    anchors = []
    for hour in WHOLE_HOURS:
        candidates = zones_at_offset(hour, pool)
        if not candidates:
            raise ValueError(f"No country in the pool has UTC{format_offset(hour * 60)}.")
        anchors.append(rng.choice(candidates))
    return anchors + [pair for pair in FRACTIONAL_ZONES if pair[0] in pool]
