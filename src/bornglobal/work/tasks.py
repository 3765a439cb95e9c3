"""Background work of the work app (django-tasks, run by `bornglobal worker`).

Every task is idempotent. `auto_release` is scheduled for the instant a submitted
milestone falls due and does nothing unless, under the row lock, the milestone is
still submitted and due; `release_due_milestones` and `expire_due_offers` are the
catch-up sweeps for a worker that was down.
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import default_task_backend, task


@task()
def auto_release(milestone_id: int) -> bool:
    """Release one contract milestone if its auto-release period passed unanswered."""
    from bornglobal.work import milestones

    return milestones.auto_release(milestone_id) is not None


@task()
def release_due_milestones() -> int:
    from bornglobal.work import milestones

    return milestones.release_due()


@task()
def expire_due_offers() -> int:
    from bornglobal.work import services

    return services.expire_due_offers()


def schedule_auto_release(milestone_id: int, at: datetime) -> None:
    """Queue the auto-release for its due instant (a backend that cannot defer skips it:
    the sweep catches the milestone up)."""
    if default_task_backend.supports_defer:
        auto_release.using(run_after=at).enqueue(milestone_id)
