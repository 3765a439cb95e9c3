"""Warn a venture before a submitted milestone is released without an answer.

A submission starts the auto-release clock (7, 14 or 28 days). When fewer than
`BORNGLOBAL_AUTO_RELEASE_WARNING_HOURS` (48 by default) are left, the venture's
people who may move money are told once: the dedupe key names the milestone and
the instant it falls due, so the sweep may run as often as wanted and a
resubmission (a new due instant) warns again. Submitting schedules a deferred task
for the warning instant (`tasks.warn_auto_release`); `warn_due` is the catch-up
sweep for the worker, cron or `bornglobal notifications warn-due`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings

from bornglobal import clock
from bornglobal.domain.contracts import ContractState, MilestoneState
from bornglobal.domain.money import Money
from bornglobal.notifications import services
from bornglobal.notifications import wording as w
from bornglobal.notifications.models import Kind, Side
from bornglobal.work.models import ContractMilestone


def warning_period() -> timedelta:
    return timedelta(hours=settings.AUTO_RELEASE_WARNING_HOURS)


def _messages(item: ContractMilestone, now: datetime) -> list[services.Message]:
    contract, due = item.contract, item.auto_release_at.astimezone(UTC)
    hours = max(1, round((due - now).total_seconds() / 3600))
    held = Money(item.milestone.held_minor, contract.currency)
    key = f"milestone:{item.id}:auto_release_warning:{due:%Y%m%dT%H%M%SZ}"
    title = (
        f"{w.milestone_title(item)} is released to {w.name(contract.freelancer)} "
        f"in about {hours} hours"
    )
    return [
        services.Message(
            person, Kind.AUTO_RELEASE, Side.VENTURE, key, title,
            f"Accept it, ask for changes or open a dispute before {due:%d %b %Y %H:%M} UTC, "
            f"or {w.amount(held, person)} leaves the escrow of {contract.title} without "
            "an answer.",
            w.venture_link(contract), contract.venture_id, contract.id,
        )
        for person in w.managers(contract.venture_id)
    ]


def warn_one(milestone_id: int, now: datetime | None = None) -> bool:
    """Warn about one milestone if it is submitted and inside the warning period;
    True if anyone was newly told."""
    now = now or clock.now()
    item = (
        ContractMilestone.objects.select_related("contract", "milestone", "contract__freelancer")
        .filter(id=milestone_id)
        .first()
    )
    if item is None or item.state != MilestoneState.SUBMITTED or item.auto_release_at is None:
        return False
    if item.contract.state != ContractState.ACTIVE:
        return False
    if not now < item.auto_release_at <= now + warning_period():
        return False
    return bool(services.notify(_messages(item, now)))


def warn_due(now: datetime | None = None, limit: int = 1000) -> int:
    """The sweep: warn about every submitted milestone due within the period; how many
    milestones were newly warned about."""
    now = now or clock.now()
    due = ContractMilestone.objects.filter(
        state=MilestoneState.SUBMITTED,
        auto_release_at__gt=now,
        auto_release_at__lte=now + warning_period(),
    ).order_by("auto_release_at", "id")
    return sum(warn_one(item_id, now) for item_id in list(due.values_list("id", flat=True)[:limit]))
