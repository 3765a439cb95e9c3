"""Tasks of a project and the handoff notes that pass them along the follow-the-sun chain.

A `Task` is held by one person at a time (`holder`, with their contract on the project
when they have one). `held_from` is when the task became, or becomes, theirs: the
opening of their working window (see `domain.handoffs`). Each `Handoff` is one note in
the task's thread: what is done, what is next, what blocks, from whom to whom, when it
was written (`handed_at`) and when it opens for the receiver (`opens_at`). Notes are
never edited; a task's thread is its history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bornglobal.tenancy.models import Venture

MAX_NOTE = 4000


class TaskState(models.TextChoices):
    OPEN = "open"
    DONE = "done"


class Task(models.Model):
    """One piece of a project's work, relayed from zone to zone until it is done."""

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="tasks")
    project = models.ForeignKey("work.Project", on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    state = models.CharField(max_length=4, choices=TaskState.choices, default=TaskState.OPEN)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="held_tasks"
    )
    holder_contract = models.ForeignKey(
        "work.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    held_from = models.DateTimeField(help_text="when the task is, or becomes, the holder's")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project_id", "state", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="task_title_not_empty"),
            models.CheckConstraint(
                condition=Q(state__in=TaskState.values), name="task_state_known"
            ),
            models.CheckConstraint(
                condition=Q(state=TaskState.DONE, done_at__isnull=False)
                | Q(state=TaskState.OPEN, done_at__isnull=True),
                name="task_done_has_done_at",
            ),
        ]
        indexes = [
            models.Index(fields=["holder", "state", "held_from"], name="work_task_holder_idx"),
            models.Index(fields=["project", "state"], name="work_task_project_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Handoff(models.Model):
    """One note in a task's thread: the task passes from `giver` to `receiver`."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="handoffs")
    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    receiver_contract = models.ForeignKey(
        "work.Contract", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done = models.TextField(blank=True, default="")
    next = models.TextField(blank=True, default="")
    blockers = models.TextField(blank=True, default="")
    handed_at = models.DateTimeField()
    opens_at = models.DateTimeField(help_text="when the receiver's working window opens")

    class Meta:
        ordering = ["task_id", "handed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__gte=F("handed_at")), name="handoff_opens_after_handed"
            ),
            models.CheckConstraint(
                condition=~Q(giver=F("receiver")), name="handoff_to_someone_else"
            ),
            models.CheckConstraint(
                condition=~Q(done="") | ~Q(next=""), name="handoff_says_done_or_next"
            ),
        ]
        indexes = [models.Index(fields=["task", "handed_at"], name="work_handoff_task_idx")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.giver_id} -> {self.receiver_id}"
