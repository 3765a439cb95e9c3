"""Team formation: the fast solver against CP-SAT on every eligible candidate, same instances.

    python bench/teams.py                         # 1k, 10k, 100k and 1M candidates
    python bench/teams.py --sizes 1000,10000 --cpsat-limit 30

Each instance is generated from a seed: 6 roles (7 places: backend needs two) with
ESCO-like skills, 40-160 hours each and a minimum rating of 4.0; candidates with
two to five skills at levels 1-5, ratings 3.0-5.0, 20-200 free hours, rates drawn
around a market rate in EUR and quoted in one of 12 currencies (JPY and KRW with
no decimals, KWD and BHD with three), in every IANA time zone the system knows,
working 8 or 9 hours starting between 06:00 and 11:30 local (one in ten on a night
shift); all 24 UTC hours of 2026-03-09 (the day after the US clocks change) must
be covered by at least one team member, within a budget.

For each size the table gives:

- read: `load_instance` on the JSON text (decoding plus validation), the same
  for both solvers and not part of either solver's time;
- fast: `solve(...)` (eligibility, dominance pruning, CP-SAT on what is left), its
  cost, the options left after pruning, and its gap to the proven lower bound;
- CP-SAT: `solve(..., exact=True)`, CP-SAT on every eligible (role, candidate)
  pair, with `--cpsat-limit` seconds (default 60), its status and cost;
- the time ratio (CP-SAT / fast) and the cost ratio (fast / CP-SAT).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from zoneinfo import available_timezones

SKILLS = (
    "python",
    "postgresql",
    "javascript",
    "css",
    "figma",
    "kubernetes",
    "linux",
    "sql",
    "testing",
    "react",
    "go",
    "terraform",
)
ROLES = (
    {"id": "backend", "skills": {"python": 3, "postgresql": 2}, "hours": 160, "count": 2},
    {"id": "frontend", "skills": {"javascript": 3, "css": 2}, "hours": 120, "count": 1},
    {"id": "designer", "skills": {"figma": 3}, "hours": 60, "count": 1},
    {"id": "devops", "skills": {"kubernetes": 3, "linux": 2}, "hours": 80, "count": 1},
    {"id": "data", "skills": {"sql": 3, "python": 2}, "hours": 100, "count": 1},
    {"id": "qa", "skills": {"testing": 3}, "hours": 40, "count": 1},
)
# instance currency EUR per one unit of the candidate's currency
FX = {
    "USD": "0.92",
    "GBP": "1.17",
    "INR": "0.0109",
    "BRL": "0.167",
    "JPY": "0.0061",
    "KRW": "0.00068",
    "KWD": "2.99",
    "BHD": "2.44",
    "NGN": "0.00059",
    "PHP": "0.0161",
    "PLN": "0.232",
}
EXPONENT = {
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "INR": 2,
    "BRL": 2,
    "JPY": 0,
    "KRW": 0,
    "KWD": 3,
    "BHD": 3,
    "NGN": 2,
    "PHP": 2,
    "PLN": 2,
}
DATE = "2026-03-09"


def generate(size: int, seed: int) -> dict:
    rng = random.Random(seed)
    zones = sorted(available_timezones())
    currencies = sorted(EXPONENT)
    candidates = []
    for index in range(size):
        currency = rng.choice(currencies)
        eur_per_hour = rng.uniform(12, 110)
        per_unit = 1.0 if currency == "EUR" else float(FX[currency])
        rate_minor = round(eur_per_hour / per_unit * 10 ** EXPONENT[currency])
        start = rng.randrange(12, 24) * 30 if rng.random() > 0.1 else rng.randrange(36, 48) * 30
        length = rng.choice((480, 540))
        candidates.append(
            {
                "id": f"c{index}",
                "skills": {s: rng.randint(1, 5) for s in rng.sample(SKILLS, rng.randint(2, 5))},
                "rate_minor": rate_minor,
                "currency": currency,
                "rating": rng.randint(30, 50) / 10,
                "zone": zones[index % len(zones)] if index < len(zones) else rng.choice(zones),
                "work_start": _clock(start),
                "work_end": _clock(start + length),
                "available_hours": rng.choice((20, 40, 80, 120, 160, 200)),
            }
        )
    return {
        "currency": "EUR",
        "date": DATE,
        "budget_minor": 15_000_000,
        "max_team_size": 8,
        "min_rating": 4.0,
        "coverage": {"hours_utc": list(range(24)), "min_people": 1},
        "fx": FX,
        "roles": list(ROLES),
        "candidates": candidates,
    }


def _clock(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def measure(size: int, seed: int, cpsat_limit: float, fast_limit: float) -> dict:
    from bornglobal.domain.teams import load_instance, solve
    from bornglobal.domain.teams_options import role_options
    from bornglobal.domain.teams_prune import prune

    text = json.dumps(generate(size, seed))
    began = time.perf_counter()
    instance = load_instance(text)
    read = time.perf_counter() - began
    del text
    fast = solve(instance, time_limit=fast_limit)
    exact = solve(instance, exact=True, time_limit=cpsat_limit)
    options = role_options(instance)
    return {
        "size": size,
        "read": read,
        "fast": fast,
        "exact": exact,
        "eligible": sum(len(o) for o in options),
        "pruned": sum(len(prune(o, instance.team_size)) for o in options),
    }


def _cost(result) -> str:
    return "-" if result.cost_minor is None else f"{result.cost_minor / 100:,.2f}"


def print_table(rows: list[dict]) -> None:
    head = (
        f"{'candidates':>10}{'read s':>8}{'eligible':>9}{'pruned':>7}{'fast s':>8}"
        f"{'fast EUR':>12}{'gap':>7}{'CP-SAT s':>9}{'status':>10}{'CP-SAT EUR':>12}"
        f"{'time x':>8}{'cost':>8}"
    )
    print(head)
    for row in rows:
        fast, exact = row["fast"], row["exact"]
        gap = "-" if fast.gap is None else f"{fast.gap:.2%}"
        both = fast.cost_minor and exact.cost_minor
        cost_ratio = f"{fast.cost_minor / exact.cost_minor:.4f}" if both else "-"
        print(
            f"{row['size']:>10,}{row['read']:>8.1f}{row['eligible']:>9,}{row['pruned']:>7,}"
            f"{fast.seconds:>8.2f}{_cost(fast):>12}{gap:>7}{exact.seconds:>9.2f}"
            f"{exact.status.value:>10}{_cost(exact):>12}{exact.seconds / fast.seconds:>8.1f}"
            f"{cost_ratio:>8}"
        )
    print("fast status: " + ", ".join(f"{r['size']:,} {r['fast'].status.value}" for r in rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cpsat-limit", type=float, default=60.0, help="seconds for CP-SAT")
    parser.add_argument("--fast-limit", type=float, default=10.0, help="seconds for the fast")
    args = parser.parse_args()
    rows = []
    for size in (int(n) for n in args.sizes.split(",")):
        rows.append(measure(size, args.seed, args.cpsat_limit, args.fast_limit))
        row = rows[-1]
        print(
            f"  {size:,}: read {row['read']:.1f} s, fast {row['fast'].seconds:.2f} s, "
            f"CP-SAT {row['exact'].seconds:.2f} s",
            file=sys.stderr,
        )
    print_table(rows)


if __name__ == "__main__":
    main()
