"""The team clock's round world-clock dial: one ring per person, in UTC.

Today's plan (`domain.clock.plan`) drawn on a 24-hour dial (midnight at the top,
06:00 on the right, clockwise, `domain.clockface`): one ring per member with their
working time of the UTC day, an outer ring of the hours covered by somebody (gaps in
red), a mark and a spoke at each handoff of the chain, and a hand at the current UTC
time. Each ring's tooltip and the table beside the dial give the same times in the
member's own zone, for anyone who would rather read than look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bornglobal.domain import clockface
from bornglobal.domain.clock import DayPlan
from bornglobal.domain.clock_team import Member

SIZE = 420
CENTRE = clockface.Point(SIZE / 2, SIZE / 2)
OUTER = 170.0  # the coverage ring: OUTER .. OUTER - COVERAGE_WIDTH
COVERAGE_WIDTH = 8.0
FIRST_RING = 158.0
INNERMOST = 62.0
RING_GAP = 3.0
MAX_RING_WIDTH = 18.0
COLOURS = (
    "#2f6fdf", "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#1f78b4",
    "#b2182b", "#4d9221", "#8073ac", "#e08214",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PersonRing:
    member: str
    zone: str
    colour: str
    ring: clockface.Ring
    utc_labels: tuple[str, ...]
    local_labels: tuple[str, ...]
    local_now: str
    title: str

    @property
    def track_radius(self) -> float:
        return round((self.ring.outer + self.ring.inner) / 2, 2)

    @property
    def track_width(self) -> float:
        return round(self.ring.outer - self.ring.inner, 2)


@dataclass(frozen=True, slots=True)
class HandoffMark:
    at: str
    title: str
    dot: clockface.Point
    spoke_from: clockface.Point
    spoke_to: clockface.Point
    kind: str


@dataclass(frozen=True, slots=True)
class Dial:
    day: date
    size: int
    centre: clockface.Point
    rings: tuple[PersonRing, ...]
    covered: clockface.Ring
    gaps: clockface.Ring
    ticks: tuple[clockface.Tick, ...]
    handoffs: tuple[HandoffMark, ...]
    hand: clockface.Point | None
    hand_base: clockface.Point | None
    now_label: str
    description: str


def _seconds(instant: datetime, midnight: datetime) -> int:
    return max(0, min(clockface.DAY_SECONDS, int((instant - midnight).total_seconds())))


def _local_span(start: datetime, end: datetime, zone: str) -> str:
    tz = ZoneInfo(zone)
    first, last = start.astimezone(tz), end.astimezone(tz)
    day = "" if first.date() == last.date() else f" ({last:%a})"
    return f"{first:%a %H:%M}-{last:%H:%M}{day}"


def _arcs(spans: list[tuple[datetime, datetime]], midnight: datetime) -> list[clockface.Arc]:
    arcs = []
    for start, end in spans:
        a, b = _seconds(start, midnight), _seconds(end, midnight)
        if a < b:
            arcs.append(clockface.Arc(a, b))
    return arcs


def _ring_radii(count: int) -> list[tuple[float, float]]:
    """Rings from FIRST_RING inwards, never below INNERMOST however many people there are."""
    step = (FIRST_RING - INNERMOST) / max(count, 1)
    gap = min(RING_GAP, step / 4)
    width = min(MAX_RING_WIDTH, step - gap)
    radii, outer = [], FIRST_RING
    for _ in range(count):
        radii.append((round(outer, 2), round(outer - width, 2)))
        outer -= width + gap
    return radii


def _person(
    member: Member, index: int, radii: tuple[float, float], day: DayPlan, midnight, now
) -> PersonRing:
    zone = member.week.zone
    spans = [(s.start, s.end) for s in day.shifts if s.member == member.name]
    ring = clockface.ring(member.name, _arcs(spans, midnight), *radii, CENTRE)
    utc = tuple(f"{a:%H:%M}-{'24:00' if b == midnight + timedelta(days=1) else f'{b:%H:%M}'}"
                for a, b in spans)  # fmt: skip
    local = tuple(_local_span(a, b, zone) for a, b in spans)
    works = "; ".join(f"{u} UTC = {loc} {zone}" for u, loc in zip(utc, local, strict=True))
    return PersonRing(
        member=member.name,
        zone=zone,
        colour=COLOURS[index % len(COLOURS)],
        ring=ring,
        utc_labels=utc,
        local_labels=local,
        local_now=f"{now.astimezone(ZoneInfo(zone)):%a %H:%M}",
        title=f"{member.name}: {works or 'not working this UTC day'}",
    )


def _mark(handoff, radius_of: dict[str, tuple[float, float]], midnight, zones) -> HandoffMark:
    seconds = _seconds(handoff.at, midnight)
    giver, receiver = radius_of.get(handoff.giver), radius_of.get(handoff.receiver)
    radii = [r for pair in (giver, receiver) if pair for r in pair] or [FIRST_RING, INNERMOST]
    local = ", ".join(
        f"{name.split(' (')[0]} {instant.astimezone(ZoneInfo(zones[name])):%a %H:%M}"
        for name, instant in ((handoff.giver, handoff.at), (handoff.receiver, handoff.resumes))
        if name in zones
    )
    kind = handoff.kind.value
    resumes = "" if kind != "gap" else f", resumes {handoff.resumes:%a %H:%M} UTC"
    return HandoffMark(
        at=f"{handoff.at:%H:%M}",
        title=f"{handoff.at:%H:%M} UTC: {handoff.giver} → {handoff.receiver} ({kind}{resumes}); "
        f"local {local}",
        dot=clockface.point(seconds, OUTER + 5, CENTRE),
        spoke_from=clockface.point(seconds, max(radii), CENTRE),
        spoke_to=clockface.point(seconds, min(radii), CENTRE),
        kind=kind,
    )


def dial(members: list[Member], day: DayPlan, now: datetime) -> Dial:
    """The dial of `day` (a UTC day) for `members`, with the hand at `now` if today."""
    midnight = datetime.combine(day.day, time(0), tzinfo=UTC)
    radii = _ring_radii(len(members))
    rings = tuple(
        _person(m, i, radii[i], day, midnight, now) for i, m in enumerate(members)
    )
    radius_of = {m.name: radii[i] for i, m in enumerate(members)}
    zones = {m.name: m.week.zone for m in members}
    covered = clockface.ring(
        "covered", _arcs(list(day.coverage), midnight), OUTER, OUTER - COVERAGE_WIDTH, CENTRE
    )
    gaps = clockface.ring(
        "gaps", _arcs(list(day.gaps), midnight), OUTER, OUTER - COVERAGE_WIDTH, CENTRE
    )
    hand = hand_base = None
    if now.astimezone(UTC).date() == day.day:
        hand = clockface.point(_seconds(now, midnight), OUTER + 4, CENTRE)
        hand_base = clockface.point(_seconds(now, midnight), INNERMOST - 4, CENTRE)
    marks = tuple(_mark(h, radius_of, midnight, zones) for h in day.handoffs)
    description = "; ".join(r.title for r in rings) + ". Handoffs: " + (
        "; ".join(m.title for m in marks) or "none"
    )
    return Dial(
        day=day.day,
        size=SIZE,
        centre=CENTRE,
        rings=rings,
        covered=covered,
        gaps=gaps,
        ticks=tuple(clockface.ticks(CENTRE, OUTER + 18, every_hours=1)),
        handoffs=marks,
        hand=hand,
        hand_base=hand_base,
        now_label=f"{now.astimezone(UTC):%H:%M}",
        description=description,
    )
