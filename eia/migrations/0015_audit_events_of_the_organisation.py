"""Audit events of the organisation itself (its equality objectives and action plan) have no
assessment: they form one chain per organisation, guarded by their own unique sequence.

SQLite alters a column by rebuilding the table, which drops its triggers, so the append-only
trigger of migration 0004 is created again there; PostgreSQL keeps its trigger."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS eia_auditevent_no_update BEFORE UPDATE ON eia_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""


def restore_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("eia", "0014_backfill_text_fingerprints"),
    ]

    operations = [
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
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
