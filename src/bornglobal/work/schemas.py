"""Request and response shapes of the work API (django-ninja / Pydantic)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from bornglobal.apitypes import Currency, InSchema, Instant, Int
from bornglobal.domain.money import Money
from bornglobal.money.schemas import (
    Day,
    IdempotencyKey,
    MilestoneIn,
    MoneyIn,
    MoneyOut,
    OptionalKey,
    PositiveMoneyIn,
    Text,
)
from bornglobal.work.models import MAX_ROLE_COUNT


def _money(minor: int | None, currency: str) -> Money | None:
    return None if minor is None else Money(minor, currency)


class ProjectIn(InSchema):
    title: Text = Field(..., min_length=1, max_length=200)
    brief: Text = Field("", max_length=20_000)
    budget: MoneyIn
    starts_on: Day | None = None
    ends_on: Day | None = None


class SkillNeedIn(InSchema):
    skill_id: Int = Field(..., ge=1, le=2**63 - 1)
    level: Int = Field(..., ge=1, le=5, description="1 beginner .. 5 expert")


class RoleIn(InSchema):
    title: Text = Field(..., min_length=1, max_length=200)
    hours: Int = Field(..., ge=1, le=100_000)
    count: Int = Field(1, ge=1, le=MAX_ROLE_COUNT, description="People the role needs.")
    rate_ceiling: PositiveMoneyIn | None = Field(None, description="Highest hourly rate, if any.")
    skills: list[SkillNeedIn] = Field(default_factory=list, max_length=50)


class SkillNeedOut(Schema):
    skill_id: Int
    label: str
    level: Int

    @staticmethod
    def resolve_label(need) -> str:
        return need.skill.label


class RoleOut(Schema):
    id: int
    title: str
    hours: Int
    count: Int
    rate_ceiling: MoneyOut | None
    skills: list[SkillNeedOut]

    @staticmethod
    def resolve_rate_ceiling(role) -> Money | None:
        return _money(role.rate_ceiling_minor, role.project.budget_currency)

    @staticmethod
    def resolve_skills(role) -> list:
        return list(role.skills.all())


class ProjectOut(Schema):
    id: int
    title: str
    brief: str
    status: str
    budget: MoneyOut
    starts_on: date | None
    ends_on: date | None
    created_at: datetime
    roles: list[RoleOut]

    @staticmethod
    def resolve_budget(project) -> Money:
        return _money(project.budget_minor, project.budget_currency)

    @staticmethod
    def resolve_roles(project) -> list:
        return list(project.roles.all())


class OfferIn(InSchema):
    role_id: Int = Field(..., ge=1, le=2**63 - 1)
    freelancer_email: Text = Field(..., min_length=3, max_length=254)
    title: Text = Field(..., min_length=1, max_length=200)
    type: Literal["fixed", "hourly"] = "fixed"
    milestones: list[MilestoneIn] = Field(default_factory=list, max_length=100)
    pay_currency: Currency | None = Field(
        None, description="Defaults to the freelancer's currency."
    )
    auto_release_days: Int = Field(14, description="7, 14 or 28.")
    dispute_window_days: Int = Field(14, ge=1, le=60)
    invoicing: Literal["freelancer_invoices", "self_billing"] = "freelancer_invoices"
    hourly_rate: MoneyIn | None = None
    weekly_cap_hours: Int | None = Field(None, ge=1, le=80)
    message: Text = Field("", max_length=5_000)
    expires_at: Instant | None = None
    idempotency_key: OptionalKey = ""


class TermsOut(Schema):
    type: str
    currency: str
    pay_currency: str
    auto_release_days: Int
    dispute_window_days: Int
    platform_fee_bp: int
    invoicing: str
    hourly_rate: MoneyOut | None
    weekly_cap_hours: Int | None


def terms_of(row) -> dict:
    return {
        "type": row.contract_type,
        "currency": row.currency,
        "pay_currency": row.pay_currency,
        "auto_release_days": row.auto_release_days,
        "dispute_window_days": row.dispute_window_days,
        "platform_fee_bp": row.platform_fee_bp,
        "invoicing": row.invoicing_mode,
        "hourly_rate": _money(row.hourly_rate_minor, row.currency),
        "weekly_cap_hours": row.weekly_cap_hours,
    }


class OfferOut(Schema):
    id: int
    venture_id: int
    project_id: int
    role_id: Int
    freelancer_email: str
    title: str
    message: str
    state: str
    terms: TermsOut
    milestones: list[dict]
    expires_at: datetime | None
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_freelancer_email(offer) -> str:
        return offer.freelancer.email

    @staticmethod
    def resolve_terms(offer) -> dict:
        return terms_of(offer)


class ContractMilestoneOut(Schema):
    id: int
    position: int
    title: str
    state: str
    escrow_state: str = Field(..., description="The money side: pending, funded, settled...")
    amount: MoneyOut
    funded: MoneyOut
    released: MoneyOut
    held: MoneyOut
    submitted_at: datetime | None
    auto_release_at: datetime | None

    @staticmethod
    def resolve_title(item) -> str:
        return item.milestone.title

    @staticmethod
    def resolve_escrow_state(item) -> str:
        return item.milestone.state

    @staticmethod
    def resolve_amount(item) -> Money:
        return _money(item.milestone.amount_minor, item.contract.currency)

    @staticmethod
    def resolve_funded(item) -> Money:
        return _money(item.milestone.funded_minor, item.contract.currency)

    @staticmethod
    def resolve_released(item) -> Money:
        return _money(item.milestone.released_minor, item.contract.currency)

    @staticmethod
    def resolve_held(item) -> Money:
        return _money(item.milestone.held_minor, item.contract.currency)


class ContractOut(Schema):
    id: int
    venture_id: int
    project_id: int
    role_id: Int
    offer_id: int
    escrow_id: int
    freelancer_email: str
    title: str
    state: str
    terms: TermsOut
    created_at: datetime
    ended_at: datetime | None
    milestones: list[ContractMilestoneOut]

    @staticmethod
    def resolve_freelancer_email(contract) -> str:
        return contract.freelancer.email

    @staticmethod
    def resolve_terms(contract) -> dict:
        return terms_of(contract)

    @staticmethod
    def resolve_milestones(contract) -> list:
        return list(contract.milestones.all())


class KeyIn(InSchema):
    idempotency_key: IdempotencyKey


class PartIn(InSchema):
    idempotency_key: IdempotencyKey
    amount: PositiveMoneyIn


class NoteIn(InSchema):
    note: Text = Field("", max_length=10_000)


class ReleasedOut(Schema):
    """A payment out of escrow as the freelancer is told it."""

    transaction_id: int
    gross: MoneyOut
    fee: MoneyOut
    paid: MoneyOut
    rate: str
    rate_source: str
    rate_date: date

    @staticmethod
    def resolve_gross(disclosure) -> Money:
        return _money(disclosure.gross_minor, disclosure.currency)

    @staticmethod
    def resolve_fee(disclosure) -> Money:
        return _money(disclosure.fee_minor, disclosure.currency)

    @staticmethod
    def resolve_paid(disclosure) -> Money:
        return _money(disclosure.paid_minor, disclosure.paid_currency)

    @staticmethod
    def resolve_rate(disclosure) -> str:
        return str(disclosure.applied_rate.normalize())


class FundedOut(Schema):
    transaction_id: int
    milestone_id: int
