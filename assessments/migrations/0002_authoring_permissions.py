"""Who edits assessments in the Wagtail admin.

Master trainers (group "Giảng viên nguồn", kept in step with the master-trainer role by
organizations.services.accounts) write question banks, questions and quizzes. Programme
staff (group "Cán bộ chương trình", given by a superuser) keep the competency framework
and the unit-evaluation rounds. Running it again changes nothing.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

AUTHORS_GROUP = "Giảng viên nguồn"
PROGRAMME_GROUP = "Cán bộ chương trình"
AUTHORS_PERMS = {
    model: ("add", "change", "view", "delete")
    for model in ("questionbank", "question", "choice", "quiz", "quizrule")
}
PROGRAMME_PERMS = {
    model: ("add", "change", "view")
    for model in (
        "competency",
        "leveldescriptor",
        "requiredlevel",
        "evaluationround",
        "evaluationcriterion",
    )
}


def _grant(apps, group, perms):
    Permission = apps.get_model("auth", "Permission")
    for model, actions in perms.items():
        for action in actions:
            permission = Permission.objects.get(
                content_type__app_label="assessments", codename=f"{action}_{model}"
            )
            group.permissions.add(permission)


def grant(apps, schema_editor):
    # On a fresh database the model permissions are made only after all migrations ran.
    create_permissions(global_apps.get_app_config("assessments"), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    authors, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    _grant(apps, authors, AUTHORS_PERMS)

    staff, _ = Group.objects.get_or_create(name=PROGRAMME_GROUP)
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    staff.permissions.add(access)
    _grant(apps, staff, PROGRAMME_PERMS)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("organizations", "0002_author_group"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
