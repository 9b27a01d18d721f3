"""Helpers for data migrations that place pages in Wagtail's page tree.

Data migrations work with historical models, which have none of treebeard's methods, so
paths and counts are set by hand here, once, for every app that creates an index page.
"""

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
AUTHORS_GROUP = "Giảng viên nguồn"


def path_step(number: int) -> str:
    """Treebeard's fixed-width base-36 path step for the `number`-th child."""
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = ALPHABET[rem] + out
    return out.rjust(STEPLEN, "0")


def next_child_path(Page, parent) -> str:
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    return parent.path + path_step(number)


def index_page_create(apps, *, app_label: str, model_name: str, title: str, slug: str, **fields):
    """Create the single index page of `app_label.model_name` under the home page, or return
    the one that exists; None when there is no home page yet."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("lms", "HomePage")
    IndexPage = apps.get_model(app_label, model_name)

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    index = IndexPage.objects.first()
    if index is not None:
        return index
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    index = IndexPage.objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{slug}/",
        locale_id=home.locale_id,
        live=True,
        **fields,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return index


def authors_may_add_and_edit(apps, *, page) -> None:
    """Master trainers add and edit below `page` but do not publish: their changes go
    through Wagtail's default "Moderators approval" workflow."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    group = Group.objects.filter(name=AUTHORS_GROUP).first()
    if group is None or page is None:
        return
    for codename in ("add_page", "change_page"):
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page.pk, permission=permission
        )
