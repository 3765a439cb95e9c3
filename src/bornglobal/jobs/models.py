"""The job table: one row per piece of long work, from the request to its result.

A job belongs to the user who asked (`requested_by`) and, when the work is a
venture's (assembling a project's team, a project's rota), to that venture. Its
`input` is the checked request, its `result` the answer document, and a failure
keeps a machine-readable `error_code` with a message for people. `progress` is
0-100 with a short `message` ("solving: 4 s of 10 s"). The idempotency key is
unique per user; `input_digest` lets a retry with the same key and input answer the
same job, and a reuse with other input be refused.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bornglobal import clock


class JobKind(models.TextChoices):
    TEAM_SOLVE = "team_solve", "Team solve"
    CLOCK_ROTA = "clock_rota", "Support rota"
    ASSEMBLE_PROPOSAL = "assemble_proposal", "Assemble a team: proposal"
    ASSEMBLE_OFFERS = "assemble_offers", "Assemble a team: send offers"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
FINISHED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


class Job(models.Model):
    venture = models.ForeignKey(
        "tenancy.Venture", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    token_venture_scope = models.IntegerField(
        null=True, blank=True, help_text="the venture an API token was limited to, if any"
    )
    token_freelancer_only = models.BooleanField(default=False)
    kind = models.CharField(max_length=24, choices=JobKind.choices)
    status = models.CharField(max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True, default="queued")
    input = models.JSONField()
    input_digest = models.CharField(max_length=64)
    result = models.JSONField(null=True, blank=True)
    error_code = models.CharField(max_length=64, blank=True, default="")
    error_message = models.TextField(blank=True, default="")
    error_details = models.JSONField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=128, blank=True, default="")
    created_at = models.DateTimeField(default=clock.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="job_key_unique_per_user",
            ),
            models.CheckConstraint(condition=Q(kind__in=JobKind.values), name="job_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="job_status_known"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="job_progress_0_to_100"
            ),
            models.CheckConstraint(
                condition=Q(status="failed") | Q(error_code=""), name="job_error_only_when_failed"
            ),
        ]
        indexes = [
            models.Index(fields=["requested_by", "status"], name="job_user_status_idx"),
            models.Index(fields=["venture", "status"], name="job_venture_status_idx"),
        ]

    def __str__(self) -> str:
        return f"job {self.id} {self.kind} {self.status}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED
