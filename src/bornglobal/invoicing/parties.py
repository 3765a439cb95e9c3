"""Who is on an invoice, as it is printed: a venture, a customer or a freelancer.

An issuer needs a billing profile (legal name and address are mandatory on an
invoice, Art. 226(5)). A buyer without one is printed with what the platform
knows: a venture's name and country, a person's full name and country.
"""

from __future__ import annotations

from bornglobal.domain import places
from bornglobal.domain.errors import Conflict
from bornglobal.invoicing.models import BillingProfile, Customer
from bornglobal.invoicing.taxes import Party
from bornglobal.tenancy.models import User, Venture


def venture_profile(venture: Venture) -> BillingProfile | None:
    return BillingProfile.objects.filter(venture=venture).first()


def person_profile(person: User) -> BillingProfile | None:
    return BillingProfile.objects.filter(person=person).first()


def venture_party(venture: Venture, *, as_issuer: bool) -> Party:
    profile = venture_profile(venture)
    if profile is None and as_issuer:
        raise Conflict(
            "Set the venture's billing details (legal name and address) before invoicing.",
            code="billing_profile_missing",
        )
    return Party(
        name=profile.legal_name if profile else venture.name,
        address=profile.address if profile else places.country_name(venture.legal_country),
        country=venture.legal_country,
        vat_id=(profile.vat_id if profile else "") or venture.vat_id,
        is_business=True,
    )


def person_party(person: User) -> Party:
    """A freelancer as seller: their billing profile, or their name and country."""
    profile = person_profile(person)
    return Party(
        name=profile.legal_name if profile else person.full_name,
        address=profile.address if profile else places.country_name(person.country),
        country=person.country,
        vat_id=profile.vat_id if profile else "",
        is_business=True,
        email=person.email,
    )


def customer_party(customer: Customer) -> Party:
    return Party(
        name=customer.name,
        address=customer.address,
        country=customer.country,
        vat_id=customer.vat_id,
        is_business=customer.is_business,
        email=customer.email,
    )


def over_threshold(profile: BillingProfile | None) -> bool:
    return bool(profile and profile.over_eu_threshold)


def terms_days(profile: BillingProfile | None) -> int:
    return profile.payment_terms_days if profile else 30
