"""Writing the audit log. Services call `record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from bornglobal import clock, rows
from bornglobal.tenancy.models import AuditEvent, User, Venture


def record(
    actor: User | None,
    action: str,
    *,
    venture: Venture | None = None,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    summary: dict[str, Any] = {}
    if before:
        summary["before"] = before
    if after:
        summary["after"] = after
    return rows.insert(
        AuditEvent(
            actor=actor,
            actor_label=actor.email if actor else "system",
            venture=venture,
            action=action,
            object_type=target._meta.model_name if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            summary=summary,
            created_at=clock.now(),
        )
    )


def changes(instance: models.Model, fields: dict[str, Any]) -> tuple[dict, dict]:
    """The before/after pair of the fields that really change."""
    before, after = {}, {}
    for name, value in fields.items():
        current = getattr(instance, name)
        if current != value:
            before[name], after[name] = current, value
    return before, after
