"""Audit events of the organisation itself (its equality objectives and action plan) have no
assessment: they form one chain per organisation, guarded by their own unique sequence and
anchored by an AuditHead with no assessment (one per organisation).

SQLite alters a column by rebuilding the table, which drops its triggers, so every trigger of
migration 0017 on the event and anchor tables is created again here, after the alterations (the
digest table and the security log are not rebuilt). PostgreSQL keeps its triggers, but its
anchor function compared assessment ids with `=`, never true for an organisation's chain
(NULL): it now uses IS NOT DISTINCT FROM, as SQLite's trigger already does with IS NOT.
"""

import django.db.models.deletion
from django.db import migrations, models

UNLOCKED = "due_regard_audit_unlocked()"


def _sqlite_refuse(name, table, when, message):
    operation, _, condition = when.partition(" WHEN ")
    condition = f" WHEN {condition}" if condition else ""
    return (
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} BEFORE {operation} ON {table}{condition} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
    )


# Migration 0017's triggers on the two rebuilt tables, as 0017 wrote them.
SQLITE_TRIGGERS = [
    _sqlite_refuse("eia_auditevent_no_update", "eia_auditevent", "UPDATE", "audit events are append-only"),
    _sqlite_refuse("eia_auditevent_no_delete", "eia_auditevent", f"DELETE WHEN NOT {UNLOCKED}", "audit events are append-only"),
    _sqlite_refuse(
        "eia_audithead_forward_only", "eia_audithead",
        "UPDATE WHEN NEW.sequence <= OLD.sequence OR NEW.assessment_id IS NOT OLD.assessment_id "
        "OR NEW.organisation_id IS NOT OLD.organisation_id",
        "audit anchors only move forward",
    ),
    _sqlite_refuse("eia_audithead_no_delete", "eia_audithead", f"DELETE WHEN NOT {UNLOCKED}", "audit anchors only move forward"),
]  # fmt: skip

POSTGRES_ANCHOR_FUNCTION = """
CREATE OR REPLACE FUNCTION eia_audithead_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.sequence > OLD.sequence
     AND NEW.assessment_id IS NOT DISTINCT FROM OLD.assessment_id
     AND NEW.organisation_id = OLD.organisation_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit anchors only move forward';
END;
$$ LANGUAGE plpgsql
"""
POSTGRES_ANCHOR_FUNCTION_BEFORE = """
CREATE OR REPLACE FUNCTION eia_audithead_forward_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.sequence > OLD.sequence AND NEW.assessment_id = OLD.assessment_id
     AND NEW.organisation_id = OLD.organisation_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit anchors only move forward';
END;
$$ LANGUAGE plpgsql
"""


def restore_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statements in SQLITE_TRIGGERS:
            for sql in statements:
                schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_ANCHOR_FUNCTION)


def restore_triggers_backward(apps, schema_editor):
    # Going back rebuilds the tables on SQLite too; the triggers are then made again.
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        restore_triggers(apps, schema_editor)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_ANCHOR_FUNCTION_BEFORE)


class Migration(migrations.Migration):
    dependencies = [
        ("eia", "0021_merge_frozen_facts"),
    ]

    operations = [
        # Run backwards last, after the tables are rebuilt again.
        migrations.RunPython(migrations.RunPython.noop, restore_triggers_backward),
        migrations.AlterField(
            model_name="auditevent",
            name="assessment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_events",
                to="eia.assessment",
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("assessment__isnull", True)),
                fields=("organisation", "sequence"),
                name="audit_unique_organisation_sequence",
            ),
        ),
        migrations.AlterField(
            model_name="audithead",
            name="assessment",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_head",
                to="eia.assessment",
            ),
        ),
        migrations.AddConstraint(
            model_name="audithead",
            constraint=models.UniqueConstraint(
                condition=models.Q(("assessment__isnull", True)),
                fields=("organisation",),
                name="audit_head_unique_organisation_chain",
            ),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
