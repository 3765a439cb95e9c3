"""Which date "Assemble a team" computes coverage for.

The teams instance (docs/teams.md) has one `date`, and its coverage rule repeats
each candidate's local hours every day: it does not know working days. So the
date must be one the people actually work. We start from the project's start date
(today when the project has no start date or it has passed) and take the first
day of the seven from there on which the most candidates work, by the weekdays of
their working patterns: with the usual Monday-to-Friday patterns, a start on a
Saturday gives the following Monday. The page says which date it used and why,
and flags any proposed member who does not work on that weekday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class CoverageDay:
    on: date
    why: str


def coverage_day(today: date, starts_on: date | None, patterns: Iterable[str]) -> CoverageDay:
    """The date to compute coverage on; `patterns` are ISO weekday strings ("12345")."""
    base, origin = today, "today"
    if starts_on is not None and starts_on >= today:
        base, origin = starts_on, "the project's start date"
    counts = [0] * 7
    for days in patterns:
        for digit in set(days):
            if digit.isdigit() and 1 <= int(digit) <= 7:
                counts[int(digit) - 1] += 1
    if not any(counts):
        return CoverageDay(base, f"{origin} (no working days known)")
    week = [base + timedelta(days=n) for n in range(7)]
    best = max(week, key=lambda day: (counts[day.weekday()], -(day - base).days))
    if best == base:
        return CoverageDay(base, f"{origin}, a {WEEKDAYS[base.weekday()]}")
    return CoverageDay(
        best,
        f"the first day from {origin} ({base:%a %-d %b}) on which most candidates work "
        f"({counts[best.weekday()]} of them work {WEEKDAYS[best.weekday()]}s)",
    )


def works_on(days: str, on: date) -> bool:
    return str(on.isoweekday()) in days
