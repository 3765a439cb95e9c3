"""The exchange rates this instance uses: ECB reference rates first, then the
operator's table (for currencies the ECB does not publish, or dates past the
bundled data), both with the same look-back limit (`BORNGLOBAL_FX_LOOKBACK_DAYS`).
Past the end of both, the newest rate serves for up to `BORNGLOBAL_FX_MAX_AGE_DAYS`,
its age disclosed; beyond that a conversion is refused with `rate_too_old`."""

from __future__ import annotations

import time
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max

from bornglobal.domain.errors import DomainError, Forbidden
from bornglobal.domain.fx import ChainedRates, EcbRates, TableRate, TableRates, parse_rate_csv
from bornglobal.money.models import OperatorRate
from bornglobal.tenancy import audit
from bornglobal.tenancy.actors import Actor


def _trimmed(value: Decimal) -> Decimal:
    """1.1172000000 -> 1.1172 (the column keeps 10 places), without exponent form."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal


def table_rows() -> list[TableRate]:
    return [
        TableRate(currency=r.currency, on=r.on, per_eur=_trimmed(r.per_eur))
        for r in OperatorRate.objects.all()
    ]


MAX_PER_EUR = Decimal(10) ** 14  # what the rate column (24 digits, 10 places) holds
_cache: dict[tuple, ChainedRates] = {}
_checked = {"at": 0, "key": None}
RECHECK_SECONDS = 5


def current() -> ChainedRates:
    """The chained sources, rebuilt only when the operator table has changed.

    One small aggregate query, at most every few seconds per process, tells whether
    any process changed the table since this process last read it.
    """
    moment = time.monotonic()
    key = _checked["key"]
    if key is None or moment - _checked["at"] > RECHECK_SECONDS:
        version = OperatorRate.objects.aggregate(rows=Count("id"), last=Max("updated_at"))
        key = (version["rows"], version["last"])
        _checked.update(at=moment, key=key)
    key = (*key, settings.FX_LOOKBACK_DAYS, settings.FX_MAX_AGE_DAYS)  # settings may change
    if key not in _cache:
        lookback = settings.FX_LOOKBACK_DAYS
        _cache.clear()
        _cache[key] = ChainedRates(
            EcbRates(max_lookback_days=lookback),
            TableRates(table_rows(), max_lookback_days=lookback),
            max_age_days=settings.FX_MAX_AGE_DAYS,
        )
    return _cache[key]


def import_csv(actor: Actor | None, text: str, note: str = "CSV import") -> int:
    """Load `currency,date,per_eur` rows into the operator table (upserting by day).

    Only instance staff may change rates (every venture converts with them).
    """
    if actor is not None and not actor.user.is_staff:
        raise Forbidden(
            "Only the instance operator may change exchange rates.", code="operator_only"
        )
    rows = parse_rate_csv(text)
    too_big = [row for row in rows if row.per_eur >= MAX_PER_EUR]
    if too_big:
        raise DomainError(
            f"{too_big[0].currency} on {too_big[0].on}: a rate must be below "
            f"{MAX_PER_EUR} per EUR.",
            code="invalid_rate_csv",
        )
    with transaction.atomic():
        for row in rows:
            OperatorRate.objects.update_or_create(
                currency=row.currency,
                on=row.on,
                defaults={"per_eur": row.per_eur, "note": note[:200]},
            )
        audit.record(
            actor.user if actor else None,
            "fx.rates_imported",
            after={"rows": len(rows), "note": note[:200]},
        )
        transaction.on_commit(lambda: _checked.update(key=None))
    return len(rows)


def forget() -> None:
    """Drop this process's copy of the table (called when a rate row is saved)."""
    _checked.update(key=None)
    _cache.clear()
