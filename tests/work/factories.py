"""Factories for the work app's tables, and `hired(...)`: a contract made through the
services (offer sent by the founder, accepted by the freelancer), as a user would."""

from datetime import UTC, datetime

import factory

from bornglobal.domain.contracts import ContractType
from bornglobal.domain.money import Money
from bornglobal.money import services as money
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones, services
from bornglobal.work.models import Project, Role
from tests.factories import UserFactory, VentureFactory

MONDAY = datetime(2026, 6, 15, 9, tzinfo=UTC)  # a Monday inside the bundled ECB rates


class FreelancerFactory(UserFactory):
    is_freelancer = True
    country = "IN"
    time_zone = "Asia/Kolkata"
    currency = "INR"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    venture = factory.SubFactory(VentureFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    brief = "Ship the thing."
    budget_minor = 1_000_000
    budget_currency = factory.SelfAttribute("venture.base_currency")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    project = factory.SubFactory(ProjectFactory)
    title = "Firmware engineer"
    hours = 80
    rate_ceiling_minor = 6_000


def fixed_offer(role: Role, freelancer, amounts=("1200.00", "1800.00"), **changes):
    currency = role.project.budget_currency
    plans = tuple(
        money.MilestonePlan(f"Part {n}", Money.of(amount, currency))
        for n, amount in enumerate(amounts, start=1)
    )
    return services.OfferDraft(
        role_id=role.id,
        freelancer_email=freelancer.email,
        title="Firmware port",
        milestones=plans,
        **changes,
    )


def hired(founder, role: Role, freelancer, amounts=("1200.00", "1800.00"), **changes):
    """A contract: the founder's offer, accepted by the freelancer."""
    venture_id = role.project.venture_id
    offer = services.send_offer(
        Actor(founder), venture_id, fixed_offer(role, freelancer, amounts, **changes)
    )
    return services.accept_offer(Actor(freelancer), offer.id)


def team_on(founder, project: Project, *freelancers):
    """Each freelancer hired on `project` for a role of their own: the project's team."""
    contracts = []
    for freelancer in freelancers:
        role = RoleFactory(project=project, title=f"Engineer ({freelancer.time_zone})")
        contracts.append(hired(founder, role, freelancer))
    return contracts


def hourly_hired(kestrel, freelancer, cap=10, rate="40.00"):
    """An hourly contract at `rate` EUR with a `cap`-hour week, its first week funded."""
    draft = services.OfferDraft(
        role_id=kestrel["role"].id,
        freelancer_email=freelancer.email,
        title="Firmware support",
        type=ContractType.HOURLY,
        hourly_rate=Money.of(rate, "EUR"),
        weekly_cap_hours=cap,
    )
    offer = services.send_offer(Actor(kestrel["founder"]), kestrel["venture"].id, draft)
    contract = services.accept_offer(Actor(freelancer), offer.id)
    item = contract.milestones.get(position=1)
    milestones.fund(Actor(kestrel["founder"]), kestrel["venture"].id, item.id, "fund-week")
    return contract
