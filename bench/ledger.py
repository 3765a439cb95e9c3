"""Escrow releases per second: our service against raw SQL of the same transaction shape.

    python bench/ledger.py                       # PostgreSQL and SQLite, 1/8/32 clients
    python bench/ledger.py --backends sqlite --releases 400

Each release converts EUR to INR at the ECB rate, writes one transaction with four
postings, moves four cached balances under row locks, writes the disclosure,
updates the milestone and writes an audit record. The baseline does the same writes
through psycopg / sqlite3 directly, in one transaction per release, in the same
run on the same database. Clients are separate processes. Afterwards the ledger
check must pass. PostgreSQL is reached at BENCH_PG (default
postgres://postgres@127.0.0.1:5432); a fresh database is created and dropped.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_EVEN, Decimal

ON = date(2026, 6, 15)
AMOUNT_MINOR = 123_45


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="postgres,sqlite")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--releases", type=int, default=1600, help="releases per measurement")
    parser.add_argument("--worker", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_backend(args.worker, _clients(args.clients), args.releases)))
        return
    rows = []
    for backend in args.backends.split(","):
        out = subprocess.run([sys.executable, __file__, "--worker", backend, "--clients",
                              args.clients, "--releases", str(args.releases)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            sys.exit(f"{backend} run failed:\n{out.stderr[-3000:]}")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print_table(rows)


def _clients(text: str) -> list[int]:
    return [int(n) for n in text.split(",")]


def print_table(rows: list[dict]) -> None:
    print(f"{'database':<11}{'clients':>8}{'ours/s':>10}{'raw SQL/s':>11}{'ratio':>8}")
    for result in rows:
        for r in result["runs"]:
            print(f"{result['backend']:<11}{r['clients']:>8}{r['ours']:>10.0f}{r['raw']:>11.0f}"
                  f"{r['ours'] / r['raw']:>8.2f}")
        verdict = "hold" if result["ledger_ok"] else f"BROKEN: {result['violations']}"
        print(f"  {result['backend']}: {result['releases']} releases per cell; "
              f"ledger invariants after the run: {verdict}")


def run_backend(backend: str, clients: list[int], releases: int) -> dict:
    pg_admin, database_url = _database(backend)
    try:
        return _measure(backend, clients, releases, database_url)
    finally:
        if pg_admin:
            _drop(pg_admin, database_url.rsplit("/", 1)[1])


def _database(backend: str) -> tuple[str, str]:
    os.environ.update(SECRET_KEY="bench-only-secret", BORNGLOBAL_DATA_DIR=tempfile.mkdtemp())
    if backend == "sqlite":
        os.environ["DATABASE_URL"] = ""
        return "", ""
    import psycopg

    admin = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    name = f"bornglobal_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = f"{admin}/{name}"
    return admin, f"{admin}/{name}"


def _drop(admin: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _measure(backend: str, clients: list[int], releases: int, url: str) -> dict:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bornglobal.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from bornglobal.money import checks

    call_command("migrate", verbosity=0)
    world = _world()
    runs = []
    for count in clients:
        ours_ids = _funded_milestones(world, count, releases, "ours")
        raw_ids = _funded_milestones(world, count, releases, "raw")
        ours = _timed(count, ours_ids, _ours_client, world, backend)
        raw = _timed(count, raw_ids, _raw_client, world, backend)
        runs.append({"clients": count, "ours": releases / ours, "raw": releases / raw})
    violations = checks.run()
    return {"backend": backend, "releases": releases, "runs": runs,
            "ledger_ok": not violations, "violations": [v.message for v in violations][:5]}


def _world() -> dict:
    from bornglobal.domain.fx import convert
    from bornglobal.domain.money import Money
    from bornglobal.money import rates, services
    from bornglobal.tenancy.actors import Actor
    from bornglobal.tenancy.models import Membership, User, Venture

    founder = User.objects.create_user("bench@example.org", "x" * 12, full_name="Bench",
                                       country="DE")
    venture = Venture.objects.create(name="Bench GmbH", legal_country="DE", base_currency="EUR")
    Membership.objects.create(user=founder, venture=venture, role="owner")
    payee = User.objects.create_user("payee@example.org", "x" * 12, full_name="Payee",
                                     country="IN", currency="INR")
    actor = Actor(founder)
    services.deposit(actor, venture.id, Money(10**13, "EUR"), key="bench-deposit")
    conversion = convert(Money(AMOUNT_MINOR, "EUR"), "INR", ON, rates.current())
    return {"actor": actor, "venture": venture, "payee": payee, "conversion": conversion,
            "serial": [0]}


def _funded_milestones(world: dict, clients: int, releases: int, label: str) -> list[list[int]]:
    from bornglobal.domain.money import Money
    from bornglobal.money import services

    per_client = [releases // clients + (1 if i < releases % clients else 0)
                  for i in range(clients)]
    groups = []
    for size in per_client:
        world["serial"][0] += 1
        escrow = services.open_escrow(
            world["actor"], world["venture"].id, world["payee"].email,
            f"{label}-{world['serial'][0]}", "Bench contract",
            [services.MilestonePlan(f"m{i}", Money(AMOUNT_MINOR, "EUR")) for i in range(size)])
        ids = list(escrow.milestones.order_by("id").values_list("id", flat=True))
        for milestone_id in ids:
            services.fund_milestone(world["actor"], world["venture"].id, milestone_id,
                                    key=f"fund-{milestone_id}")
        groups.append(ids)
    return groups


def _timed(clients: int, groups: list[list[int]], target, world: dict, backend: str) -> float:
    from django.db import connections

    connections.close_all()
    context = mp.get_context("fork")
    start = context.Barrier(clients + 1)
    procs = [context.Process(target=target, args=(group, world, backend, start))
             for group in groups]
    for proc in procs:
        proc.start()
    start.wait()
    began = time.perf_counter()
    for proc in procs:
        proc.join()
    elapsed = time.perf_counter() - began
    if any(proc.exitcode for proc in procs):
        sys.exit("a client process failed")
    return elapsed


def _ours_client(milestones: list[int], world: dict, backend: str, start) -> None:
    from django.db import connections

    from bornglobal.money import services

    connections.close_all()
    start.wait()
    for milestone_id in milestones:
        services.release(world["actor"], world["venture"].id, milestone_id,
                         key=f"rel-{milestone_id}", on=ON)


def _raw_client(milestones: list[int], world: dict, backend: str, start) -> None:
    from django.db import connections

    from bornglobal.money import accounts
    from bornglobal.money.models import Escrow, Milestone

    connections.close_all()
    venture, payee = world["venture"], world["payee"]
    escrow = Escrow.objects.get(milestones__id=milestones[0])
    ids = {
        "escrow": accounts.escrow_account(escrow).id,
        "fx_eur": accounts.fx_clearing(venture, "EUR").id,
        "fx_inr": accounts.fx_clearing(venture, "INR").id,
        "payable": accounts.payable(venture, payee, "INR").id,
    }
    assert Milestone.objects.filter(id__in=milestones, state="funded").count() == len(milestones)
    connections.close_all()
    sql = RawSql(backend)
    start.wait()
    for milestone_id in milestones:
        sql.release(milestone_id, ids, world)
    sql.close()


class RawSql:
    """The same release, as plain SQL in one transaction: no framework."""

    def __init__(self, backend: str):
        self.backend = backend
        if backend == "sqlite":
            import sqlite3

            from django.conf import settings

            self.conn = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30,
                                        isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # the schema's CHECK constraints use REGEXP, which SQLite leaves to the client
            self.conn.create_function(
                "REGEXP", 2, lambda pattern, value: re.search(pattern, str(value)) is not None,
                deterministic=True)
            self.mark, self.lock = "?", ""
        else:
            import psycopg

            self.conn = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
            self.mark, self.lock = "%s", " FOR UPDATE"

    def q(self, statement: str) -> str:
        return statement.replace("%s", self.mark)

    def release(self, milestone_id: int, ids: dict, world: dict) -> None:
        conversion, venture = world["conversion"], world["venture"]
        rate = conversion.rate
        net, paid = conversion.source.minor, conversion.target.minor
        now = datetime.now(UTC).isoformat()
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE" if self.backend == "sqlite" else "BEGIN")
        cur.execute(self.q("SELECT id, released_minor FROM money_milestone WHERE id = %s"
                           + self.lock), (milestone_id,))
        order = sorted(ids.values())
        cur.execute(self.q(f"SELECT id, balance_minor FROM money_account WHERE id IN "
                           f"({','.join(['%s'] * len(order))}) ORDER BY id" + self.lock), order)
        cur.fetchall()
        cur.execute(self.q(
            "INSERT INTO money_ledgertransaction (venture_id, idempotency_key, fingerprint, "
            "kind, memo, occurred_at, created_by_id, milestone_id, fx_base, fx_quote, fx_rate, "
            "fx_source, fx_date) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id"),
            (venture.id, f"raw-{milestone_id}", "raw", "release", "raw release", now,
             world["actor"].user.id, milestone_id, "EUR", "INR",
             str(rate.value.quantize(Decimal("1e-12"), ROUND_HALF_EVEN)), rate.source,
             rate.used.isoformat()))
        txn = cur.fetchone()[0]
        legs = [(ids["escrow"], AMOUNT_MINOR, "EUR"), (ids["fx_eur"], -net, "EUR"),
                (ids["fx_inr"], paid, "INR"), (ids["payable"], -paid, "INR")]
        cur.executemany(self.q("INSERT INTO money_posting (transaction_id, account_id, "
                               "amount_minor, currency) VALUES (%s,%s,%s,%s)"),
                        [(txn, account, amount, currency) for account, amount, currency in legs])
        cur.executemany(self.q("UPDATE money_account SET balance_minor = balance_minor + %s "
                               "WHERE id = %s"), [(amount, account) for account, amount, _ in legs])
        cur.execute(self.q(
            "INSERT INTO money_disclosure (transaction_id, payee_id, gross_minor, fee_minor, "
            "net_minor, currency, paid_minor, paid_currency, mid_market_rate, applied_rate, "
            "rate_source, rate_date, rate_note, fees, created_at) VALUES "
            "(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"),
            (txn, world["payee"].id, AMOUNT_MINOR, 0, net, "EUR", paid, "INR",
             str(rate.value.quantize(Decimal("1e-12"))), str(rate.value.quantize(
                 Decimal("1e-12"))), rate.source, rate.used.isoformat(), "raw", "[]", now))
        cur.execute(self.q("UPDATE money_milestone SET released_minor = released_minor + %s, "
                           "state = 'settled' WHERE id = %s"), (AMOUNT_MINOR, milestone_id))
        cur.execute(self.q(
            "INSERT INTO tenancy_auditevent (actor_id, actor_label, venture_id, action, "
            "object_type, object_id, summary, created_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)"),
            (world["actor"].user.id, "bench", venture.id, "escrow.release", "milestone",
             str(milestone_id), "{}", now))
        cur.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


if __name__ == "__main__":
    main()
