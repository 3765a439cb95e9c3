"""Background work of notifications (django-tasks, run by `bornglobal worker`).

Both tasks are idempotent: a notification is written once per person and event.
`warn_auto_release` is deferred to the instant a submitted milestone enters its
warning period; `warn_due_auto_releases` is the catch-up sweep.
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import default_task_backend, task

from bornglobal import clock


@task()
def warn_auto_release(milestone_id: int) -> bool:
    from bornglobal.notifications import auto_release

    return auto_release.warn_one(milestone_id)


@task()
def warn_due_auto_releases() -> int:
    from bornglobal.notifications import auto_release

    return auto_release.warn_due()


def schedule_warning(milestone_id: int, auto_release_at: datetime) -> None:
    """Queue the warning for when the milestone enters its warning period (a backend
    that cannot defer skips it: the sweep catches up)."""
    from bornglobal.notifications import auto_release

    if not default_task_backend.supports_defer:
        return
    at = max(auto_release_at - auto_release.warning_period(), clock.now())
    warn_auto_release.using(run_after=at).enqueue(milestone_id)
