"""The course index at /khoa-hoc/, and what master trainers may do there.

Master trainers (group "Giảng viên nguồn") add and edit courses but do not publish:
their changes go through Wagtail's default "Moderators approval" workflow, whose
reviewers (group "Moderators") publish or send them back.
"""

from django.db import migrations

from lms.page_migrations import authors_may_add_and_edit, index_page_create

INTRO = (
    "<p>Khoá học trực tuyến về quản lý, điều phối hoạt động tình nguyện cho cán bộ Đoàn, "
    "Hội các cấp, học trên điện thoại theo tiến độ của mình.</p>"
)


def create_index(apps, schema_editor):
    index = index_page_create(
        apps,
        app_label="courses",
        model_name="CourseIndexPage",
        title="Khoá học",
        slug="khoa-hoc",
        intro=INTRO,
    )
    authors_may_add_and_edit(apps, page=index)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("handbooks", "0002_handbook_index"),
        ("lms", "0002_home_page"),
        ("organizations", "0002_author_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
