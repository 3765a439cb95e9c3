"""The table of idempotency keys for writes that create something (an escrow, a
dispute, a resolution, a payout batch, an offer, an invoice): one row per key and
key space, written first in the request's transaction (`money.idempotency`)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class IdempotentRequest(models.Model):
    """A key, what it was used for, a digest of the request and what it made."""

    space = models.CharField(max_length=40, help_text="whose keys: venture:<id> or person:<id>")
    key = models.CharField(max_length=128)
    scope = models.CharField(max_length=32, help_text="the kind of write, e.g. escrow")
    fingerprint = models.CharField(max_length=64, help_text="digest of what the client sent")
    result_id = models.BigIntegerField(null=True, blank=True, help_text="what the write made")
    outcome = models.JSONField(default=dict, blank=True, help_text="what else a retry answers")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["space", "key"], name="idempotent_request_key_unique"),
            models.CheckConstraint(condition=~Q(key=""), name="idempotent_request_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.key} ({self.scope})"
