"""Real threads against PostgreSQL: 16 clients, 200 random operations each, on shared
contracts. The books stay whole, nothing is paid twice, and same-key retries agree."""

import random
import threading
from collections import defaultdict
from datetime import date

import pytest
from django.db import connection
from django.db.models import Sum

from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money
from bornglobal.money import checks, payouts, services
from bornglobal.money.models import Milestone, Posting, Purpose
from bornglobal.tenancy.actors import Actor
from tests.factories import MembershipFactory, UserFactory, VentureFactory

ON = date(2026, 6, 15)
THREADS, OPERATIONS = 16, 200


def _shared_books():
    founder = UserFactory()
    venture = VentureFactory(base_currency="EUR")
    MembershipFactory(user=founder, venture=venture, role="owner")
    actor = Actor(founder)
    services.deposit(actor, venture.id, Money(50_000_000, "EUR"), key="seed-deposit")
    milestones = []
    for index, currency in enumerate(["INR", "EUR", "USD", "JPY"] * 3):
        payee = UserFactory(currency=currency)
        escrow = services.open_escrow(
            actor,
            venture.id,
            payee.email,
            f"C{index}",
            "Shared contract",
            [services.MilestonePlan(f"M{n}", Money(100_000 + n, "EUR")) for n in range(4)],
        )
        milestones += [m.id for m in escrow.milestones.all()]
    return actor, venture, milestones


def _client(actor, venture_id, milestones, seed, results, barrier, crashes):
    rng = random.Random(seed)
    try:
        barrier.wait()
        for step in range(OPERATIONS):
            milestone = rng.choice(milestones)
            roll = rng.random()
            try:
                if roll < 0.25:
                    key = f"fund-{milestone}"  # every client races for the same key
                    results[key].append(
                        services.fund_milestone(actor, venture_id, milestone, key=key).pk
                    )
                elif roll < 0.6:
                    key = f"rel-{milestone}-{rng.randint(0, 3)}"
                    results[key].append(
                        services.release(
                            actor,
                            venture_id,
                            milestone,
                            key=key,
                            amount=Money(10_000, "EUR"),
                            on=ON,
                        ).pk
                    )
                elif roll < 0.8:
                    services.refund(
                        actor,
                        venture_id,
                        milestone,
                        key=f"ref-{seed}-{step}",
                        amount=Money(rng.randint(1, 5_000), "EUR"),
                    )
                elif roll < 0.9:
                    services.deposit(
                        actor,
                        venture_id,
                        Money(rng.randint(1, 9_999), "EUR"),
                        key=f"dep-{seed}-{step}",
                    )
                else:
                    payouts.create_batch(actor, venture_id, key=f"batch-{seed}-{step}")
            except DomainError:
                pass
    except Exception as error:  # a deadlock or any other crash fails the test below
        crashes.append(repr(error))
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sixteen_clients_hammering_shared_escrows_keep_the_books_whole():
    # given shared contracts with 48 milestones
    actor, venture, milestones = _shared_books()
    results: dict[str, list[int]] = defaultdict(list)
    barrier = threading.Barrier(THREADS)
    crashes: list[str] = []
    # when 16 threads run 200 random operations each
    threads = [
        threading.Thread(
            target=_client, args=(actor, venture.id, milestones, seed, results, barrier, crashes)
        )
        for seed in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    # then no client crashed (no deadlock, no integrity error) and the ledger check passes
    assert crashes == []
    assert checks.run(venture.id) == []
    # and every retry of a key got the first result
    assert results and all(len(set(pks)) == 1 for pks in results.values())
    # and no milestone paid out more than was funded, by its own postings too
    for milestone in Milestone.objects.filter(id__in=milestones):
        released = (
            Posting.objects.filter(
                transaction__milestone=milestone,
                transaction__kind="release",
                account__purpose=Purpose.ESCROW,
            ).aggregate(s=Sum("amount_minor"))["s"]
            or 0
        )
        assert released == milestone.released_minor
        assert milestone.released_minor + milestone.refunded_minor <= milestone.funded_minor
