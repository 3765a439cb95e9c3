"""Inserting ledger rows with one plain statement each.

A money movement writes a transaction, its postings and a disclosure. Through the
ORM's `create` each insert costs several times the database's own work, which
halves the releases a small machine can make per second (see `bench/ledger.py`).
These two functions do the same insert with the model's own field preparation
(`get_db_prep_save`, so dates, decimals and foreign keys are stored exactly as the
ORM would store them), and skip only the per-call query building. They are used
for rows that are only ever inserted: no signals or `save()` logic apply to them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def _values(instance: models.Model, fields: list[models.Field]) -> list:
    return [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]


def insert(instance: models.Model, *, skip_conflict: bool = False) -> models.Model | None:
    """INSERT one row and give the instance its new primary key.

    With `skip_conflict`, a row that would break a unique constraint is not written
    (ON CONFLICT DO NOTHING) and None is returned.
    """
    meta, fields = instance._meta, _columns(type(instance))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks}) "  # noqa: S608
            + ("ON CONFLICT DO NOTHING " if skip_conflict else "")
            + f"RETURNING {quote(meta.pk.column)}",
            _values(instance, fields),
        )
        inserted = cursor.fetchone()
    if inserted is None:
        return None
    instance.pk = inserted[0]
    instance._state.adding, instance._state.db = False, connection.alias
    return instance


def insert_many(instances: Sequence[models.Model]) -> None:
    """INSERT several rows of one model in one statement (their ids are not read back)."""
    if not instances:
        return
    meta, fields = instances[0]._meta, _columns(type(instances[0]))
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    params = [value for instance in instances for value in _values(instance, fields)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608
            + ", ".join([row] * len(instances)),
            params,
        )
