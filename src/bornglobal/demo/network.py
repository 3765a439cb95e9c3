"""Demo profiles: every demo freelancer gets a believable profile, the same for the same seed.

`load_profiles(seed, progress)` writes a profile for each freelancer without one,
plus the named `ANCHORS` (creating their users), in batches:

- a role from `network_roles` (weighted: more developers than ceramicists), its
  headline, 3-7 ESCO skills with a level and years, a short bio;
- the city of the person's zone, local hours that suit the place (most start at
  8-10, some work evenings or nights, a few part-time), the working days of the
  country (Sunday to Thursday in much of the Middle East) and its public holidays;
- the country's languages and usually English;
- an hourly rate from the role's rate scaled by the country's income group, in the
  person's own currency when the platform has a rate for it, otherwise in USD or EUR
  (as freelancers in such countries usually quote);
- hours free per week, and the reputation of someone with no record on the platform
  yet: the formula's prior (`domain.reputation` with no reviews and no contracts).
  Nothing is invented: the demo's reviews (`demo/reviews.py`) are written on its
  completed contracts, and they re-score the people they are about, so the score a
  profile shows is always the one its explanation page computes from stored rows.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from bornglobal import clock
from bornglobal.demo import Progress
from bornglobal.demo.network_anchors import ANCHORS, AnchorPlan
from bornglobal.demo.network_roles import ROLES, RolePlan
from bornglobal.domain import reputation, world
from bornglobal.domain.fx import NoRate
from bornglobal.domain.money import Money
from bornglobal.money import rates
from bornglobal.network.models import Profile, ProfileLanguage, ProfileSkill, Skill, WorkPattern
from bornglobal.rows import BulkRows
from bornglobal.tenancy.models import User

BATCH = 2_000
RATE_DAY = date(2026, 10, 30)
SUN_TO_THU = frozenset(
    {"SA", "EG", "IL", "KW", "QA", "BH", "OM", "JO", "IQ", "DZ", "LY", "YE", "SY", "SD"}
)
SAT_TO_WED = frozenset({"IR", "AF"})
HIGH_INCOME = frozenset({
    "AD", "AE", "AT", "AU", "BE", "BH", "BN", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES",
    "FI", "FR", "GB", "GR", "HK", "HR", "IE", "IL", "IS", "IT", "JP", "KR", "KW", "LI", "LT",
    "LU", "LV", "MC", "MT", "NL", "NO", "NZ", "OM", "PL", "PT", "QA", "SA", "SE", "SG", "SI",
    "SK", "SM", "TW", "US", "UY",
})
UPPER_MIDDLE = frozenset({
    "AL", "AM", "AR", "AZ", "BA", "BG", "BR", "BW", "BY", "CL", "CN", "CO", "CR", "DO", "EC",
    "FJ", "GE", "GT", "ID", "IQ", "JM", "JO", "KZ", "LB", "LY", "MD", "ME", "MK", "MX", "MY",
    "MU", "NA", "PA", "PE", "PY", "RO", "RS", "RU", "TH", "TR", "TM", "ZA",
})


@dataclass(frozen=True, slots=True)
class ProfileDraft:
    """One profile, planned; skills are ESCO labels until written."""

    headline: str
    bio: str
    country: str
    city: str
    pattern: tuple[str, time, time, str, str]
    rate_minor: int
    currency: str
    hours_per_week: int
    skills: tuple[tuple[str, int, int], ...]
    languages: tuple[tuple[str, str], ...]


def city_of(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def working_days(country: str) -> str:
    if country in SUN_TO_THU:
        return "12347"
    if country in SAT_TO_WED:
        return "12367"
    return "12345"


@cache
def holiday_country(country: str) -> str:
    import holidays

    return country if country in holidays.list_supported_countries() else ""


def _hours(rng: random.Random) -> tuple[time, time]:
    shape = rng.random()
    if shape < 0.08:  # evenings
        start = rng.choice((14, 15))
        return time(start, 0), time(start + 8, 0)
    if shape < 0.12:  # nights
        start = rng.choice((21, 22))
        return time(start, 0), time(start - 16, 0)
    if shape < 0.22:  # part-time mornings
        start = rng.choice((8, 9))
        return time(start, 0), time(start + 4, 0)
    start = rng.choice((7, 8, 8, 9, 9, 9, 10))
    minute = rng.choice((0, 0, 0, 30)) if start in (8, 9) else 0
    return time(start, minute), time(start + 8, minute)


@cache
def native_languages(country: str) -> tuple[str, ...]:
    """The first two official languages, as ISO 639 codes (no script or region)."""
    codes = (code.split("_")[0] for code in world.main_languages(country)[:2])
    return tuple(dict.fromkeys(code for code in codes if 2 <= len(code) <= 3))


def _languages(rng: random.Random, country: str) -> tuple[tuple[str, str], ...]:
    spoken: dict[str, str] = {}
    for code in native_languages(country):
        spoken.setdefault(code, "native")
    if "en" not in spoken and rng.random() < 0.85:
        spoken["en"] = rng.choice(("B1", "B2", "B2", "C1", "C1", "C2"))
    if rng.random() < 0.2:
        extra = rng.choice(("fr", "es", "de", "pt", "ar", "zh", "ru", "it"))
        spoken.setdefault(extra, rng.choice(("A2", "B1", "B2")))
    return tuple(spoken.items())


def _skills(rng: random.Random, role: RolePlan, years: int) -> tuple[tuple[str, int, int], ...]:
    core = rng.sample(role.core, k=max(2, len(role.core) - rng.choice((0, 0, 1))))
    extra = rng.sample(role.extra, k=min(len(role.extra), rng.choice((0, 1, 1, 2, 3))))
    seniority = min(5, 1 + years // 3)
    chosen = []
    for label in (*core, *extra):
        level = max(1, min(5, seniority + rng.choice((-1, 0, 0, 1))))
        chosen.append((label, level, max(0, years - rng.randrange(0, 3))))
    return tuple(chosen)


class RateBook:
    """EUR → currency at the demo's rate date, per currency, from the money module's rates."""

    def __init__(self) -> None:
        self._chain = rates.current()
        self._per_eur: dict[str, Decimal | None] = {}

    def per_eur(self, currency: str) -> Decimal | None:
        if currency not in self._per_eur:
            try:
                self._per_eur[currency] = self._chain.rate("EUR", currency, RATE_DAY).value
            except (NoRate, KeyError):
                self._per_eur[currency] = None
        return self._per_eur[currency]

    def price(self, eur: Decimal, currency: str) -> int:
        """A round hourly price in minor units: whole units, or tens/hundreds for big ones."""
        amount = eur * self.per_eur(currency)
        step = Decimal(1)
        while amount / step >= 200:
            step *= 10
        rounded = (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_EVEN) * step
        return Money.of(max(rounded, step), currency).minor


def _rate(
    rng: random.Random, role: RolePlan, country: str, currency: str, years: int, book: RateBook
) -> tuple[int, str]:
    factor = (
        Decimal("1")
        if country in HIGH_INCOME
        else (Decimal("0.55") if country in UPPER_MIDDLE else Decimal("0.35"))
    )
    seniority = Decimal(70 + min(years, 15) * 5) / 100
    eur = Decimal(role.eur_per_hour) * factor * seniority * Decimal(rng.randrange(80, 125)) / 100
    if book.per_eur(currency) is None:
        currency = "USD" if rng.random() < 0.7 else "EUR"
    return book.price(eur, currency), currency


def plan_profile(
    rng: random.Random, user: User, book: RateBook
) -> ProfileDraft:
    role = rng.choices(ROLES, [plan.weight for plan in ROLES])[0]
    years = rng.choice((1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 10, 12, 15))
    start, end = _hours(rng)
    rate_minor, currency = _rate(rng, role, user.country, user.currency, years, book)
    headline = rng.choice(role.headlines)
    city = city_of(user.time_zone)
    return ProfileDraft(
        headline=headline,
        bio=f"{headline}, {years} year{'s' if years != 1 else ''} of experience. Based in "
        f"{city}; I work {start:%H:%M}-{end:%H:%M} local time.",
        country=user.country,
        city=city,
        pattern=(
            user.time_zone,
            start,
            end,
            working_days(user.country),
            holiday_country(user.country),
        ),
        rate_minor=rate_minor,
        currency=currency,
        hours_per_week=rng.choice((0, 5, 10, 10, 20, 20, 20, 30, 40, 40)),
        skills=_skills(rng, role, years),
        languages=_languages(rng, user.country),
    )


def anchor_draft(anchor: AnchorPlan) -> ProfileDraft:
    return ProfileDraft(
        headline=anchor.headline,
        bio=anchor.bio,
        country=anchor.country,
        city=anchor.city,
        pattern=(
            anchor.time_zone,
            anchor.start,
            anchor.end,
            anchor.days,
            holiday_country(anchor.country),
        ),
        rate_minor=Money.of(anchor.rate, anchor.currency).minor,
        currency=anchor.currency,
        hours_per_week=anchor.hours_per_week,
        skills=anchor.skills,
        languages=anchor.languages,
    )


def _anchor_users() -> list[User]:
    from bornglobal.demo.platform import demo_password_hash

    existing = {u.email: u for u in User.objects.filter(email__in=[a.email for a in ANCHORS])}
    new = [
        User(
            email=a.email,
            full_name=a.full_name,
            country=a.country,
            time_zone=a.time_zone,
            currency=world.countries()[a.country].currency,
            locale=a.locale,
            is_freelancer=True,
            password=demo_password_hash(),
        )
        for a in ANCHORS
        if a.email not in existing
    ]
    User.objects.bulk_create(new)
    return list(User.objects.filter(email__in=[a.email for a in ANCHORS]))


class ProfileWriter:
    """Writes drafts in batches: patterns once each, then profiles, skills, languages."""

    def __init__(self) -> None:
        self.rows = BulkRows(Profile, ProfileSkill, ProfileLanguage)
        no_record = reputation.Track(completed_contracts=0, on_time=0, late=0)
        self.newcomer = reputation.score([], no_record, clock.today()).value
        self.skill_ids = dict(Skill.objects.values_list("label", "id"))
        self.patterns = {
            (p.time_zone, p.start, p.end, p.days, p.holidays_country): p.id
            for p in WorkPattern.objects.filter(holidays_subdivision="")
        }

    def _pattern_id(self, key: tuple) -> int:
        if key not in self.patterns:
            zone, start, end, days, country = key
            self.patterns[key] = WorkPattern.objects.create(
                time_zone=zone, start=start, end=end, days=days, holidays_country=country
            ).id
        return self.patterns[key]

    def write(self, batch: list[tuple[int, ProfileDraft]]) -> None:
        ids = self.rows.ids(Profile, len(batch))
        now = clock.now()
        filters = {pid: {"listed": True, "country": d.country,
                         "pattern_id": self._pattern_id(d.pattern), "currency": d.currency,
                         "rate_minor": d.rate_minor, "hours_per_week": d.hours_per_week,
                         "reputation": self.newcomer}
                   for pid, (_u, d) in zip(ids, batch, strict=True)}
        self.rows.insert(Profile, [
            {"id": pid, "user_id": user_id, "headline": d.headline, "bio": d.bio,
             "city": d.city, "review_count": 0, "completed_contracts": 0,
             "on_time_contracts": 0, "created_at": now, "updated_at": now, **filters[pid]}
            for pid, (user_id, d) in zip(ids, batch, strict=True)
        ])
        skills = [(pid, label, level, years) for pid, (_u, d) in zip(ids, batch, strict=True)
                  for label, level, years in d.skills]
        self.rows.insert(ProfileSkill, [  # postings carry their profile's filters
            {"id": sid, "profile_id": pid, "skill_id": self.skill_ids[label], "level": level,
             "years": years, **filters[pid]}
            for sid, (pid, label, level, years) in zip(
                self.rows.ids(ProfileSkill, len(skills)), skills, strict=True)
        ])
        languages = [(pid, code, level) for pid, (_u, d) in zip(ids, batch, strict=True)
                     for code, level in d.languages]
        self.rows.insert(ProfileLanguage, [
            {"id": lid, "profile_id": pid, "language": code, "level": level}
            for lid, (pid, code, level) in zip(
                self.rows.ids(ProfileLanguage, len(languages)), languages, strict=True)
        ])

    def finish(self) -> None:
        self.rows.finish()


def _freelancers_without_profile(after: int, limit: int) -> list[User]:
    return list(
        User.objects.filter(is_freelancer=True, profile__isnull=True, id__gt=after).order_by("id")[
            :limit
        ]
    )


def _batches(seed: int, book: RateBook) -> Iterator[list]:
    last = 0
    while people := _freelancers_without_profile(last, BATCH):
        last = people[-1].id
        rng = random.Random(f"bornglobal-demo-profiles:{seed}:{people[0].id}")
        yield [(user.id, plan_profile(rng, user, book)) for user in people]


@dataclass(frozen=True, slots=True)
class NetworkSummary:
    profiles: int
    anchors: int
    new_users: int  # the anchors that were not demo logins already
    patterns: int
    skills: int

    def describe(self) -> str:
        return (
            f"Network: {self.profiles:,} freelancer profiles ({self.anchors} named), "
            f"{self.patterns:,} distinct working weeks, {self.skills:,} profile skills."
        )


def load_profiles(seed: int = 42, progress: Progress | None = None) -> NetworkSummary:
    """Profiles for the named anchors and every freelancer without one (see module doc)."""
    report = progress or (lambda done, total, stage: None)
    writer, book = ProfileWriter(), RateBook()
    anchors = {a.email: a for a in ANCHORS}
    before = User.objects.count()
    users = [u for u in _anchor_users() if not Profile.objects.filter(user=u).exists()]
    new_users = User.objects.count() - before
    writer.write([(u.id, anchor_draft(anchors[u.email])) for u in users])
    total = User.objects.filter(is_freelancer=True, profile__isnull=True).count()
    done = 0
    report(0, total, "profiles")
    for batch in _batches(seed, book):
        writer.write(batch)
        done += len(batch)
        report(done, total, "profiles")
    writer.finish()
    return NetworkSummary(
        profiles=Profile.objects.count(),
        anchors=len(ANCHORS),
        new_users=new_users,
        patterns=WorkPattern.objects.count(),
        skills=ProfileSkill.objects.count(),
    )
