"""Node names equal state values: `sign_off` became `awaiting_sign_off` and `publication` became
`signed_off`. viewflow stores task references as strings, so running tasks are renamed here."""

from django.db import migrations

FLOW = "workflows/flows.AssessmentFlow"
RENAMES = {"sign_off": "awaiting_sign_off", "publication": "signed_off"}


def _rename(apps, schema_editor, mapping):
    Task = apps.get_model("viewflow", "Task")
    table = schema_editor.connection.ops.quote_name(Task._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        for old, new in mapping.items():
            cursor.execute(
                f"UPDATE {table} SET flow_task = %s WHERE flow_task = %s",  # noqa: S608
                [f"{FLOW}.{new}", f"{FLOW}.{old}"],
            )


def forwards(apps, schema_editor):
    _rename(apps, schema_editor, RENAMES)


def backwards(apps, schema_editor):
    _rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial"), ("viewflow", "0015_task_scheduled")]

    operations = [migrations.RunPython(forwards, backwards)]
