"""Reads for the contract, timesheet and dispute pages, on a contract the caller has
already fetched through `work.selectors` (so it is one the actor may see).

The contract's side of a viewer, its timeline, its weeks of logged time with what
each would pay, and the reviews left on it (network reviews are keyed by the
escrow, which is the contract's money side: one per direction).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bornglobal import clock
from bornglobal.domain.contracts import ContractType, MilestoneState
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.network import selectors_reviews
from bornglobal.network.models import Review
from bornglobal.tenancy.actors import Actor
from bornglobal.work import attachments, selectors, timesheet_weeks
from bornglobal.work.models import (
    Contract,
    ContractEvent,
    ContractMilestone,
    TimeEntry,
    TimesheetWeek,
)
from bornglobal.work.models_files import Attachment

FREELANCER, VENTURE = "freelancer", "venture"
DISPUTABLE = (
    MilestoneState.FUNDED,
    MilestoneState.IN_PROGRESS,
    MilestoneState.SUBMITTED,
    MilestoneState.CHANGES_REQUESTED,
)


def contract_as(actor: Actor, side: str, contract_id: int, venture_id: int | None) -> Contract:
    """The contract as this side sees it, or NotFound."""
    if side == FREELANCER:
        return selectors.my_contract(actor, contract_id)
    return selectors.contract_for(actor, venture_id, contract_id)


@dataclass(frozen=True, slots=True)
class Line:
    event: ContractEvent
    label: str
    files: tuple[Attachment, ...] = ()  # a submission's or evidence's attachments


def lines(events) -> list[Line]:
    """Timeline events with their names in words ("milestone_funded" → "Milestone funded")
    and the files each carries."""
    events = list(events)
    files = attachments.of_events(event.id for event in events)
    return [
        Line(event, event.name.replace("_", " ").capitalize(), tuple(files.get(event.id, ())))
        for event in events
    ]


def timeline(contract: Contract) -> list[Line]:
    """Every line of the contract's timeline, oldest first."""
    return lines(
        ContractEvent.objects.filter(contract=contract)
        .select_related("actor", "milestone__milestone")
        .order_by("at", "id")
    )


@dataclass(frozen=True, slots=True)
class LoggedEntry:
    entry: TimeEntry
    local_start: datetime  # naive: the wall clock in `entry.time_zone`


@dataclass(frozen=True, slots=True)
class Week:
    week_start: date
    entries: list[LoggedEntry]
    minutes: int
    pay: Money | None
    approved: TimesheetWeek | None
    ended: bool
    escrow: ContractMilestone | None = None  # the week's own milestone, once added

    @property
    def held(self) -> Money | None:
        if self.escrow is None:
            return None
        return Money(self.escrow.milestone.held_minor, self.escrow.contract.currency)

    @property
    def returned(self) -> Money | None:
        """What the week did not use and went back to the venture's wallet."""
        if self.escrow is None or not self.escrow.milestone.refunded_minor:
            return None
        return Money(self.escrow.milestone.refunded_minor, self.escrow.contract.currency)

    @property
    def funded(self) -> bool:
        return self.escrow is not None and self.escrow.state != MilestoneState.PENDING

    @property
    def hours(self) -> str:
        return f"{self.minutes // 60} h {self.minutes % 60:02d} min"


def weeks(contract: Contract) -> list[Week]:
    """The contract's weeks with time logged or escrow of their own, newest first,
    entries in local time."""
    if contract.contract_type != ContractType.HOURLY:
        return []
    approved = {w.week_start: w for w in TimesheetWeek.objects.filter(contract=contract)}
    funded = {
        item.week_start: item
        for item in contract.milestones.filter(week_start__isnull=False).select_related(
            "milestone"
        )
    }
    today = clock.now().astimezone(ZoneInfo(contract.freelancer.time_zone)).date()
    by_week: dict[date, list[LoggedEntry]] = {start: [] for start in funded}
    for entry in TimeEntry.objects.filter(contract=contract).order_by("started_at", "id"):
        # wall-clock time in the entry's zone, naive so templates do not convert it again
        local = entry.started_at.astimezone(ZoneInfo(entry.time_zone)).replace(tzinfo=None)
        by_week.setdefault(entry.week_start, []).append(LoggedEntry(entry, local))
    return [
        Week(
            start,
            rows,
            total,
            _pay(contract, total),
            approved.get(start),
            today >= start + timedelta(days=7),
            funded.get(start),
        )
        for start, rows in sorted(by_week.items(), reverse=True)
        for total in [sum(row.entry.minutes for row in rows)]
    ]


def weeks_to_fund(contract: Contract, shown: list[Week]) -> list[date]:
    """This week and the next in the freelancer's zone, where they have no escrow yet."""
    if contract.contract_type != ContractType.HOURLY or contract.state != "active":
        return []
    this_week = timesheet_weeks.this_week(contract)
    have = {week.week_start for week in shown if week.escrow is not None}
    return [w for w in (this_week, this_week + timedelta(days=7)) if w not in have]


def _pay(contract: Contract, minutes: int) -> Money | None:
    try:
        return contract.terms.week_pay(minutes)
    except DomainError:
        return None


def reviews_of(contract: Contract) -> list[Review]:
    """The reviews left on the contract, at most one each way."""
    return list(Review.objects.filter(contract_id=contract.escrow_id).select_related("author"))


def my_pending_review(actor: Actor, contract: Contract):
    """The actor's review still to write on this completed contract, or None."""
    return selectors_reviews.pending_for(actor, contract.escrow_id)


def disputable(contract: Contract) -> list[int]:
    """Ids of the contract's milestones on which a dispute may be opened."""
    return [item.id for item in contract.milestones.all() if item.state in DISPUTABLE]
