"""Programme staff (group "Cán bộ chương trình") keep the nationwide certificate templates;
organizers keep their own units' templates through their role. Running it again changes
nothing."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PROGRAMME_GROUP = "Cán bộ chương trình"


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("certificates"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name=PROGRAMME_GROUP)
    for action in ("add", "change", "view"):
        staff.permissions.add(
            Permission.objects.get(
                content_type__app_label="certificates",
                codename=f"{action}_certificatetemplate",
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_register"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
