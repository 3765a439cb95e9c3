"""The worker's side of a job: claim it, run its kind, write the result or the error.

`Progress` is what a kind's run function reports through: `stage(percent, message)`
for the steps it takes (reading, writing the result) and `solve(function, args,
limit)`, which runs a solver call in the sandbox under the CPU cap while the job's
progress follows the solver's elapsed time against its time limit ("solving: 4 s of
10 s"), written at most once a second. A cancelled job is noticed at the next
report: the solver's process is killed and nothing more is written.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from bornglobal.domain.errors import DomainError
from bornglobal.jobs import sandbox, services
from bornglobal.jobs.kinds import KINDS
from bornglobal.jobs.models import Job
from bornglobal.tenancy.actors import Actor

logger = logging.getLogger(__name__)

SOLVE_FROM, SOLVE_TO = 20, 90
WRITE_EVERY_SECONDS = 1.0


class JobCancelled(Exception):
    """The job is no longer running (its requester cancelled it)."""


class Progress:
    def __init__(self, job_id: int):
        self.job_id = job_id

    def stage(self, percent: int, message: str) -> None:
        if not services.report(self.job_id, percent, message):
            raise JobCancelled

    @staticmethod
    def time_limit(asked: float) -> float:
        """The solver's time limit: what was asked, at most `BORNGLOBAL_JOB_TIME_LIMIT_SECONDS`."""
        return min(float(asked), float(settings.JOB_TIME_LIMIT_SECONDS))

    @staticmethod
    def threads() -> int:
        return settings.JOB_SOLVER_THREADS

    def solve(self, function, args: tuple, limit: float) -> Any:
        """`function(*args)` in the sandbox, reporting the solver's time against `limit`."""
        began = time.monotonic()
        written = [began]

        def tick() -> None:
            now = time.monotonic()
            if now - written[0] < WRITE_EVERY_SECONDS:
                return
            written[0] = now
            elapsed = now - began
            share = min(elapsed / limit, 1.0) if limit > 0 else 1.0
            percent = SOLVE_FROM + round((SOLVE_TO - SOLVE_FROM) * share)
            self.stage(percent, f"solving: {elapsed:.0f} s of {limit:g} s")

        self.stage(SOLVE_FROM, f"solving: 0 s of {limit:g} s")
        return sandbox.run_limited(
            function, args, cpu_seconds=settings.JOB_CPU_SECONDS, tick=tick
        )


def actor_of(job: Job) -> Actor:
    """The requester as they asked: with the scope of the API token they used, if any."""
    return Actor(job.requested_by, job.token_venture_scope, job.token_freelancer_only)


def run(job_id: int) -> str:
    """Run one job to its end; the status it ended with ("skipped" if it was not queued)."""
    job = services.start(job_id)
    if job is None:
        return "skipped"
    try:
        result = import_string(KINDS[job.kind].run)(job, Progress(job.id))
    except JobCancelled:
        return "cancelled"
    except sandbox.CpuLimitExceeded:
        services.fail(
            job.id,
            "cpu_limit",
            f"The job used more than its {settings.JOB_CPU_SECONDS} s of CPU time and was "
            "stopped.",
            {"cpu_seconds": settings.JOB_CPU_SECONDS},
        )
        return "failed"
    except sandbox.WallLimitExceeded as error:
        services.fail(job.id, "wall_limit", f"The job ran too long: {error}.")
        return "failed"
    except DomainError as refused:
        services.fail(job.id, refused.code, refused.message, refused.details)
        return "failed"
    except Exception:
        logger.exception("job %s (%s) failed", job.id, job.kind)
        services.fail(
            job.id, "job_failed", "The job failed unexpectedly; the operator's log has details."
        )
        return "failed"
    services.succeed(job.id, result)
    return "succeeded"
