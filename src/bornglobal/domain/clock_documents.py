"""Plans, estimates and rotas as plain JSON-ready documents (the CLI's --json output).

Instants are ISO 8601 in UTC with a `Z`; durations are whole seconds (exact for
every zone, half-hour and quarter-hour ones included); hours and ratios are
decimal strings, so no float rounds them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bornglobal.domain.clock import DayPlan, Estimate, Handoff, Plan
from bornglobal.domain.rota import Rota

ONE_SECOND = timedelta(seconds=1)


def _iso(instant: datetime) -> str:
    return instant.isoformat().replace("+00:00", "Z")


def _seconds(duration: timedelta) -> int:
    return duration // ONE_SECOND


def plan_document(result: Plan) -> dict:
    return {
        "from": result.start.isoformat(),
        "to": result.end.isoformat(),
        "team": list(result.team),
        "coverage_hours": str(result.coverage_hours),
        "handoffs": result.handoff_count,
        "days": [_day_document(day) for day in result.days],
    }


def _day_document(day: DayPlan) -> dict:
    return {
        "date": day.day.isoformat(),
        "coverage_hours": str(day.coverage_hours),
        "gap_hours": str(day.gap_hours),
        "shifts": [
            {"member": s.member, "start": _iso(s.start), "end": _iso(s.end)} for s in day.shifts
        ],
        "handoffs": [handoff_document(h) for h in day.handoffs],
        "gaps": [{"start": _iso(start), "end": _iso(end)} for start, end in day.gaps],
        "absences": [
            {
                "member": a.member,
                "date": a.day.isoformat(),
                "reason": a.reason.value,
                "holiday": a.holiday,
            }
            for a in day.absences
        ],
    }


def handoff_document(handoff: Handoff) -> dict:
    return {
        "giver": handoff.giver,
        "receiver": handoff.receiver,
        "at": _iso(handoff.at),
        "resumes": _iso(handoff.resumes),
        "kind": handoff.kind.value,
        "overlap_seconds": _seconds(handoff.overlap),
        "wait_seconds": _seconds(handoff.wait),
    }


def estimate_document(result: Estimate) -> dict:
    return {
        "effort_seconds": _seconds(result.effort),
        "start": _iso(result.start),
        "overhead_seconds": _seconds(result.overhead),
        "chain": {
            "finish": _iso(result.chain_finish),
            "elapsed_seconds": _seconds(result.chain_elapsed),
            "handoff_count": result.handoff_count,
            "legs": [
                {"member": leg.member, "start": _iso(leg.start), "end": _iso(leg.end)}
                for leg in result.legs
            ],
            "handoffs": [handoff_document(h) for h in result.handoffs],
        },
        "best_solo": {
            "member": result.best_solo.member,
            "finish": _iso(result.solo_finish),
            "elapsed_seconds": _seconds(result.solo_elapsed),
        },
        "solos": [{"member": s.member, "finish": _iso(s.finish)} for s in result.solos],
        "ratio": str(result.ratio),
    }


def rota_document(result: Rota) -> dict:
    empty, below, short, most, spread = result.objective
    return {
        "week_of": result.week_of.isoformat(),
        "min_people": result.min_people,
        "status": result.status.value,
        "complete": result.complete,
        "seconds": round(result.seconds, 3),
        "aims": {
            "hours_with_nobody": empty,
            "hours_below_k": below,
            "person_hours_short": short,
            "max_load": most,
            "spread": spread,
        },
        "loads": [
            {
                "member": load.member,
                "hours": load.hours,
                "could_take": load.could_take,
                "max_weekly_hours": load.max_weekly_hours,
            }
            for load in result.loads
        ],
        "hours": [
            {"start": _iso(hour.start), "people": list(hour.people)} for hour in result.hours
        ],
        "uncovered": [
            {
                "start": _iso(u.start),
                "label": u.label,
                "reason": u.reason.value,
                "message": u.message,
                "rostered": list(u.rostered),
                "can_take": list(u.can_take),
            }
            for u in result.uncovered
        ],
    }
