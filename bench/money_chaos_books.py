"""The books after a chaos run (`bench/money_chaos.py`), read through the ORM.

`check_books(records)` answers {"violations": [...], "not_once": n, "applied_unacked": n}:
each acknowledged write is in the books exactly once and is what was asked (the milestone,
the payout line), no refused write left a transaction or an escrow, no transaction exists
that nobody asked for, and every wallet, bank clearing, payable and escrow equals the sum of
the acknowledged operations, computed from their requests and answers (not from the books).
"""

from __future__ import annotations

import collections

PAID_KINDS = ("deposit", "fund", "release", "refund")
WALLET, BANK, PAYABLE = "wallet", "bank_clearing", "payable"


def _txn_id(kind: str, body: dict) -> int | None:
    return body.get("transaction_id") if kind == "release" else body.get("id")


def _moved(body: dict) -> int:
    """The amount of a TransactionOut answer: the sum of its debits."""
    return sum(p["amount"]["minor"] for p in body["postings"] if p["amount"]["minor"] > 0)


def check_books(records) -> dict:
    from bornglobal.money.models import (
        Escrow,
        LedgerTransaction,
        PayoutBatch,
        PayoutLine,
    )

    bad: list[str] = []
    not_once = 0
    ventures = {r.venture for r in records if r.venture}
    txns = list(LedgerTransaction.objects.filter(venture_id__in=ventures))
    by_key = {(t.venture_id, t.idempotency_key): t for t in txns}
    owners = {(r.venture, r.key): r for r in records if r.key and not r.probe_of}

    def once(r, ok: bool, message: str) -> None:
        nonlocal not_once
        if not ok:
            not_once += 1
            bad.append(f"{r.kind} {r.key}: {message} request={r.request}")

    for r in owners.values():
        acked, v = r.acked, r.venture
        if r.kind in PAID_KINDS and acked:
            t = by_key.get((v, r.key))
            once(r, t is not None, "acknowledged but not in the books")
            if t is None:
                continue
            answered = {_txn_id(r.kind, body) for body in acked}
            once(r, answered == {t.id}, f"answered transaction(s) {answered}, books have {t.id}")
            if "milestone" in r.meta:
                once(r, t.milestone_id == r.meta["milestone"],
                     f"applied to milestone {t.milestone_id}, not {r.meta['milestone']}")
        elif r.kind == "fail" and acked:
            # A line fails once: a new key for a line already failed may be answered with
            # the line as it is (its first reversal) and leave no transaction of its own.
            line = PayoutLine.objects.get(id=r.meta["line"])
            reversals = [t for t in txns if t.reverses_id == line.transaction_id]
            answered = {body.get("reversal_id") for body in acked}
            once(r, len(reversals) == 1, f"{len(reversals)} reversals of one payout line")
            once(r, answered == {t.id for t in reversals}, f"answered reversal(s) {answered}")
            t = by_key.get((v, r.key))
            once(r, t is None or t in reversals, "its key holds another transaction")
        elif r.kind == "resolve" and acked:
            parts = [by_key.get((v, f"{r.key}:{s}")) for s in ("pay", "refund")]
            found = [t for t in parts if t is not None]
            once(r, bool(found), "acknowledged but not in the books")
            for t in found:
                once(r, t.milestone_id == r.meta["milestone"],
                     f"resolved milestone {t.milestone_id}, not {r.meta['milestone']}")
            answered = {b["paid"]["transaction_id"] for b in acked if b.get("paid")} | {
                b["refunded"]["id"] for b in acked if b.get("refunded")}
            once(r, answered == {t.id for t in found},
                 f"answered {answered}, books have {[t.id for t in found]}")
        elif r.kind == "payout" and acked:
            batches = list(PayoutBatch.objects.filter(venture_id=v, idempotency_key=r.key))
            once(r, len(batches) == 1, f"{len(batches)} batches under one key")
            once(r, {b["id"] for b in acked} == {b.id for b in batches}, "answered another batch")
        elif r.kind == "escrow":
            escrows = list(Escrow.objects.filter(venture_id=v, contract_ref=r.meta["ref"]))
            if acked:
                answered = [b["id"] for b in acked]
                once(r, len(escrows) == 1 and set(answered) == {escrows[0].id},
                     f"{len(escrows)} escrows for one contract, answered {answered}")
                if escrows:
                    amounts = sorted(escrows[0].milestones.values_list("amount_minor", flat=True))
                    once(r, amounts == sorted(r.meta["amounts"]), f"milestones {amounts}")
            elif r.outcome == "refused" and escrows:
                bad.append(f"refused escrow was opened: {r.key} {r.meta['ref']}")
        elif r.kind.endswith("dispute") and acked:
            once(r, all(b["id"] == r.meta["milestone"] for b in acked),
                 "disputed another milestone")

    bad.extend(_claims(records, owners, ventures))
    applied_unacked: list = []
    for t in txns:
        base = t.idempotency_key
        for suffix in (":pay", ":refund"):
            base = base.removesuffix(suffix)
        base = base.split(":line:")[0]
        owner = owners.get((t.venture_id, base))
        if owner is None:
            bad.append(f"transaction {t.id} ({t.kind}) under key {t.idempotency_key!r} "
                       "that no client sent")
        elif owner.outcome == "refused":
            bad.append(f"refused {owner.kind} {owner.key} left transaction {t.id} "
                       f"answers={[a[0] for a in owner.answers if a]}")
        elif owner.outcome == "unresolved":
            applied_unacked.append(t.id)

    bad.extend(_sums(records, applied_unacked))
    paid_twice = _payments(records)
    bad.extend(paid_twice)
    not_once += len(paid_twice)
    return {"violations": bad, "not_once": not_once, "applied_unacked": len(applied_unacked)}


def _payments(records) -> list[str]:
    """What each invoice was paid: the books against the acknowledged payments (a payment
    whose answer never came may or may not be there, nothing more)."""
    from django.db.models import Sum

    from bornglobal.invoicing.models import Payment

    acked, unsure = collections.Counter(), collections.Counter()
    for r in records:
        if r.kind == "payment" and not r.probe_of:
            if r.outcome == "acked":
                acked[r.meta["invoice"]] += r.meta["minor"]
            elif r.outcome == "unresolved":
                unsure[r.meta["invoice"]] += r.meta["minor"]
    books = dict(Payment.objects.filter(invoice_id__in=set(acked) | set(unsure))
                 .values_list("invoice_id").annotate(Sum("amount_minor")))
    bad = []
    for invoice in set(acked) | set(unsure):
        held = books.get(invoice, 0)
        if not acked[invoice] <= held <= acked[invoice] + unsure[invoice]:
            bad.append(f"invoice {invoice}: the books hold payments of {held}, the acknowledged "
                       f"payments add up to {acked[invoice]} (+{unsure[invoice]} unanswered)")
    return bad


def _claims(records, owners: dict, ventures: set) -> list[str]:
    """Keyed writes that make no ledger transaction (escrow, dispute, payout batch): each
    acknowledged one holds its key once, for what it answered; a refused one holds none.
    Read from the key table when there is one (`money.models_keys.IdempotentRequest`)."""
    try:
        from bornglobal.money.models_keys import IdempotentRequest
    except ImportError:
        return []
    spaces = [f"venture:{v}" for v in ventures]
    claims = {(c.space, c.key): c for c in IdempotentRequest.objects.filter(space__in=spaces)}
    bad = []
    for r in owners.values():
        body = r.request[2] or {}
        if r.kind not in ("escrow", "dispute", "payee-dispute", "payout", "invoice", "payment") or (
            "idempotency_key" not in body
        ):
            continue
        claim = claims.get((f"venture:{r.venture}", r.key))
        if r.outcome == "acked":
            answered = {b["id"] for b in r.acked}
            if claim is None or answered != {claim.result_id}:
                bad.append(f"{r.kind} {r.key}: answered {answered}, its key holds "
                           f"{claim.result_id if claim else 'nothing'} request={r.request}")
        elif r.outcome == "refused" and claim is not None:
            bad.append(f"refused {r.kind} {r.key} holds its key for {claim.result_id} "
                       f"answers={[a[0] for a in r.answers if a]} request={r.request}")
    return bad


def _sums(records, unanswered: list[int]) -> list[str]:
    """Every balance against the sum of what the clients were told, plus what the books
    hold for writes whose answer never arrived (`unanswered` transactions)."""
    from bornglobal.money.models import Account, Milestone, Posting

    expect = collections.Counter()
    held = collections.Counter()
    reversed_once = set(unanswered)  # a reversal whose answer was lost is counted once
    for p in Posting.objects.filter(transaction_id__in=unanswered).select_related(
        "account", "transaction"
    ):
        a = p.account
        normal = -p.amount_minor if a.type in ("liability", "income", "equity") else p.amount_minor
        if a.purpose in (WALLET, BANK, PAYABLE):
            person = a.person_id if a.purpose == PAYABLE else None
            expect[(a.venture_id, a.purpose, a.currency, person)] += normal
        if a.purpose == "escrow" and p.transaction.milestone_id:
            held[p.transaction.milestone_id] += normal
    for r in records:
        if r.probe_of or not r.acked:
            continue
        body, v = r.acked[0], r.venture
        if r.kind == "deposit":
            money = r.request[2]["amount"]
            minor = _minor(money["amount"], money["currency"])
            expect[(v, BANK, money["currency"], None)] += minor
            expect[(v, WALLET, money["currency"], None)] += minor
        elif r.kind in ("fund", "refund"):
            sign = 1 if r.kind == "fund" else -1
            cur = body["postings"][0]["amount"]["currency"]
            expect[(v, WALLET, cur, None)] -= sign * _moved(body)
            held[r.meta["milestone"]] += sign * _moved(body)
        elif r.kind in ("release", "resolve"):
            paid = body if r.kind == "release" else body.get("paid")
            if paid:
                held[r.meta["milestone"]] -= paid["gross"]["minor"]
                payee = Milestone.objects.get(id=r.meta["milestone"]).escrow.payee_id
                key = (v, PAYABLE, paid["paid"]["currency"], payee)
                expect[key] += paid["paid"]["minor"]
            back = body.get("refunded") if r.kind == "resolve" else None
            if back:
                held[r.meta["milestone"]] -= _moved(back)
                cur = back["postings"][0]["amount"]["currency"]
                expect[(v, WALLET, cur, None)] += _moved(back)
        elif r.kind in ("payout", "fail"):
            sign = 1 if r.kind == "payout" else -1
            if r.kind == "fail":
                if body.get("reversal_id") in reversed_once:
                    continue
                reversed_once.add(body.get("reversal_id"))
            for line in body["lines"] if r.kind == "payout" else [body]:
                money = line["amount"]
                expect[(v, BANK, money["currency"], None)] -= sign * money["minor"]
                expect[(v, PAYABLE, money["currency"], line["payee"]["id"])] -= (
                    sign * money["minor"])
    bad = []
    ventures = {r.venture for r in records if r.venture}
    purposes = (BANK, WALLET, PAYABLE)
    actual = collections.Counter()
    for account in Account.objects.filter(venture_id__in=ventures, purpose__in=purposes):
        person = account.person_id if account.purpose == PAYABLE else None
        actual[(account.venture_id, account.purpose, account.currency, person)] += (
            account.normal_balance_minor)
    for key in set(expect) | set(actual):
        if expect[key] != actual[key]:
            bad.append(f"balance {key}: the books say {actual[key]}, the acknowledged "
                       f"operations add up to {expect[key]}")
    for milestone in Milestone.objects.filter(id__in=list(held)):
        if milestone.held_minor != held[milestone.id]:
            bad.append(f"milestone {milestone.id} holds {milestone.held_minor}, the "
                       f"acknowledged operations leave {held[milestone.id]}")
    return bad


def _minor(amount: str, currency: str) -> int:
    whole, _, part = amount.partition(".")
    places = 0 if currency == "JPY" else 2
    return int(whole) * 10**places + int((part + "00")[:places] or 0)

