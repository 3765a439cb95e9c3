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

from django.db import DEFAULT_DB_ALIAS, connection, connections, models


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


_AS_GIVEN = (
    models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
    models.PositiveIntegerField, models.PositiveSmallIntegerField, models.SmallIntegerField,
    models.BooleanField, models.CharField, models.TextField,
)


def _stored_as_given(field: models.Field) -> bool:
    """Integers, booleans and text reach both drivers unchanged; the rest are prepared."""
    target = field.target_field if field.is_relation else field
    return type(target) in _AS_GIVEN


class BulkRows:
    """Bulk loads with ids chosen here: one `executemany` per batch, no ORM objects.

    For seeding millions of rows (demo data), where `bulk_create` spends most of its
    time building model instances. Each row is a dict of attribute name → Python
    value, prepared by the field exactly as the ORM would. Ids continue from the
    table's largest; call `finish()` afterwards so PostgreSQL's sequences move past
    them. Use only inside one transaction with no other writer to the same tables.
    """

    def __init__(self, *models_: type[models.Model]) -> None:
        self._next = {}
        for model in models_:
            last = model.objects.aggregate(last=models.Max("pk"))["last"]
            self._next[model] = (last or 0) + 1
        self._models = models_

    def ids(self, model: type[models.Model], count: int) -> range:
        first = self._next[model]
        self._next[model] = first + count
        return range(first, first + count)

    def insert(self, model: type[models.Model], rows: Sequence[dict]) -> None:
        if not rows:
            return
        fields = [field for field in model._meta.concrete_fields if field.attname in rows[0]]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        marks = ", ".join(["%s"] * len(fields))
        plain = [_stored_as_given(field) for field in fields]
        database = connections[DEFAULT_DB_ALIAS]  # the real one: the proxy costs per call
        prepared = [
            [row[field.attname] if as_given else field.get_db_prep_save(row[field.attname],
                                                                         database)
             for field, as_given in zip(fields, plain, strict=True)]
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
                f"VALUES ({marks})",
                prepared,
            )

    def finish(self) -> None:
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), list(self._models))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
