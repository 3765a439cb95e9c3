"""Reads of freelancer profiles, scoped to the actor.

Any logged-in actor sees listed profiles (the network is the point); an unlisted
profile exists only for its owner. Tax residencies are the owner's alone.

Payout details are the money app's and follow its rules: the owner reads their
own (`money.selectors.my_payout_details`), and a venture reads a payee's only
where it may manage money and has an escrow paying that person
(`money.selectors.payout_details_for_payee`). Everyone else gets nothing, not
even a hint that details exist. Outside the money pages an IBAN is only ever
shown masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

import holidays
from django.db.models import Prefetch, QuerySet

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.fx import Conversion, convert
from bornglobal.domain.money import Money
from bornglobal.money import rates
from bornglobal.money import selectors as money_selectors
from bornglobal.network.models import Profile, ProfileSkill, TaxResidency, WorkPattern
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User

DEFAULT_START, DEFAULT_END, DEFAULT_DAYS = time(9), time(17), frozenset(range(1, 6))


def _profiles() -> QuerySet[Profile]:
    return Profile.objects.select_related("user", "pattern").prefetch_related(
        Prefetch("skills", queryset=ProfileSkill.objects.select_related("skill")),
        "languages",
        "portfolio",
    )


def profile_for(actor: Actor, profile_id: int) -> Profile:
    """A listed profile, or the actor's own; NotFound otherwise."""
    profile = _profiles().filter(id=profile_id).first()
    if profile is None or not (profile.listed or profile.user_id == actor.user.pk):
        raise NotFound("No such profile.")
    return profile


def my_profile(actor: Actor) -> Profile | None:
    """The actor's own profile; a token scoped to a venture has none."""
    if actor.venture_scope is not None:
        return None
    return _profiles().filter(user=actor.user).first()


def is_owner(actor: Actor, profile: Profile) -> bool:
    return actor.venture_scope is None and profile.user_id == actor.user.pk


def tax_residencies(actor: Actor, profile: Profile) -> list[TaxResidency]:
    """The owner's tax residencies, latest first; nobody else's."""
    if not is_owner(actor, profile):
        return []
    return list(TaxResidency.objects.filter(profile=profile))


@dataclass(frozen=True, slots=True)
class VisiblePayout:
    account_holder: str
    iban_masked: str
    bic: str
    because: str  # "owner" or "pays_them"
    venture_id: int | None = None


def masked_iban(iban: str) -> str:
    return f"•••• {iban[-4:]}" if iban else ""


def payout_details(actor: Actor, profile: Profile) -> VisiblePayout | None:
    """What the actor may see of the profile owner's payout details, or None."""
    if profile.user_id == actor.user.pk:
        details = money_selectors.my_payout_details(actor)
        return _visible(details, "owner", None) if details is not None else None
    for venture in tenancy.ventures_for(actor):
        try:
            details = money_selectors.payout_details_for_payee(actor, venture.id, profile.user_id)
        except (NotFound, Forbidden):
            continue
        return _visible(details, "pays_them", venture.id)
    return None


def _visible(details, because: str, venture_id: int | None) -> VisiblePayout:
    return VisiblePayout(details.account_holder, masked_iban(details.iban), details.bic,
                         because, venture_id)


def week_of(pattern: WorkPattern) -> WorkingWeek:
    return WorkingWeek(
        zone=pattern.time_zone,
        start=pattern.start,
        end=pattern.end,
        days=frozenset(int(d) for d in pattern.days),
        holidays_country=pattern.holidays_country or None,
        holidays_subdivision=pattern.holidays_subdivision or None,
    )


def default_week(user: User) -> WorkingWeek:
    """09:00-17:00 Monday to Friday in the person's zone, with their country's holidays."""
    country = user.country if user.country in holidays.list_supported_countries() else None
    zone = user.time_zone or "UTC"
    try:
        return WorkingWeek(zone, DEFAULT_START, DEFAULT_END, DEFAULT_DAYS, country)
    except DomainError:
        return WorkingWeek("UTC", DEFAULT_START, DEFAULT_END, DEFAULT_DAYS, country)


def person_week(user: User) -> WorkingWeek:
    """The week of the person's profile, else the default week in their zone."""
    profile = getattr(user, "profile", None)
    return week_of(profile.pattern) if profile is not None else default_week(user)


def viewer_week(actor: Actor) -> WorkingWeek:
    """The viewer's own profile's week if they have one, else the default week."""
    pattern = (WorkPattern.objects.filter(profiles__user=actor.user).first()
               if actor.venture_scope is None else None)
    return week_of(pattern) if pattern is not None else default_week(actor.user)


def rate(profile: Profile) -> Money:
    return Money(profile.rate_minor, profile.currency)


def rate_in(profile: Profile, currency: str, on: date) -> Conversion | None:
    """The profile's rate in `currency` at the money module's rate for `on`; None if no rate."""
    try:
        return convert(rate(profile), currency, on, rates.current())
    except DomainError:
        return None
