"""A process killed in the middle of a payout batch leaves whole books, and a rerun
with the same key completes the batch (PostgreSQL, a real second process)."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bornglobal.domain.money import Money
from bornglobal.money import checks, payouts, services
from bornglobal.money.models import PayoutBatch
from tests.factories import UserFactory
from tests.money.conftest import RATE_DAY

ROOT = Path(__file__).resolve().parents[2]
KILLED_WORKER = """
import django, os, sys, time
django.setup()
from bornglobal.money import payouts
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User
real_pay_line = payouts._pay_line
def slow_pay_line(*args, **kwargs):
    line = real_pay_line(*args, **kwargs)
    print("line-written", flush=True)
    time.sleep(60)  # the parent kills us here, mid-batch
    return line
payouts._pay_line = slow_pay_line
actor = Actor(User.objects.get(email=sys.argv[1]))
payouts.create_batch(actor, int(sys.argv[2]), key="nightly")
"""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killed_payout_batch_leaves_whole_books_and_a_rerun_completes(books):
    # given three payees who are owed money
    actor, venture = books["actor"], books["venture"]
    for index, milestone in enumerate(books["milestones"]):
        services.fund_milestone(actor, venture.id, milestone.id, key=f"f{index}")
        services.release(actor, venture.id, milestone.id, key=f"r{index}", on=RATE_DAY)
    extra = services.open_escrow(
        actor,
        venture.id,
        UserFactory(currency="USD").email,
        "K-9",
        "Extra",
        [services.MilestonePlan("All", Money(5000, "EUR"))],
    )
    services.fund_milestone(actor, venture.id, extra.milestones.get().id, key="f9")
    services.release(actor, venture.id, extra.milestones.get().id, key="r9", on=RATE_DAY)
    # when a second process starts the batch and is killed after writing a line
    database = connection.settings_dict
    url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    env = dict(
        os.environ, DJANGO_SETTINGS_MODULE="tests.settings", BORNGLOBAL_TEST_DATABASE_URL=url
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", KILLED_WORKER, books["founder"].email, str(venture.id)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout.readline().strip() == "line-written"
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    # then the books are whole and no half batch exists
    assert checks.run(venture.id) == []
    assert not PayoutBatch.objects.filter(venture=venture, idempotency_key="nightly").exists()
    # and a rerun under the same key pays everyone
    batch = payouts.create_batch(actor, venture.id, key="nightly")
    assert batch.lines.count() == 2
    assert checks.run(venture.id) == []
