"""Background work of the jobs app (django-tasks, run by `bornglobal worker`).

`run_job` is idempotent: it claims the job only while it is queued, so a task that
runs twice does the work once.
"""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    """Run one queued job to its end; answers the status it ended with."""
    from bornglobal.jobs import runner

    return runner.run(job_id)
