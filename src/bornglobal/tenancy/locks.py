"""Row locks for the platform app, always taken in primary-key order."""

from __future__ import annotations

from collections.abc import Iterable

from bornglobal.tenancy.models import Venture


def lock_ventures(venture_ids: Iterable[int]) -> list[Venture]:
    """Lock ventures by id, lowest first, inside the caller's transaction."""
    ids = sorted(set(venture_ids))
    return list(Venture.objects.select_for_update().filter(id__in=ids).order_by("id"))
