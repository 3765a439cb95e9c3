"""Planning the demo people: where each lives and what they are called. Pure Python.

`plan_people(seed, count)` is a pure function of its arguments: the same seed
gives the same people (emails, names, countries, zones, currencies, locales).
The first places are anchors that cover every whole-hour UTC offset from -10
to +13 and the half- and quarter-hour zones; then every other country once;
then more people where much of the world's freelance work is done.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from faker import Faker
from faker.decode import unidecode

from bornglobal.domain import world

EMAIL_DOMAIN = "demo.bornglobal.example"
JOINED_FROM = datetime(2024, 1, 1, tzinfo=UTC)
JOINED_SPAN_MINUTES = 2 * 365 * 24 * 60

# Relative weights for the people beyond one per country; other countries weigh 1.
COUNTRY_WEIGHTS: Mapping[str, int] = {
    "IN": 12, "US": 8, "PK": 6, "PH": 6, "BD": 5, "NG": 5, "BR": 5, "ID": 4, "CN": 4,
    "UA": 3, "GB": 3, "DE": 3, "EG": 3, "KE": 3, "MX": 3, "VN": 3, "RU": 2, "FR": 2,
    "ES": 2, "AR": 2, "CO": 2, "TR": 2, "PL": 2, "JP": 2, "CA": 2, "ZA": 2, "RS": 2,
}


@dataclass(frozen=True, slots=True)
class PersonPlan:
    email: str
    full_name: str
    country: str
    time_zone: str
    currency: str
    locale: str  # Babel locale for formatting, e.g. hi_IN
    name_locale: str  # the Faker locale the name came from, e.g. hi_IN or es_CO
    date_joined: datetime
    is_freelancer: bool = True


class NameSource:
    """One seeded Faker (person names only) per locale, so each locale's stream is stable."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._fakers: dict[str, Faker] = {}

    def name(self, locale: str) -> str:
        fake = self._fakers.get(locale)
        if fake is None:
            fake = Faker(locale, providers=["faker.providers.person"])
            fake.seed_instance(stable_seed(f"names:{self._seed}:{locale}"))
            self._fakers[locale] = fake
        return fake.name()


def stable_seed(text: str) -> int:
    """An integer seed from text, the same in every process (unlike `hash`)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def ascii_words(name: str) -> list[str]:
    """Lower-case ASCII words of a name, titles such as "Dr." left out."""
    kept = " ".join(word for word in name.split() if not word.endswith(".")) or name
    decomposed = unicodedata.normalize("NFKD", kept)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    if not plain.isascii():
        plain = unidecode(plain)  # Faker's own transliteration table
    return re.findall(r"[a-z0-9]+", plain.lower())


def email_for(full_name: str, number: int) -> str:
    """firstname.lastname.N@demo.bornglobal.example, or person.N@… if nothing is Latin."""
    words = [word[:20] for word in ascii_words(full_name)]
    local = ".".join(dict.fromkeys([words[0], words[-1]])) if words else "person"
    return f"{local}.{number}@{EMAIL_DOMAIN}"


def plan_people(seed: int, count: int) -> list[PersonPlan]:
    """`count` freelancers spread over the world, the same for the same seed."""
    rng = random.Random(f"bornglobal-demo-people:{seed}")
    pool = world.countries()
    names = NameSource(seed)
    return [
        _plan_person(number, pool[code], zone, rng, names)
        for number, (code, zone) in enumerate(plan_places(rng, pool, count), start=1)
    ]


def plan_places(
    rng: random.Random, pool: Mapping[str, world.Country], count: int
) -> list[tuple[str, str]]:
    """(country, zone) per person: anchors, then each other country, then by weight."""
    places = world.anchor_zones(rng, pool)
    anchored = {code for code, _zone in places}
    others = [code for code in pool if code not in anchored]
    rng.shuffle(others)
    places += [(code, world.pick_zone(pool[code], rng)) for code in others]
    codes = list(pool)
    weights = [COUNTRY_WEIGHTS.get(code, 1) for code in codes]
    extra = rng.choices(codes, weights, k=max(0, count - len(places)))
    places += [(code, world.pick_zone(pool[code], rng)) for code in extra]
    places = places[:count]
    rng.shuffle(places)
    return places


def _plan_person(
    number: int, country: world.Country, zone: str, rng: random.Random, names: NameSource
) -> PersonPlan:
    name_locale = rng.choice(country.name_locales)
    full_name = names.name(name_locale)
    return PersonPlan(
        email=email_for(full_name, number),
        full_name=full_name,
        country=country.code,
        time_zone=zone,
        currency=country.currency,
        locale=country.person_locale(name_locale),
        name_locale=name_locale,
        date_joined=JOINED_FROM + timedelta(minutes=rng.randrange(JOINED_SPAN_MINUTES)),
    )
