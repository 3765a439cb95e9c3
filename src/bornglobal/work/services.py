"""Every write of the project economy up to the contract: projects, roles, offers.

A founder (a role that may edit the venture) creates projects and roles; sending or
withdrawing an offer commits the venture's money, so it needs the grant that runs
escrow (`Action.MANAGE_MONEY`). The freelancer named on an offer accepts or declines
it. Accepting opens the contract's escrow through `money.services.open_escrow`, in
the same transaction, so an offer is never accepted without its escrow. Milestone
work and payments are in `work.milestones`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from bornglobal import clock
from bornglobal.domain import contracts_messages as msg
from bornglobal.domain.contracts import (
    ContractType,
    InvoicingMode,
    OfferState,
    Terms,
    check_rate_ceiling,
)
from bornglobal.domain.errors import Conflict, DomainError, NotFound
from bornglobal.domain.money import Money
from bornglobal.domain.roles import Action
from bornglobal.money import idempotency
from bornglobal.money import services as money
from bornglobal.network.models import Skill
from bornglobal.tenancy import audit
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User
from bornglobal.work import timeline
from bornglobal.work.locks import lock_offer
from bornglobal.work.models import (
    MAX_ROLE_COUNT,
    Contract,
    ContractMilestone,
    Offer,
    Project,
    ProjectStatus,
    Role,
    RoleSkill,
)
from bornglobal.work.timesheet_weeks import first_week, monday_of, week_title

OFFER_VALID_FOR = timedelta(days=14)


def _money_in(amount: Money, currency: str, what: str) -> Money:
    if amount.currency != currency:
        raise DomainError(
            f"The {what} is in the venture's currency, {currency}.", code="currency_mismatch"
        )
    return amount


@dataclass(frozen=True, slots=True)
class ProjectDraft:
    title: str
    budget: Money
    brief: str = ""
    starts_on: date | None = None
    ends_on: date | None = None


def create_project(actor: Actor, venture_id: int, draft: ProjectDraft) -> Project:
    """A project with a brief, a budget in the venture's currency and dates."""
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.EDIT_VENTURE)
        budget = _money_in(draft.budget, venture.base_currency, "budget")
        if budget.is_negative:
            raise DomainError("The budget cannot be negative.", code="invalid_amount")
        if not draft.title.strip():
            raise DomainError("A project needs a title.", code="invalid_title")
        if draft.starts_on and draft.ends_on and draft.ends_on < draft.starts_on:
            raise DomainError("The project ends before it starts.", code="invalid_dates")
        project = Project.objects.create(
            venture=venture,
            title=draft.title.strip()[:200],
            brief=draft.brief,
            budget_minor=budget.minor,
            budget_currency=budget.currency,
            starts_on=draft.starts_on,
            ends_on=draft.ends_on,
            created_by=actor.user,
            created_at=clock.now(),
        )
        audit.record(
            actor.user,
            "work.project_created",
            venture=venture,
            target=project,
            after={"title": project.title, "budget": str(budget)},
        )
    return project


@dataclass(frozen=True, slots=True)
class RoleDraft:
    title: str
    hours: int
    rate_ceiling: Money | None = None
    skills: tuple[tuple[int, int], ...] = field(default=())  # (skill id, level 1-5)
    count: int = 1  # people the role needs


def add_role(actor: Actor, venture_id: int, project_id: int, draft: RoleDraft) -> Role:
    """A seat on the project's team: ESCO skills with levels, hours and a rate ceiling."""
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.EDIT_VENTURE)
        project = Project.objects.filter(id=project_id, venture=venture).first()
        if project is None:
            raise NotFound("No such project.")
        if draft.hours <= 0 or not draft.title.strip():
            raise DomainError("A role needs a title and hours above zero.", code="invalid_role")
        if not 1 <= draft.count <= MAX_ROLE_COUNT:
            raise DomainError(
                f"A role needs 1 to {MAX_ROLE_COUNT} people.", code="invalid_role_count"
            )
        ceiling = draft.rate_ceiling
        if ceiling is not None:
            _money_in(ceiling, project.budget_currency, "rate ceiling")
        if ceiling is not None and not ceiling.is_positive:
            raise DomainError("The rate ceiling must be above zero.", code="invalid_amount")
        role = Role.objects.create(
            project=project,
            title=draft.title.strip()[:200],
            hours=draft.hours,
            count=draft.count,
            rate_ceiling_minor=ceiling.minor if ceiling else None,
            created_at=clock.now(),
        )
        _add_skills(role, draft.skills)
        audit.record(
            actor.user,
            "work.role_added",
            venture=venture,
            target=role,
            after={"project": project.id, "title": role.title, "hours": role.hours,
                   "count": role.count},
        )
    return role


def _add_skills(role: Role, skills: tuple[tuple[int, int], ...]) -> None:
    levels = dict(skills)
    if len(levels) != len(skills) or any(not 1 <= level <= 5 for level in levels.values()):
        raise DomainError("Each skill once, at a level from 1 to 5.", code="invalid_skills")
    known = set(Skill.objects.filter(id__in=levels).values_list("id", flat=True))
    if known != set(levels):
        raise NotFound(
            "No such skill.",
            code="skill_not_found",
            details={"unknown": sorted(set(levels) - known)},
        )
    RoleSkill.objects.bulk_create(
        [RoleSkill(role=role, skill_id=skill, level=level) for skill, level in levels.items()]
    )


@dataclass(frozen=True, slots=True)
class OfferDraft:
    """An offer as the founder fills it in; the platform fee is the instance's."""

    role_id: int
    freelancer_email: str
    title: str
    type: ContractType = ContractType.FIXED
    milestones: tuple[money.MilestonePlan, ...] = ()
    pay_currency: str | None = None
    auto_release_days: int = 14
    dispute_window_days: int = 14
    invoicing: InvoicingMode = InvoicingMode.FREELANCER_INVOICES
    hourly_rate: Money | None = None
    weekly_cap_hours: int | None = None
    message: str = ""
    expires_at: datetime | None = None


def _freelancer(email: str, sender: User) -> User:
    person = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if person is None or not person.is_freelancer:
        raise NotFound("No freelancer has this email.", code="freelancer_not_found")
    if person.id == sender.id:
        raise DomainError("You cannot send an offer to yourself.", code="self_offer")
    return person


def _plan(draft: OfferDraft, terms: Terms, role: Role, freelancer: User) -> list[dict]:
    currency = role.project.budget_currency
    if terms.type is ContractType.HOURLY:
        if draft.milestones:
            raise DomainError(
                "An hourly offer is paid by the week, not by milestones.", code="invalid_terms"
            )
        check_rate_ceiling(_money_in(terms.hourly_rate, currency, "rate"), role.rate_ceiling)
        week = monday_of(clock.now().astimezone(ZoneInfo(freelancer.time_zone)).date())
        return [
            {
                "title": week_title(week),
                "amount_minor": terms.weekly_ceiling.minor,
                "due_on": (week + timedelta(days=6)).isoformat(),
            }
        ]
    if not draft.milestones:
        raise DomainError("A fixed-price offer needs at least one milestone.", code="no_milestones")
    for plan in draft.milestones:
        if not _money_in(plan.amount, currency, "milestone").is_positive or not plan.title.strip():
            raise DomainError(
                "Each milestone needs a title and an amount above zero.", code="invalid_milestone"
            )
    return [
        {
            "title": p.title.strip()[:200],
            "amount_minor": p.amount.minor,
            "due_on": p.due_on.isoformat() if p.due_on else None,
        }
        for p in draft.milestones
    ]


def send_offer(actor: Actor, venture_id: int, draft: OfferDraft, key: str = "") -> Offer:
    """Send a freelancer an offer for a role, with its terms and milestone plan.

    With an idempotency key (`money.idempotency`), a retry of the same request answers
    the same offer and another request under the key is refused.
    """
    key = idempotency.clean_key(key, required=False)
    print_ = idempotency.fingerprint(op="offer", draft=asdict(draft))
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        claim = idempotency.claim(idempotency.venture_space(venture.id), key, "offer", print_)
        if not claim.fresh:
            return Offer.objects.get(id=claim.result_id)
        role = (
            Role.objects.select_related("project")
            .filter(id=draft.role_id, project__venture=venture)
            .first()
        )
        if role is None:
            raise NotFound("No such role.", code="role_not_found")
        if role.project.status not in (ProjectStatus.STAFFING, ProjectStatus.RUNNING):
            raise Conflict(f"The project is {role.project.status}.", code="project_closed")
        freelancer = _freelancer(draft.freelancer_email, actor.user)
        terms = Terms(
            type=draft.type,
            pay_currency=draft.pay_currency or freelancer.currency,
            auto_release_days=draft.auto_release_days,
            dispute_window_days=draft.dispute_window_days,
            platform_fee_bp=settings.PLATFORM_FEE_BP,
            invoicing=draft.invoicing,
            hourly_rate=draft.hourly_rate,
            weekly_cap_hours=draft.weekly_cap_hours,
        )
        plan, now = _plan(draft, terms, role, freelancer), clock.now()
        expires_at = draft.expires_at or now + OFFER_VALID_FOR
        if expires_at <= now:
            raise DomainError("The offer would expire before it is sent.", code="invalid_expiry")
        offer = Offer(
            venture=venture,
            project=role.project,
            role=role,
            freelancer=freelancer,
            sent_by=actor.user,
            title=draft.title.strip()[:200] or role.title,
            message=draft.message,
            milestones=plan,
            expires_at=expires_at,
            created_at=now,
            **_terms_columns(terms, venture.base_currency),
        )
        offer.state = msg.apply(msg.SendOffer(0), OfferState.DRAFT, now).after
        try:
            with transaction.atomic():
                offer.save()
        except IntegrityError:
            raise Conflict(
                "This freelancer already has an open offer for the role.", code="offer_exists"
            ) from None
        audit.record(
            actor.user,
            "work.offer_sent",
            venture=venture,
            target=offer,
            after={"freelancer": freelancer.email, "type": terms.type.value, "role": role.id},
        )
        from bornglobal.notifications.work_events import on_offer_sent

        on_offer_sent(offer)
        claim.done(offer.id)
    return offer


def _terms_columns(terms: Terms, currency: str) -> dict:
    return {
        "contract_type": terms.type.value,
        "currency": currency,
        "pay_currency": terms.pay_currency,
        "auto_release_days": terms.auto_release_days,
        "dispute_window_days": terms.dispute_window_days,
        "platform_fee_bp": terms.platform_fee_bp,
        "invoicing_mode": terms.invoicing.value,
        "hourly_rate_minor": terms.hourly_rate.minor if terms.hourly_rate else None,
        "weekly_cap_hours": terms.weekly_cap_hours,
    }


def _my_offer(actor: Actor, offer_id: int) -> Offer:
    """The offer, locked, if it was made to the actor (not through a venture token)."""
    mine = Offer.objects.filter(id=offer_id, freelancer=actor.user).exists()
    if actor.venture_scope is not None or not mine:
        raise NotFound("No such offer.")
    return lock_offer(offer_id)


def _venture_offer(actor: Actor, venture_id: int, offer_id: int) -> Offer:
    venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
    if not Offer.objects.filter(id=offer_id, venture=venture).exists():
        raise NotFound("No such offer.")
    return lock_offer(offer_id)


def accept_offer(actor: Actor, offer_id: int) -> Contract:
    """The freelancer accepts: the contract and its escrow (a retry answers the same)."""
    with transaction.atomic():
        offer = _my_offer(actor, offer_id)
        if offer.state == OfferState.ACCEPTED:
            return offer.contract
        now = clock.now()
        if offer.state == OfferState.SENT and offer.expires_at and offer.expires_at <= now:
            raise Conflict("The offer has expired.", code="offer_expired")
        event = msg.apply(msg.AcceptOffer(offer.id), offer.state, now)
        contract = _open_contract(offer, now)
        _decide(offer, event)
        timeline.record(contract, event, actor.user, after={"offer": offer.id})
    return contract


def _open_contract(offer: Offer, now: datetime) -> Contract:
    agent = timeline.venture_agent(offer.venture, offer.sent_by)
    plans = [
        money.MilestonePlan(
            p["title"],
            Money(p["amount_minor"], offer.currency),
            date.fromisoformat(p["due_on"]) if p["due_on"] else None,
        )
        for p in offer.milestones
    ]
    escrow = money.open_escrow(
        agent,
        offer.venture_id,
        offer.freelancer.email,
        f"work-offer-{offer.id}",
        offer.title,
        plans,
        offer.pay_currency,
    )
    terms = _terms_columns(offer.terms, offer.currency)
    contract = Contract.objects.create(
        venture=offer.venture,
        project=offer.project,
        role=offer.role,
        offer=offer,
        freelancer=offer.freelancer,
        escrow=escrow,
        title=offer.title,
        created_at=now,
        **terms,
    )
    week = first_week(contract) if offer.contract_type == ContractType.HOURLY else None
    ContractMilestone.objects.bulk_create(
        [
            ContractMilestone(
                contract=contract, milestone=milestone, position=position, week_start=week
            )
            for position, milestone in enumerate(escrow.milestones.order_by("id"), start=1)
        ]
    )
    Project.objects.filter(id=offer.project_id, status=ProjectStatus.STAFFING).update(
        status=ProjectStatus.RUNNING
    )
    return contract


def _decide(offer: Offer, event: msg.Event) -> None:
    offer.state, offer.decided_at = event.after, event.at
    offer.save(update_fields=["state", "decided_at"])


def decline_offer(actor: Actor, offer_id: int, reason: str = "") -> Offer:
    with transaction.atomic():
        offer = _my_offer(actor, offer_id)
        event = msg.apply(msg.DeclineOffer(offer.id, reason), offer.state, clock.now())
        _decide(offer, event)
        audit.record(
            actor.user,
            "work.offer_declined",
            venture=offer.venture,
            target=offer,
            after={"reason": reason[:200]},
        )
        from bornglobal.notifications.work_events import on_offer_declined

        on_offer_declined(offer)
    return offer


def withdraw_offer(actor: Actor, venture_id: int, offer_id: int) -> Offer:
    with transaction.atomic():
        offer = _venture_offer(actor, venture_id, offer_id)
        event = msg.apply(msg.WithdrawOffer(offer.id), offer.state, clock.now())
        _decide(offer, event)
        audit.record(actor.user, "work.offer_withdrawn", venture=offer.venture, target=offer)
        from bornglobal.notifications.work_events import on_offer_withdrawn

        on_offer_withdrawn(offer)
    return offer


def expire_due_offers(now: datetime | None = None) -> int:
    """Mark sent offers past their expiry as expired (the worker's sweep); the count."""
    now, expired = now or clock.now(), 0
    due = Offer.objects.filter(state=OfferState.SENT, expires_at__lte=now)
    for offer_id in due.values_list("id", flat=True):
        with transaction.atomic():
            offer = lock_offer(offer_id)
            if offer.state != OfferState.SENT:
                continue
            _decide(offer, msg.apply(msg.ExpireOffer(offer.id), offer.state, now))
            audit.record(None, "work.offer_expired", venture=offer.venture, target=offer)
            from bornglobal.notifications.work_events import on_offer_expired

            on_offer_expired(offer)
            expired += 1
    return expired
