"""A 24-hour clock face: working windows drawn as arcs of one local day.

The profile page draws a freelancer's working window against the viewer's on a
dial of 24 hours in the *viewer's* zone, on one date. The dial shows wall-clock
time: midnight at the top, 06:00 on the right, noon at the bottom, 18:00 on the
left, clockwise, so 15 degrees per hour.

Windows come in as aware UTC instants (see `domain.availability.window_on`,
which gets DST and holidays right on the day). Each is clipped to the viewer's
local day (local midnight to the next local midnight, which is 23 or 25 hours of
real time on the nights the clocks change) and every instant is placed on the
dial at its local wall-clock time. A window is split where the zone's UTC
offset changes, so on a spring-forward day the skipped hour simply has no arc
(a window from 01:00 to 04:00 wall time is two hours long) and on a fall-back
day the repeated hour is drawn once. A window crossing local midnight appears
as the part before midnight (late in the day) and the part after (early in the
day); the windows of the neighbouring days supply the rest.

Positions are in dial seconds (0 .. 86,400) so that half-hour and 45-minute
zones (Asia/Kolkata, Asia/Kathmandu) are exact. Drawing coordinates are plain
SVG user units, rounded to two decimals; this is geometry, not money.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bornglobal.domain.places import time_zone

DAY_SECONDS = 86_400
DEGREES_PER_SECOND = 360 / DAY_SECONDS
HOUR = timedelta(hours=1)
Window = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class Arc:
    """A stretch of the dial from `start` to `end`, in seconds after local midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= DAY_SECONDS:
            raise ValueError(f"an arc runs forward within one day, not {self.start}..{self.end}")

    @property
    def seconds(self) -> int:
        return self.end - self.start

    def label(self) -> str:
        """ "09:00 to 17:30" in wall-clock time (24:00 for the end of the day)."""
        return f"{_hhmm(self.start)} to {_hhmm(self.end)}"


def _hhmm(seconds: int) -> str:
    minutes = seconds // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def local_day(zone: str, day: date) -> Window:
    """The UTC instants of local midnight on `day` and on the next day."""
    tz = ZoneInfo(time_zone(zone))
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _wall_seconds(instant: datetime, tz: ZoneInfo) -> int:
    local = instant.astimezone(tz)
    return local.hour * 3600 + local.minute * 60 + local.second


def _offset(instant: datetime, tz: ZoneInfo) -> timedelta | None:
    return instant.astimezone(tz).utcoffset()


def _offset_change(start: datetime, end: datetime, tz: ZoneInfo) -> datetime:
    """The first instant in (start, end] with the offset of `end` (bisection to the second)."""
    before = _offset(start, tz)
    while end - start > timedelta(seconds=1):
        middle = start + (end - start) // 2
        if _offset(middle, tz) == before:
            start = middle
        else:
            end = middle
    return end


def _constant_offset_pieces(start: datetime, end: datetime, tz: ZoneInfo) -> list[Window]:
    """`start..end` cut wherever the zone's UTC offset changes (at most once an hour)."""
    pieces, cursor, probe = [], start, start
    while probe < end:
        following = min(probe + HOUR, end)
        if _offset(following, tz) != _offset(probe, tz):
            change = _offset_change(probe, following, tz)
            if change < end:
                pieces.append((cursor, change))
                cursor = change
        probe = following
    pieces.append((cursor, end))
    return [(a, b) for a, b in pieces if a < b]


def merge(arcs: Iterable[Arc]) -> list[Arc]:
    """Sorted, disjoint arcs covering the same part of the dial; touching ones joined."""
    merged: list[Arc] = []
    for arc in sorted(arcs, key=lambda a: (a.start, a.end)):
        if merged and arc.start <= merged[-1].end:
            merged[-1] = Arc(merged[-1].start, max(merged[-1].end, arc.end))
        else:
            merged.append(arc)
    return merged


def arcs_on(windows: Iterable[Window], zone: str, day: date) -> list[Arc]:
    """Where `windows` fall on the dial of local `day` in `zone`, merged and in order."""
    tz = ZoneInfo(time_zone(zone))
    day_start, day_end = local_day(zone, day)
    arcs = []
    for window_start, window_end in windows:
        start, end = max(window_start, day_start), min(window_end, day_end)
        if start >= end:
            continue
        for piece_start, piece_end in _constant_offset_pieces(start, end, tz):
            # one offset throughout the piece: its wall time runs with real time
            first = _wall_seconds(piece_start, tz)
            last = min(first + int((piece_end - piece_start).total_seconds()), DAY_SECONDS)
            if first < last:
                arcs.append(Arc(first, last))
    return merge(arcs)


def intersect(left: Iterable[Arc], right: Iterable[Arc]) -> list[Arc]:
    """The parts of the dial covered by both lists of arcs."""
    common = [
        Arc(max(a.start, b.start), min(a.end, b.end))
        for a in merge(left)
        for b in merge(right)
        if max(a.start, b.start) < min(a.end, b.end)
    ]
    return merge(common)


def angle(seconds: int) -> float:
    """Degrees clockwise from the top of the dial (midnight)."""
    return seconds * DEGREES_PER_SECOND


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


def point(seconds: int, radius: float, centre: Point) -> Point:
    """Where dial time `seconds` lies at `radius` from `centre` (SVG: y grows downwards)."""
    theta = math.radians(angle(seconds))
    return Point(
        round(centre.x + radius * math.sin(theta), 2),
        round(centre.y - radius * math.cos(theta), 2),
    )


def _fmt(p: Point) -> str:
    return f"{p.x:g} {p.y:g}"


def sector_path(arc: Arc, outer: float, inner: float, centre: Point) -> str:
    """The SVG path of a ring segment from `arc.start` to `arc.end` between two radii.

    A whole day is drawn as two halves, because one SVG arc cannot close a circle.
    """
    if arc.seconds == DAY_SECONDS:
        half = DAY_SECONDS // 2
        halves = (Arc(0, half), Arc(half, DAY_SECONDS))
        return " ".join(sector_path(part, outer, inner, centre) for part in halves)
    large = 1 if arc.seconds > DAY_SECONDS // 2 else 0
    outer_start, outer_end = point(arc.start, outer, centre), point(arc.end, outer, centre)
    inner_end, inner_start = point(arc.end, inner, centre), point(arc.start, inner, centre)
    return (
        f"M {_fmt(outer_start)} A {outer:g} {outer:g} 0 {large} 1 {_fmt(outer_end)} "
        f"L {_fmt(inner_end)} A {inner:g} {inner:g} 0 {large} 0 {_fmt(inner_start)} Z"
    )


@dataclass(frozen=True, slots=True)
class Ring:
    """One person's arcs drawn between two radii."""

    name: str
    arcs: tuple[Arc, ...]
    outer: float
    inner: float
    paths: tuple[str, ...]

    @property
    def labels(self) -> list[str]:
        return [arc.label() for arc in self.arcs]

    @property
    def seconds(self) -> int:
        return sum(arc.seconds for arc in self.arcs)


def ring(name: str, arcs: Iterable[Arc], outer: float, inner: float, centre: Point) -> Ring:
    arcs = tuple(merge(arcs))
    return Ring(name, arcs, outer, inner, tuple(sector_path(a, outer, inner, centre) for a in arcs))


@dataclass(frozen=True, slots=True)
class Tick:
    hour: int
    inner: Point
    outer: Point
    label_at: Point

    @property
    def label(self) -> str:
        return f"{self.hour:02d}"


def ticks(centre: Point, radius: float, every_hours: int = 3) -> list[Tick]:
    """Hour marks round the dial, with where to write the hour."""
    return [
        Tick(
            hour,
            point(hour * 3600, radius - 6, centre),
            point(hour * 3600, radius, centre),
            point(hour * 3600, radius + 12, centre),
        )
        for hour in range(0, 24, every_hours)
    ]
