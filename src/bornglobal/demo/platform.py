"""Demo data for the platform: people all over the world, three ventures, their teams.

`load_platform(seed, size, progress)` writes, in one transaction:

- the demo logins (founders, a manager, a freelancer in two ventures), fixed people
  whose emails never change, so the README and the browser tests can use them;
- `size` freelancers planned by `bornglobal.demo.people` (the same seed gives the same
  people), covering at least 120 countries and every UTC offset from -10 to +13;
- three ventures made through the tenancy services (so each is validated and audited),
  and their teams: managers, members, and freelancers who work for two ventures.

Every demo user shares one password hash of `DEMO_PASSWORD`: hashing it once keeps
30,000 people to seconds, and the password is published anyway.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from bornglobal import clock
from bornglobal.demo import DEMO_PASSWORD, DemoLogin, Progress
from bornglobal.demo.people import PersonPlan, plan_people
from bornglobal.domain import world
from bornglobal.domain.errors import Conflict, DomainError
from bornglobal.domain.roles import Role
from bornglobal.tenancy import audit, services
from bornglobal.tenancy.actors import session_actor
from bornglobal.tenancy.models import Membership, User, Venture

SIZES = {"small": 2_000, "medium": 20_000, "large": 1_000_000}
BATCH = 1_000
LOGINS_JOINED = datetime(2023, 6, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class LoginPerson:
    email: str
    full_name: str
    country: str
    time_zone: str
    locale: str
    description: str
    is_freelancer: bool = False

    def plan(self) -> PersonPlan:
        return PersonPlan(
            email=self.email, full_name=self.full_name, country=self.country,
            time_zone=self.time_zone, currency=world.countries()[self.country].currency,
            locale=self.locale, name_locale=self.locale, date_joined=LOGINS_JOINED,
            is_freelancer=self.is_freelancer,
        )


@dataclass(frozen=True, slots=True)
class VentureSpec:
    name: str
    country: str
    currency: str
    vat_id: str
    founder: LoginPerson
    titles: tuple[str, ...]


LAGOS_FOUNDER = LoginPerson(
    "founder@lagoslooms.example", "Amara Okafor", "NG", "Africa/Lagos", "en_NG",
    "founder of Lagos Looms (Nigeria, NGN)",
)
KESTREL_FOUNDER = LoginPerson(
    "founder@kestrel.example", "Jonas Richter", "DE", "Europe/Berlin", "de_DE",
    "founder of Kestrel Robotics (Germany, EUR)",
)
MONSOON_FOUNDER = LoginPerson(
    "founder@monsoontea.example", "Priya Raghavan", "IN", "Asia/Kolkata", "en_IN",
    "founder of Monsoon Tea Co. (India, INR)",
)
KESTREL_MANAGER = LoginPerson(
    "manager@kestrel.example", "Sofía Castro", "MX", "America/Mexico_City", "es_MX",
    "manager at Kestrel Robotics",
)
FREELANCER = LoginPerson(
    "freelancer@bornglobal.example", "Ana Lima", "BR", "America/Sao_Paulo", "pt_BR",
    "freelancer in Lagos Looms and Monsoon Tea Co.", is_freelancer=True,
)
LOGIN_PEOPLE = (LAGOS_FOUNDER, KESTREL_FOUNDER, MONSOON_FOUNDER, KESTREL_MANAGER, FREELANCER)
DEMO_LOGINS = [DemoLogin(person.email, person.description) for person in LOGIN_PEOPLE]

VENTURES = (
    VentureSpec("Lagos Looms", "NG", "NGN", "", LAGOS_FOUNDER,
                ("Weaver", "Textile designer", "Photographer", "Export clerk", "Copywriter")),
    VentureSpec("Kestrel Robotics", "DE", "EUR", "DE136695976", KESTREL_FOUNDER,
                ("Firmware engineer", "Mechanical designer", "Technical writer",
                 "QA engineer", "Support engineer")),
    VentureSpec("Monsoon Tea Co.", "IN", "INR", "", MONSOON_FOUNDER,
                ("Tea taster", "Packaging designer", "Translator", "Shop assistant",
                 "Marketer")),
)
# Fixed logins beyond the founders: (person, venture index, role, title).
LOGIN_MEMBERSHIPS = (
    (KESTREL_MANAGER, 1, Role.MANAGER, "Operations manager"),
    (FREELANCER, 0, Role.MEMBER, "Photographer"),
    (FREELANCER, 2, Role.MEMBER, "Translator"),
)


@dataclass(frozen=True, slots=True)
class TeamSeat:
    person: int  # index into the planned people
    venture: int  # index into VENTURES
    role: Role
    title: str


@dataclass(frozen=True, slots=True)
class PlatformSummary:
    seed: int
    size: str
    people: int
    countries: int
    offsets: tuple[int, ...]  # UTC offsets in minutes at world.REFERENCE_INSTANT
    ventures: tuple[str, ...]
    memberships: int
    name_locales: int
    borrowed_locales: int  # countries whose names come from a neighbour's locale

    def describe(self) -> str:
        fractional = sum(1 for minutes in self.offsets if minutes % 60)
        missing = [world.format_offset(h * 60) for h in world.WHOLE_HOURS
                   if h * 60 not in self.offsets]
        hours = "every whole hour from -10 to +13" if not missing else (
            "but not " + ", ".join(missing))
        return (
            f"Demo data (seed {self.seed}, {self.size}): {self.people:,} people in "
            f"{self.countries} countries; {len(self.offsets)} UTC offsets on "
            f"{world.REFERENCE_INSTANT:%Y-%m-%d} from {world.format_offset(self.offsets[0])} "
            f"to {world.format_offset(self.offsets[-1])}, {hours}, and {fractional} half- or "
            f"quarter-hour ones; names from {self.name_locales} Faker locales "
            f"({self.borrowed_locales} countries borrow a neighbour's); "
            f"{len(self.ventures)} ventures ({', '.join(self.ventures)}) with "
            f"{self.memberships:,} memberships."
        )


def people_count(size: str) -> int:
    try:
        return SIZES[size]
    except KeyError:
        raise DomainError(
            f"{size!r} is not a demo size: use {', '.join(SIZES)}.", code="invalid_size"
        ) from None


def plan_team(seed: int, people: int) -> list[TeamSeat]:
    """Who works for which venture: each venture's own people, a few shared with the next."""
    rng = random.Random(f"bornglobal-demo-teams:{seed}")
    per_venture = max(6, min(people // 50, 500))
    per_venture = min(per_venture, people // len(VENTURES))
    shared, managers = max(2, per_venture // 4), max(1, per_venture // 10)
    chosen = rng.sample(range(people), per_venture * len(VENTURES))
    seats = []
    for index, spec in enumerate(VENTURES):
        own = chosen[index * per_venture : (index + 1) * per_venture]
        for rank, person in enumerate(own):
            role = Role.MANAGER if rank < managers else Role.MEMBER
            seats.append(TeamSeat(person, index, role, rng.choice(spec.titles)))
        following = (index + 1) % len(VENTURES)
        for person in own[managers : managers + shared]:
            seats.append(TeamSeat(person, following, Role.MEMBER,
                                  rng.choice(VENTURES[following].titles)))
    return seats


def load_platform(
    seed: int = 42, size: str = "small", progress: Progress | None = None
) -> PlatformSummary:
    """Fill an empty database with the platform's demo data; see the module docstring."""
    report = progress or (lambda done, total, stage: None)
    count = people_count(size)
    _refuse_if_loaded()  # early, before planning; again below, inside the transaction
    plans = [person.plan() for person in LOGIN_PEOPLE]
    plans += plan_people(seed, count - len(LOGIN_PEOPLE))
    seats = plan_team(seed, len(plans) - len(LOGIN_PEOPLE))
    total = len(plans) + len(VENTURES) + len(seats) + len(LOGIN_MEMBERSHIPS)
    report(0, total, "planning")
    with transaction.atomic():
        _refuse_if_loaded()
        users = _create_users(plans, lambda done: report(done, total, "people"))
        by_email = {user.email: user for user in users[: len(LOGIN_PEOPLE)]}
        ventures = _create_ventures(by_email)
        report(len(plans) + len(ventures), total, "ventures")
        memberships = _memberships(seats, users[len(LOGIN_PEOPLE) :], by_email, ventures)
        _bulk(Membership, memberships,
              lambda done: report(len(plans) + len(ventures) + done, total, "memberships"))
        audit.record(None, "demo.loaded", after={"seed": seed, "size": size,
                                                 "people": len(plans)})
    return _summary(seed, size, plans, ventures, len(memberships) + len(ventures))


def _refuse_if_loaded() -> None:
    founders = [spec.founder.email for spec in VENTURES]
    if User.objects.filter(email__in=founders).exists():
        raise Conflict(
            "Demo data is already loaded (the demo founders exist); start from an empty "
            "database, e.g. `bornglobal demo --reset`.",
            code="demo_data_present",
        )


@cache
def demo_password_hash() -> str:
    """One hash of `DEMO_PASSWORD` for every demo user (see the module docstring)."""
    return make_password(DEMO_PASSWORD)


def _create_users(plans: Sequence[PersonPlan], report) -> list[User]:
    password = demo_password_hash()
    users = [
        User(
            email=plan.email, full_name=plan.full_name, country=plan.country,
            time_zone=plan.time_zone, currency=plan.currency, locale=plan.locale,
            is_freelancer=plan.is_freelancer, date_joined=plan.date_joined, password=password,
        )
        for plan in plans
    ]
    _bulk(User, users, report)
    return users


def _bulk(model, objects: list, report) -> None:
    for start in range(0, len(objects), BATCH):
        model.objects.bulk_create(objects[start : start + BATCH])
        report(min(start + BATCH, len(objects)))


FOUNDED = datetime(2025, 10, 1, 9, 0, tzinfo=UTC)  # before the year of money history


def _create_ventures(by_email: dict[str, User]) -> list[Venture]:
    """Through the service, so each venture is validated, owned and audited."""
    with clock.travel_to(FOUNDED):
        return [
            services.create_venture(session_actor(by_email[spec.founder.email]), spec.name,
                                    spec.country, spec.currency, spec.vat_id)
            for spec in VENTURES
        ]


def _memberships(
    seats: Sequence[TeamSeat], people: Sequence[User], logins: dict[str, User],
    ventures: Sequence[Venture],
) -> list[Membership]:
    fixed = [
        Membership(user=logins[person.email], venture=ventures[index], role=role, title=title)
        for person, index, role, title in LOGIN_MEMBERSHIPS
    ]
    return fixed + [
        Membership(user=people[seat.person], venture=ventures[seat.venture], role=seat.role,
                   title=seat.title)
        for seat in seats
    ]


def _summary(
    seed: int, size: str, plans: Sequence[PersonPlan], ventures: Sequence[Venture],
    memberships: int,
) -> PlatformSummary:
    countries = {plan.country for plan in plans}
    pool = world.countries()
    return PlatformSummary(
        seed=seed, size=size, people=len(plans), countries=len(countries),
        offsets=tuple(sorted(world.covered_offsets(plan.time_zone for plan in plans))),
        ventures=tuple(venture.name for venture in ventures), memberships=memberships,
        name_locales=len({plan.name_locale for plan in plans}),
        borrowed_locales=sum(1 for code in countries if not pool[code].own_locale),
    )
