"""Profile endpoints: anyone's listed profile, and your own to read and edit. Thin.

Writes go through `network.profiles`, reads through `network.selectors_profiles`;
payout details appear only for the owner and a venture that pays them (masked).
"""

from ninja import Query, Router, Schema, Status
from pydantic import Field

from bornglobal import clock
from bornglobal.domain.errors import NotFound
from bornglobal.money.schemas import Day
from bornglobal.network import profiles
from bornglobal.network import selectors_profiles as selectors
from bornglobal.network.schemas_profiles import (
    ProfileIn,
    ProfileOut,
    ProfilePortfolioIn,
    ProfilePortfolioOut,
    ProfileTaxResidencyIn,
    ProfileTaxResidencyOut,
    profile_out,
)
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["network"])


class ProfileDayQuery(Schema):
    on: Day | None = Field(None, description="The date for the overlap and the rate; today "
                                             "by default.")


def _details(payload: ProfileIn) -> profiles.ProfileDetails:
    week = payload.working_week
    return profiles.ProfileDetails(
        headline=payload.headline, bio=payload.bio, country=payload.country, city=payload.city,
        working_hours=profiles.WorkingHours(
            time_zone=week.time_zone, start=week.start, end=week.end, days=week.days,
            holidays_country=week.holidays_country,
            holidays_subdivision=week.holidays_subdivision),
        rate=payload.rate.amount, currency=payload.rate.currency,
        hours_per_week=payload.hours_per_week, listed=payload.listed,
        skills=tuple(profiles.SkillEntry(s.esco_id, s.level, s.years) for s in payload.skills),
        languages=tuple(profiles.LanguageEntry(lang.language, lang.level)
                        for lang in payload.languages),
    )


@router.get("/profiles/{profile_id}", response={200: ProfileOut, **ERRORS})
def get_profile(request, profile_id: ObjectId, params: Query[ProfileDayQuery]):
    """A listed freelancer profile (or your own), with the working-hours overlap with you
    on `on` and the rate in your currency. Payout details only if you may see them."""
    actor = actor_of(request)
    return profile_out(actor, selectors.profile_for(actor, profile_id),
                       params.on or clock.today())


@router.get("/me/profile", response={200: ProfileOut, **ERRORS})
def get_my_profile(request, params: Query[ProfileDayQuery]):
    """Your own freelancer profile, with your tax residencies and masked payout details."""
    actor = actor_of(request)
    profile = selectors.my_profile(actor)
    if profile is None:
        raise NotFound("You have no profile yet: PUT /me/profile makes one.", code="no_profile")
    return profile_out(actor, profile, params.on or clock.today())


@router.put("/me/profile", response={200: ProfileOut, **ERRORS})
def put_my_profile(request, payload: ProfileIn):
    """Create or replace your profile: skills and languages replace the current ones.
    Saving a profile makes you a freelancer."""
    actor = actor_of(request)
    profiles.save_profile(actor, _details(payload))
    return profile_out(actor, selectors.my_profile(actor), clock.today())


@router.post("/me/profile/portfolio", response={201: ProfilePortfolioOut, **ERRORS})
def add_portfolio_item(request, payload: ProfilePortfolioIn):
    item = profiles.add_portfolio_item(actor_of(request), payload.title, payload.url,
                                       payload.description, payload.year)
    return Status(201, item)


@router.delete("/me/profile/portfolio/{item_id}", response={204: None, **ERRORS})
def remove_portfolio_item(request, item_id: ObjectId):
    profiles.remove_portfolio_item(actor_of(request), item_id)
    return Status(204, None)


@router.post("/me/profile/tax-residencies", response={201: ProfileTaxResidencyOut, **ERRORS})
def add_tax_residency(request, payload: ProfileTaxResidencyIn):
    """Where you are resident for tax from `since`; the tax id is checked with python-stdnum
    where it knows the country's numbers."""
    residency = profiles.add_tax_residency(actor_of(request), payload.country, payload.tax_id,
                                           payload.since)
    return Status(201, residency)


@router.delete("/me/profile/tax-residencies/{residency_id}", response={204: None, **ERRORS})
def remove_tax_residency(request, residency_id: ObjectId):
    profiles.remove_tax_residency(actor_of(request), residency_id)
    return Status(204, None)
