"""Hourly contracts over the API: time entries, weeks funded, approved and paid, and
the end of the contract. Thin: the rules are in `work.timesheets` and
`work.timesheet_weeks`.

The freelancer logs time under `/me/work/contracts/{id}/time` in their own local
time; the venture funds, reads and approves weeks under
`/ventures/{id}/work/contracts/{id}/weeks/{monday}`.
"""

from datetime import date, datetime

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from bornglobal.apitypes import InSchema, Int, LocalDateTime, Pages
from bornglobal.domain.money import Money
from bornglobal.money.schemas import Day, KeyIn, MoneyOut, Text
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of
from bornglobal.work import selectors, timesheet_weeks, timesheets
from bornglobal.work.schemas import ContractMilestoneOut, ContractOut

router = Router(tags=["work"])
MINE = "/me/work/contracts/{contract_id}"
WEEK = "/ventures/{venture_id}/work/contracts/{contract_id}/weeks/{week_start}"


class TimeEntryIn(InSchema):
    started_local: LocalDateTime = Field(
        ..., description="When the work started, in the freelancer's own zone, no offset."
    )
    minutes: Int = Field(..., ge=1, le=timesheets.MAX_ENTRY_MINUTES)
    memo: Text = Field(..., min_length=1, max_length=500)


class TimeEntryOut(Schema):
    id: int
    started_at: datetime
    minutes: Int
    memo: str
    week_start: date
    time_zone: str


class WeekQuery(Schema):
    week: Day | None = Field(None, description="Any day of the week (its Monday is used).")


class TimesheetWeekOut(Schema):
    week_start: date
    minutes: Int
    pay: MoneyOut
    approved_at: datetime | None
    paid: MoneyOut | None
    escrow: ContractMilestoneOut | None


@router.post(f"{MINE}/time", response={201: TimeEntryOut, **ERRORS})
def log_time(request, contract_id: ObjectId, payload: TimeEntryIn):
    """Log time on an hourly contract (within the weekly cap)."""
    entry = timesheets.log_time(
        actor_of(request), contract_id, payload.started_local, payload.minutes, payload.memo
    )
    return Status(201, entry)


@router.get(f"{MINE}/time", response={200: list[TimeEntryOut], **ERRORS})
@paginate(Pages)
def my_time(request, contract_id: ObjectId, query: Query[WeekQuery]):
    return timesheets.my_entries(actor_of(request), contract_id, query.week)


def _week_out(summary: timesheets.WeekSummary, item) -> dict:
    approved = summary.approved
    return {
        "week_start": summary.week_start,
        "minutes": summary.minutes,
        "pay": summary.pay,
        "approved_at": approved.approved_at if approved else None,
        "paid": Money(approved.paid_minor, summary.pay.currency) if approved else None,
        "escrow": item,
    }


@router.get(WEEK, response={200: TimesheetWeekOut, **ERRORS})
def get_week(request, venture_id: ObjectId, contract_id: ObjectId, week_start: Day):
    """A week's logged minutes, what they pay, its escrow and its approval."""
    summary = timesheets.week_of(actor_of(request), venture_id, contract_id, week_start)
    return _week_out(summary, summary.escrow)


@router.post(f"{WEEK}/fund", response={201: ContractMilestoneOut, **ERRORS})
def fund_week(
    request, venture_id: ObjectId, contract_id: ObjectId, week_start: Day, payload: KeyIn
):
    """Put the week's ceiling (rate x cap) in escrow, on the week's own milestone."""
    item = timesheet_weeks.fund_week(
        actor_of(request), venture_id, contract_id, week_start, payload.idempotency_key
    )
    return Status(201, item)


@router.post(f"{WEEK}/approve", response={201: TimesheetWeekOut, **ERRORS})
def approve_week(
    request, venture_id: ObjectId, contract_id: ObjectId, week_start: Day, payload: KeyIn
):
    """Pay an ended week's time from its escrow; the unused rest goes back to the wallet."""
    actor = actor_of(request)
    timesheets.approve_week(actor, venture_id, contract_id, week_start, payload.idempotency_key)
    summary = timesheets.week_of(actor, venture_id, contract_id, week_start)
    return Status(201, _week_out(summary, summary.escrow))


@router.post(
    "/ventures/{venture_id}/work/contracts/{contract_id}/end",
    response={200: ContractOut, **ERRORS},
)
def end_contract(request, venture_id: ObjectId, contract_id: ObjectId, payload: KeyIn):
    """End an hourly contract: unused weeks are refunded, the contract completes."""
    actor = actor_of(request)
    timesheet_weeks.end_hourly(actor, venture_id, contract_id, payload.idempotency_key)
    return selectors.contract_for(actor, venture_id, contract_id)
