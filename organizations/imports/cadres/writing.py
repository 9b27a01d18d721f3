"""Writing a checked cadre list in bulk, and reading cadres back out as rows."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Cadre, Ethnicity, Gender, Organisation, Post, PostKind
from ...services.cadres import _new_code
from ...text import fold
from ..registry import Context, Plan
from ..units_lookup import CHUNK
from .columns import PERSON, date_text

BATCH = 1000


def cadres_write(ctx: Context, plan: Plan) -> dict:
    """Write a checked plan in bulk (inside the caller's transaction)."""
    now = timezone.now()
    creates, updates = plan.data["creates"], plan.data["updates"]
    new_cadres = []
    for item in creates:
        person = item["person"]
        new_cadres.append(
            Cadre(
                code=item["code"] or _new_code(),
                unit=item["unit"],
                search_name=fold(person["full_name"]),
                request_key=f"import-{ctx.job_id}-{item['row']}" if ctx.job_id else None,
                **person,
            )
        )
    Cadre.objects.bulk_create(new_cadres, batch_size=BATCH)
    if any(c.pk is None for c in new_cadres):
        keys = [c.code for c in new_cadres]
        ids = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            ids.update(Cadre.objects.filter(code__in=chunk).values_list("code", "id"))
        for cadre in new_cadres:
            cadre.pk = ids[cadre.code]

    changed_cadres, ended, edited, new_posts = [], [], [], []
    for cadre, item in zip(new_cadres, creates, strict=True):
        new_posts.append(Post(cadre=cadre, unit=item["unit"], is_primary=True, **item["post"]))
    for item in updates:
        cadre = item["cadre"]
        if item["person"] is not None:
            for name, value in item["person"].items():
                setattr(cadre, name, value)
            cadre.unit = item["unit"]
            cadre.search_name = fold(cadre.full_name)
            cadre.updated_at = now
            changed_cadres.append(cadre)
        step, primary, post = item["post_step"], item["primary"], item["post"]
        if step == "edit":
            for name, value in post.items():
                setattr(primary, name, value)
            edited.append(primary)
        elif step in ("new", "replace"):
            if step == "replace":
                primary.end_date = item["start_date"] - datetime.timedelta(days=1)
                ended.append(primary)
            new_posts.append(
                Post(cadre_id=cadre.pk, is_primary=True, start_date=item["start_date"], **post)
            )
    Cadre.objects.bulk_update(
        changed_cadres,
        ["unit", "search_name", "updated_at", *PERSON],
        batch_size=BATCH,
    )
    Post.objects.bulk_update(ended, ["end_date"], batch_size=BATCH)
    Post.objects.bulk_update(
        edited,
        ["unit_id", "organisation", "title", "kind", "in_charge_of_volunteer_work"],
        batch_size=BATCH,
    )
    Post.objects.bulk_create(new_posts, batch_size=BATCH)
    today = timezone.localdate()
    starts = [
        today,
        *(p.start_date for p in new_posts if p.start_date),
        *(p.end_date for p in ended if p.end_date),
        *(p.start_date or datetime.date.min for p in edited),
    ]
    since = min(starts)
    touched = [c.pk for c in new_cadres] + [item["cadre"].pk for item in updates]
    return {
        "posts_opened": len(new_posts),
        "posts_ended": len(ended),
        "_signal": {"cadre_ids": touched, "since": None if since == datetime.date.min else since},
    }


# --- Export -------------------------------------------------------------------------


def cadres_export_rows(scope_unit):
    """One row per cadre managed in the subtree, in the columns of the template."""
    cadres = (
        Cadre.objects.filter(unit__path__startswith=scope_unit.path)
        .order_by("unit__path", "full_name", "id")
        .values_list("id", "code", "unit__code", *PERSON)
    )
    primaries = {}
    posts = Post.objects.filter(
        Q(cadre__unit__path__startswith=scope_unit.path),
        is_primary=True,
        end_date__isnull=True,
    ).values_list(
        "cadre_id",
        "unit__code",
        "organisation",
        "title",
        "kind",
        "in_charge_of_volunteer_work",
        "start_date",
    )
    for row in posts.iterator(chunk_size=5000):
        primaries[row[0]] = row[1:]
    genders = dict(Gender.choices)
    ethnicities = dict(Ethnicity.choices)
    organisations = dict(Organisation.choices)
    kinds = dict(PostKind.choices)
    for pk, code, unit_code, name, gender, ethnicity, dob, nid, email, phone in cadres.iterator(
        chunk_size=5000
    ):
        post = primaries.get(pk)
        yield [
            code,
            nid,
            name,
            str(genders.get(gender, gender)),
            str(ethnicities.get(ethnicity, ethnicity)),
            date_text(dob),
            email,
            phone,
            post[0] if post else unit_code,
            str(organisations.get(post[1], "")) if post else "",
            post[2] if post else "",
            str(kinds.get(post[3], "")) if post else "",
            (_("Có") if post[4] else _("Không")) if post else "",
            date_text(post[5]) if post else "",
        ]
