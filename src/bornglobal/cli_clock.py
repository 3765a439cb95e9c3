"""`bornglobal clock …`: follow-the-sun plans, handoff estimates and support rotas.

Every command reads a team file (JSON; see docs/clock.md): a list of people, each
with name, zone, work_start, work_end, working_days, holiday_country,
holiday_subdivision and max_weekly_hours. All times printed are UTC. No database
is needed.

  plan      per UTC day: who works when, the handoff chain, gaps, coverage hours
  estimate  when a work item of E effort hours finishes along the chain, against
            the best person working alone, and the calendar-time ratio
  rota      at least K people on every hour of a week (CP-SAT), load balanced,
            with every uncovered hour and its reason
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from bornglobal.domain.errors import DomainError

MAX_FILE_BYTES = 1_000_000
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ONE_SECOND = timedelta(seconds=1)
ONE_HOUR = timedelta(hours=1)
MAX_OVERHEAD_MINUTES = 480


def _read_team(source: str):
    from bornglobal.domain.clock_team import team_from_document

    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise DomainError(f"cannot read {source}: {reason}", code="unreadable_file") from None
    if len(text) > MAX_FILE_BYTES:
        raise DomainError(f"{source} is larger than {MAX_FILE_BYTES:,} bytes", code="too_large")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DomainError(f"{source} is not JSON: {error}", code="invalid_json") from None
    return team_from_document(document)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{text!r} is not a date (YYYY-MM-DD)", code="invalid_date") from None


def _instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise DomainError(
            f"{text!r} is not an ISO 8601 instant (e.g. 2026-03-02T08:00:00Z)",
            code="invalid_instant",
        ) from None


def _decimal(text: str, code: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise DomainError(f"{text!r} is not a number", code=code)
    return value


def _hour_set(text: str) -> list[int]:
    """UTC hours as '0-23', '8,9,10' or '22-23,0-5'."""
    hours: list[int] = []
    try:
        for part in text.split(","):
            low, _, high = part.strip().partition("-")
            hours.extend(range(int(low), int(high or low) + 1))
    except ValueError:
        raise DomainError(
            f"{text!r} is not a list of UTC hours (e.g. 0-23 or 8-16,20)", code="invalid_hours"
        ) from None
    return hours


def _seconds(duration: timedelta) -> int:
    return duration // ONE_SECOND


def _hhmm(instant: datetime, day: date) -> str:
    return "24:00" if instant.date() > day else f"{instant:%H:%M}"


def _span(duration: timedelta) -> str:
    minutes = _seconds(duration) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def _print_json(document: Any) -> None:
    print(json.dumps(document, indent=2, ensure_ascii=False))


# plan


def _handoff_text(handoff) -> str:
    text = f"{handoff.at:%H:%M} {handoff.giver} -> {handoff.receiver}"
    if handoff.kind == "overlap":
        return f"{text} (live, {_span(handoff.overlap)} together)"
    if handoff.kind == "touching":
        return f"{text} (end to start)"
    return f"{text} (note; waits {_span(handoff.wait)}, until {handoff.resumes:%a %H:%M})"


def _print_plan(result) -> None:
    print(
        f"Follow-the-sun plan, {result.start} to {result.end}, all times UTC; "
        f"team: {', '.join(result.team)}"
    )
    for day in result.days:
        print(f"\n{day.day} {WEEKDAYS[day.day.weekday()]}  coverage {day.coverage_hours} h")
        shifts = ", ".join(
            f"{s.member} {s.start:%H:%M}-{_hhmm(s.end, day.day)}" for s in day.shifts
        )
        print(f"  {'shifts':<9} {shifts or 'nobody works'}")
        if day.handoffs:
            print(f"  {'handoffs':<9} " + "; ".join(_handoff_text(h) for h in day.handoffs))
        gaps = ", ".join(f"{start:%H:%M}-{_hhmm(end, day.day)}" for start, end in day.gaps)
        print(f"  {'gaps':<9} {gaps or 'none'}")
        off = [
            f"{a.member} ({a.holiday or a.reason.value.replace('_', ' ')})"
            for a in day.absences
            if a.reason != "not_a_working_day"
        ]
        if off:
            print(f"  {'off':<9} {', '.join(off)}")
    print(
        f"\nTotal: {result.coverage_hours} h covered over {len(result.days)} days, "
        f"{result.handoff_count} handoffs."
    )


def cmd_plan(args: argparse.Namespace) -> int:
    from bornglobal.domain.clock import plan
    from bornglobal.domain.clock_documents import plan_document

    result = plan(_read_team(args.file), _date(args.start), _date(args.end))
    _print_json(plan_document(result)) if args.json else _print_plan(result)
    return 0


# estimate


def _print_estimate(result) -> None:
    from bornglobal.domain.availability import hours

    print(
        f"Work item: {hours(result.effort)} h of effort from {result.start:%Y-%m-%d %H:%M} "
        f"UTC; {_span(result.overhead)} per handoff\n"
    )
    print(f"{'':<24}{'finish (UTC)':<20}{'elapsed':>12}")
    chain = f"chain ({result.handoff_count} handoffs)"
    print(f"{chain:<24}{result.chain_finish:%Y-%m-%d %H:%M}{hours(result.chain_elapsed):>14} h")
    solo = f"alone: {result.best_solo.member}"
    print(f"{solo[:23]:<24}{result.solo_finish:%Y-%m-%d %H:%M}{hours(result.solo_elapsed):>14} h")
    print(f"{'ratio chain / alone':<24}{result.ratio:>34}\n")
    print("Chain legs:")
    for leg in result.legs:
        print(f"  {leg.start:%a %Y-%m-%d %H:%M} - {leg.end:%a %H:%M}  {leg.member}")


def _overhead(minutes: str) -> timedelta:
    value = _decimal(minutes, "invalid_overhead")
    if not 0 <= value <= MAX_OVERHEAD_MINUTES:
        raise DomainError(
            f"the handoff overhead must be 0 to {MAX_OVERHEAD_MINUTES} minutes",
            code="invalid_overhead",
        )
    return timedelta(microseconds=int(value * 60_000_000))


def cmd_estimate(args: argparse.Namespace) -> int:
    from bornglobal.domain.clock import estimate
    from bornglobal.domain.clock_documents import estimate_document

    team = _read_team(args.file)
    effort = _decimal(args.effort, "invalid_effort")
    result = estimate(team, effort, _instant(args.start), _overhead(args.overhead))
    _print_json(estimate_document(result)) if args.json else _print_estimate(result)
    return 0


# rota


def _print_grid(result) -> None:
    """Seven rows of 24 UTC hours: people rostered, '!' when fewer than K, blank not asked."""
    print("People rostered per UTC hour ('!' fewer than K, blank: not asked for)")
    print("       " + "".join(f"{hour:>2} " for hour in range(24)).rstrip())
    rows: dict[date, dict[int, str]] = {}
    for hour in result.hours:
        count = len(hour.people)
        cell = f"{min(count, 99):>2}" + ("!" if count < result.min_people else " ")
        rows.setdefault(hour.start.date(), {})[hour.start.hour] = cell
    for day, cells in rows.items():
        line = "".join(cells.get(hour, "   ") for hour in range(24))
        print(f"{WEEKDAYS[day.weekday()]} {day:%d} {line}".rstrip())


def _print_rota(result) -> None:
    print(
        f"Support rota for the week from {result.week_of} (UTC), at least "
        f"{result.min_people} per hour: {result.status.value}, {result.seconds:.2f} s\n"
    )
    width = max(len(load.member) for load in result.loads) + 2
    print(f"{'person':<{width}}{'hours':>6}{'could take':>12}{'max':>6}")
    for load in result.loads:
        limit = "-" if load.max_weekly_hours is None else str(load.max_weekly_hours)
        print(f"{load.member:<{width}}{load.hours:>6}{load.could_take:>12}{limit:>6}")
    print()
    _print_grid(result)
    print(
        f"\n{len(result.hours) - len(result.uncovered)} of {len(result.hours)} hours covered "
        f"with {result.min_people} or more."
    )
    for first, last, explanation in _runs(result.uncovered):
        count = (last.start - first.start) // ONE_HOUR + 1
        span = first.label if count == 1 else f"{first.label[:-4]}-{_run_end(first, last)} UTC"
        print(f"  {span}{'' if count == 1 else f' ({count} h)'}: {explanation}")


def _runs(uncovered) -> list:
    """Consecutive uncovered hours with the same explanation, as (first, last, text)."""
    runs: list = []
    for gap in uncovered:
        if runs and runs[-1][1].start + ONE_HOUR == gap.start and runs[-1][2] == gap.explanation:
            runs[-1][1] = gap
        else:
            runs.append([gap, gap, gap.explanation])
    return runs


def _run_end(first, last) -> str:
    """Where a run of hours ends: 'HH:MM', with the weekday when it is another day."""
    text = "24:00" if last.start.hour == 23 else f"{last.start + ONE_HOUR:%H:%M}"
    same_day = last.start.date() == first.start.date()
    return text if same_day else f"{WEEKDAYS[last.start.weekday()]} {text}"


def cmd_rota(args: argparse.Namespace) -> int:
    from bornglobal.domain.clock_documents import rota_document
    from bornglobal.domain.rota import rota

    hours = _hour_set(args.hours) if args.hours else None
    result = rota(
        _read_team(args.file),
        _date(args.week_of),
        args.min_people,
        hours,
        time_limit=args.time_limit,
    )
    _print_json(rota_document(result)) if args.json else _print_rota(result)
    return 0


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError("must be above 0 and at most 600 seconds")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `clock` command group to the main parser."""
    clock = sub.add_parser(
        "clock",
        help="follow-the-sun plans, estimates and support rotas",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = clock.add_subparsers(dest="clock_command", required=True, metavar="ACTION")
    team_help = "team file (JSON, see docs/clock.md), or - for standard input"
    plan = actions.add_parser(
        "plan",
        help="who works when, the handoff chain, gaps and coverage per UTC day",
        description="For each UTC day from --from to --to (at most 366 days): each person's "
        "working time in UTC (DST-correct on that date, holidays and days off left out), "
        "the handoff chain, the gaps with nobody on, and the hours covered.",
    )
    plan.add_argument("file", metavar="FILE", help=team_help)
    plan.add_argument("--from", dest="start", required=True, help="first UTC day, YYYY-MM-DD")
    plan.add_argument("--to", dest="end", required=True, help="last UTC day, YYYY-MM-DD")
    plan.add_argument("--json", action="store_true", help="machine-readable output")
    plan.set_defaults(func=cmd_plan)
    estimate = actions.add_parser(
        "estimate",
        help="calendar time of a work item handed along the chain vs. alone",
        description="Relay EFFORT hours of work along the handoff chain from --start, each "
        "handoff costing the receiver --overhead minutes, and compare the finish with the "
        "member who would finish first working alone.",
    )
    estimate.add_argument("file", metavar="FILE", help=team_help)
    estimate.add_argument("--effort", required=True, help="effort in hours, e.g. 40 or 7.5")
    estimate.add_argument(
        "--start", required=True, help="start instant with offset, e.g. 2026-03-02T08:00:00Z"
    )
    estimate.add_argument("--overhead", default="30", help="minutes per handoff (default 30)")
    estimate.add_argument("--json", action="store_true", help="machine-readable output")
    estimate.set_defaults(func=cmd_estimate)
    rota = actions.add_parser(
        "rota",
        help="at least K people on every hour of a week (CP-SAT)",
        description="Roster the team for the 168 UTC hours from --week-of 00:00 UTC (or only "
        "--hours of each day) with at least --min-people per hour, inside each person's "
        "hours and weekly maximum, balancing load; list every hour left uncovered and why.",
    )
    rota.add_argument("file", metavar="FILE", help=team_help)
    rota.add_argument("--week-of", required=True, help="first UTC day of the week, YYYY-MM-DD")
    rota.add_argument("--min-people", type=int, required=True, help="people per hour (K)")
    rota.add_argument("--hours", help="only these UTC hours of each day, e.g. 8-20 or 0-5,22-23")
    rota.add_argument(
        "--time-limit", type=_positive_seconds, default=10.0, help="solver seconds (default 10)"
    )
    rota.add_argument("--json", action="store_true", help="machine-readable output")
    rota.set_defaults(func=cmd_rota)
