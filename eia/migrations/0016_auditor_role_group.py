from django.db import migrations

# Kept literal here: a migration must not change when eia.authorization.Role is edited later.
AUDITOR = "auditor"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=AUDITOR)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=AUDITOR).delete()


class Migration(migrations.Migration):
    dependencies = [("eia", "0015_separation_of_duties_policy_and_security_log")]
    operations = [migrations.RunPython(create_group, remove_group)]
