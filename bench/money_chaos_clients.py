"""The clients of `bench/money_chaos.py`: the request of each money write (`Ops`), one
operation and its answers (`Record`), and the run (`Run`): founder and payee clients, retries
with the same key, duplicate sends, key-reuse probes and the thread that kills the server."""

from __future__ import annotations

import collections
import http.client
import json
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal

RATE_DAY = "2026-06-15"  # inside the bundled ECB rates
RETRY_FOR = 90.0  # seconds a client keeps retrying one request after the run (or a restart)


# The requests


@dataclass
class Ops:
    """The request of each money write; adapt here when an endpoint changes."""

    escrow_key: bool  # EscrowIn takes an idempotency_key
    dispute_key: bool  # DisputeIn takes an idempotency_key
    payment_key: bool  # PaymentIn (an invoice's payment) takes an idempotency_key

    @classmethod
    def from_schema(cls, openapi: dict) -> Ops:
        schemas = openapi["components"]["schemas"]

        def takes_key(name: str) -> bool:
            return "idempotency_key" in schemas.get(name, {}).get("properties", {})

        return cls(escrow_key=takes_key("EscrowIn"), dispute_key=takes_key("DisputeIn"),
                   payment_key=takes_key("PaymentIn"))

    @staticmethod
    def money(minor: int, currency: str) -> dict:
        places = 0 if currency == "JPY" else 2
        text = str(minor) if places == 0 else f"{minor // 100}.{minor % 100:02d}"
        return {"amount": text, "currency": currency}

    def deposit(self, v, key, minor, currency):
        body = {"amount": self.money(minor, currency), "idempotency_key": key, "memo": "chaos"}
        return "POST", f"/api/v1/ventures/{v}/money/deposits", body

    def open_escrow(self, v, key, payee_email, ref, amounts, currency):
        body = {"payee_email": payee_email, "contract_ref": ref, "title": f"Chaos {ref}",
                "milestones": [{"title": f"Part {i}", "amount": self.money(a, currency)}
                               for i, a in enumerate(amounts, 1)]}
        if self.escrow_key:
            body["idempotency_key"] = key
        return "POST", f"/api/v1/ventures/{v}/escrows", body

    def fund(self, v, key, m):
        return "POST", f"/api/v1/ventures/{v}/milestones/{m}/fund", {"idempotency_key": key}

    def release(self, v, key, m, amount=None, on=None):
        body = {"idempotency_key": key}
        if amount:
            body["amount"] = amount
        if on:
            body["on"] = on
        return "POST", f"/api/v1/ventures/{v}/milestones/{m}/release", body

    def refund(self, v, key, m, amount=None):
        body = {"idempotency_key": key, **({"amount": amount} if amount else {})}
        return "POST", f"/api/v1/ventures/{v}/milestones/{m}/refund", body

    def dispute(self, v, key, m):
        body = {"reason": "chaos: not as agreed"}
        if self.dispute_key:
            body["idempotency_key"] = key
        return "POST", f"/api/v1/ventures/{v}/milestones/{m}/dispute", body

    def resolve(self, v, key, m, share, on=None):
        body = {"idempotency_key": key, "payee_share": share, **({"on": on} if on else {})}
        return "POST", f"/api/v1/ventures/{v}/milestones/{m}/resolve", body

    def payout(self, v, key):
        return "POST", f"/api/v1/ventures/{v}/payouts", {"idempotency_key": key}

    def invoice(self, v, key, customer, minor, currency):
        line = {"description": "Chaos work", "unit_price": self.money(minor, currency)["amount"]}
        body = {"customer_id": customer, "lines": [line], "idempotency_key": key}
        return "POST", f"/api/v1/ventures/{v}/invoices", body

    def payment(self, v, key, invoice, minor, currency):
        body = {"amount": self.money(minor, currency), "note": "chaos"}
        if self.payment_key:
            body["idempotency_key"] = key
        return "POST", f"/api/v1/ventures/{v}/invoices/{invoice}/payments", body

    def fail_line(self, v, key, batch, line):
        path = f"/api/v1/ventures/{v}/payouts/{batch}/lines/{line}/fail"
        return "POST", path, {"idempotency_key": key}


@dataclass
class Record:
    """One operation: its request and how each copy of it ended."""

    kind: str
    venture: int | None
    key: str
    request: tuple
    twins: int = 1
    probe_of: str = ""  # a different request reusing this key: must be refused
    meta: dict = field(default_factory=dict)
    answers: list = field(default_factory=list)  # (status, body) per copy; None: never answered
    ended: list = field(default_factory=list)  # when each copy's final answer arrived
    retries: int = 0
    server_errors: list = field(default_factory=list)  # (status, body head)
    retry_refusals: list = field(default_factory=list)  # 4xx after an unanswered attempt

    @property
    def acked(self) -> list[dict]:
        return [answer[1] for answer in self.answers if answer and answer[0] < 300]

    @property
    def outcome(self) -> str:
        if self.acked:
            return "acked"
        return "unresolved" if any(a is None for a in self.answers) else "refused"


# One run: clients, the killer and the bookkeeping


class Run:
    def __init__(self, world: dict, ops: Ops, server) -> None:
        self.world, self.ops, self.server = world, ops, server
        self.records: list[Record] = []
        self.lock = threading.Lock()
        self.serial = 0
        self.kills = 0
        self.known = {v["id"]: {"milestones": {}, "lines": {}, "acked": [], "invoices": {}}
                      for v in world["ventures"]}
        self.stop_at = 0.0
        self.back_at = 0.0  # when the server last came back after a kill
        self.crashes: list[str] = []
        self.restarting = threading.Event()

    def go(self, clients: int, seconds: float, kills: int, seed: int) -> None:
        self.stop_at = time.monotonic() + seconds
        threads = [threading.Thread(target=self.client, args=(n, random.Random(seed * 1000 + n)),
                                    daemon=True) for n in range(clients)]
        killer = threading.Thread(target=self.killer, args=(seconds, kills), daemon=True)
        for thread in [*threads, killer]:
            thread.start()
        for thread in [*threads, killer]:
            thread.join()

    def killer(self, seconds: float, kills: int) -> None:
        start = time.monotonic()
        for n in range(kills):
            time.sleep(max(0.0, start + seconds * (n + 1) / (kills + 1) - time.monotonic()))
            self.restarting.set()
            workers = self.server.kill9()
            self.kills += 1
            print(f"kill -9: gunicorn master and {workers} workers at "
                  f"{time.monotonic() - start:.1f}s", file=sys.stderr)
            time.sleep(random.uniform(0.3, 1.5))
            self.server.start()
            self.back_at = time.monotonic()
            self.restarting.clear()
            print(f"server back at {self.back_at - start:.1f}s", file=sys.stderr)

    def key(self, kind: str) -> str:
        with self.lock:
            self.serial += 1
            return f"chaos-{kind}-{self.serial}"

    # clients

    def client(self, n: int, rng: random.Random) -> None:
        ventures, payees = self.world["ventures"], self.world["payees"]
        payee_client = n % 4 == 3
        try:
            while time.monotonic() < self.stop_at:
                if payee_client:
                    self.payee_step(rng, payees[n // 4 % len(payees)])
                elif not self.founder_step(rng, ventures[n % len(ventures)]):
                    time.sleep(0.01)
        except Exception as error:  # a bug of the harness: reported, and the run fails
            self.crashes.append(f"client {n}: {error!r}")
            raise

    def founder_step(self, rng: random.Random, venture: dict) -> bool:
        v, cur, token = venture["id"], venture["currency"], venture["token"]
        known = self.known[v]
        with self.lock:
            milestones = list(known["milestones"].items())
            lines = list(known["lines"].items())
            invoices = [(i, owed) for i, owed in known["invoices"].items() if owed > 0]
            acked = list(known["acked"])
        by_state = collections.defaultdict(list)
        for m, info in milestones:
            by_state[info["state"]].append((m, info))
        choice = rng.choices(
            ["deposit", "escrow", "fund", "release", "refund", "dispute", "resolve", "payout",
             "fail", "probe", "invoice", "payment"],
            weights=[14, 10, 16, 14, 6, 5, 8, 6, 4, 4, 4, 5],
        )[0]
        twins = rng.choice([2, 2, 3]) if rng.random() < 0.15 else 1
        key = self.key(choice)
        if choice == "deposit" or (choice == "fund" and not by_state["pending"]):
            other = "GBP" if cur == "EUR" else "EUR"
            currency = cur if rng.random() < 0.85 else other
            self.send(token, "deposit", v, key, self.ops.deposit(
                v, key, rng.randrange(5_000, 80_000), currency), twins,
                meta={"minor": None})
        elif choice == "escrow" or not milestones:
            payee = rng.choice(self.world["payees"])
            amounts = [rng.randrange(1_000, 12_000) for _ in range(rng.randint(1, 3))]
            ref = f"C-{key}"
            rec = self.send(token, "escrow", v, key, self.ops.open_escrow(
                v, key, payee["email"], ref, amounts, cur), twins,
                meta={"ref": ref, "amounts": amounts, "payee": payee["id"]})
            for body in rec.acked[:1]:
                with self.lock:
                    for m in body["milestones"]:
                        known["milestones"][m["id"]] = {
                            "state": "pending", "held": 0, "amount": m["amount"]["minor"],
                            "payee": payee["id"]}
        elif choice == "fund":
            m, info = rng.choice(by_state["pending"])
            self.after(self.send(token, "fund", v, key, self.ops.fund(v, key, m), twins,
                                 meta={"milestone": m}), known, m, "funded", info["amount"])
        elif choice in ("release", "refund", "dispute") and by_state["funded"]:
            m, info = rng.choice(by_state["funded"])
            partial = rng.random() < 0.4 and info["held"] > 1
            minor = rng.randrange(1, info["held"]) if partial else None
            amount = self.ops.money(minor, cur) if partial else None
            if choice == "release":
                on = RATE_DAY if rng.random() < 0.7 else None
                request = self.ops.release(v, key, m, amount, on)
            elif choice == "refund":
                request = self.ops.refund(v, key, m, amount)
            else:
                request = self.ops.dispute(v, key, m)
            rec = self.send(token, choice, v, key, request, twins, meta={"milestone": m})
            left = info["held"] - minor if partial else 0
            self.after(rec, known, m, "disputed" if choice == "dispute" else
                       ("funded" if left else "settled"), left if choice != "dispute" else None)
        elif choice == "resolve" and by_state["disputed"]:
            m, info = rng.choice(by_state["disputed"])
            share = self.ops.money(rng.randint(0, info["held"]), cur)
            rec = self.send(token, "resolve", v, key, self.ops.resolve(
                v, key, m, share, RATE_DAY), twins, meta={"milestone": m})
            self.after(rec, known, m, "settled", 0)
        elif choice == "payout":
            rec = self.send(token, "payout", v, key, self.ops.payout(v, key), twins)
            for body in rec.acked[:1]:
                with self.lock:
                    for line in body["lines"]:
                        known["lines"][line["id"]] = {"batch": body["id"], "state": line["state"]}
        elif choice == "fail" and lines:
            line, info = rng.choice(lines)
            self.send(token, "fail", v, key, self.ops.fail_line(v, key, info["batch"], line),
                      twins, meta={"line": line, "batch": info["batch"]})
        elif choice == "invoice":
            rec = self.send(token, "invoice", v, key, self.ops.invoice(
                v, key, venture["customer"], rng.randrange(1_000, 50_000), cur), twins)
            for body in rec.acked[:1]:
                with self.lock:
                    known["invoices"][body["id"]] = body["total"]["minor"]
        elif choice == "payment" and invoices:
            invoice, owed = rng.choice(invoices)
            minor = owed if rng.random() < 0.4 or owed < 2 else rng.randrange(1, owed)
            rec = self.send(token, "payment", v, key, self.ops.payment(v, key, invoice, minor, cur),
                            twins, meta={"invoice": invoice, "minor": minor})
            if rec.acked:
                with self.lock:
                    known["invoices"][invoice] -= minor
        elif choice == "probe" and acked:
            self.probe(rng, token, v, acked, milestones, lines)
        else:
            return False
        return True

    def after(self, rec: Record, known: dict, m: int, state: str, held: int | None) -> None:
        if rec.acked:
            with self.lock:
                known["milestones"][m]["state"] = state
                if held is not None:
                    known["milestones"][m]["held"] = held

    def probe(self, rng, token, v, acked, milestones, lines) -> None:
        """The same key, a different request: must be refused, never answered 2xx."""
        first = rng.choice(acked)
        method, path, body = first.request
        others = [m for m, _ in milestones if f"/milestones/{m}/" not in path]
        if first.kind == "deposit":
            amount = dict(body["amount"], amount=str(int(Decimal(body["amount"]["amount"])) + 1))
            request = (method, path, {**body, "amount": amount})
        elif first.kind in ("fund", "release", "refund", "resolve") and others:
            request = (method, path.replace(f"/milestones/{first.meta['milestone']}/",
                                            f"/milestones/{rng.choice(others)}/"), body)
        elif first.kind == "fail" and len(lines) > 1:
            line, info = rng.choice([x for x in lines if x[0] != first.meta["line"]])
            request = self.ops.fail_line(v, first.key, info["batch"], line)
        else:
            return
        self.send(token, "probe", v, first.key, request, 1, probe_of=first.kind)

    def payee_step(self, rng: random.Random, payee: dict) -> None:
        """Dispute a funded milestone of one's own; read what one is owed."""
        with self.lock:
            mine = [(v, m) for v, known in self.known.items()
                    for m, info in known["milestones"].items()
                    if info["payee"] == payee["id"] and info["state"] == "funded"]
        if mine and rng.random() < 0.5:
            v, m = rng.choice(mine)
            key = self.key("payee-dispute")
            rec = self.send(payee["token"], "payee-dispute", v, key,
                            self.ops.dispute(v, key, m), 1, meta={"milestone": m})
            self.after(rec, self.known[v], m, "disputed", None)
        else:
            path = rng.choice(["/api/v1/me/payables", "/api/v1/me/earnings"])
            self.send(payee["token"], "read", None, "", ("GET", path, None), 1)

    # sending with retries

    def send(self, token, kind, v, key, request, twins=1, meta=None, probe_of="") -> Record:
        rec = Record(kind, v, key, request, twins, probe_of, meta or {})
        rec.answers, rec.ended = [None] * twins, [0.0] * twins
        with self.lock:
            self.records.append(rec)
        if twins == 1:
            self.attempt(rec, 0, token, None)
        else:
            barrier = threading.Barrier(twins)
            copies = [threading.Thread(target=self.attempt, args=(rec, i, token, barrier))
                      for i in range(twins)]
            for copy in copies:
                copy.start()
            for copy in copies:
                copy.join()
        if kind in ("deposit", "fund", "release", "refund", "resolve", "fail") and rec.acked:
            with self.lock:
                self.known[v]["acked"].append(rec)
        return rec

    def attempt(self, rec: Record, copy: int, token: str, barrier) -> None:
        method, path, body = rec.request
        unanswered = False
        pause = 0.05
        if barrier is not None:
            barrier.wait()
        while self.restarting.is_set() or (
            time.monotonic() < max(self.stop_at, self.back_at) + RETRY_FOR
        ):
            try:
                status, answer = self.http(method, path, body, token)
            except (OSError, http.client.HTTPException):
                unanswered = True
            else:
                if status >= 500 or not isinstance(answer, dict | list):
                    with self.lock:
                        rec.server_errors.append((status, str(answer)[:300]))
                elif status == 429:
                    pass
                else:
                    if unanswered and status >= 400:
                        rec.retry_refusals.append((status, answer))
                        found = self.search_escrow(rec, token, answer)
                        if found is not None:
                            status, answer = 201, found
                    rec.answers[copy], rec.ended[copy] = (status, answer), time.monotonic()
                    return
            with self.lock:
                rec.retries += 1
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 1.0)

    def search_escrow(self, rec: Record, token: str, answer) -> dict | None:
        """Without an idempotency key, a client whose escrow answer was lost is told
        `escrow_exists` on retry and has to look for the escrow it opened."""
        if rec.kind != "escrow" or self.ops.escrow_key or answer.get("code") != "escrow_exists":
            return None
        offset = 0
        while True:
            status, page = self.http(
                "GET", f"/api/v1/ventures/{rec.venture}/escrows?limit=100&offset={offset}",
                None, token)
            if status != 200 or not page.get("items"):
                return None
            for escrow in page["items"]:
                if escrow["contract_ref"] == rec.meta["ref"]:
                    rec.meta["searched"] = True
                    return escrow
            offset += len(page["items"])

    def http(self, method: str, path: str, body, token: str):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=15)
        try:
            headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
            kind = response.getheader("Content-Type", "")
            if "json" not in kind:
                return response.status, raw.decode("utf-8", "replace")
            return response.status, json.loads(raw)
        finally:
            conn.close()
