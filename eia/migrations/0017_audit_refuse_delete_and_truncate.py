"""The database refuses to rewrite the audit trail, its anchors and its digests.

Both engines: events and digests refuse UPDATE and DELETE; an anchor (AuditHead) only moves
forward (a higher sequence, same chain) and refuses DELETE. PostgreSQL also refuses TRUNCATE of
all three. The one way through is `manage.py flush` (eia.chain.guard): on SQLite the DELETE
triggers let through only a connection Django has unlocked, on PostgreSQL only a superuser's
session in replica mode. Replaces migration 0004's triggers.
"""

from django.db import migrations

UNLOCKED = "due_regard_audit_unlocked()"


def _sqlite_refuse(name, table, when, message):
    operation, _, condition = when.partition(" WHEN ")
    condition = f" WHEN {condition}" if condition else ""
    return (
        f"CREATE TRIGGER {name} BEFORE {operation} ON {table}{condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
    )


SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS eia_auditevent_no_update",
    _sqlite_refuse("eia_auditevent_no_update", "eia_auditevent", "UPDATE", "audit events are append-only"),
    _sqlite_refuse("eia_auditevent_no_delete", "eia_auditevent", f"DELETE WHEN NOT {UNLOCKED}", "audit events are append-only"),
    _sqlite_refuse(
        "eia_audithead_forward_only", "eia_audithead",
        "UPDATE WHEN NEW.sequence <= OLD.sequence OR NEW.assessment_id IS NOT OLD.assessment_id "
        "OR NEW.organisation_id IS NOT OLD.organisation_id",
        "audit anchors only move forward",
    ),
    _sqlite_refuse("eia_audithead_no_delete", "eia_audithead", f"DELETE WHEN NOT {UNLOCKED}", "audit anchors only move forward"),
    _sqlite_refuse("eia_auditdigest_no_update", "eia_auditdigest", "UPDATE", "audit digests are append-only"),
    _sqlite_refuse("eia_auditdigest_no_delete", "eia_auditdigest", f"DELETE WHEN NOT {UNLOCKED}", "audit digests are append-only"),
]  # fmt: skip
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {name}"
    for name in (
        "eia_auditevent_no_delete",
        "eia_audithead_forward_only",
        "eia_audithead_no_delete",
        "eia_auditdigest_no_update",
        "eia_auditdigest_no_delete",
    )
]

POSTGRES_FORWARD = [
    """
CREATE OR REPLACE FUNCTION eia_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END;
$$ LANGUAGE plpgsql
""",
    "DROP TRIGGER IF EXISTS eia_auditevent_no_update ON eia_auditevent",
    """
CREATE TRIGGER eia_auditevent_no_update BEFORE UPDATE OR DELETE ON eia_auditevent
FOR EACH ROW EXECUTE FUNCTION eia_auditevent_append_only()
""",
    """
CREATE TRIGGER eia_auditevent_no_truncate BEFORE TRUNCATE ON eia_auditevent
FOR EACH STATEMENT EXECUTE FUNCTION eia_auditevent_append_only()
""",
    """
CREATE OR REPLACE FUNCTION eia_audithead_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.sequence > OLD.sequence AND NEW.assessment_id = OLD.assessment_id
     AND NEW.organisation_id = OLD.organisation_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit anchors only move forward';
END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER eia_audithead_forward_only BEFORE UPDATE OR DELETE ON eia_audithead
FOR EACH ROW EXECUTE FUNCTION eia_audithead_forward_only()
""",
    """
CREATE TRIGGER eia_audithead_no_truncate BEFORE TRUNCATE ON eia_audithead
FOR EACH STATEMENT EXECUTE FUNCTION eia_audithead_forward_only()
""",
    """
CREATE OR REPLACE FUNCTION eia_auditdigest_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit digests are append-only'; END;
$$ LANGUAGE plpgsql
""",
    """
CREATE TRIGGER eia_auditdigest_no_update BEFORE UPDATE OR DELETE ON eia_auditdigest
FOR EACH ROW EXECUTE FUNCTION eia_auditdigest_append_only()
""",
    """
CREATE TRIGGER eia_auditdigest_no_truncate BEFORE TRUNCATE ON eia_auditdigest
FOR EACH STATEMENT EXECUTE FUNCTION eia_auditdigest_append_only()
""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS eia_auditevent_no_truncate ON eia_auditevent",
    "DROP TRIGGER IF EXISTS eia_audithead_forward_only ON eia_audithead",
    "DROP TRIGGER IF EXISTS eia_audithead_no_truncate ON eia_audithead",
    "DROP TRIGGER IF EXISTS eia_auditdigest_no_update ON eia_auditdigest",
    "DROP TRIGGER IF EXISTS eia_auditdigest_no_truncate ON eia_auditdigest",
    "DROP FUNCTION IF EXISTS eia_audithead_forward_only()",
    "DROP FUNCTION IF EXISTS eia_auditdigest_append_only()",
]


def _run(schema_editor, statements):
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("eia", "0016_audit_reseal_with_key")]
    operations = [migrations.RunPython(forward, backward)]
