"""Which UTC hours of a date a person's daily working hours cover.

Working hours are local (`work_start` to `work_end` in the person's IANA zone)
and repeat every local day. On a date, the person covers UTC hour h when one of
their windows fully contains [h:00, h+1:00) UTC of that date. The windows that
can touch a UTC date start on the local days from two before to two after it
(zones run from UTC-12 to UTC+14 and a window lasts at most 25 real hours); each
is converted with the offset in force on its own day, so DST is right on both
sides of a change, and windows that touch are joined (a 24-hour worker covers
every hour).

Local times follow the rules of `availability.window_on` (RFC 5545 and
Python's `fold=0`): a window whose end is not after its start crosses midnight,
equal start and end is a whole day; a time in a spring-forward gap is read with
the offset from before the gap; a window whose start and end both fall in a gap
is no window.

The result is a 24-bit mask (bit h for UTC hour h). A million candidates have
at most a few tens of thousands of distinct (zone, start, end), so masks are
cached. Where the zone keeps one UTC offset over all the days around the date
(most zones on most dates), the mask depends only on the offset and the hours
and is plain integer arithmetic; otherwise each local day is converted with its
own offset, and a day with a transition goes through `datetime` and `zoneinfo`
instant by instant.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

HOURS_IN_DAY = 24
HOUR = 3600
DAY = 24 * HOUR
ONE_SECOND = timedelta(seconds=1)
NEIGHBOUR_DAYS = (-2, -1, 0, 1, 2)


@cache
def _steady_offset(zone: str, day: date) -> int | None:
    """The UTC offset (seconds) that holds all local `day`, or None if it changes."""
    tz = ZoneInfo(zone)
    first = datetime.combine(day, time(0), tzinfo=tz).utcoffset()
    last = datetime.combine(day, time(23, 59, 59), tzinfo=tz).utcoffset()
    if first is None or first != last:
        return None
    return first // ONE_SECOND


def _instant(zone: str, day: date, second: int, on: date) -> tuple[int, bool]:
    """Local `second` of `day` as seconds after `on` 00:00 UTC, and whether it exists."""
    offset = _steady_offset(zone, day)
    local = (day - on).days * DAY + second
    if offset is not None:
        return local - offset, True
    wall = datetime.combine(day, time(second // HOUR, second // 60 % 60), tzinfo=ZoneInfo(zone))
    utc = wall.astimezone(UTC)
    exists = utc.astimezone(wall.tzinfo).replace(tzinfo=None) == wall.replace(tzinfo=None)
    return (utc - datetime.combine(on, time(0), tzinfo=UTC)) // ONE_SECOND, exists


def _windows(zone: str, start: int, end: int, on: date) -> list[tuple[int, int]]:
    windows = []
    for shift in NEIGHBOUR_DAYS:
        day = on + timedelta(days=shift)
        end_day = day + timedelta(days=1) if end <= start else day
        begin, begin_exists = _instant(zone, day, start, on)
        finish, finish_exists = _instant(zone, end_day, end, on)
        if (begin_exists or finish_exists) and begin < finish:
            windows.append((begin, finish))
    return windows


def _joined(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for begin, finish in sorted(windows):
        if joined and begin <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], finish))
        else:
            joined.append((begin, finish))
    return joined


@cache
def _steady_around(zone: str, on: date) -> int | None:
    """The zone's one UTC offset over every local day a window touching `on` can use."""
    offsets = {_steady_offset(zone, on + timedelta(days=shift)) for shift in range(-2, 4)}
    return offsets.pop() if len(offsets) == 1 and None not in offsets else None


@cache
def _steady_mask(offset: int, start: int, end: int) -> int:
    """`coverage_mask` for a zone whose offset is `offset` all around the date."""
    crossing = DAY if end <= start else 0
    windows = [
        (shift * DAY + start - offset, shift * DAY + crossing + end - offset)
        for shift in NEIGHBOUR_DAYS
    ]
    return _hours_inside(windows)


def _hours_inside(windows: list[tuple[int, int]]) -> int:
    mask = 0
    for begin, finish in _joined(windows):
        first = max(-(-begin // HOUR), 0)
        last = min(finish // HOUR, HOURS_IN_DAY)
        for hour in range(first, last):
            mask |= 1 << hour
    return mask


@cache
def coverage_mask(zone: str, start: time, end: time, on: date) -> int:
    """The UTC hours of `on` that the working hours start-end in `zone` fully cover."""
    start_second = start.hour * HOUR + start.minute * 60
    end_second = end.hour * HOUR + end.minute * 60
    offset = _steady_around(zone, on)
    if offset is not None:
        return _steady_mask(offset, start_second, end_second)
    return _hours_inside(_windows(zone, start_second, end_second, on))
