"""Files attached to a contract's timeline: a deliverable's files on a submission, and
the evidence files either side adds to a dispute.

An `Attachment` belongs to the timeline line (`ContractEvent`) it came with, on one
milestone of one contract. The stored file lives in Django's default storage under
`work/<contract id>/<random uuid>/<safe name>`: the user's own path never reaches the
storage. The name kept for display is the sanitised one, the content type is guessed
from that name (never the browser's word for it), and size and SHA-256 are measured
on the bytes received. Rows are never edited.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

MAX_NAME = 200


def stored_path(attachment: Attachment, filename: str) -> str:
    """work/<contract id>/<uuid>/<safe name>: unguessable, and unique per file."""
    return f"work/{attachment.contract_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    """One file on a submission or a piece of dispute evidence."""

    contract = models.ForeignKey(
        "work.Contract", on_delete=models.PROTECT, related_name="attachments"
    )
    milestone = models.ForeignKey(
        "work.ContractMilestone", on_delete=models.PROTECT, related_name="attachments"
    )
    event = models.ForeignKey(
        "work.ContractEvent", on_delete=models.PROTECT, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=MAX_NAME, help_text="the sanitised original file name")
    content_type = models.CharField(max_length=100)
    size = models.BigIntegerField(help_text="bytes")
    sha256 = models.CharField(max_length=64)
    file = models.FileField(upload_to=stored_path, max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_size_positive"),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="attachment_sha256_hex"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="attachment_name_not_empty"),
        ]
        indexes = [models.Index(fields=["contract", "event"], name="work_attachment_event_idx")]

    def __str__(self) -> str:
        return self.name
