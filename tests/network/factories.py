"""Factories for the network's tables (skills come from the ESCO data migration)."""

from datetime import time

import factory

from bornglobal.network import postings
from bornglobal.network.models import (
    Partner,
    PartnerCapability,
    PartnerPrice,
    PartnerShippingZone,
    Profile,
    ProfileLanguage,
    ProfileSkill,
    Skill,
    WorkPattern,
)
from tests.factories import UserFactory


class WorkPatternFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPattern
        django_get_or_create = ("time_zone", "start", "end", "days", "holidays_country",
                                "holidays_subdivision")

    time_zone = "Europe/Lisbon"
    start = time(9, 0)
    end = time(17, 0)
    days = "12345"
    holidays_country = "PT"
    holidays_subdivision = ""


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory, is_freelancer=True)
    headline = factory.Sequence(lambda n: f"Freelance developer {n}")
    country = "PT"
    city = "Lisbon"
    pattern = factory.SubFactory(WorkPatternFactory)
    rate_minor = 4_500
    currency = "EUR"
    hours_per_week = 20


def skill(label: str) -> Skill:
    """The ESCO skill with this preferred label."""
    return Skill.objects.get(label=label)


class ProfileSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileSkill

    profile = factory.SubFactory(ProfileFactory)
    skill = factory.LazyFunction(lambda: skill("Python (computer programming)"))
    level = 4
    years = 5

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """A posting carries its profile's search filters, as the profile services write it."""
        posting = model_class(*args, **kwargs)
        postings.stamp([posting], posting.profile)
        posting.save()
        return posting


class ProfileLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileLanguage

    profile = factory.SubFactory(ProfileFactory)
    language = "en"
    level = "C1"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Porto Print Works {n}")
    kind = "micro_factory"
    country = "PT"
    city = "Porto"
    time_zone = "Europe/Lisbon"
    currency = "EUR"
    min_order_quantity = 50
    lead_time_days = 7


class PartnerCapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCapability

    partner = factory.SubFactory(PartnerFactory)
    kind = "process"
    name = "screen printing"


class PartnerPriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerPrice

    partner = factory.SubFactory(PartnerFactory)
    item = "printed tote bag"
    min_quantity = 50
    price_minor = 420


class PartnerShippingZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerShippingZone

    partner = factory.SubFactory(PartnerFactory)
    country = "ES"
    transit_days = 3


def contract(founder, venture, payee, ref: str, amounts=("500.00",), *, due_on=None,
             paid_on=None, release: bool = True, title: str = "Logo design"):
    """An escrow from `venture` to `payee` written through the money services: funded a
    month before `paid_on` (default 2026-06-15) and, unless `release` is False, every
    milestone released in full on `paid_on` (so the contract is completed)."""
    from datetime import UTC, date, datetime, time, timedelta

    from bornglobal import clock
    from bornglobal.domain.money import Money
    from bornglobal.money import services
    from bornglobal.tenancy.actors import Actor

    actor, currency = Actor(founder), venture.base_currency
    paid_at = datetime.combine(paid_on or date(2026, 6, 15), time(9), tzinfo=UTC)
    plans = [services.MilestonePlan(f"{title}: part {n}", Money.of(amount, currency), due_on)
             for n, amount in enumerate(amounts, start=1)]
    with clock.travel_to(paid_at - timedelta(days=30)):
        total = sum((plan.amount for plan in plans), Money.zero(currency))
        services.deposit(actor, venture.id, total, key=f"{ref}:deposit")
        escrow = services.open_escrow(actor, venture.id, payee.email, ref, title, plans)
        milestones = list(escrow.milestones.order_by("id"))
        for milestone in milestones:
            services.fund_milestone(actor, venture.id, milestone.id, key=f"{ref}:{milestone.id}:f")
    if release:
        with clock.travel_to(paid_at):
            for milestone in milestones:
                services.release(actor, venture.id, milestone.id, key=f"{ref}:{milestone.id}:r",
                                 on=paid_at.date())
    return escrow
