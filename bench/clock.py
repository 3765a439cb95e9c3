"""Follow-the-sun gains and support-rota solve times.

    python bench/clock.py                      # both tables
    python bench/clock.py --sizes 4,8 --efforts 40,160

Estimate: 1, 2 and 3 sites 8 hours apart (Berlin 08-16 UTC; + Tokyo 00-08 UTC;
+ Phoenix 16-24 UTC), each 09:00-17:00 local, Monday to Friday, no holidays, in
January (no clock changes). For each effort the calendar-time ratio (chain elapsed /
best person alone) is printed from Monday 00:00 UTC and as the mean over the 168
hourly start instants of a week, with and without the 30-minute handoff overhead,
next to the theoretical limits 1, 1/2 and 1/3 (16 and 24 covered hours a day).

Rota: generated teams (zones spread round the world, 8-hour local days on random
weekdays, half of them with a 20-40 hour weekly maximum) need K = 2 people on every
hour of the week of 2026-03-09 (the US has just changed its clocks, the EU not
yet). CP-SAT (exact, one worker) against the greedy baseline (least-loaded free
people hour by hour), in the same run: seconds, their ratio, and the aims in the
order CP-SAT takes them (hours with nobody, hours below K, person-hours short,
maximum load). CP-SAT is never worse on the aims taken in that order.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bornglobal.domain.availability import WorkingWeek
from bornglobal.domain.clock import Member, estimate
from bornglobal.domain.rota import greedy_rota, rota

WEEKDAYS = frozenset(range(1, 6))
MONDAY = datetime(2026, 1, 12, tzinfo=UTC)
SITES = [("Anna", "Europe/Berlin"), ("Kenji", "Asia/Tokyo"), ("Pat", "America/Phoenix")]
LIMITS = {1: "1", 2: "1/2", 3: "1/3"}
ROTA_WEEK = date(2026, 3, 9)
ZONES = [
    "Pacific/Honolulu", "America/Los_Angeles", "America/Denver", "America/Chicago",
    "America/New_York", "America/Sao_Paulo", "Atlantic/Azores", "Europe/London",
    "Europe/Berlin", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Kathmandu",
    "Asia/Bangkok", "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney",
    "Pacific/Auckland",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--efforts", default="8,40,160,800", help="effort hours")
    parser.add_argument("--sizes", default="4,8,16,32,64", help="rota team sizes")
    parser.add_argument("--min-people", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    estimate_table([Decimal(e) for e in args.efforts.split(",")])
    rota_table([int(n) for n in args.sizes.split(",")], args.min_people, args.seed)


def site_team(sites: int) -> list[Member]:
    return [Member(name, WorkingWeek(zone, time(9), time(17), WEEKDAYS))
            for name, zone in SITES[:sites]]  # fmt: skip


def _ratio(team, effort, start, overhead) -> float:
    result = estimate(team, effort, start, overhead)
    return result.chain_elapsed / result.solo_elapsed


def estimate_table(efforts: list[Decimal]) -> None:
    print("Follow-the-sun estimate: chain elapsed / best alone (8-hour days, sites 8 h apart)")
    print(f"{'sites':>5}{'effort h':>10}{'overhead':>10}{'chain h':>10}{'alone h':>10}"
          f"{'handoffs':>10}{'ratio':>8}{'mean/168':>10}{'limit':>7}")  # fmt: skip
    starts = [MONDAY + timedelta(hours=h) for h in range(168)]
    for sites in (1, 2, 3):
        team = site_team(sites)
        for effort in efforts:
            for minutes in (0, 30):
                overhead = timedelta(minutes=minutes)
                result = estimate(team, effort, MONDAY, overhead)
                mean = statistics.fmean(_ratio(team, effort, s, overhead) for s in starts)
                print(f"{sites:>5}{effort:>10}{minutes:>8} m"
                      f"{result.chain_elapsed / timedelta(hours=1):>10.1f}"
                      f"{result.solo_elapsed / timedelta(hours=1):>10.1f}"
                      f"{result.handoff_count:>10}{result.ratio:>8.3f}{mean:>10.3f}"
                      f"{LIMITS[sites]:>7}")  # fmt: skip


def generated_team(size: int, rng: random.Random) -> list[Member]:
    team = []
    for n in range(size):
        start = time(rng.randrange(6, 12), rng.choice([0, 30]))
        end = time((start.hour + 8) % 24, start.minute)
        days = frozenset(rng.sample(range(1, 8), rng.randrange(4, 7)))
        limit = rng.choice([None, rng.randrange(20, 41)])
        week = WorkingWeek(rng.choice(ZONES), start, end, days)
        team.append(Member(f"P{n:03d}", week, limit))
    return team


def rota_table(sizes: list[int], k: int, seed: int) -> None:
    rng = random.Random(seed)
    print(f"\nSupport rota, week of {ROTA_WEEK}, K = {k}: CP-SAT (1 worker) vs greedy")
    print(f"{'people':>6}{'CP-SAT s':>10}{'status':>9}{'greedy s':>10}{'ratio':>8}"
          f"{'nobody cp/gr':>14}{'below K cp/gr':>15}{'short cp/gr':>13}"
          f"{'max load cp/gr':>16}")  # fmt: skip
    for size in sizes:
        team = generated_team(size, rng)
        exact = rota(team, ROTA_WEEK, k, time_limit=60)
        greedy = greedy_rota(team, ROTA_WEEK, k)
        assert exact.objective <= greedy.objective, (exact.objective, greedy.objective)
        empty, below, short, most, _ = exact.objective
        g_empty, g_below, g_short, g_most, _ = greedy.objective
        print(f"{size:>6}{exact.seconds:>10.3f}{exact.status.value:>9}{greedy.seconds:>10.4f}"
              f"{exact.seconds / greedy.seconds:>7.0f}x{f'{empty}/{g_empty}':>14}"
              f"{f'{below}/{g_below}':>15}"
              f"{f'{short}/{g_short}':>13}{f'{most}/{g_most}':>16}")  # fmt: skip


if __name__ == "__main__":
    main()
