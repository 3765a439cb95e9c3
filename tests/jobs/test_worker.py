"""The worker's side: the CPU cap, the time limit clamp, cancelling, running a task twice."""

import threading
import time
from datetime import date

import pytest
from django.db import connection

from bornglobal.jobs import runner, services
from bornglobal.jobs.models import Job, JobKind, JobStatus
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory
from tests.jobs.helpers import INSTANCE, NO_WORKER, big_team


def _rota_job(actor, **overrides):
    document = {"people": big_team(), "week_of": "2026-03-09", "min_people": 5,
                "hours_utc": None, "time_limit": 20.0, **overrides}  # fmt: skip
    return services.create(actor, JobKind.CLOCK_ROTA, document)


def test_a_job_over_its_cpu_cap_fails_with_cpu_limit(db, settings):
    # given a CPU cap of one second and a rota of 200 people that needs far more
    settings.JOB_CPU_SECONDS = 1
    job = _rota_job(Actor(UserFactory()))
    # when the worker runs it
    ended = runner.run(job.id)
    # then the solver's process was stopped and the job failed with cpu_limit
    job.refresh_from_db()
    assert ended == "failed"
    assert job.status == JobStatus.FAILED
    assert job.error_code == "cpu_limit"
    assert job.error_details == {"cpu_seconds": 1}
    assert job.finished_at is not None and job.result is None


def test_the_time_limit_asked_is_cut_to_the_setting(settings):
    settings.JOB_TIME_LIMIT_SECONDS = 5
    assert runner.Progress.time_limit(30) == 5.0
    assert runner.Progress.time_limit(2.5) == 2.5


def test_a_small_rota_job_succeeds_with_the_rota_document(db):
    # given a rota job for two people
    people = [{"name": "Asha", "zone": "Asia/Kolkata"}, {"name": "Lena", "zone": "Europe/Berlin"}]
    job = _rota_job(Actor(UserFactory()), people=people, min_people=1, hours_utc=[8, 9])
    # when the worker runs it
    assert runner.run(job.id) == "succeeded"
    # then the result is the rota document for the week
    job.refresh_from_db()
    assert job.progress == 100 and job.message == "done"
    assert job.result["week_of"] == date(2026, 3, 9).isoformat()
    assert job.started_at <= job.finished_at


def test_a_task_run_twice_does_the_work_once(db):
    # given a solve that the worker has finished
    job = services.create(Actor(UserFactory()), JobKind.TEAM_SOLVE,
                          {"instance": INSTANCE, "exact": False, "time_limit": 5.0})  # fmt: skip
    assert runner.run(job.id) == "succeeded"
    finished = Job.objects.get(id=job.id).finished_at
    # when the same task runs again
    again = runner.run(job.id)
    # then it is skipped and the job is unchanged
    assert again == "skipped"
    assert Job.objects.get(id=job.id).finished_at == finished


def test_a_cancelled_job_is_not_run(db):
    # given a queued solve cancelled by its requester
    actor = Actor(UserFactory())
    job = services.create(actor, JobKind.TEAM_SOLVE,
                          {"instance": INSTANCE, "exact": False, "time_limit": 5.0})  # fmt: skip
    services.cancel(actor, job.id)
    # when the worker reaches it, then nothing runs and it stays cancelled
    assert runner.run(job.id) == "skipped"
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.result is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_job_cancelled_while_solving_stops_and_stays_cancelled(settings):
    # given a heavy rota job, and its requester watching from another thread
    settings.TASKS = NO_WORKER
    actor = Actor(UserFactory())
    job = _rota_job(actor)
    seen = []

    def cancel_once_solving():
        try:
            for _ in range(600):
                message = Job.objects.get(id=job.id).message
                if message.startswith("solving"):
                    seen.append(message)
                    services.cancel(actor, job.id)
                    return
                time.sleep(0.1)
        finally:
            connection.close()

    watcher = threading.Thread(target=cancel_once_solving)
    watcher.start()
    # when the worker runs it and the requester cancels it during the solve
    ended = runner.run(job.id)
    watcher.join(timeout=60)
    # then the solve stops, and the job stays cancelled with no result
    job.refresh_from_db()
    assert seen and ended == "cancelled"
    assert job.status == JobStatus.CANCELLED and job.result is None


@pytest.mark.django_db(transaction=True)
def test_bornglobal_worker_picks_up_a_queued_job(settings):
    # given the database task backend that `bornglobal serve` and `worker` use, and a solve
    # queued through it (committed, as a request would)
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    document = {"instance": INSTANCE, "exact": False, "time_limit": 5.0}
    job = services.create(Actor(UserFactory()), JobKind.TEAM_SOLVE, document)
    assert Job.objects.get(id=job.id).status == JobStatus.QUEUED
    # when the worker (`bornglobal worker` runs this command) works through its queue
    call_command("db_worker", batch=True, startup_delay=False, interval=0)
    # then the job ran to its result
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.result["team"][0]["candidate"] == "f1"
