"""Every write to a job: create (limits, idempotency), and the worker's start, progress and end.

`create` counts the user's (and the venture's) queued and running jobs under a lock,
so a burst of requests cannot pass the caps (`BORNGLOBAL_JOBS_PER_USER`,
`BORNGLOBAL_JOBS_PER_VENTURE`; 429 `too_many_jobs` beyond them). On PostgreSQL the
lock is a transaction-level advisory lock per user, then per venture (always in that
order); SQLite runs every write transaction one at a time (IMMEDIATE). The
idempotency key is unique per user: a retry with the same key and the same input
answers the first job, the same key with other input is 409 `idempotency_key_reused`,
and two identical creates racing each other both answer one job (the loser of the
unique constraint reads the winner's row). The task is enqueued after the commit.

The worker's writes are conditional on the job still running, so a job cancelled
while it ran stays cancelled, and a task run twice does the work once.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from bornglobal import clock
from bornglobal.domain.errors import Conflict, DomainError, Forbidden
from bornglobal.jobs import selectors
from bornglobal.jobs.models import ACTIVE, Job, JobKind, JobStatus
from bornglobal.jobs.sandbox import WALL_MARGIN_SECONDS
from bornglobal.tenancy.actors import Actor

logger = logging.getLogger(__name__)

USER_LOCK, VENTURE_LOCK = 0x4A4F4201, 0x4A4F4202  # advisory lock classes ("JOB" 1 and 2)
MAX_KEY = 128
STALE_MARGIN = timedelta(minutes=5)


class TooManyJobs(DomainError):
    code = "too_many_jobs"
    status = 429


def fingerprint(kind: str, venture_id: int | None, document: Any) -> str:
    """The request as the client sent it, for comparing a retry with its first try."""
    canonical = json.dumps(
        {"kind": kind, "venture": venture_id, "input": document},
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def create(
    actor: Actor,
    kind: JobKind,
    document: Any,
    *,
    venture_id: int | None = None,
    idempotency_key: str | None = None,
) -> Job:
    """A new queued job (or, for a retry, the first one), enqueued for the worker."""
    key = (idempotency_key or "").strip()
    if len(key) > MAX_KEY:
        raise DomainError(f"The idempotency key is at most {MAX_KEY} characters.",
                          code="invalid_idempotency_key")  # fmt: skip
    digest = fingerprint(kind, venture_id, document)
    try:
        with transaction.atomic():
            _lock(actor.user.id, venture_id)
            first = _first_try(actor, key, digest)
            if first is not None:
                return first
            _expire_stale()
            _check_caps(actor.user.id, venture_id)
            job = Job.objects.create(
                venture_id=venture_id,
                requested_by=actor.user,
                token_venture_scope=actor.venture_scope,
                token_freelancer_only=actor.freelancer_only,
                kind=kind,
                input=document,
                input_digest=digest,
                idempotency_key=key,
            )
            transaction.on_commit(lambda: _enqueue(job.id), robust=True)
    except IntegrityError:
        first = _first_try(actor, key, digest)
        if first is None:
            raise
        return first
    return job


def _lock(user_id: int, venture_id: int | None) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [USER_LOCK, user_id])
        if venture_id is not None:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [VENTURE_LOCK, venture_id])


def _first_try(actor: Actor, key: str, digest: str) -> Job | None:
    if not key:
        return None
    first = Job.objects.filter(requested_by=actor.user, idempotency_key=key).first()
    if first is not None and first.input_digest != digest:
        raise Conflict(
            "This idempotency key was used for another request.",
            code="idempotency_key_reused",
            details={"job_id": first.id},
        )
    return first


def _check_caps(user_id: int, venture_id: int | None) -> None:
    active = Job.objects.filter(status__in=ACTIVE)
    mine = active.filter(requested_by_id=user_id).count()
    if mine >= settings.JOBS_PER_USER:
        raise TooManyJobs(
            f"You have {mine} jobs queued or running; at most {settings.JOBS_PER_USER} at once. "
            "Wait for one to finish or cancel one.",
            details={"scope": "user", "limit": settings.JOBS_PER_USER, "active": mine},
        )
    if venture_id is None:
        return
    theirs = active.filter(venture_id=venture_id).count()
    if theirs >= settings.JOBS_PER_VENTURE:
        raise TooManyJobs(
            f"The venture has {theirs} jobs queued or running; at most "
            f"{settings.JOBS_PER_VENTURE} at once.",
            details={"scope": "venture", "limit": settings.JOBS_PER_VENTURE, "active": theirs},
        )


def stale_after() -> timedelta:
    """How long a job may be running before its worker is taken to be gone."""
    return timedelta(seconds=settings.JOB_CPU_SECONDS + WALL_MARGIN_SECONDS) + STALE_MARGIN


def _expire_stale() -> None:
    """A job left running by a worker that died (kill -9, power) stops counting."""
    Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=clock.now() - stale_after()).update(
        status=JobStatus.FAILED,
        error_code="worker_lost",
        error_message="The worker running this job stopped before it finished.",
        finished_at=clock.now(),
        message="failed",
    )


def _enqueue(job_id: int) -> None:
    from bornglobal.jobs.tasks import run_job

    run_job.enqueue(job_id)


def cancel(actor: Actor, job_id: int) -> Job:
    """Cancel a queued or running job (its requester only); a finished one is left as is."""
    job = selectors.job_for(actor, job_id)
    if job.requested_by_id != actor.user.id:
        raise Forbidden("Only the person who started a job may cancel it.", code="not_requester")
    Job.objects.filter(id=job.id, status__in=ACTIVE).update(
        status=JobStatus.CANCELLED, finished_at=clock.now(), message="cancelled"
    )
    job.refresh_from_db()
    return job


def start(job_id: int) -> Job | None:
    """Claim a queued job for this worker; None when it is not queued any more."""
    claimed = Job.objects.filter(id=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=clock.now(), progress=1, message="starting"
    )
    return Job.objects.select_related("requested_by").get(id=job_id) if claimed else None


def report(job_id: int, progress: int, message: str) -> bool:
    """Write progress; False when the job is no longer running (it was cancelled)."""
    return bool(
        Job.objects.filter(id=job_id, status=JobStatus.RUNNING).update(
            progress=max(0, min(progress, 99)), message=message[:200]
        )
    )


def succeed(job_id: int, result: Any) -> None:
    Job.objects.filter(id=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.SUCCEEDED,
        result=result,
        progress=100,
        message="done",
        finished_at=clock.now(),
    )


def fail(job_id: int, code: str, message: str, details: Any = None) -> None:
    Job.objects.filter(id=job_id, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED,
        error_code=code[:64],
        error_message=message,
        error_details=details,
        message="failed",
        finished_at=clock.now(),
    )
