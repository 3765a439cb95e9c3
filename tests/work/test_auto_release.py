"""Auto-release: a submitted milestone is paid when its period passes unanswered, once,
even with two workers racing for it (real threads on PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from bornglobal import clock
from bornglobal.money import checks
from bornglobal.money.models import Kind, LedgerTransaction
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import AuditEvent
from bornglobal.work import milestones, tasks
from bornglobal.work.models import ContractEvent
from tests.work.factories import hired


def _submitted(kestrel, freelancer, days=14, amounts=("1200.00",)):
    """A contract whose first milestone is funded, started and submitted now."""
    contract = hired(
        kestrel["founder"], kestrel["role"], freelancer, amounts=amounts, auto_release_days=days
    )
    venture_id = kestrel["venture"].id
    items = list(contract.milestones.order_by("position"))
    for item in items:
        milestones.fund(Actor(kestrel["founder"]), venture_id, item.id, key=f"f-{item.id}")
        milestones.start(Actor(freelancer), item.id)
        milestones.submit(Actor(freelancer), item.id, "Done")
    return contract, items


def _releases(item):
    return LedgerTransaction.objects.filter(milestone_id=item.milestone_id, kind=Kind.RELEASE)


def test_nothing_is_released_before_the_period_ends(kestrel, priya):
    # given a milestone submitted with a 7-day period
    _, [item] = _submitted(kestrel, priya, days=7)
    # when the sweep runs a second before it is due
    released = milestones.release_due(clock.now() + timedelta(days=7) - timedelta(seconds=1))
    # then nothing moved
    assert released == 0 and not _releases(item).exists()


def test_an_unanswered_submission_is_released_once_when_due(kestrel, priya):
    # given a milestone submitted with a 7-day period
    contract, [item] = _submitted(kestrel, priya, days=7)
    due = clock.now() + timedelta(days=7)
    # when the sweep runs at the due instant, and again, and the task fires too
    with clock.travel_to(due):
        first = milestones.release_due()
        second = milestones.release_due()
        fired = tasks.auto_release.call(item.id)
    # then the milestone was paid once, by the system, and the contract completed
    assert (first, second, fired) == (1, 0, False)
    assert _releases(item).count() == 1
    item.refresh_from_db()
    contract.refresh_from_db()
    assert item.state == "auto_released" and contract.state == "completed"
    event = AuditEvent.objects.get(action="work.milestone_auto_released")
    assert event.actor is None and event.summary["after"]["paid"].endswith("INR")
    assert ContractEvent.objects.filter(name="milestone_auto_released").count() == 1
    assert checks.run(kestrel["venture"].id) == []


def test_the_task_releases_a_due_milestone(kestrel, priya):
    _, [item] = _submitted(kestrel, priya, days=14)
    with clock.travel_to(clock.now() + timedelta(days=14, minutes=1)):
        assert tasks.auto_release.call(item.id) is True
    assert _releases(item).count() == 1


def test_an_answered_submission_is_never_auto_released(kestrel, priya):
    # given two submitted milestones: changes requested on one, the other accepted
    _, items = _submitted(kestrel, priya, days=7, amounts=("100.00", "200.00"))
    founder, venture_id = Actor(kestrel["founder"]), kestrel["venture"].id
    milestones.request_changes(founder, venture_id, items[0].id, "Fix the label")
    milestones.accept(founder, venture_id, items[1].id, key="acc")
    # when the sweep runs long after the period
    released = milestones.release_due(clock.now() + timedelta(days=60))
    # then nothing more was paid
    assert released == 0
    assert [_releases(item).count() for item in items] == [0, 1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_release_a_due_milestone_exactly_once(kestrel, priya):
    # given Kestrel's contract with three submitted milestones, all due
    _, items = _submitted(kestrel, priya, days=7, amounts=("100.00", "200.00", "300.00"))
    due = clock.now() + timedelta(days=7)
    barrier, crashes, counts = threading.Barrier(4), [], []

    def worker(sweep: bool):
        try:
            barrier.wait()
            with clock.travel_to(due):
                if sweep:
                    counts.append(milestones.release_due())
                else:
                    counts.append(sum(tasks.auto_release.call(i.id) for i in items))
        except Exception as error:  # a deadlock or a double payment fails the test below
            crashes.append(repr(error))
        finally:
            connection.close()

    # when two sweeping workers and two workers firing each task run at the same time
    threads = [threading.Thread(target=worker, args=(n % 2 == 0,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    # then every milestone was paid exactly once, and the books are whole
    assert crashes == []
    assert sum(counts) == 3
    assert [_releases(item).count() for item in items] == [1, 1, 1]
    assert AuditEvent.objects.filter(action="work.milestone_auto_released").count() == 3
    assert checks.run(kestrel["venture"].id) == []
