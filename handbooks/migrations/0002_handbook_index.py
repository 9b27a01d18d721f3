"""The handbook index at /cam-nang/, and what master trainers may do there.

Master trainers (group "Giảng viên nguồn") add and edit handbooks but do not publish:
their changes go through Wagtail's default "Moderators approval" workflow, whose
reviewers (group "Moderators") publish or send them back.
"""

from django.db import migrations

from lms.page_migrations import authors_may_add_and_edit, index_page_create

INTRO = (
    "<p>Cẩm nang quản lý, điều phối hoạt động tình nguyện dành cho cán bộ Đoàn, Hội các "
    "cấp. Đọc trên điện thoại, lưu để đọc ngoại tuyến hoặc tải bản PDF để in.</p>"
)


def create_index(apps, schema_editor):
    index = index_page_create(
        apps,
        app_label="handbooks",
        model_name="HandbookIndexPage",
        title="Cẩm nang",
        slug="cam-nang",
        intro=INTRO,
    )
    authors_may_add_and_edit(apps, page=index)


class Migration(migrations.Migration):
    dependencies = [
        ("handbooks", "0001_initial"),
        ("lms", "0002_home_page"),
        ("organizations", "0002_author_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
