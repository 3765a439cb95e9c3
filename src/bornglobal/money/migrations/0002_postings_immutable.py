"""Database triggers that refuse changing a posting (and, on PostgreSQL, deleting one).

SQLite's test-database flush deletes rows one by one, so the delete guard is
PostgreSQL-only there; the model refuses deletes on every database.
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION money_posting_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'postings are immutable: post a reversing transaction instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER money_posting_no_update BEFORE UPDATE ON money_posting
    FOR EACH ROW EXECUTE FUNCTION money_posting_immutable();
CREATE TRIGGER money_posting_no_delete BEFORE DELETE ON money_posting
    FOR EACH ROW EXECUTE FUNCTION money_posting_immutable();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS money_posting_no_update ON money_posting;
DROP TRIGGER IF EXISTS money_posting_no_delete ON money_posting;
DROP FUNCTION IF EXISTS money_posting_immutable();
"""
SQLITE_FORWARD = """
CREATE TRIGGER money_posting_no_update BEFORE UPDATE ON money_posting
BEGIN SELECT RAISE(ABORT, 'postings are immutable: post a reversing transaction instead'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS money_posting_no_update;"


def forward(apps, schema_editor):
    sql = POSTGRES_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(POSTGRES_BACKWARD if vendor == "postgresql" else SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("money", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
