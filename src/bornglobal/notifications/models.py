"""The in-app inbox: one row per thing a person was told, and their e-mail opt-outs.

A notification is written in the recipient's own words (a founder reads "Priya
submitted Part 1", the freelancer "Part 1 is funded: you may start") and carries
the link to act on it. `key` names the event it is about ("milestone:12:funded");
the pair (recipient, key) is UNIQUE, so the same event never notifies one person
twice however often it is replayed, retried or swept. `side` says whether the
person was told as a venture's member or as the freelancer, so a venture-scoped
API token sees only its venture's notifications and a freelancer token only the
freelancer's. `emailed_at` is set when the e-mail was handed to the backend.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    """What a notification is about; also the unit a person can switch e-mail off for."""

    OFFER = "offer", "Offers"
    FUNDING = "funding", "Funding"
    SUBMISSION = "submission", "Submissions and change requests"
    AUTO_RELEASE = "auto_release", "Approaching auto-release"
    PAYMENT = "payment", "Payments"
    DISPUTE = "dispute", "Disputes"
    HANDOFF = "handoff", "Tasks handed to you"


class Side(models.TextChoices):
    VENTURE = "venture"
    FREELANCER = "freelancer"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    side = models.CharField(max_length=10, choices=Side.choices)
    key = models.CharField(max_length=160, help_text='the event, e.g. "milestone:12:funded"')
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    link = models.CharField(max_length=500, blank=True, default="")
    venture = models.ForeignKey(
        "tenancy.Venture", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contract = models.ForeignKey(
        "work.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], name="notification_once_per_recipient_and_key"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values), name="notification_side_known"
            ),
            models.CheckConstraint(condition=~Q(key=""), name="notification_key_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="notification_title_not_empty"),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "read_at", "created_at"], name="notification_inbox_idx"
            )
        ]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def __str__(self) -> str:
        return self.title


class EmailOptOut(models.Model):
    """A person does not want e-mail for one kind (the in-app notification still comes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["user_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once_per_kind"),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="email_opt_out_kind_known"
            ),
        ]
