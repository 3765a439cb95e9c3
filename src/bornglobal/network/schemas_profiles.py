"""Request and response shapes of the profile endpoints, and the one function that
turns a profile into its answer for a given viewer.

Rates go out as `{"amount_minor", "currency", "formatted"}`: exact minor units, the
ISO 4217 code and the amount as the viewer's locale writes it. A rate comes in as
decimal text with its currency (`"45.50"`, `"EUR"`), read with the currency's own
exponent, never as a binary float.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import pycountry
from ninja import Schema
from pydantic import Field

from bornglobal.apitypes import (
    Blank,
    Bool,
    Country,
    Currency,
    Day,
    InSchema,
    Int,
    LocalTime,
    NonBlank,
    PositiveAmount,
    Text,
    Zone,
    text_like,
)
from bornglobal.domain import places
from bornglobal.domain.availability import overlap_hours_on
from bornglobal.domain.money import Money
from bornglobal.money.views_shared import viewer_locale
from bornglobal.network import profiles
from bornglobal.network import selectors_profiles as selectors
from bornglobal.network.models import Profile
from bornglobal.tenancy.actors import Actor

# A necessary form of what the service takes (Django's URLValidator, http/https): empty, or
# the scheme in any case, then at least one character and no white space.
WEB_ADDRESS = r"^([hH][tT][tT][pP][sS]?://[^\s\x00]+)?$"
WebAddress = text_like(WEB_ADDRESS)

Level = Literal["A1", "A2", "B1", "B2", "C1", "C2", "native"]


class ProfileRateOut(Schema):
    amount_minor: int = Field(..., description="Exact amount in minor units (cents, paise, yen).")
    currency: str
    formatted: str = Field(..., description="As the viewer's locale writes it, e.g. '€45.00'.")


class ProfileConvertedRateOut(ProfileRateOut):
    rate: str = Field(..., description="1 unit of the profile's currency in this currency.")
    rate_date: date = Field(..., description="The date of the published rate used.")
    source: str


class ProfileWorkingWeekIn(InSchema):
    time_zone: Zone = Field(..., examples=["Asia/Kolkata"])
    start: LocalTime = Field(..., description="Local start, e.g. 09:00.")
    end: LocalTime = Field(..., description="Local end; not after start means it crosses "
                                            "midnight.")
    days: str = Field("12345", pattern=r"^[1-7]{1,7}$",
                       description='ISO weekdays, each once: "12345" = Mon-Fri.')
    holidays_country: Country | Blank = Field("", description="ISO 3166-1 alpha-2.")
    holidays_subdivision: Text = Field("", max_length=10, examples=["BY"])


class ProfileWorkingWeekOut(Schema):
    time_zone: str = Field(..., examples=["Asia/Kolkata"])
    start: LocalTime = Field(..., description="Local start, e.g. 09:00:00.")
    end: LocalTime = Field(..., description="Local end; not after start means it crosses "
                                            "midnight.")
    days: str = Field(..., description='ISO weekdays: "12345" = Mon-Fri.')
    holidays_country: str
    holidays_subdivision: str


class ProfileSkillIn(InSchema):
    esco_id: Text = Field(..., max_length=36, description="An ESCO skill id (see /skills).")
    level: Int = Field(..., description="1 beginner .. 5 expert.")
    years: Int = Field(0, description="Years of use, 0 to 60.")


class ProfileSkillOut(Schema):
    esco_id: str
    label: str
    level: Int
    years: Int


class ProfileLanguageIn(InSchema):
    language: Text = Field(..., max_length=8, description="ISO 639-1 (or 639-3), e.g. pt.")
    level: Text = Field(..., max_length=8, description="CEFR A1 .. C2, or native.")


class ProfileLanguageOut(Schema):
    language: str
    name: str
    level: Level


class ProfileRateIn(InSchema):
    amount: PositiveAmount = Field(..., examples=["45.00"])
    currency: Currency


class ProfileIn(InSchema):
    headline: NonBlank = Field(..., max_length=160)
    bio: Text = Field("", max_length=profiles.MAX_BIO)
    country: Country = Field(..., description="ISO 3166-1 alpha-2.")
    city: Text = Field("", max_length=100)
    working_week: ProfileWorkingWeekIn
    rate: ProfileRateIn = Field(..., description="Hourly rate in your own currency.")
    hours_per_week: Int = Field(
        ..., ge=0, le=profiles.MAX_HOURS_PER_WEEK, description="Hours free for new work, 0 to 80."
    )
    listed: Bool = Field(True, description="Shown in search.")
    skills: list[ProfileSkillIn] = Field(default_factory=list, max_length=profiles.MAX_SKILLS)
    languages: list[ProfileLanguageIn] = Field(
        default_factory=list, max_length=profiles.MAX_LANGUAGES
    )


class ProfilePortfolioIn(InSchema):
    title: NonBlank = Field(..., max_length=160)
    url: WebAddress = Field(
        "", max_length=200,
        description="An http or https address, or empty (checked fully on saving).",
    )
    description: Text = Field("", max_length=profiles.MAX_DESCRIPTION)
    year: Int | None = None


class ProfilePortfolioOut(Schema):
    id: int
    title: str
    url: str
    description: str
    year: Int | None


class ProfileTaxResidencyIn(InSchema):
    country: Country = Field(..., description="ISO 3166-1 alpha-2.")
    tax_id: Text = Field("", max_length=40, description="Checked with python-stdnum.")
    since: Day


class ProfileTaxResidencyOut(Schema):
    id: int
    country: str
    tax_id: str
    since: date


class ProfilePayoutOut(Schema):
    account_holder: str
    iban_masked: str = Field(..., description="Only the last four characters are shown.")
    bic: str
    visible_because: Literal["owner", "pays_them"]
    venture_id: int | None = Field(None, description="The venture that pays them.")


class ProfileReputationOut(Schema):
    score: str = Field(..., description="0-100, one decimal; see how it is computed.")
    review_count: int
    completed_contracts: int


class ProfileOverlapOut(Schema):
    on: date
    viewer_time_zone: str
    hours: str = Field(..., description="Hours of the freelancer's work in your window.")


class ProfileOut(Schema):
    id: int
    name: str
    headline: str
    bio: str
    country: str
    country_name: str
    city: str
    working_week: ProfileWorkingWeekOut
    rate: ProfileRateOut
    rate_in_my_currency: ProfileConvertedRateOut | None
    hours_per_week: Int
    listed: bool
    reputation: ProfileReputationOut
    skills: list[ProfileSkillOut]
    languages: list[ProfileLanguageOut]
    portfolio: list[ProfilePortfolioOut]
    overlap: ProfileOverlapOut
    payout_details: ProfilePayoutOut | None = Field(
        None, description="Only for the owner and a venture that pays them.")
    tax_residencies: list[ProfileTaxResidencyOut] = Field(..., description="The owner's only.")
    updated_at: datetime


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    language = language or pycountry.languages.get(alpha_3=code)
    return language.name if language is not None else code


def rate_out(money: Money, locale: str) -> dict:
    return {"amount_minor": money.minor, "currency": money.currency,
            "formatted": money.format(locale)}


def converted_out(profile: Profile, currency: str, on: date, locale: str) -> dict | None:
    conversion = selectors.rate_in(profile, currency, on)
    if conversion is None:
        return None
    return {**rate_out(conversion.target, locale), "rate": f"{conversion.rate.value:f}",
            "rate_date": conversion.rate.used, "source": conversion.rate.source}


def week_out(profile: Profile) -> dict:
    pattern = profile.pattern
    return {"time_zone": pattern.time_zone, "start": pattern.start, "end": pattern.end,
            "days": pattern.days, "holidays_country": pattern.holidays_country,
            "holidays_subdivision": pattern.holidays_subdivision}


def _payout(actor: Actor, profile: Profile) -> dict | None:
    visible = selectors.payout_details(actor, profile)
    if visible is None:
        return None
    return {"account_holder": visible.account_holder, "iban_masked": visible.iban_masked,
            "bic": visible.bic, "visible_because": visible.because,
            "venture_id": visible.venture_id}


def profile_out(actor: Actor, profile: Profile, on: date) -> dict:
    """The profile as `actor` may see it, with the overlap on `on` in the viewer's week."""
    locale = viewer_locale(actor.user)
    viewer = selectors.viewer_week(actor)
    overlap = overlap_hours_on(selectors.week_of(profile.pattern), viewer, on)
    return {
        "id": profile.id, "name": profile.user.full_name, "headline": profile.headline,
        "bio": profile.bio, "country": profile.country,
        "country_name": places.country_name(profile.country), "city": profile.city,
        "working_week": week_out(profile),
        "rate": rate_out(selectors.rate(profile), locale),
        "rate_in_my_currency": converted_out(profile, actor.user.currency, on, locale),
        "hours_per_week": profile.hours_per_week, "listed": profile.listed,
        "reputation": {"score": f"{profile.reputation:.1f}", "review_count": profile.review_count,
                       "completed_contracts": profile.completed_contracts},
        "skills": [{"esco_id": s.skill.esco_id, "label": s.skill.label, "level": s.level,
                    "years": s.years} for s in profile.skills.all()],
        "languages": [{"language": lang.language, "name": language_name(lang.language),
                       "level": lang.level} for lang in profile.languages.all()],
        "portfolio": list(profile.portfolio.all()),
        "overlap": {"on": on, "viewer_time_zone": viewer.zone, "hours": str(overlap)},
        "payout_details": _payout(actor, profile),
        "tax_residencies": selectors.tax_residencies(actor, profile),
        "updated_at": profile.updated_at,
    }
