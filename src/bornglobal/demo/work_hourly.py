"""The demo's hourly contract: Kestrel's field support, paid week by week.

Arjun Mehta in Pune answers installers' questions about the KR-40 controller at
32 EUR an hour, at most 12 hours a week, paid in INR. The contract started on the
Monday four weeks before the load; each ended week was funded, logged by hand with memos in his own
local time and approved the Monday after (paid from the week's own escrow, the unused
rest back in Kestrel's wallet). This week is funded and partly logged; next week is
funded ahead.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from bornglobal import clock
from bornglobal.demo.network_anchors import EMAIL_DOMAIN
from bornglobal.domain.contracts import ContractType
from bornglobal.domain.money import Money
from bornglobal.tenancy.actors import Actor
from bornglobal.work import milestones, timesheet_weeks, timesheets
from bornglobal.work.models import Project, TimeEntry

PUNE = ZoneInfo("Asia/Kolkata")
# The LoRa range test Wanjiru attaches to her submission: distance, packets, loss.
RANGE_ROWS = (("1", "500", "0.0"), ("2", "500", "0.4"), ("3", "500", "1.8"), ("4", "500", "6.2"),
              ("5", "500", "14.6"))
KEY = "demo-work-hourly"
# (weekday, local start, minutes, memo) logged in each week
WEEK_OF_SUPPORT = (
    (0, time(10, 0), 90, "Installer tickets: MPPT stuck at 0 W after brown-out (3 tickets)"),
    (1, time(14, 30), 60, "Call with a Kenyan installer: LoRa gateway pairing"),
    (2, time(11, 0), 120, "Wrote the FAQ entry on battery temperature sensor wiring"),
    (3, time(16, 0), 45, "Tickets: firmware update failed over a weak link"),
    (4, time(10, 30), 75, "Weekly ticket summary for the firmware team"),
)


def _local(day, at: time) -> datetime:
    return datetime.combine(day, at)


def _log_week(actor: Actor, contract, monday, now: datetime) -> None:
    for weekday, start, minutes, memo in WEEK_OF_SUPPORT:
        local = _local(monday + timedelta(days=weekday), start)
        ends = local.replace(tzinfo=PUNE) + timedelta(minutes=minutes)
        logged = max(ends, contract.created_at + timedelta(minutes=1))  # not before it began
        if logged > now:
            return
        with clock.travel_to(logged):
            timesheets.log_time(actor, contract.id, local, minutes, memo)


def field_support(kestrel, project: Project, now: datetime) -> None:
    """Hire Arjun by the hour, then run every week up to this one."""
    # Offered just after midnight on the Monday four weeks back (Pune), accepted that
    # evening: time counts from the contract's first day on (timesheets.check_contract_dates),
    # so his first week is a whole one, logged once the contract exists.
    day = (now - timedelta(weeks=4)).astimezone(PUNE).date()
    start = datetime.combine(day - timedelta(days=day.weekday()), time(0, 5), tzinfo=PUNE)
    role = kestrel.role(project, "Installer support (hourly)", 48, "35.00", start)
    terms = {"type": ContractType.HOURLY, "hourly_rate": Money.of("32.00", kestrel.currency),
             "weekly_cap_hours": 12}
    contract = kestrel.hire(role, f"arjun.mehta@{EMAIL_DOMAIN}", "KR-40 installer support",
                            (), start, "INR", **terms)
    founder, venture_id = kestrel.actor, kestrel.venture.id
    arjun = Actor(contract.freelancer)
    first = contract.milestones.get(position=1)
    with clock.travel_to(start + timedelta(days=1)):
        milestones.fund(founder, venture_id, first.id, f"{KEY}-fund-{first.week_start}")
    monday, this_week = first.week_start, timesheet_weeks.this_week(contract)
    while monday <= this_week:
        if monday != first.week_start:
            with clock.travel_to(_local(monday, time(9, 30)).replace(tzinfo=PUNE)):
                timesheet_weeks.fund_week(founder, venture_id, contract.id, monday,
                                          f"{KEY}-fund-{monday}")
        _log_week(arjun, contract, monday, now)
        approve_at = _local(monday + timedelta(days=7), time(9, 0)).replace(tzinfo=PUNE)
        if approve_at <= now and TimeEntry.objects.filter(
            contract=contract, week_start=monday
        ).exists():
            with clock.travel_to(approve_at):
                timesheets.approve_week(founder, venture_id, contract.id, monday,
                                        f"{KEY}-approve-{monday}")
        monday += timedelta(days=7)
    with clock.travel_to(now):
        timesheet_weeks.fund_week(founder, venture_id, contract.id, monday, f"{KEY}-fund-{monday}")


def range_report() -> ContentFile:
    """A small CSV deliverable for the demo's submitted milestone (made, not shipped)."""
    lines = ["distance_km,packets_sent,loss_percent"]
    lines += [f"{km},{sent},{loss}" for km, sent, loss in RANGE_ROWS]
    return ContentFile(("\n".join(lines) + "\n").encode(), name="lora-range-test.csv")
