"""The group through which master trainers reach the Wagtail admin and its media."""

from django.db import migrations

GROUP = "Giảng viên nguồn"
MEDIA_PERMS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=GROUP)
    admin_ct, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(access)
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for app_label, model, codenames in MEDIA_PERMS:
        ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for codename in codenames:
            perm = Permission.objects.filter(content_type=ct, codename=codename).first()
            if perm is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=perm
                )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
