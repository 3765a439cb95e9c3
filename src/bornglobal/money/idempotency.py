"""Idempotency keys, the same way for every write.

A client sends a key with a write; a retry with the same key and the same request
gets the first result (never a second escrow, dispute, batch, offer or invoice), and
the same key with a different request is refused with 409 `idempotency_key_reused`.
"The same request" is judged only by what the client sent (`fingerprint` of the
request's own fields, never a default the server filled in, such as today's date).

Money movements keep their key on the ledger transaction they write
(`money.journal.replay`). Writes that create something claim their key here first:
`claim` inserts the key's row before anything else in the transaction (ON CONFLICT
DO NOTHING). A second request with the same key waits on that row until the first
commits, then reads it: the first result, or a refusal if the request differs. If
the first request fails, its row goes with its transaction and a retry starts
afresh. Keys are unique per space: a venture's, or a person's for writes of their
own (a freelancer's invoices); a key a venture used for a money movement is not
taken for a creation either.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from bornglobal import clock, rows
from bornglobal.domain.errors import Conflict, DomainError
from bornglobal.money.lock_order import Rank, note
from bornglobal.money.models import IdempotentRequest, LedgerTransaction

MAX_KEY_LENGTH = 128


def fingerprint(**request: Any) -> str:
    """A digest of what the client sent: the same fields give the same digest."""
    canonical = json.dumps(request, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def clean_key(key: str | None, *, required: bool = True) -> str:
    """The key without surrounding blanks; "" when optional and not given."""
    cleaned = (key or "").strip()
    if (required and not cleaned) or len(cleaned) > MAX_KEY_LENGTH:
        raise DomainError(
            f"An idempotency key of 1 to {MAX_KEY_LENGTH} characters is required.",
            code="invalid_idempotency_key",
        )
    return cleaned


def reused(details: dict | None = None) -> Conflict:
    return Conflict(
        "This idempotency key was already used for a different request.",
        code="idempotency_key_reused",
        details=details or {},
    )


def venture_space(venture_id: int) -> str:
    return f"venture:{venture_id}"


def person_space(user_id: int) -> str:
    return f"person:{user_id}"


@dataclass
class Claim:
    """A claimed key. `fresh`: this request does the work and calls `done` with what it
    made; otherwise `result_id` and `outcome` are the first request's."""

    record: IdempotentRequest | None
    fresh: bool

    @property
    def result_id(self) -> int | None:
        return self.record.result_id if self.record else None

    @property
    def outcome(self) -> dict:
        return self.record.outcome if self.record else {}

    def done(self, result_id: int | None, **outcome: Any) -> None:
        """Store what the write made, in the same transaction."""
        if self.record is None or not self.fresh:
            return
        self.record.result_id, self.record.outcome = result_id, outcome
        IdempotentRequest.objects.filter(pk=self.record.pk).update(
            result_id=result_id, outcome=outcome
        )


NO_KEY = Claim(None, True)


def claim(space: str, key: str, scope: str, print_: str) -> Claim:
    """Claim `key` for this request, first thing in the caller's transaction.

    Without a key the write simply goes ahead (`NO_KEY`). A key used before answers
    the earlier claim for the same request, else raises `idempotency_key_reused`.
    """
    if not key:
        return NO_KEY
    note(Rank.REQUEST_KEY, [f"{space}/{key}"])
    row = rows.insert(
        IdempotentRequest(
            space=space, key=key, scope=scope, fingerprint=print_, created_at=clock.now()
        ),
        skip_conflict=True,
    )
    if row is None:
        earlier = IdempotentRequest.objects.get(space=space, key=key)
        if earlier.scope != scope or earlier.fingerprint != print_:
            raise reused({"used_for": earlier.scope})
        return Claim(earlier, False)
    if space.startswith("venture:"):
        venture_id = int(space.split(":", 1)[1])
        movement = LedgerTransaction.objects.filter(venture_id=venture_id, idempotency_key=key)
        if movement.exists():
            raise reused({"used_for": movement.values_list("kind", flat=True).first()})
    return Claim(row, True)
