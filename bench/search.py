"""Talent search latency: our engine against a naive full scan, on one database.

    python bench/search.py --database-url /path/to/bornglobal.sqlite3
    python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/bornglobal_large

Run it on a database seeded with `bornglobal seed --size large` (1,000,000 profiles).
It sends `--queries` (default 200) typical searches through `network.search.search`,
the code the page and the API run, and times each:

- "filters": one or two skills (drawn from real profiles' postings) + at least N
  hours of overlap with a viewer's 09:00-17:00 window (Berlin, New York, Kolkata or
  Lagos) on a date in March 2026 + a rate range in EUR, sorted by relevance;
- "text": a founder's free text ("Python backend developer", "Shopify store", ...),
  sometimes with a region, sorted by relevance.

The first query of the process (loading the ESCO phrase index, about a second) is
sent before timing starts. Per-pattern overlap hours are computed on the first query
for each (viewer window, date) and cached: those cold queries are timed like the rest.

Without a large seed at hand, `--grow-to N` first grows a seeded database (e.g. the
small demo) to N profiles by copying its profiles, with their users, skills and
languages, with jittered rates, reputations and levels (a scratch database only).

Baseline, in the same run: the same query as a naive full scan in Python. One SQL
statement streams every profile joined with all its skills (no WHERE, no index use),
and each row is checked against the same filters (country, pattern overlap, rate range
converted per currency, skills, headline words) and scored with the same formula; the
best are sorted. It is slow, so only the first `--baseline-queries` (default 10) of
each type are run through it. For those, the table also reports how many of our top
ten are the scan's top ten (our engine re-ranks a bounded pool, see `network.search`).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from datetime import time as clock_time
from decimal import Decimal
from pathlib import Path

TEXTS = (
    "Python backend developer", "React frontend developer", "firmware for IoT devices",
    "Shopify store manager", "translate legal documents into Spanish", "bookkeeping and payroll",
    "video editing for social media", "UX designer for a mobile app", "DevOps with Kubernetes",
    "machine learning engineer", "SEO and content marketing", "customer support agent",
    "PHP and WordPress developer", "graphic design and branding", "data analyst SQL",
    "iOS developer Swift", "textile designer", "3D animation", "accountant for e-commerce",
    "penetration testing and cyber security",
)
REGIONS = ("", "", "Europe", "Western Africa", "Southern Asia", "Latin America and the Caribbean")
VIEWERS = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Africa/Lagos")
DAYS = (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 30))


def setup(database_url: str) -> None:
    if "://" not in database_url:
        database_url = f"sqlite:///{Path(database_url).resolve()}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopq")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bornglobal.settings")
    import django

    django.setup()


def plan_queries(count: int, seed: int) -> list[tuple[str, object]]:
    from bornglobal.network.models import Profile, ProfileSkill
    from bornglobal.network.search_query import SearchQuery

    rng = random.Random(seed)
    top = Profile.objects.order_by("-id").values_list("id", flat=True).first() or 0
    queries = []
    for n in range(count):
        if n % 2 == 0:
            skills = []
            while not skills:
                start = rng.randrange(1, top + 1)
                held = list(ProfileSkill.objects.filter(profile_id__gte=start)
                            .order_by("profile_id").values_list("skill_id", flat=True)[:6])
                skills = rng.sample(held, k=min(len(held), rng.choice((1, 2))))
            low = rng.choice((10, 20, 30))
            queries.append(("filters", SearchQuery(
                skill_ids=tuple(sorted(set(skills))), window_zone=rng.choice(VIEWERS),
                window_start=clock_time(9), window_end=clock_time(17), on=rng.choice(DAYS),
                min_overlap=Decimal(rng.choice((2, 3, 4))), rate_min=Decimal(low),
                rate_max=Decimal(low + rng.choice((30, 50, 80))),
            )))
        else:
            queries.append(("text", SearchQuery(
                text=rng.choice(TEXTS), region=rng.choice(REGIONS), on=rng.choice(DAYS),
            )))
    return queries


def viewer():
    from bornglobal.tenancy.actors import Actor
    from bornglobal.tenancy.models import User

    user = (User.objects.filter(is_freelancer=False, currency="EUR").order_by("id").first()
            or User.objects.order_by("id").first())
    user.currency = "EUR"
    return Actor(user)


def timed(function, *args) -> tuple[float, object]:
    started = time.perf_counter()
    answer = function(*args)
    return (time.perf_counter() - started) * 1000, answer


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def naive_scan(actor, query) -> list[int]:
    """The same query answered by streaming every profile with all its skills."""
    from django.db import connection

    from bornglobal.domain import regions
    from bornglobal.domain.money import Money
    from bornglobal.money import rates
    from bornglobal.network import search as engine
    from bornglobal.network import search_filters as filters
    from bornglobal.network import search_rank as rank

    week = engine.viewer_week(actor, query)
    on = query.on
    wanted = engine._wanted_skills(query)
    terms = rank.headline_terms(query.text)
    countries = regions.countries_in(query.region) if query.region else None
    hours = filters.overlap_by_pattern(week, on) if query.min_overlap else None
    chain = rates.current()
    factors: dict[str, Decimal | None] = {}
    scored = []
    sql = (
        "SELECT p.id, p.country, p.pattern_id, p.currency, p.rate_minor, p.reputation, "
        "p.headline, p.listed, s.skill_id, s.level, s.years FROM network_profile p "
        "LEFT JOIN network_profileskill s ON s.profile_id = p.id ORDER BY p.id"
    )

    def judge(row, held):
        pid, country, pattern, currency, minor, reputation, headline, listed = row
        if not listed or (countries is not None and country not in countries):
            return
        if hours is not None and hours.get(pattern, Decimal(0)) < query.min_overlap:
            return
        if query.rate_min is not None or query.rate_max is not None:
            if currency not in factors:
                rate = filters.rate_between(chain, currency, actor.user.currency, on)
                factors[currency] = rate.value if rate else None
            if factors[currency] is None:
                return
            value = Money(minor, currency).to_decimal() * factors[currency]
            if (query.rate_min is not None and value < query.rate_min) or (
                query.rate_max is not None and value > query.rate_max
            ):
                return
        matches = rank.matches_for(wanted, held)
        hits = rank.headline_hits(headline, terms)
        if (wanted or terms) and not (matches or hits):
            return
        scored.append((-rank.relevance(matches, hits), -Decimal(reputation), pid))

    with connection.cursor() as cursor:
        cursor.execute(sql)
        current, held = None, []
        while chunk := cursor.fetchmany(10_000):
            for row in chunk:
                if current is None or row[0] != current[0]:
                    if current is not None:
                        judge(current, held)
                    current, held = row[:8], []
                if row[8] is not None:
                    held.append((row[8], row[9], row[10]))
        if current is not None:
            judge(current, held)
    scored.sort()
    return [pid for _, _, pid in scored[: query.limit]]


GROW_TABLES = ("tenancy_user", "network_profile", "network_profileskill",
               "network_profilelanguage")


def _rows(cursor, sql: str) -> tuple[list[str], list[tuple]]:
    cursor.execute(sql)
    return [d[0] for d in cursor.description], cursor.fetchall()


def _insert(cursor, table: str, columns: list[str], rows: list[list]) -> None:
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def grow(target: int, seed: int) -> None:
    """Copy the seeded profiles (users, skills, languages) until there are `target`."""
    from django.db import connection, transaction

    rng = random.Random(seed)
    cursor = connection.cursor()
    user_cols, users = _rows(cursor, "SELECT * FROM tenancy_user WHERE id IN "
                             "(SELECT user_id FROM network_profile)")
    users = {row[0]: row for row in users}
    prof_cols, profiles = _rows(cursor, "SELECT * FROM network_profile ORDER BY id")
    skill_cols, skills = _rows(cursor, "SELECT * FROM network_profileskill")
    lang_cols, languages = _rows(cursor, "SELECT * FROM network_profilelanguage")
    held: dict[int, list] = {}
    for row in skills:
        held.setdefault(row[skill_cols.index("profile_id")], []).append(row)
    spoken: dict[int, list] = {}
    for row in languages:
        spoken.setdefault(row[lang_cols.index("profile_id")], []).append(row)
    next_id = {}
    for table in GROW_TABLES:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        next_id[table] = cursor.fetchone()[0] + 1
    have = len(profiles)
    at = prof_cols.index
    while have < target:
        batch = {table: [] for table in GROW_TABLES}
        for _ in range(min(20_000, target - have)):
            template = rng.choice(profiles)
            user = list(users[template[at("user_id")]])
            uid = user[0] = next_id["tenancy_user"]
            next_id["tenancy_user"] += 1
            user[user_cols.index("email")] = f"scratch{uid}@bench.example"
            batch["tenancy_user"].append(user)
            profile = list(template)
            pid = profile[0] = next_id["network_profile"]
            next_id["network_profile"] += 1
            profile[at("user_id")] = uid
            profile[at("rate_minor")] = max(1, template[at("rate_minor")] * rng.randrange(80, 125)
                                            // 100)
            jitter = Decimal(rng.randrange(-100, 100)) / 10
            reputation = Decimal(str(template[at("reputation")])).quantize(Decimal("0.1")) + jitter
            profile[at("reputation")] = str(min(Decimal(100), max(Decimal(0), reputation)))
            batch["network_profile"].append(profile)
            for row in held.get(template[0], []):
                copy = list(row)
                copy[0] = next_id["network_profileskill"]
                next_id["network_profileskill"] += 1
                copy[skill_cols.index("profile_id")] = pid
                for copied in ("rate_minor", "reputation"):  # postings carry the profile's
                    copy[skill_cols.index(copied)] = profile[at(copied)]
                copy[skill_cols.index("level")] = max(1, min(5, row[skill_cols.index("level")]
                                                           + rng.choice((-1, 0, 0, 1))))
                batch["network_profileskill"].append(copy)
            for row in spoken.get(template[0], []):
                copy = list(row)
                copy[0] = next_id["network_profilelanguage"]
                next_id["network_profilelanguage"] += 1
                copy[lang_cols.index("profile_id")] = pid
                batch["network_profilelanguage"].append(copy)
            have += 1
        with transaction.atomic():
            for table, columns in zip(GROW_TABLES, (user_cols, prof_cols, skill_cols, lang_cols),
                                      strict=True):
                _insert(cursor, table, columns, batch[table])
        print(f"  grown to {have:,} profiles", file=sys.stderr)
    if connection.vendor == "postgresql":
        for table in GROW_TABLES:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT MAX(id) FROM {table}))")
    cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="SQLite path or PostgreSQL URL")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--baseline-queries", type=int, default=10, help="per query type")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--grow-to", type=int, default=0, help="scratch databases only")
    parser.add_argument("--slowest", type=int, default=0,
                        help="also list the N slowest queries (to standard error)")
    args = parser.parse_args()
    setup(args.database_url)
    if args.grow_to:
        grown = time.perf_counter()
        grow(args.grow_to, args.seed)
        print(f"grown in {time.perf_counter() - grown:.0f} s", file=sys.stderr)
    from dataclasses import replace

    from django.db import connection

    from bornglobal.network.models import Profile
    from bornglobal.network.search import search

    actor = viewer()
    profiles = Profile.objects.count()
    started = time.perf_counter()
    queries = plan_queries(args.queries, args.seed)
    print(f"{connection.vendor}: {profiles:,} profiles; {len(queries)} queries planned in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    warm, _ = timed(search, actor, replace(queries[1][1], text="warm up python"))
    print(f"first query (loads the ESCO phrase index): {warm:.0f} ms", file=sys.stderr)
    ours: dict[str, list[float]] = {}
    answers = []
    for kind, query in queries:
        spent, page = timed(search, actor, replace(query, limit=10))
        ours.setdefault(kind, []).append(spent)
        answers.append((kind, query, [item.profile_id for item in page.items], spent))
    for kind, query, _found, spent in sorted(answers, key=lambda a: -a[3])[: args.slowest]:
        print(f"  slow {kind} {spent:.0f} ms: {query}", file=sys.stderr)
    naive: dict[str, list[float]] = {}
    agree: dict[str, list[float]] = {}
    for kind, query, found, _spent in answers:
        if len(naive.get(kind, [])) >= args.baseline_queries:
            continue
        spent, exact = timed(naive_scan, actor, replace(query, limit=10))
        naive.setdefault(kind, []).append(spent)
        agree.setdefault(kind, []).append(
            len(set(found) & set(exact)) / len(exact) if exact else 1.0
        )
        print(f"  baseline {kind} {len(naive[kind])}: {spent:.0f} ms", file=sys.stderr)
    print_table(connection.vendor, profiles, ours, naive, agree)


def print_table(vendor, profiles, ours, naive, agree) -> None:
    print(f"\n{vendor}, {profiles:,} profiles")
    head = (f"{'database':<11}{'query type':<11}{'n':>5}{'ours p50':>10}{'ours p95':>10}"
            f"{'scan n':>8}{'scan p50':>10}{'scan p95':>10}{'ratio p50':>11}{'top-10 same':>13}")
    print(head)
    for kind in sorted(ours):
        mine, scan = ours[kind], naive.get(kind, [])
        ratio = statistics.median(scan) / statistics.median(mine) if scan else float("nan")
        print(f"{vendor:<11}{kind:<11}{len(mine):>5}{percentile(mine, .5):>10.1f}"
              f"{percentile(mine, .95):>10.1f}{len(scan):>8}"
              f"{percentile(scan, .5) if scan else 0:>10.0f}"
              f"{percentile(scan, .95) if scan else 0:>10.0f}{ratio:>10.0f}x"
              f"{statistics.mean(agree.get(kind, [1])):>12.0%}")
    everything = [v for values in ours.values() for v in values]
    print(f"{vendor:<11}{'all':<11}{len(everything):>5}{percentile(everything, .5):>10.1f}"
          f"{percentile(everything, .95):>10.1f}   (ms)")


if __name__ == "__main__":
    main()
