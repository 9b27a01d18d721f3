"""Replace Wagtail's welcome page with the Sức Trẻ home page and point the site at it."""

from django.db import migrations

from lms.page_migrations import next_child_path

INTRO = "Nền tảng học tập và tập huấn giảng viên nguồn cho cán bộ Đoàn, Hội các cấp."
BODY = (
    "<p>Sức Trẻ phục vụ Chương trình nâng cao năng lực quản lý, điều phối hoạt động tình "
    "nguyện cho đội ngũ cán bộ Đoàn TNCS Hồ Chí Minh, Hội LHTN Việt Nam, Hội Sinh viên "
    "Việt Nam các cấp, giai đoạn 2022–2030 (Quyết định 1481/QĐ-TTg).</p>"
)


def create_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("lms", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="lms")
    path = next_child_path(Page, root)
    home = HomePage.objects.create(
        title="Sức Trẻ",
        draft_title="Sức Trẻ",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=INTRO,
        body=BODY,
        live=True,
    )
    Page.objects.filter(pk=root.pk).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Sức Trẻ"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home, migrations.RunPython.noop)]
