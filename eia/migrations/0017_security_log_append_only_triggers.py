"""The database itself refuses to rewrite the security log, as it does the audit trail (0004):
UPDATE is refused on both engines, DELETE on PostgreSQL (on SQLite a DELETE trigger would block
the test runner's table flush; the model and queryset refuse deletes there)."""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER eia_securityevent_no_update BEFORE UPDATE ON eia_securityevent
BEGIN SELECT RAISE(ABORT, 'security log entries are append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS eia_securityevent_no_update;"

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION eia_securityevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'security log entries are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER eia_securityevent_no_update BEFORE UPDATE OR DELETE ON eia_securityevent
FOR EACH ROW EXECUTE FUNCTION eia_securityevent_append_only();
"""
POSTGRES_BACKWARD = """
DROP TRIGGER IF EXISTS eia_securityevent_no_update ON eia_securityevent;
DROP FUNCTION IF EXISTS eia_securityevent_append_only();
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
    dependencies = [("eia", "0016_auditor_role_group")]
    operations = [migrations.RunPython(forward, backward)]
