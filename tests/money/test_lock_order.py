"""The global lock order (money.lock_order): every lock helper of money, work and
invoicing reports to it, and a lock out of order raises instead of risking a
deadlock. Checked on SQLite too, which has no row locks."""

import pytest
from django.db import transaction

from bornglobal.domain.money import Money
from bornglobal.money import accounts, lock_order, services
from bornglobal.money.lock_order import LockOrderError, Rank, note
from bornglobal.money.locks import lock_accounts, lock_milestones
from tests.money.conftest import RATE_DAY


def test_a_lock_of_an_earlier_rank_after_a_later_one_is_refused(db):
    # given a transaction that has locked an account
    with transaction.atomic():
        note(Rank.ACCOUNT, [5])
        # when it then locks a milestone
        with pytest.raises(LockOrderError) as refused:
            note(Rank.MILESTONE, [1])
    # then the error names both ranks
    assert "MILESTONE locked after ACCOUNT" in str(refused.value)


def test_rows_of_one_rank_go_lowest_key_first_and_may_be_locked_again(db):
    # given a transaction that has locked accounts 5 and 7
    with transaction.atomic():
        note(Rank.ACCOUNT, [7, 5])
        # when it locks 7 again, then 9, then 6
        note(Rank.ACCOUNT, [7])
        note(Rank.ACCOUNT, [9])
        with pytest.raises(LockOrderError):
            note(Rank.ACCOUNT, [6])
        # then what it holds is 5, 7 and 9
        assert lock_order.held(Rank.ACCOUNT) == {5, 7, 9}


def test_each_transaction_starts_afresh(db):
    # given a transaction that locked an account and committed
    with transaction.atomic():
        note(Rank.ACCOUNT, [5])
    # when the next one locks a milestone first
    with transaction.atomic():
        note(Rank.MILESTONE, [1])
        # then that is fine: it holds only what it locked
        assert lock_order.held(Rank.ACCOUNT) == frozenset()


def test_a_split_resolution_locks_every_account_before_moving_money(books):
    # given a disputed milestone (the wallet account is older than the escrow's)
    actor, venture = books["actor"], books["venture"]
    design = books["milestones"][0]
    services.fund_milestone(actor, venture.id, design.id, key="fund")
    services.open_dispute(actor, venture.id, design.id, "late")
    wallet = accounts.wallet(venture, "EUR")
    held = accounts.escrow_account(books["escrow"])
    assert wallet.id < held.id
    # when it is split in one transaction (it used to lock the escrow, then the wallet)
    with transaction.atomic():
        services.resolve_dispute(
            actor, venture.id, design.id, "res", Money.of("500.00", "EUR"), on=RATE_DAY
        )
        locked = lock_order.held(Rank.ACCOUNT)
    # then no lock was out of order, and both were among the accounts it locked
    assert {wallet.id, held.id} <= locked


def test_a_loader_checks_each_service_call_on_its_own(books):
    # given a loader's single transaction (the demo) that funds two milestones
    actor, venture = books["actor"], books["venture"]
    first, second = books["milestones"]
    with lock_order.one_writer():
        # when each service call locks a milestone, then accounts
        services.fund_milestone(actor, venture.id, first.id, key="f1")
        services.fund_milestone(actor, venture.id, second.id, key="f2")
        # then the second call's milestone lock is not taken as out of order
        # but the same sequence within one call still is
        with transaction.atomic():
            lock_milestones([first.id])
            lock_accounts([accounts.wallet(venture, "EUR")])
            with pytest.raises(LockOrderError):
                lock_milestones([second.id])

