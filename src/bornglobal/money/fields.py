"""Exact decimal columns on every database.

Django's `DecimalField` is a `decimal` column on SQLite, and SQLite's NUMERIC affinity
keeps a number with more than 15 significant digits as a binary float: a rate written
as 1423.010678608336 reads back as 1423.01067860834. `ExactDecimalField` is
`numeric(p, s)` on PostgreSQL (exact there) and `text` on SQLite, and rounds half to
even to its places before anything is written, so what is read back is exactly what
was written, on both. Comparisons (`gt`, `gte`, `lt`, `lte`, as in check constraints)
compare numbers on SQLite too, not text.

Used for every exact number of money, invoicing and tax: exchange rates, tax rates,
quantities. No REAL column exists in those apps (`tests/money/test_schema.py`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from django.db import models
from django.db.models import lookups


class ExactDecimalField(models.DecimalField):
    def get_internal_type(self) -> str:
        # Not "DecimalField": SQLite's converter for that type reads through a float.
        return "ExactDecimalField"

    def db_type(self, connection) -> str:
        if connection.vendor == "sqlite":
            return "text"
        return f"numeric({self.max_digits}, {self.decimal_places})"

    def cast_db_type(self, connection) -> str:
        return self.db_type(connection)

    def exact(self, value) -> Decimal:
        """`value` rounded half to even to the column's places."""
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        with localcontext(prec=self.max_digits + 10):
            return number.quantize(Decimal(1).scaleb(-self.decimal_places), ROUND_HALF_EVEN)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "as_sql"):
            return value
        exact = self.exact(value)
        return format(exact, "f") if connection.vendor == "sqlite" else exact

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(str(value))


class _Numeric:
    """On SQLite, compare the text as numbers: '7.000' < '100.000'."""

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        operator = connection.operators[self.lookup_name] % f"CAST({rhs} AS NUMERIC)"
        return f"CAST({lhs} AS NUMERIC) {operator}", (*lhs_params, *rhs_params)


@ExactDecimalField.register_lookup
class _GreaterThan(_Numeric, lookups.GreaterThan):
    pass


@ExactDecimalField.register_lookup
class _GreaterThanOrEqual(_Numeric, lookups.GreaterThanOrEqual):
    pass


@ExactDecimalField.register_lookup
class _LessThan(_Numeric, lookups.LessThan):
    pass


@ExactDecimalField.register_lookup
class _LessThanOrEqual(_Numeric, lookups.LessThanOrEqual):
    pass


def rewrite_as_text(schema_editor, table: str, columns: dict[str, int]) -> None:
    """For a migration to `ExactDecimalField` on SQLite: the values the old `decimal`
    column held (floats, or integers) rewritten as plain decimal text with the column's
    places. `columns` maps each column to its decimal places. Digits a float already lost
    are not recovered."""
    if schema_editor.connection.vendor != "sqlite":
        return
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        for column, places in columns.items():
            cursor.execute(
                f"SELECT id, {quote(column)} FROM {quote(table)} "  # noqa: S608
                f"WHERE {quote(column)} IS NOT NULL"
            )
            unit = Decimal(1).scaleb(-places)
            for pk, value in cursor.fetchall():
                with localcontext(prec=60):
                    text = format(Decimal(str(value)).quantize(unit, ROUND_HALF_EVEN), "f")
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
                    [text, pk],
                )
