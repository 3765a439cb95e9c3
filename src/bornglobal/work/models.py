"""The project economy's tables: projects, roles with ESCO skills, offers, contracts,
the work state of each escrow milestone, and the contract timeline.

Money is never stored here. A contract owns one `money.Escrow`; each of its
milestones is a `money.Milestone` (amounts, funding, releases) linked one to one
with a `ContractMilestone`, which carries the work state (in progress, submitted,
changes requested...) and the auto-release instant. States are the enums of
`domain.contracts`, and CHECK constraints keep the columns within them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bornglobal.domain.contracts import (
    AUTO_RELEASE_DAYS,
    ContractState,
    ContractType,
    InvoicingMode,
    MilestoneState,
    OfferState,
    Terms,
)
from bornglobal.domain.money import Money
from bornglobal.money.models import ISO_CURRENCY, Escrow, Milestone
from bornglobal.network.models import Skill
from bornglobal.tenancy.models import Venture


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ")) for member in enum]


class ProjectStatus(models.TextChoices):
    STAFFING = "staffing"
    RUNNING = "running"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Project(models.Model):
    """One outcome a venture wants, with a brief, a budget and dates."""

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(max_length=200)
    brief = models.TextField(blank=True, default="")
    budget_minor = models.BigIntegerField(help_text="in the venture's currency, minor units")
    budget_currency = models.CharField(max_length=3)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.STAFFING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="project_title_not_empty"),
            models.CheckConstraint(
                condition=Q(budget_minor__gte=0), name="project_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(budget_currency__regex=ISO_CURRENCY),
                name="project_budget_currency_iso4217",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_on_or_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status_known"
            ),
        ]

    @property
    def budget(self) -> Money:
        return Money(self.budget_minor, self.budget_currency)

    def __str__(self) -> str:
        return self.title


MAX_ROLE_COUNT = 20


class Role(models.Model):
    """A seat on a project's team: skills with levels, hours and a rate ceiling."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200)
    hours = models.PositiveIntegerField(help_text="hours of work the role needs in all")
    count = models.PositiveSmallIntegerField(default=1, help_text="people the role needs")
    rate_ceiling_minor = models.BigIntegerField(
        null=True, blank=True, help_text="highest hourly rate, in the project's currency"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="role_title_not_empty"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="role_hours_positive"),
            models.CheckConstraint(condition=Q(count__gte=1), name="role_count_at_least_one"),
            models.CheckConstraint(
                condition=Q(rate_ceiling_minor__isnull=True) | Q(rate_ceiling_minor__gt=0),
                name="role_rate_ceiling_positive",
            ),
        ]

    @property
    def rate_ceiling(self) -> Money | None:
        if self.rate_ceiling_minor is None:
            return None
        return Money(self.rate_ceiling_minor, self.project.budget_currency)

    def __str__(self) -> str:
        return self.title


class RoleSkill(models.Model):
    """An ESCO skill a role needs, at a level from 1 (beginner) to 5 (expert)."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["role_id", "-level", "skill_id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "skill"], name="role_skill_once_per_role"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5), name="role_skill_level_1_to_5"
            ),
        ]


class TermsColumns(models.Model):
    """The terms of `domain.contracts.Terms` as columns, on offers and contracts alike."""

    contract_type = models.CharField(max_length=6, choices=_choices(ContractType))
    currency = models.CharField(max_length=3, help_text="funding currency (the venture's)")
    pay_currency = models.CharField(max_length=3, help_text="currency the freelancer is paid in")
    auto_release_days = models.PositiveSmallIntegerField(default=14)
    dispute_window_days = models.PositiveSmallIntegerField(default=14)
    platform_fee_bp = models.PositiveIntegerField(default=0)
    invoicing_mode = models.CharField(
        max_length=20,
        choices=_choices(InvoicingMode),
        default=InvoicingMode.FREELANCER_INVOICES,
    )
    hourly_rate_minor = models.BigIntegerField(null=True, blank=True)
    weekly_cap_hours = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(auto_release_days__in=AUTO_RELEASE_DAYS),
                name="%(class)s_auto_release_7_14_or_28_days",
            ),
            models.CheckConstraint(
                condition=Q(
                    contract_type=ContractType.FIXED,
                    hourly_rate_minor__isnull=True,
                    weekly_cap_hours__isnull=True,
                )
                | Q(
                    contract_type=ContractType.HOURLY,
                    hourly_rate_minor__gt=0,
                    weekly_cap_hours__gt=0,
                ),
                name="%(class)s_hourly_terms_match_type",
            ),
            models.CheckConstraint(
                condition=Q(platform_fee_bp__lte=10_000), name="%(class)s_fee_at_most_100_percent"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=ISO_CURRENCY) & Q(pay_currency__regex=ISO_CURRENCY),
                name="%(class)s_currencies_iso4217",
            ),
        ]

    @property
    def terms(self) -> Terms:
        rate = self.hourly_rate_minor
        return Terms(
            type=self.contract_type,
            pay_currency=self.pay_currency,
            auto_release_days=self.auto_release_days,
            dispute_window_days=self.dispute_window_days,
            platform_fee_bp=self.platform_fee_bp,
            invoicing=self.invoicing_mode,
            hourly_rate=Money(rate, self.currency) if rate is not None else None,
            weekly_cap_hours=self.weekly_cap_hours,
        )


class Offer(TermsColumns):
    """What a venture proposes to one freelancer for a role; accepted, it is a contract.

    `milestones` is the plan for a fixed-price offer: a list of
    `{"title", "amount_minor", "due_on"}` in the venture's currency.
    """

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="offers")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="offers")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="offers")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_offers"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=10, choices=_choices(OfferState), default=OfferState.SENT)
    title = models.CharField(max_length=200)
    message = models.TextField(blank=True, default="")
    milestones = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            *TermsColumns.Meta.constraints,
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in OfferState]), name="offer_state_known"
            ),
            models.UniqueConstraint(
                fields=["role", "freelancer"],
                condition=Q(state__in=[OfferState.DRAFT, OfferState.SENT]),
                name="offer_one_open_per_role_and_freelancer",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Contract(TermsColumns):
    """An accepted offer: a freelancer's work for a venture, paid through one escrow."""

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="contracts")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="contracts")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="contracts")
    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="contract")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="work_contracts"
    )
    escrow = models.OneToOneField(Escrow, on_delete=models.PROTECT, related_name="contract")
    state = models.CharField(
        max_length=10, choices=_choices(ContractState), default=ContractState.ACTIVE
    )
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            *TermsColumns.Meta.constraints,
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in ContractState]),
                name="contract_state_known",
            ),
        ]

    @property
    def ref(self) -> str:
        return self.escrow.contract_ref

    def __str__(self) -> str:
        return self.title


class ContractMilestone(models.Model):
    """The work side of one escrow milestone: its state and when it auto-releases."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="milestones")
    milestone = models.OneToOneField(Milestone, on_delete=models.PROTECT, related_name="work")
    position = models.PositiveSmallIntegerField()
    state = models.CharField(
        max_length=20, choices=_choices(MilestoneState), default=MilestoneState.PENDING
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    auto_release_at = models.DateTimeField(null=True, blank=True)
    week_start = models.DateField(
        null=True, blank=True, help_text="hourly contracts: the Monday of the week it pays"
    )

    class Meta:
        ordering = ["contract_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "position"], name="contract_milestone_position_unique"
            ),
            models.UniqueConstraint(
                fields=["contract", "week_start"],
                condition=Q(week_start__isnull=False),
                name="contract_milestone_one_per_week",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in MilestoneState]),
                name="contract_milestone_state_known",
            ),
            models.CheckConstraint(
                condition=~Q(state=MilestoneState.SUBMITTED)
                | Q(submitted_at__isnull=False, auto_release_at__isnull=False),
                name="contract_milestone_submitted_has_auto_release",
            ),
        ]
        indexes = [models.Index(fields=["state", "auto_release_at"], name="work_milestone_due_idx")]

    def __str__(self) -> str:
        return f"{self.contract_id}#{self.position}"


class ContractEvent(models.Model):
    """One line of a contract's timeline: an event name, who, a note, when."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="events")
    milestone = models.ForeignKey(
        ContractMilestone, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    name = models.CharField(max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, default="")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contract_id", "at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="contract_event_name_not_empty")
        ]


class TimeEntry(models.Model):
    """Time a freelancer logged on an hourly contract: started (UTC), minutes, a memo.

    `week_start` is the Monday of the week in the freelancer's own zone, the week
    the weekly cap and the weekly approval count it in."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="time_entries")
    started_at = models.DateTimeField()
    minutes = models.PositiveIntegerField()
    memo = models.CharField(max_length=500)
    week_start = models.DateField()
    time_zone = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contract_id", "started_at", "id"]
        indexes = [models.Index(fields=["contract", "week_start"], name="work_time_week_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="time_entry_minutes_positive")
        ]


class TimesheetWeek(models.Model):
    """A week of an hourly contract approved by the venture, and what it paid."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="weeks")
    milestone = models.ForeignKey(ContractMilestone, on_delete=models.PROTECT, related_name="weeks")
    week_start = models.DateField()
    minutes = models.PositiveIntegerField()
    paid_minor = models.BigIntegerField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["contract_id", "week_start"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "week_start"], name="timesheet_week_once")
        ]
from bornglobal.work.models_files import Attachment  # noqa: E402,F401
from bornglobal.work.models_handoffs import Handoff, Task, TaskState  # noqa: E402,F401
