"""A large support rota: 200 people, K = 5, all 168 hours of a week, CP-SAT against greedy.

    python bench/rota.py                       # 200 people, K = 5, 20 s limit
    python bench/rota.py --people 200 --min-people 5 --time-limit 20 --seed 7

The team is generated as in bench/clock.py (zones round the world, 8-hour local days
on 4-6 random weekdays, half with a 20-40 hour weekly maximum); the week is the one
from 2026-03-09 (the US has changed its clocks, the EU not yet). CP-SAT (one worker,
`domain.rota.rota`) runs under the time limit against the greedy baseline
(`greedy_rota`, least-loaded free people hour by hour) in the same run. For each aim,
in the order CP-SAT takes them, the table prints CP-SAT's value, its proven lower
bound (`Rota.bounds`; equal to the value when proved), greedy's value and the ratio
greedy / CP-SAT. The water level is the least L with sum over people of min(L, weekly
maximum, hours they can take) at least the person-hours rostered: a lower bound on the
maximum load, recomputed here from the rota; CP-SAT is given the same bound as a
redundant constraint before its load stage, which lets it stop as soon as it reaches it.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from clock import generated_team  # bench/clock.py

from bornglobal.domain.rota import greedy_rota, rota

WEEK = date(2026, 3, 9)
AIMS = ("hours with nobody", "hours below K", "person-hours short", "max load", "spread")


def water_level(result) -> int:
    """The least maximum load that can hold the rostered person-hours (a lower bound)."""
    rostered = sum(load.hours for load in result.loads)
    room = [min(load.could_take, load.max_weekly_hours if load.max_weekly_hours is not None
                else load.could_take) for load in result.loads]  # fmt: skip
    level = 0
    while sum(min(level, r) for r in room) < rostered:
        level += 1
    return level


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--min-people", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    team = generated_team(args.people, random.Random(args.seed))
    exact = rota(team, WEEK, args.min_people, time_limit=args.time_limit)
    greedy = greedy_rota(team, WEEK, args.min_people)
    print(f"Support rota: {args.people} people, K = {args.min_people}, 168 UTC hours from "
          f"{WEEK}, CP-SAT limit {args.time_limit:g} s (1 worker), seed {args.seed}")  # fmt: skip
    print(f"CP-SAT: {exact.status.value} in {exact.seconds:.2f} s;  "
          f"greedy: {greedy.seconds:.3f} s;  time ratio CP-SAT / greedy "
          f"{exact.seconds / greedy.seconds:.0f}x")  # fmt: skip
    print(f"\n{'aim':<20}{'CP-SAT':>8}{'bound':>8}{'greedy':>8}{'greedy/CP-SAT':>15}")
    bounds = list(exact.bounds) + [None] * (len(AIMS) - len(exact.bounds))
    for aim, ours, bound, theirs in zip(AIMS, exact.objective, bounds, greedy.objective,
                                        strict=True):  # fmt: skip
        ratio = f"{theirs / ours:.3f}" if ours else ("=" if theirs == ours else "inf")
        shown = "-" if bound is None else str(bound)
        print(f"{aim:<20}{ours:>8}{shown:>8}{theirs:>8}{ratio:>15}")
    print(f"\nmax-load water level: {water_level(exact)} h; uncovered hours CP-SAT "
          f"{len(exact.uncovered)}, greedy {len(greedy.uncovered)}; CP-SAT never worse in "
          f"the aims' order: {'yes' if exact.objective <= greedy.objective else 'NO'}")


if __name__ == "__main__":
    main()
