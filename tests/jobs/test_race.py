"""Two identical creates at one instant answer one job; a burst cannot pass the cap.

Real threads on PostgreSQL (`tests.races`): the advisory lock per user makes the
second create wait for the first to commit, then find its job by the key.
"""

import pytest

from bornglobal.jobs import services
from bornglobal.jobs.models import Job, JobKind
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory
from tests.jobs.helpers import INSTANCE, NO_WORKER
from tests.races import race


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_identical_creates_at_once_answer_one_job(settings):
    # given one user sending the same solve with the same key from two threads
    settings.TASKS = NO_WORKER
    actor = Actor(UserFactory())
    answers = []

    def create():
        job = services.create(
            actor, JobKind.TEAM_SOLVE, {"instance": INSTANCE}, idempotency_key="twin"
        )
        answers.append(job.id)

    # when both run at once
    outcomes = race(create, create)
    # then both are answered, with the same job, and only one exists
    assert outcomes == ["done", "done"]
    assert len(set(answers)) == 1
    assert Job.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_creates_stops_at_the_cap(settings):
    # given a cap of two jobs per user, and no worker yet
    settings.JOBS_PER_USER = 2
    settings.TASKS = NO_WORKER
    actor = Actor(UserFactory())

    def create(n):
        return lambda: services.create(actor, JobKind.TEAM_SOLVE, {"instance": INSTANCE, "n": n})

    # when six different jobs are created at one instant
    outcomes = race(*(create(n) for n in range(6)))
    # then exactly two are accepted and four refused with too_many_jobs
    assert outcomes == ["done"] * 2 + ["too_many_jobs"] * 4
    assert Job.objects.count() == 2
