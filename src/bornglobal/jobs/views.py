"""A job's page and its progress fragment (htmx polls the fragment every second).

The fragment shows a running job's progress bar and message and, once it is
finished, its result through the kind's presenter (`kinds`), or its error. The page
wraps the same fragment and refreshes itself every two seconds while the job runs, so
it works without JavaScript. Pages that start a job (Teams, the team clock, Assemble)
include the fragment through `job_context`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.module_loading import import_string

from bornglobal.jobs import selectors
from bornglobal.jobs.kinds import KINDS
from bornglobal.jobs.models import Job, JobKind, JobStatus
from bornglobal.tenancy.views import refusals_as_http


def job_context(request, job: Job) -> dict:
    """What `jobs/_job.html` needs: the job, whether it still runs, and its result's view."""
    context = {
        "job": job,
        "active": not job.finished,
        "kind_label": JobKind(job.kind).label,
        "problems": (job.error_details or {}).get("problems", [])
        if isinstance(job.error_details, dict)
        else [],
    }
    if job.status == JobStatus.SUCCEEDED:
        template, extra = import_string(KINDS[job.kind].present)(request, job)
        context |= {"result_template": template, **extra}
    return context


@login_required
@refusals_as_http
def job_page(request, job_id: int):
    job = selectors.job_for(request.actor, job_id)
    return render(request, "jobs/job.html", job_context(request, job))


@login_required
@refusals_as_http
def job_fragment(request, job_id: int):
    job = selectors.job_for(request.actor, job_id)
    return render(request, "jobs/_job.html", job_context(request, job))
