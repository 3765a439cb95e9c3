"""The exchange rates this instance uses: ECB reference rates first, then the
operator's table (for currencies the ECB does not publish, or dates past the
bundled data), both with the same look-back limit (`BORNGLOBAL_FX_LOOKBACK_DAYS`)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from bornglobal.domain.errors import Forbidden
from bornglobal.domain.fx import ChainedRates, EcbRates, TableRate, TableRates, parse_rate_csv
from bornglobal.money.models import OperatorRate
from bornglobal.tenancy import audit
from bornglobal.tenancy.actors import Actor


def table_rows() -> list[TableRate]:
    return [
        TableRate(currency=r.currency, on=r.on, per_eur=r.per_eur)
        for r in OperatorRate.objects.all()
    ]


def current() -> ChainedRates:
    lookback = settings.FX_LOOKBACK_DAYS
    return ChainedRates(
        EcbRates(max_lookback_days=lookback), TableRates(table_rows(), max_lookback_days=lookback)
    )


def import_csv(actor: Actor | None, text: str, note: str = "CSV import") -> int:
    """Load `currency,date,per_eur` rows into the operator table (upserting by day).

    Only instance staff may change rates (every venture converts with them).
    """
    if actor is not None and not actor.user.is_staff:
        raise Forbidden(
            "Only the instance operator may change exchange rates.", code="operator_only"
        )
    rows = parse_rate_csv(text)
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
    return len(rows)
