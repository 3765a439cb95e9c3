"""Every write of a freelancer profile: the profile itself, its portfolio, its tax residency.

A person edits only their own profile, from a session or a freelancer token (never
a token scoped to one venture). Saving a profile makes the person a freelancer.

The working week is checked by `domain.availability.WorkingWeek` (IANA zone,
ISO weekdays, holiday calendar) and stored as a shared `WorkPattern`. The hourly
rate is read from decimal text with the currency's own exponent (`Money.of`:
"45.5" EUR is 4,550 cents, "4500" JPY is 4,500 yen, "1.234" EUR is refused),
never through binary floating point. Skills are ESCO ids, languages ISO 639
codes with a CEFR level (or native). A tax id is checked with python-stdnum
where it knows one of the country's tax or VAT numbers.

Each service runs in one transaction, locks the person's row so that two saves
of one profile do not interleave, and leaves an audit record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pycountry
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from stdnum import get_cc_module
from stdnum.exceptions import ValidationError as StdnumError

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.domain.money import Money
from bornglobal.network import postings
from bornglobal.network.models import (
    LanguageLevel,
    PortfolioItem,
    Profile,
    ProfileLanguage,
    ProfileSkill,
    Skill,
    TaxResidency,
    WorkPattern,
)
from bornglobal.tenancy import audit
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User

MAX_HOURS_PER_WEEK = 80
MAX_RATE_MINOR = 10**12
MAX_SKILLS = 50
MAX_LANGUAGES = 20
MAX_PORTFOLIO = 50
MAX_SKILL_YEARS = 60
MAX_BIO = 5_000
MAX_DESCRIPTION = 2_000
EARLIEST_YEAR = 1950
# Personal tax numbers python-stdnum knows beyond each country's `tin` and `vat` modules.
PERSONAL_TAX_IDS = {
    "de": ("idnr",), "fr": ("nif",), "in": ("pan",), "br": ("cpf", "cnpj"),
    "es": ("nif",), "pt": ("nif",), "gb": ("utr",), "it": ("codicefiscale",),
    "pl": ("nip", "pesel"), "mx": ("rfc",), "ar": ("cuit",), "au": ("tfn", "abn"),
    "ca": ("bn", "sin"), "us": ("ssn", "itin", "ein"), "cl": ("rut",), "co": ("nit",),
}


@dataclass(frozen=True, slots=True)
class WorkingHours:
    time_zone: str
    start: time
    end: time
    days: str = "12345"  # ISO weekdays
    holidays_country: str = ""
    holidays_subdivision: str = ""


@dataclass(frozen=True, slots=True)
class SkillEntry:
    esco_id: str
    level: int
    years: int = 0


@dataclass(frozen=True, slots=True)
class LanguageEntry:
    language: str
    level: str


@dataclass(frozen=True, slots=True)
class ProfileDetails:
    """The whole editable profile; skills and languages replace the current ones."""

    headline: str
    country: str
    working_hours: WorkingHours
    rate: str  # decimal text in major units, e.g. "45.00"
    currency: str
    hours_per_week: int
    bio: str = ""
    city: str = ""
    listed: bool = True
    skills: tuple[SkillEntry, ...] = field(default_factory=tuple)
    languages: tuple[LanguageEntry, ...] = field(default_factory=tuple)


def _editor(actor: Actor) -> User:
    if actor.venture_scope is not None:
        raise Forbidden("A venture token may not change a profile.", code="token_scope")
    return actor.user


def _text(value: str, limit: int, code: str, label: str, required: bool = False) -> str:
    clean = (value or "").strip()
    if required and not clean:
        raise DomainError(f"The {label} is required.", code=code)
    if len(clean) > limit:
        raise DomainError(f"The {label} has at most {limit} characters.", code=code)
    return clean


def working_week(hours: WorkingHours) -> WorkingWeek:
    """The checked week; raises invalid_time_zone, invalid_days or invalid_country."""
    days = hours.days or ""
    if not days.isdigit() or len(set(days)) != len(days):
        raise DomainError(f"{days!r} is not a set of ISO weekdays (1 = Monday .. 7 = Sunday).",
                          code="invalid_days")
    return WorkingWeek(
        zone=hours.time_zone,
        start=hours.start,
        end=hours.end,
        days=frozenset(int(d) for d in days),
        holidays_country=(hours.holidays_country or "").strip().upper() or None,
        holidays_subdivision=(hours.holidays_subdivision or "").strip().upper() or None,
    )


def _pattern(hours: WorkingHours) -> WorkPattern:
    week = working_week(hours)
    pattern, _ = WorkPattern.objects.get_or_create(
        time_zone=week.zone,
        start=week.start.replace(second=0, microsecond=0),
        end=week.end.replace(second=0, microsecond=0),
        days="".join(str(d) for d in sorted(week.days)),
        holidays_country=week.holidays_country or "",
        holidays_subdivision=week.holidays_subdivision or "",
    )
    return pattern


def rate_of(amount: str, currency: str) -> Money:
    """The hourly rate: positive, exact in the currency's minor unit."""
    rate = Money.of((amount or "").strip(), places.currency_code(currency))
    if not 0 < rate.minor <= MAX_RATE_MINOR:
        raise DomainError(f"{rate} is not an hourly rate (above zero, within reason).",
                          code="invalid_rate", details={"amount": amount})
    return rate


def _hours_per_week(value: int) -> int:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if not whole or not 0 <= value <= MAX_HOURS_PER_WEEK:
        raise DomainError(f"{value!r} hours a week: give a whole number from 0 to "
                          f"{MAX_HOURS_PER_WEEK}.", code="invalid_hours_per_week")
    return value


def _skills(entries: tuple[SkillEntry, ...]) -> list[ProfileSkill]:
    if len(entries) > MAX_SKILLS:
        raise DomainError(f"At most {MAX_SKILLS} skills.", code="too_many_skills")
    ids = [(e.esco_id or "").strip().lower() for e in entries]
    if len(set(ids)) != len(ids):
        raise DomainError("Each skill once.", code="duplicate_skill")
    known = Skill.objects.in_bulk(ids, field_name="esco_id")
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise DomainError(f"{unknown[0]!r} is not an ESCO skill id.", code="unknown_skill",
                          details={"esco_ids": unknown})
    for entry in entries:
        if isinstance(entry.level, bool) or entry.level not in range(1, 6):
            raise DomainError(f"A skill level is 1 to 5, not {entry.level!r}.",
                              code="invalid_skill_level")
        if isinstance(entry.years, bool) or entry.years not in range(MAX_SKILL_YEARS + 1):
            raise DomainError(f"Years of a skill are 0 to {MAX_SKILL_YEARS}, not "
                              f"{entry.years!r}.", code="invalid_skill_years")
    return [ProfileSkill(skill=known[i], level=e.level, years=e.years)
            for i, e in zip(ids, entries, strict=True)]


def language_code(raw: str) -> str:
    """ISO 639-1 where the language has it ("en"), else ISO 639-3 ("fil")."""
    code = (raw or "").strip().lower()
    language = None
    if len(code) == 2:
        language = pycountry.languages.get(alpha_2=code)
    elif len(code) == 3:
        language = pycountry.languages.get(alpha_3=code)
    if language is None:
        raise DomainError(f"{raw!r} is not an ISO 639 language code (e.g. en, pt, fil).",
                          code="invalid_language", details={"language": raw})
    return getattr(language, "alpha_2", None) or language.alpha_3


def _languages(entries: tuple[LanguageEntry, ...]) -> list[ProfileLanguage]:
    if len(entries) > MAX_LANGUAGES:
        raise DomainError(f"At most {MAX_LANGUAGES} languages.", code="too_many_languages")
    rows: dict[str, ProfileLanguage] = {}
    for entry in entries:
        code = language_code(entry.language)
        if entry.level not in LanguageLevel.values:
            raise DomainError(f"{entry.level!r} is not a CEFR level (A1 .. C2) or native.",
                              code="invalid_language_level")
        if code in rows:
            raise DomainError(f"{code} is listed twice.", code="duplicate_language")
        rows[code] = ProfileLanguage(language=code, level=entry.level)
    return list(rows.values())


def _profile_fields(details: ProfileDetails) -> dict:
    rate = rate_of(details.rate, details.currency)
    return {
        "headline": _text(details.headline, 160, "invalid_headline", "headline", required=True),
        "bio": _text(details.bio, MAX_BIO, "invalid_bio", "bio"),
        "country": places.country_code(details.country),
        "city": _text(details.city, 100, "invalid_city", "city"),
        "rate_minor": rate.minor,
        "currency": rate.currency,
        "hours_per_week": _hours_per_week(details.hours_per_week),
        "listed": bool(details.listed),
    }


def _locked_user(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def save_profile(actor: Actor, details: ProfileDetails) -> Profile:
    """Create or replace the actor's profile (not its portfolio or tax residencies)."""
    user = _editor(actor)
    fields = _profile_fields(details)
    week = working_week(details.working_hours)  # checked before anything is written
    with transaction.atomic():
        locked = _locked_user(user)
        skills, languages = _skills(details.skills), _languages(details.languages)
        fields["pattern"] = _pattern(details.working_hours)
        fields["updated_at"] = clock.now()
        profile = Profile.objects.filter(user=locked).first()
        created = profile is None
        if created:
            profile = Profile.objects.create(user=locked, created_at=fields["updated_at"],
                                             **fields)
            before, after = {}, _audit_view(fields)
        else:
            before, after = audit.changes(profile, fields)
            for name, value in fields.items():
                setattr(profile, name, value)
            profile.save()
            before, after = _audit_view(before), _audit_view(after)
        postings.stamp(skills, profile)
        _replace(profile, ProfileSkill, skills)
        _replace(profile, ProfileLanguage, languages)
        if not locked.is_freelancer:
            User.objects.filter(pk=locked.pk).update(is_freelancer=True)
            user.is_freelancer = True
        after["skills"] = sorted(s.skill.esco_id for s in skills)
        after["languages"] = sorted(f"{lang.language}:{lang.level}" for lang in languages)
        after["zone"] = week.zone
        audit.record(user, "profile.created" if created else "profile.saved", target=profile,
                     before=before, after=after)
    return profile


def _audit_view(fields: dict) -> dict:
    """Audit summaries are JSON: the pattern by id, times as text."""
    shown = {k: v for k, v in fields.items() if k not in ("pattern", "updated_at")}
    if "pattern" in fields:
        shown["pattern"] = str(fields["pattern"])
    return shown


def _replace(profile: Profile, model, rows: list) -> None:
    model.objects.filter(profile=profile).delete()
    for row in rows:
        row.profile = profile
    model.objects.bulk_create(rows)


def _own_profile(user: User) -> Profile:
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise NotFound("You have no profile yet: save one first.", code="no_profile")
    return profile


def _touch(profile: Profile) -> None:
    Profile.objects.filter(pk=profile.pk).update(updated_at=clock.now())


def _portfolio_url(raw: str) -> str:
    url = (raw or "").strip()
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except DjangoValidationError:
            raise DomainError(f"{raw!r} is not a web address (http or https).",
                              code="invalid_url") from None
        if len(url) > 200:
            raise DomainError("A web address has at most 200 characters.", code="invalid_url")
    return url


def _portfolio_year(year: int | None) -> int | None:
    if year is None:
        return None
    latest = clock.today().year + 1
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= latest:
        raise DomainError(f"A portfolio year is {EARLIEST_YEAR} to {latest}, not {year!r}.",
                          code="invalid_year")
    return year


def add_portfolio_item(actor: Actor, title: str, url: str = "", description: str = "",
                       year: int | None = None) -> PortfolioItem:
    user = _editor(actor)
    fields = {
        "title": _text(title, 160, "invalid_title", "title", required=True),
        "url": _portfolio_url(url),
        "description": _text(description, MAX_DESCRIPTION, "invalid_description", "description"),
        "year": _portfolio_year(year),
    }
    with transaction.atomic():
        profile = _own_profile(_locked_user(user))
        if profile.portfolio.count() >= MAX_PORTFOLIO:
            raise DomainError(f"At most {MAX_PORTFOLIO} portfolio items.",
                              code="too_many_portfolio_items")
        item = PortfolioItem.objects.create(profile=profile, **fields)
        _touch(profile)
        audit.record(user, "profile.portfolio_added", target=item, after=fields)
    return item


def _removable(actor: Actor, model, object_id: int, what: str):
    """The actor's own row of `model`, locked with its profile; else "no such ..." (404).

    Someone else's row, or any row asked for with a venture token, does not exist for
    the actor, so the answer never tells whether it exists.
    """
    user = _locked_user(actor.user)
    profile = Profile.objects.select_for_update().filter(user=user).first()
    row = None
    if actor.venture_scope is None and profile is not None:
        row = model.objects.filter(profile=profile, id=object_id).first()
    if row is None:
        raise NotFound(f"No such {what}.")
    return profile, row


def remove_portfolio_item(actor: Actor, item_id: int) -> None:
    user = actor.user
    with transaction.atomic():
        profile, item = _removable(actor, PortfolioItem, item_id, "portfolio item")
        audit.record(user, "profile.portfolio_removed", target=item, before={"title": item.title})
        item.delete()
        _touch(profile)


def tax_id(raw: str, country: str) -> str:
    """A tax id checked with python-stdnum where it knows one of the country's numbers.

    Accepted if any of the country's known tax or VAT formats validates it (then in
    that format's compact form); kept as typed, without spaces, where stdnum knows
    none; empty means none given.
    """
    value = (raw or "").strip()
    if not value:
        return ""
    cc = country.lower()
    names = ("tin", "vat", *PERSONAL_TAX_IDS.get(cc, ()))
    modules = [m for m in dict.fromkeys(get_cc_module(cc, n) for n in names) if m is not None]
    if not modules:
        return value.upper().replace(" ", "")[:32]
    for module in modules:
        try:
            return module.compact(module.validate(value))[:32]
        except StdnumError:
            continue
    raise DomainError(f"{value!r} is not a valid {country} tax number.", code="invalid_tax_id",
                      details={"country": country})


def add_tax_residency(actor: Actor, country: str, tax_number: str, since: date) -> TaxResidency:
    user = _editor(actor)
    code = places.country_code(country)
    clean = tax_id(tax_number, code)
    latest = clock.today() + timedelta(days=366)
    if not isinstance(since, date) or since.year < EARLIEST_YEAR or since > latest:
        raise DomainError(f"A tax residency starts between {EARLIEST_YEAR} and a year from now.",
                          code="invalid_since")
    with transaction.atomic():
        profile = _own_profile(_locked_user(user))
        try:
            with transaction.atomic():
                residency = TaxResidency.objects.create(
                    profile=profile, country=code, tax_id=clean, since=since,
                    recorded_at=clock.now())
        except IntegrityError:
            raise Conflict(f"A tax residency from {since} is already recorded.",
                           code="tax_residency_exists") from None
        _touch(profile)
        audit.record(user, "profile.tax_residency_added", target=residency,
                     after={"country": code, "since": since.isoformat(),
                            "tax_id_last4": clean[-4:]})
    return residency


def remove_tax_residency(actor: Actor, residency_id: int) -> None:
    user = actor.user
    with transaction.atomic():
        profile, residency = _removable(actor, TaxResidency, residency_id, "tax residency")
        audit.record(user, "profile.tax_residency_removed", target=residency,
                     before={"country": residency.country, "since": residency.since.isoformat()})
        residency.delete()
        _touch(profile)
