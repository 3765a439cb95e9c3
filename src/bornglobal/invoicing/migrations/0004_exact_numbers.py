"""Exact numbers on every database: rates and quantities as `ExactDecimalField`
(text on SQLite, numeric on PostgreSQL), never a SQLite REAL.

On SQLite, altering a column rebuilds the table, which drops its triggers: the
values are rewritten as plain decimal text and the immutability triggers of
0002_documents_immutable are created again. On PostgreSQL the column type is
unchanged (numeric) and nothing is rebuilt.
"""

from importlib import import_module

from django.db import migrations

import bornglobal.money.fields
from bornglobal.money.fields import rewrite_as_text

TRIGGERS = import_module("bornglobal.invoicing.migrations.0002_documents_immutable")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    rewrite_as_text(schema_editor, "invoicing_invoice", {"fx_rate": 12})
    rewrite_as_text(schema_editor, "invoicing_invoiceline", {"quantity": 3, "rate": 3})
    rewrite_as_text(schema_editor, "invoicing_taxgroup", {"rate": 3})
    for table, columns in TRIGGERS.TABLES.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        schema_editor.execute(TRIGGERS._sqlite(table, columns))


class Migration(migrations.Migration):
    dependencies = [
        ("invoicing", "0003_reminder_emailed_to"),
        ("money", "0004_exact_numbers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invoice",
            name="fx_rate",
            field=bornglobal.money.fields.ExactDecimalField(
                blank=True, decimal_places=12, max_digits=30, null=True
            ),
        ),
        migrations.AlterField(
            model_name="invoiceline",
            name="quantity",
            field=bornglobal.money.fields.ExactDecimalField(decimal_places=3, max_digits=14),
        ),
        migrations.AlterField(
            model_name="invoiceline",
            name="rate",
            field=bornglobal.money.fields.ExactDecimalField(
                decimal_places=3, help_text="percent", max_digits=6
            ),
        ),
        migrations.AlterField(
            model_name="taxgroup",
            name="rate",
            field=bornglobal.money.fields.ExactDecimalField(decimal_places=3, max_digits=6),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]

