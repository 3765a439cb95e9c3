"""Jobs over HTTP: a job's status, progress and result (`GET /jobs/{id}`), and cancel.

The endpoints that start long work (`POST /teams/solve`, `/clock/rota`,
`/projects/{id}/assemble`, `/projects/{id}/assemble/offers`) answer 202 through
`accepted`: `{"id", "status", "url"}` with a `Location` header naming this endpoint.
"""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Status

from bornglobal.jobs import selectors, services
from bornglobal.jobs.models import Job
from bornglobal.jobs.schemas import JobAccepted, JobOut
from bornglobal.tenancy.api import ERRORS, ObjectId
from bornglobal.tenancy.auth import actor_of

router = Router(tags=["jobs"])

API_ROOT = "/api/v1"


def job_url(job: Job) -> str:
    return f"{API_ROOT}/jobs/{job.id}"


def accepted(response: HttpResponse, job: Job) -> Status:
    """The 202 answer for a created (or retried) job, with its `Location`."""
    job.refresh_from_db(fields=["status"])
    response["Location"] = job_url(job)
    return Status(202, {"id": job.id, "status": job.status, "url": job_url(job)})


def job_out(job: Job) -> dict:
    error = None
    if job.error_code:
        error = {"code": job.error_code, "message": job.error_message,
                 "details": job.error_details}  # fmt: skip
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "venture_id": job.venture_id,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "result": job.result,
        "error": error,
        "url": job_url(job),
    }


@router.get("/jobs/{job_id}", response={200: JobOut, **ERRORS})
def get_job(request, job_id: ObjectId):
    """A job's status (queued, running, succeeded, failed, cancelled), progress 0-100 with
    a message, and its result or error. 404 for a job you may not see."""
    return job_out(selectors.job_for(actor_of(request), job_id))


@router.post("/jobs/{job_id}/cancel", response={200: JobOut, **ERRORS})
def cancel_job(request, job_id: ObjectId):
    """Cancel a queued or running job you started; a finished job is answered as it is."""
    return job_out(services.cancel(actor_of(request), job_id))


__all__ = ["JobAccepted", "accepted", "router"]
