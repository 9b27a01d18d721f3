"""The course index at /khoa-hoc/, and what master trainers may do there.

Master trainers (group "Giảng viên nguồn") add and edit courses but do not publish:
their changes go through Wagtail's default "Moderators approval" workflow, whose
reviewers (group "Moderators") publish or send them back.
"""

from django.db import migrations

AUTHORS = "Giảng viên nguồn"
INTRO = (
    "<p>Khoá học trực tuyến về quản lý, điều phối hoạt động tình nguyện cho cán bộ Đoàn, "
    "Hội các cấp, học trên điện thoại theo tiến độ của mình.</p>"
)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(number: int) -> str:
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = ALPHABET[rem] + out
    return out.rjust(4, "0")


def create_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("lms", "HomePage")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    index = CourseIndexPage.objects.first()
    if index is None:
        last = (
            Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        number = int(last[-4:], 36) + 1 if last else 1
        content_type, _ = ContentType.objects.get_or_create(
            app_label="courses", model="courseindexpage"
        )
        index = CourseIndexPage.objects.create(
            title="Khoá học",
            draft_title="Khoá học",
            slug="khoa-hoc",
            content_type=content_type,
            path=home.path + _step(number),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}khoa-hoc/",
            locale_id=home.locale_id,
            intro=INTRO,
            live=True,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)

    group = Group.objects.filter(name=AUTHORS).first()
    if group is None:
        return
    for codename in ("add_page", "change_page"):
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("handbooks", "0002_handbook_index"),
        ("lms", "0002_home_page"),
        ("organizations", "0002_author_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
