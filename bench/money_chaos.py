"""Money under chaos: API clients race, retry and duplicate money writes while the server is
killed with SIGKILL and restarted; afterwards every acknowledged write must be in the books
exactly once and the books must balance.

    python bench/money_chaos.py --db postgres            # 16 clients, 60 s, one kill -9
    python bench/money_chaos.py --db sqlite --seconds 90 --kills 2 --seed 7

It creates its own database (PostgreSQL `bg_chaos_<pid>` at CHAOS_PG, default
postgres://postgres@127.0.0.1:5432; or SQLite in a temporary data directory; both removed
afterwards unless --keep), migrates it and loads a small world through the services
(ventures with a founder's venture token, billing details and a customer; payees with
freelancer-scoped tokens). It serves with `bornglobal serve --workers 2` (gunicorn). Founder
clients deposit, open escrows, fund, release, refund, open and resolve disputes, pay out,
fail payout lines, issue invoices and record their payments; payee clients open disputes on
their own milestones and read what they are owed. Every write has an idempotency key (where
the endpoint takes one); a client retries with the same key after a timeout, a dropped
connection or a 5xx, sometimes sends the same request from 2-3 threads at once, and
sometimes reuses a key for a different request (which must be refused). Mid-run the gunicorn
master and workers get SIGKILL and the server is started again. At the end it runs
`bornglobal ledger check` on the same database and checks, through the ORM, that each
acknowledged write is in the books (or the key table) exactly once and is what was asked,
that no refused write left a trace, and that wallets, escrows, payables, bank clearing and
invoice payments equal the sums of the acknowledged operations. The last line is the
summary; the exit status is 1 on any server error or invariant violation. The request
shapes live in `Ops` (`money_chaos_clients.py`, one method per endpoint, adapting to the
OpenAPI document); the checks in `money_chaos_books.py`.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from money_chaos_books import check_books  # noqa: E402
from money_chaos_clients import Ops, Run  # noqa: E402

PAYEE_CURRENCIES = ["EUR", "INR", "USD", "JPY", "EUR", "GBP"]
TWIN_CODES_OK = {"idempotency_key_in_flight", "request_in_progress"}  # a twin may be told so


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--kills", type=int, default=1)
    parser.add_argument("--ventures", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--keep", action="store_true",
                        help="keep the database, the server log and chaos_records.jsonl")
    args = parser.parse_args()
    random.seed(args.seed)
    admin_url, db_name = _database(args.db)
    try:
        world = _load_world(args)
        server = Server(args.port or _free_port())
        try:
            server.start()
            run = Run(world, Ops.from_schema(server.get_json("/api/v1/openapi.json")), server)
            run.go(args.clients, args.seconds, args.kills, args.seed)
        finally:
            server.stop()
        ledger = subprocess.run(
            [sys.executable, "-m", "bornglobal", "ledger", "check", "--json"],
            capture_output=True, text=True, env=os.environ.copy(), check=False,
        )
        books = check_books(run.records)
        _save(run.records)
        return report(args, run, ledger, books)
    finally:
        if args.keep:
            print(f"kept: {os.environ['BORNGLOBAL_DATA_DIR']} {db_name}", file=sys.stderr)
        else:
            _drop(admin_url, db_name)
            shutil.rmtree(os.environ["BORNGLOBAL_DATA_DIR"], ignore_errors=True)


def _save(records) -> None:
    """Every operation, its key, request and answers, one JSON line each."""
    path = Path(os.environ["BORNGLOBAL_DATA_DIR"]) / "chaos_records.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps({"kind": r.kind, "key": r.key, "venture": r.venture,
                                  "request": r.request, "twins": r.twins, "probe_of": r.probe_of,
                                  "outcome": r.outcome, "answers": r.answers,
                                  "retries": r.retries, "server_errors": r.server_errors},
                                 default=str) + "\n")


# The database and the world


def _database(kind: str) -> tuple[str, str]:
    data_dir = tempfile.mkdtemp(prefix="bg-chaos-")
    os.environ.update(
        SECRET_KEY="chaos-bench-only-" + "x" * 40,
        BORNGLOBAL_DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="bornglobal.settings",
        BORNGLOBAL_LOG_LEVEL="WARNING",
    )
    if kind == "sqlite":
        os.environ["DATABASE_URL"] = ""
        print(f"database: SQLite in {data_dir}", file=sys.stderr)
        return "", ""
    import psycopg

    admin = os.environ.get("CHAOS_PG", "postgres://postgres@127.0.0.1:5432")
    name = f"bg_chaos_{os.getpid()}"
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    os.environ["DATABASE_URL"] = f"{admin}/{name}"
    print(f"database: PostgreSQL {name}", file=sys.stderr)
    return admin, name


def _drop(admin: str, name: str) -> None:
    if not admin:
        return
    import psycopg

    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _load_world(args) -> dict:
    """Ventures (EUR and USD) with an owner, a venture token, billing details and a customer;
    payees in six currencies, each with a freelancer-scoped token, the EUR ones with an IBAN."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from bornglobal.invoicing import services as invoicing
    from bornglobal.money import payouts
    from bornglobal.tenancy import services
    from bornglobal.tenancy.actors import Actor
    from bornglobal.tenancy.models import Membership, User, Venture

    call_command("migrate", verbosity=0)
    world = {"ventures": [], "payees": []}
    for n, currency in enumerate(PAYEE_CURRENCIES):
        payee = User.objects.create_user(
            f"payee{n}@chaos.example", "x" * 16, full_name=f"Payee {n}", country="PT",
            currency=currency, is_freelancer=True,
        )
        if currency == "EUR":
            payouts.save_payout_details(
                Actor(payee), f"Payee {n}", "DE89 3704 0044 0532 0130 00", "COBADEFFXXX"
            )
        token = services.issue_token(Actor(payee), "chaos").secret
        world["payees"].append({"id": payee.id, "email": payee.email, "token": token,
                                "currency": currency})
    for n in range(args.ventures):
        founder = User.objects.create_user(
            f"founder{n}@chaos.example", "x" * 16, full_name=f"Founder {n}", country="DE"
        )
        venture = Venture.objects.create(
            name=f"Chaos {n}", legal_country="DE", base_currency="EUR" if n % 2 == 0 else "USD"
        )
        Membership.objects.create(user=founder, venture=venture, role="owner")
        token = services.issue_token(Actor(founder), "chaos", venture.id).secret
        invoicing.set_venture_billing(Actor(founder), venture.id, legal_name=f"Chaos {n} GmbH",
                                      address="Torstraße 1\n10119 Berlin")
        customer = invoicing.add_customer(Actor(founder), venture.id, name=f"Customer {n}",
                                          country="DE")
        world["ventures"].append({"id": venture.id, "currency": venture.base_currency,
                                  "token": token, "customer": customer.id})
    connections.close_all()
    return world


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`bornglobal serve` with 2 gunicorn workers; `kill9` kills the master and workers."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.log = open(Path(os.environ["BORNGLOBAL_DATA_DIR"]) / "server.log", "ab")  # noqa: SIM115

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bornglobal", "serve", "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=self.log, stderr=self.log, env=os.environ.copy(),
        )
        deadline = time.monotonic() + 600  # a loaded 2-core machine boots Django slowly
        while time.monotonic() < deadline:
            try:  # any answer will do: 401 for no token
                self.get_json("/api/v1/me", timeout=5)
                return
            except (OSError, http.client.HTTPException, ValueError):
                time.sleep(0.1)
        raise SystemExit("the server did not come up; see server.log in the data dir")

    def get_json(self, path: str, timeout: float = 300):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            return json.loads(conn.getresponse().read())
        finally:
            conn.close()

    def kill9(self) -> int:
        master = self.proc.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        for pid in [master, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.proc.wait()
        for pid in workers:  # the workers are the master's children, not ours: wait them out
            while Path(f"/proc/{pid}").exists():
                time.sleep(0.05)
        return len(workers)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill9()


# The report


def report(args, run: Run, ledger, books: dict) -> int:
    recs = [r for r in run.records if r.kind != "read"]
    server_errors = [(r, e) for r in run.records for e in r.server_errors]
    unresolved = [r for r in run.records if r.outcome == "unresolved"]
    violations = list(books["violations"])
    if ledger.returncode != 0:
        violations.append(f"ledger check failed: {ledger.stdout.strip()[:2000]} "
                          f"{ledger.stderr.strip()[-500:]}")
    no_key, retried = collections.Counter(), collections.Counter()
    twins_first_refused = collections.Counter()
    for r in recs:
        keyless = (r.kind == "escrow" and not run.ops.escrow_key) or (
            r.kind.endswith("dispute") and not run.ops.dispute_key) or (
            r.kind == "payment" and not run.ops.payment_key)
        answers = [a for a in r.answers if a is not None]
        statuses = {a[0] < 300 for a in answers}
        codes = {a[1].get("code") for a in answers if a[0] >= 300 and isinstance(a[1], dict)}
        if r.twins > 1 and len(statuses) > 1 and keyless:
            no_key[f"{r.kind} twins: one opened, the others refused {sorted(codes)}"] += 1
        elif r.twins > 1 and len(statuses) > 1 and not codes <= TWIN_CODES_OK:
            # A refusal binds no key: a twin refused before the other succeeded is a fair
            # interleaving (the state changed between them); refused after it is not.
            done = [t for a, t in zip(r.answers, r.ended, strict=True) if a and a[0] < 300]
            told = [(a[0], a[1].get("code") if a[0] >= 300 else "ok") for a in answers]
            late = [a for a, t in zip(r.answers, r.ended, strict=True)
                    if a and a[0] >= 300 and t > min(done)]
            if late:
                violations.append(f"duplicate sends answered differently (a twin refused after "
                                  f"the other succeeded): {r.kind} {r.key}: {told} "
                                  f"request={r.request}")
            else:
                twins_first_refused[f"{r.kind} {sorted(codes)}"] += 1
        for status, answer in [] if r.probe_of else r.retry_refusals:
            code = answer.get("code") if isinstance(answer, dict) else answer
            if code == "idempotency_key_reused":
                violations.append(f"a retry of the same request refused as a reused key: "
                                  f"{r.kind} {r.key} request={r.request}")
            elif keyless:
                no_key[f"{r.kind} retried after a lost answer: {status} {code}"
                       + (", found by search" if r.meta.get("searched") else "")] += 1
            else:  # the first attempt never landed (the books say so) and things moved on
                retried[f"{r.kind} {status} {code}"] += 1
        if r.probe_of and r.acked:
            violations.append(f"key reused for a different request answered {r.answers[0][0]}: "
                              f"{r.probe_of} key {r.key} request={r.request} "
                              f"answer={str(r.answers[0][1])[:300]}")
    refused = collections.Counter(
        (r.kind, a[1].get("code") if isinstance(a[1], dict) else a[0])
        for r in recs for a in r.answers if a is not None and a[0] >= 300
    )
    print(f"\nrefusals (kind, code): {dict(sorted(refused.items(), key=str))}")
    if no_key:
        print("\nwrites without an idempotency key (expected until they take one):")
        for line, count in no_key.most_common():
            print(f"  {count:>4} x {line}")
    if twins_first_refused:
        print(f"\ntwins where the refused one was answered first (fair): "
              f"{dict(twins_first_refused)}")
    if retried:
        print(f"\nrefused on a retry after a lost answer (the first try had not landed): "
              f"{dict(retried)}")
    if books["applied_unacked"]:
        print(f"\napplied but never acknowledged: {books['applied_unacked']}")
    if server_errors:
        print(f"\nserver errors ({len(server_errors)}):")
        grouped = collections.Counter((r.kind, s, e[:160]) for r, (s, e) in server_errors)
        for (kind, status, head), count in grouped.most_common():
            print(f"  {count:>4} x {kind} {status}: {head}")
    if unresolved:
        print(f"\nnever answered ({len(unresolved)}):")
        for r in unresolved[:20]:
            print(f"  {r.kind} {r.key} {r.request[:2]}")
    if violations:
        print(f"\ninvariant violations ({len(violations)}):")
        for line in violations[:60]:
            print(f"  - {line}")
    acked = sum(1 for r in recs if r.outcome == "acked")
    once = "yes" if not books["not_once"] else f"no({books['not_once']})"
    print(
        f"chaos: db={args.db} clients={args.clients} ops={len(recs)} acknowledged={acked} "
        f"retries={sum(r.retries for r in run.records)} "
        f"duplicates={sum(1 for r in recs if r.twins > 1)} kills={run.kills} "
        f"server_errors={len(server_errors)} invariant_violations={len(violations)} "
        f"applied_exactly_once={once}"
    )
    if run.crashes:
        print(f"harness error, the run is not valid: {run.crashes}")
    return 1 if server_errors or violations or books["not_once"] or run.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
