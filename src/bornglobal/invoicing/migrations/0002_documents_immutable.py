"""Database triggers that refuse changing what an issued document says.

The invoice's printed content (number, parties, dates, amounts) and every line and
tax group are guarded; references that may be cleared when a user is deleted
(`issued_by`) are not. Deletes are refused by the models; PostgreSQL refuses them
too (a test flush uses TRUNCATE, which row triggers do not see).
"""

from django.db import migrations

INVOICE_COLUMNS = (
    "series_id, number, reference, kind, origin, venture_id, credits_id, issue_date, "
    "supply_date, due_date, currency, seller_name, seller_address, seller_country, "
    "seller_vat_id, buyer_name, buyer_address, buyer_country, buyer_vat_id, net_minor, "
    "tax_minor, total_minor, national_currency, national_tax_minor, fx_rate"
)
TABLES = {
    "invoicing_invoice": INVOICE_COLUMNS,
    "invoicing_invoiceline": None,
    "invoicing_taxgroup": None,
}
MESSAGE = "issued invoices are immutable: issue a credit note instead"


def _postgres(table: str, columns: str | None) -> str:
    of = f" OF {columns}" if columns else ""
    return (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE{of} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION invoicing_document_immutable();\n"
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION invoicing_document_immutable();"
    )


def _sqlite(table: str, columns: str | None) -> str:
    of = f" OF {columns}" if columns else ""
    return (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE{of} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    )


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION invoicing_document_immutable() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END; $$ LANGUAGE plpgsql;"
        )
        for table, columns in TABLES.items():
            schema_editor.execute(_postgres(table, columns))
    else:
        for table, columns in TABLES.items():
            schema_editor.execute(_sqlite(table, columns))


def backward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for table in TABLES:
        schema_editor.execute(
            f"DROP TRIGGER IF EXISTS {table}_no_update" + (f" ON {table}" if postgres else "")
        )
        if postgres:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table}")
    if postgres:
        schema_editor.execute("DROP FUNCTION IF EXISTS invoicing_document_immutable()")


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
