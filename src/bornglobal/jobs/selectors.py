"""Reads of jobs, scoped to who may see them.

A job of no venture (a pasted instance, a team file) is visible to the person who
asked for it only. A venture's job (a project's proposal, offers or rota) is visible
to the venture's members whose role allows the kind's action (see `kinds`), the
requester included only while they are such a member; an API token limited to
another venture, or to the freelancer side, sees none of them. Anyone else gets 404.
"""

from __future__ import annotations

from bornglobal.domain.errors import NotFound
from bornglobal.domain.roles import may
from bornglobal.jobs.kinds import KINDS
from bornglobal.jobs.models import Job
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor


def may_see(actor: Actor, job: Job) -> bool:
    if job.venture_id is None:
        return job.requested_by_id == actor.user.id
    if not actor.reaches_venture(job.venture_id):
        return False
    return may(tenancy.role_in(actor.user, job.venture_id), KINDS[job.kind].see)


def job_for(actor: Actor, job_id: int) -> Job:
    """The job if the actor may see it; else 404 `not_found`."""
    job = Job.objects.filter(id=job_id).first()
    if job is None or not may_see(actor, job):
        raise NotFound("No such job.")
    return job
