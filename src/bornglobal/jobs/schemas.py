"""The jobs API's schemas: the 202 answer of a job-creating POST, and a job's state."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Header, Schema

from bornglobal.apierrors import ErrorOut

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        None,
        alias="Idempotency-Key",
        max_length=128,
        description=(
            "Optional, unique per user: a retry with the same key and the same request "
            "answers the first job; the same key with another request is 409 "
            "`idempotency_key_reused`."
        ),
    ),
]


class JobAccepted(Schema):
    id: int
    status: str
    url: str


class JobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    message: str
    venture_id: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    result: Any = None
    error: ErrorOut | None = None
    url: str
