"""The database itself refuses to rewrite the audit trail.

UPDATE is refused on both engines. DELETE is refused on PostgreSQL; on SQLite a DELETE trigger
would also block the test runner's table flush, so there the model and queryset refuse deletes
and the hash chain exposes any row removed behind the application's back.
"""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER eia_auditevent_no_update BEFORE UPDATE ON eia_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS eia_auditevent_no_update;"

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION eia_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER eia_auditevent_no_update BEFORE UPDATE OR DELETE ON eia_auditevent
FOR EACH ROW EXECUTE FUNCTION eia_auditevent_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS eia_auditevent_no_update ON eia_auditevent;
DROP FUNCTION IF EXISTS eia_auditevent_append_only();
"""


def forward(apps, schema_editor):
    sql = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(
        schema_editor.connection.vendor
    )
    if sql:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    sql = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(
        schema_editor.connection.vendor
    )
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("eia", "0003_assessment_and_audit")]
    operations = [migrations.RunPython(forward, backward)]
