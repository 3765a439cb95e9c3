"""Assemble a team for a project: the network's people, the project's roles, the fast solver.

The proposal is a read (a selector): it builds a `domain.teams` instance from

- the project's **roles**: each role's ESCO skills (keyed by skill id) at their levels
  (1-5), its hours, its `count` of people, and its rate ceiling, which is applied here:
  a candidate whose rate, converted into the project's currency, is above the ceiling is
  left out of that role's pool;
- the network's **listed profiles** that hold a role skill, read through the skill
  postings (`ProfileSkill` rows carry copies of the profile's listed flag, rate,
  currency, reputation and working pattern), best reputed first, at most
  `CANDIDATES_PER_ROLE` per role;
- **ratings** from reputation: rating = reputation / 20, so 0-100 becomes 0-5
  (a reputation of 87.5 is a rating of 4.375);
- **available hours**: the profile's free hours per week times the project's length in
  weeks (rounded up); a project without both dates counts as `DEFAULT_WEEKS` weeks;
- **fx** from the money module's chained rates (ECB reference rates and the operator
  table) into the project's currency, as of today;
- the **date** of coverage from `work.assemble_day` (the project's start or today,
  moved to the first day most candidates work);
- the **budget** of the project, and optional coverage hours (UTC) with a minimum of
  people per hour.

It then solves with the fast solver and, per member, lists the next-best eligible
alternatives for the same role with what each would change: cost delta and the UTC
hours of coverage the team would lose (or gain). Sending the offers is the service in
`work.assemble_offers`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from bornglobal import clock
from bornglobal.domain.errors import DomainError, NotFound
from bornglobal.domain.money import Money, exponent, quantize
from bornglobal.domain.roles import Action
from bornglobal.domain.teams import Status, TeamResult, parse_instance, solve
from bornglobal.domain.teams_coverage import coverage_mask
from bornglobal.domain.teams_options import cost_minor
from bornglobal.money import rates
from bornglobal.network.models import Profile, ProfileSkill, WorkPattern
from bornglobal.network.search_filters import rate_between
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.work.assemble_day import CoverageDay, coverage_day, works_on
from bornglobal.work.models import Project, Role

CANDIDATES_PER_ROLE = 2_000
ALTERNATIVES = 3
DEFAULT_WEEKS = 4
REPUTATION_PER_RATING_POINT = Decimal(20)
TIME_LIMIT = 10.0


@dataclass(frozen=True, slots=True)
class Settings:
    """What the founder may choose on the page: UTC hours to cover and people per hour."""

    hours_utc: tuple[int, ...] = ()
    min_people: int = 1
    on: date | None = None

    def __post_init__(self) -> None:
        if any(not 0 <= h <= 23 for h in self.hours_utc):
            raise DomainError("UTC hours are 0 to 23.", code="invalid_hours")
        if not 0 <= self.min_people <= 10:
            raise DomainError("At most 10 people per hour.", code="invalid_min_people")


def parse_hours(text: str) -> tuple[int, ...]:
    """UTC hours as '0-23', '8,9,10' or '22-23,0-5'; empty for none."""
    hours: set[int] = set()
    try:
        for part in filter(None, (p.strip() for p in text.split(","))):
            low, _, high = part.partition("-")
            hours.update(range(int(low), int(high or low) + 1))
    except ValueError:
        raise DomainError(
            f"{text!r} is not a list of UTC hours (e.g. 0-23 or 8-16,20).", code="invalid_hours"
        ) from None
    if any(not 0 <= h <= 23 for h in hours) or len(hours) > 24:
        raise DomainError("UTC hours are 0 to 23.", code="invalid_hours")
    return tuple(sorted(hours))


@dataclass(frozen=True, slots=True)
class Person:
    profile_id: int
    name: str
    email: str
    rate: Money
    zone: str
    start: str
    end: str
    rating: Decimal
    mask: int
    works_that_day: bool = True


@dataclass(frozen=True, slots=True)
class Alternative:
    person: Person
    cost: Money
    delta: Money
    hours_lost: tuple[int, ...]
    hours_gained: tuple[int, ...]
    breaks_coverage: bool
    over_budget: bool


@dataclass(frozen=True, slots=True)
class Seat:
    role: Role
    person: Person
    cost: Money
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    project: Project
    settings: Settings
    on: date
    on_why: str
    status: Status
    seats: tuple[Seat, ...]
    total: Money | None
    budget: Money
    covered_hours_utc: tuple[int, ...]
    reasons: tuple[str, ...]
    candidates: int
    seconds: float
    instance: dict = field(repr=False)
    result: TeamResult = field(repr=False)

    @property
    def remaining(self) -> Money | None:
        return None if self.total is None else self.budget - self.total

    @property
    def has_team(self) -> bool:
        return bool(self.seats)


def project_to_assemble(actor: Actor, venture_id: int, project_id: int) -> Project:
    """The project, if the actor may manage its team (edit the venture); else 404/403."""
    venture = tenancy.venture_for(actor, venture_id, Action.VIEW_VENTURE)
    project = (
        Project.objects.filter(venture=venture, id=project_id)
        .prefetch_related("roles__skills__skill")
        .first()
    )
    if project is None:
        raise NotFound("No such project.", code="project_not_found")
    tenancy.venture_for(actor, venture_id, Action.EDIT_VENTURE)
    return project


def _weeks(project: Project) -> int:
    if project.starts_on and project.ends_on:
        return max(1, math.ceil(((project.ends_on - project.starts_on).days + 1) / 7))
    return DEFAULT_WEEKS


def _postings(role: Role, exclude_user: int | None) -> list[ProfileSkill]:
    """The best-reputed listed holders of the role's first skill at its level."""
    needs = list(role.skills.all())
    query = ProfileSkill.objects.filter(listed=True, profile__user__is_active=True)
    query = query.filter(profile__user__is_freelancer=True)
    if exclude_user is not None:
        query = query.exclude(profile__user_id=exclude_user)
    if needs:
        need = needs[0]
        query = query.filter(skill_id=need.skill_id, level__gte=need.level)
    return list(query.order_by("-reputation", "profile_id")[:CANDIDATES_PER_ROLE])


def _fx(currencies: set[str], currency: str, on: date) -> dict[str, str]:
    chain, fx = rates.current(), {}
    for other in sorted(currencies - {currency}):
        rate = rate_between(chain, other, currency, on)
        if rate is not None:
            fx[other] = str(rate.value)
    return fx


def _hhmm(moment) -> str:
    return f"{moment:%H:%M}"


def build(project: Project, settings: Settings, exclude_user: int | None = None) -> tuple:
    """The instance document, the people behind its candidate ids, the coverage day."""
    today = clock.now().date()
    currency = project.budget_currency
    roles = list(project.roles.all())
    profile_ids: set[int] = set()
    for role in roles:
        profile_ids.update(p.profile_id for p in _postings(role, exclude_user))
    skill_ids = {need.skill_id for role in roles for need in role.skills.all()}
    levels: dict[int, dict[str, int]] = {pid: {} for pid in profile_ids}
    for posting in ProfileSkill.objects.filter(profile_id__in=profile_ids, skill_id__in=skill_ids):
        levels[posting.profile_id][str(posting.skill_id)] = posting.level
    profiles = list(Profile.objects.filter(id__in=profile_ids).select_related("user", "pattern"))
    fx = _fx({p.currency for p in profiles}, currency, today)
    if settings.on is not None:
        day = CoverageDay(settings.on, "the date the proposal was drawn for")
    else:
        day = coverage_day(today, project.starts_on, (p.pattern.days for p in profiles))
    on = day.on
    weeks = _weeks(project)
    people: dict[str, Person] = {}
    candidates = []
    for profile in profiles:
        if profile.currency != currency and profile.currency not in fx:
            continue
        pattern: WorkPattern = profile.pattern
        rating = profile.reputation / REPUTATION_PER_RATING_POINT
        key = str(profile.id)
        candidates.append(
            {
                "id": key,
                "skills": levels[profile.id],
                "rate_minor": profile.rate_minor,
                "currency": profile.currency,
                "rating": str(rating),
                "zone": pattern.time_zone,
                "work_start": _hhmm(pattern.start),
                "work_end": _hhmm(pattern.end),
                "available_hours": profile.hours_per_week * weeks,
            }
        )
        people[key] = Person(
            profile.id,
            profile.user.full_name or profile.headline,
            profile.user.email,
            Money(profile.rate_minor, profile.currency),
            pattern.time_zone,
            _hhmm(pattern.start),
            _hhmm(pattern.end),
            rating,
            coverage_mask(pattern.time_zone, pattern.start, pattern.end, on),
            works_on(pattern.days, on),
        )
    document = {
        "currency": currency,
        "date": on.isoformat(),
        "budget_minor": project.budget_minor,
        "coverage": {"hours_utc": list(settings.hours_utc), "min_people": settings.min_people},
        "fx": fx,
        "roles": [
            {
                "id": str(role.id),
                "skills": {str(n.skill_id): n.level for n in role.skills.all()},
                "hours": role.hours,
                "count": role.count,
            }
            for role in roles
        ],
        "candidates": candidates,
    }
    return document, people, day


def _hourly_in(rate: Money, currency: str, fx: dict[str, str]) -> int:
    """The hourly rate in minor units of `currency`, rounded half-even once."""
    if rate.currency == currency:
        return rate.minor
    exact = Decimal(rate.minor).scaleb(-exponent(rate.currency)) * Decimal(fx[rate.currency])
    return quantize(exact, currency).minor


def apply_ceilings(document: dict, roles: list[Role], people: dict[str, Person]) -> None:
    """Leave candidates above a role's rate ceiling out of that role.

    The instance has one pool for all roles, so the ceiling becomes a marker skill of the
    role, `ceiling:<role id>` at level 1, held only by the candidates within the ceiling.
    """
    currency, fx = document["currency"], document["fx"]
    for role, spec in zip(roles, document["roles"], strict=True):
        if role.rate_ceiling_minor is None:
            continue
        marker = f"ceiling:{role.id}"
        spec["skills"][marker] = 1
        for candidate in document["candidates"]:
            person = people[candidate["id"]]
            if _hourly_in(person.rate, currency, fx) <= role.rate_ceiling_minor:
                candidate["skills"][marker] = 1


def _hours(mask: int) -> tuple[int, ...]:
    return tuple(h for h in range(24) if mask >> h & 1)


def eligible(spec: dict, candidate: dict, hours: int) -> bool:
    skills = candidate["skills"]
    if any(skills.get(s, 0) < level for s, level in spec["skills"].items()):
        return False
    return candidate["available_hours"] >= hours


def team_mask(people: list[Person], settings: Settings) -> int:
    """UTC hours with at least `min_people` (at least one) of `people` at work."""
    need = max(settings.min_people, 1)
    return sum(1 << h for h in range(24) if sum(p.mask >> h & 1 for p in people) >= need)


def _alternatives(ctx: dict, seats: list[tuple], index: int) -> tuple[Alternative, ...]:
    role, _, cost = seats[index]
    spec, instance, people = ctx["specs"][role.id], ctx["instance"], ctx["people"]
    taken = {p.profile_id for _, p, _ in seats}
    team = [p for _, p, _ in seats]
    before = team_mask(team, ctx["settings"])
    required = sum(1 << h for h in ctx["settings"].hours_utc)
    domain_role = instance.roles[ctx["order"][role.id]]
    options = []
    for candidate in ctx["document"]["candidates"]:
        other = people[candidate["id"]]
        if other.profile_id in taken or not eligible(spec, candidate, role.hours):
            continue
        other_cost = cost_minor(other.rate.minor, other.rate.currency, domain_role, instance)
        options.append((other_cost, -other.rating, other.profile_id, other))
    options.sort(key=lambda o: o[:3])
    found = []
    for other_cost, _, _, other in options[:ALTERNATIVES]:
        after = team_mask([*team[:index], other, *team[index + 1 :]], ctx["settings"])
        delta = other_cost - cost.minor
        found.append(
            Alternative(
                other,
                Money(other_cost, cost.currency),
                Money(delta, cost.currency),
                _hours(before & ~after),
                _hours(after & ~before),
                bool(required & ~after),
                ctx["total"] + delta > ctx["budget"],
            )
        )
    return tuple(found)


def _solve_here(instance, time_limit: float) -> TeamResult:
    return solve(instance, time_limit=time_limit)


def propose(
    actor: Actor,
    venture_id: int,
    project_id: int,
    settings: Settings | None = None,
    *,
    solver=_solve_here,
) -> Proposal:
    """The cheapest, then best-rated, team for the project from the network (a read).

    `solver(instance, time_limit)` runs the fast solver; a job passes one that runs it
    in a child process under the CPU cap (`work.jobs_teams`)."""
    settings = settings or Settings()
    project = project_to_assemble(actor, venture_id, project_id)
    roles = list(project.roles.all())
    if not roles:
        raise DomainError("The project has no roles to fill yet.", code="no_roles")
    document, people, day = build(project, settings, exclude_user=actor.user.id)
    apply_ceilings(document, roles, people)
    instance = parse_instance(document)
    result = solver(instance, TIME_LIMIT)
    currency = project.budget_currency
    by_id = {str(r.id): r for r in roles}
    seats = [
        (by_id[m.role], people[m.candidate], Money(m.cost_minor, currency)) for m in result.team
    ]
    ctx = {
        "specs": {r.id: s for r, s in zip(roles, document["roles"], strict=True)},
        "order": {r.id: i for i, r in enumerate(roles)},
        "instance": instance,
        "people": people,
        "document": document,
        "settings": settings,
        "total": result.cost_minor or 0,
        "budget": project.budget_minor,
    }
    return Proposal(
        project=project,
        settings=settings,
        on=day.on,
        on_why=day.why,
        status=result.status,
        seats=tuple(
            Seat(role, person, cost, _alternatives(ctx, seats, i))
            for i, (role, person, cost) in enumerate(seats)
        ),
        total=None if result.cost_minor is None else Money(result.cost_minor, currency),
        budget=project.budget,
        covered_hours_utc=result.covered_hours_utc,
        reasons=tuple(_readable(reason, roles) for reason in result.reasons),
        candidates=len(document["candidates"]),
        seconds=result.seconds,
        instance=document,
        result=result,
    )


def _readable(reason: str, roles: list[Role]) -> str:
    """A solver reason with role ids replaced by the roles' titles."""
    for role in roles:
        reason = reason.replace(f"role {role.id} ", f"role {role.title!r} ")
        reason = reason.replace(f"ceiling:{role.id}", "the rate ceiling")
    return reason
