from django.db import migrations

# Kept literal here: a migration must not change when eia.authorization.Role is edited later.
ROLE_GROUPS = [
    "project_manager",
    "equality_officer",
    "decision_maker",
    "equality_lead",
    "viewer",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("eia", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
