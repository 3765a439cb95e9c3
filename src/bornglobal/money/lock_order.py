"""The one order in which a transaction takes its locks, checked on every lock.

Every lock that money, work and invoicing services take goes through a lock helper
(`money.locks`, `work.locks`, `invoicing.locks`, `money.idempotency.claim`), and each
helper calls `note` with the rows it is about to lock. The global order is:

    0. idempotency keys (the request's key row)
    1. work offer
    2. work contract
    3. money escrow
    4. work contract milestones, by id
    5. money (escrow) milestones, by id
    6. ledger accounts, by id
    7. invoices, by id
    8. an invoice series counter

Within a rank, rows are taken by ascending key. Locking a row again that this
transaction already holds is always fine. Two transactions that take the same rows
in opposite orders can deadlock, so a lock of an earlier rank, or of a lower key of
the same rank, after a later one raises `LockOrderError`: a programming error that
the tests find on SQLite too, which has no row locks.

"This transaction" is the outermost atomic block that is not a test case's own. A
loader (the demo) that runs many services in one transaction while nothing else
writes opens it with `one_writer`: then each service's own atomic block inside it is
checked on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import IntEnum

from django.db import DEFAULT_DB_ALIAS, connections, transaction


class Rank(IntEnum):
    REQUEST_KEY = 0
    OFFER = 1
    CONTRACT = 2
    ESCROW = 3
    CONTRACT_MILESTONE = 4
    MILESTONE = 5
    ACCOUNT = 6
    INVOICE = 7
    INVOICE_SERIES = 8


class LockOrderError(RuntimeError):
    """A lock taken out of the global order (see the module docstring)."""


@dataclass
class _Held:
    block: object  # the transaction's outermost atomic block (kept alive: ids stay unique)
    top: int = -1
    rows: dict[int, set] = field(default_factory=dict)


@contextmanager
def one_writer() -> Iterator[None]:
    """One transaction for a loader that calls services one after another while nothing
    else writes (the demo): each service's own atomic block is checked on its own."""
    with transaction.atomic():
        connections[DEFAULT_DB_ALIAS].atomic_blocks[-1]._bornglobal_one_writer = True
        yield


def _transaction_block(connection):
    """The outermost atomic block inside the innermost `one_writer` (if any) that is not
    a test case's own."""
    blocks = connection.atomic_blocks
    start = 0
    for index, block in enumerate(blocks):
        if getattr(block, "_bornglobal_one_writer", False):
            start = index + 1
    for block in blocks[start:]:
        if not getattr(block, "_from_testcase", False):
            return block
    return blocks[-1] if blocks else None


def _held(connection) -> _Held | None:
    block = _transaction_block(connection)
    if block is None:
        return None
    held = getattr(connection, "_bornglobal_held_locks", None)
    if held is None or held.block is not block:
        held = _Held(block)
        connection._bornglobal_held_locks = held
    return held


def note(rank: Rank, keys: Iterable) -> None:
    """Record that this transaction locks `keys` of `rank` now; refuse an out-of-order lock."""
    held = _held(connections[DEFAULT_DB_ALIAS])
    if held is None:  # autocommit: nothing is held beyond the statement
        return
    taken = held.rows.setdefault(rank, set())
    new = set(keys) - taken
    if not new:
        return
    if rank < held.top:
        raise LockOrderError(
            f"{rank.name} locked after {Rank(held.top).name}: locks go in the order of "
            f"money.lock_order.Rank"
        )
    if taken and min(new) < max(taken):
        raise LockOrderError(
            f"{rank.name} {min(new)} locked after {max(taken)}: rows of one rank go "
            f"lowest key first"
        )
    taken.update(new)
    held.top = rank


def held(rank: Rank) -> frozenset:
    """The keys of `rank` this transaction has locked (for tests and assertions)."""
    state = _held(connections[DEFAULT_DB_ALIAS])
    return frozenset(state.rows.get(rank, ())) if state else frozenset()
