"""Each unit's own figures on one date, counted in SQL over today's unit paths.

The statements are keyed by unit: which structure the figures are then added up in (today's
tree or the tree of the date) does not change what a unit counts itself.
"""

import datetime

from django.db import connection
from django.utils import timezone

from certificates.models import Certificate
from courses.models import TrainingClass
from organizations.models import Cadre, OrgUnit, Post, PostKind

from .. import rules
from ..models import Declaration


def end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def count_d(as_of: datetime.date, root_path: str) -> list[tuple[int, str, int, int]]:
    """(unit, organisation, trained, counted) for the posts that count on `as_of`."""
    post, cert, unit = Post._meta.db_table, Certificate._meta.db_table, OrgUnit._meta.db_table
    kinds = rules.qualifying_kinds() or ("-",)
    kind_marks = ", ".join(["%s"] * len(kinds))
    within = ""
    params: list = [PostKind.DEDICATED, True, as_of, as_of]
    if root_path:
        within = " AND p.cadre_id IN (SELECT p2.cadre_id FROM {post} p2 JOIN {unit} u2"
        within += " ON u2.id = p2.unit_id WHERE u2.path LIKE %s)"
        within = within.format(post=post, unit=unit)
        params.append(root_path + "%")
    params += [*kinds, as_of, as_of, as_of]
    sql = f"""
        WITH q AS (
            SELECT p.cadre_id, p.unit_id, p.organisation,
                   ROW_NUMBER() OVER (
                       PARTITION BY p.cadre_id ORDER BY p.is_primary DESC, p.id
                   ) AS rn
            FROM {post} p
            WHERE p.kind = %s AND p.in_charge_of_volunteer_work = %s
              AND (p.start_date IS NULL OR p.start_date <= %s)
              AND (p.end_date IS NULL OR p.end_date >= %s){within}
        )
        SELECT q.unit_id, q.organisation,
               SUM(CASE WHEN EXISTS (
                   SELECT 1 FROM {cert} c
                   WHERE c.cadre_id = q.cadre_id AND c.status <> 'revoked'
                     AND c.kind IN ({kind_marks})
                     AND c.issued_on <= %s
                     AND (c.valid_until IS NULL OR c.valid_until >= %s)
                     AND (c.status <> 'replaced' OR NOT EXISTS (
                         SELECT 1 FROM {cert} r
                         WHERE r.replaces_id = c.id AND r.issued_on <= %s
                     ))
               ) THEN 1 ELSE 0 END),
               COUNT(*)
        FROM q WHERE q.rn = 1
        GROUP BY q.unit_id, q.organisation
    """  # noqa: S608 - table names from the models, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(u, o, int(n), int(d)) for u, o, n, d in cursor.fetchall()]


def it_units(as_of: datetime.date, root_path: str, declared: dict) -> set[int]:
    """Units that used the platform (or declared other software) in the window to `as_of`."""
    signals = rules.it_signals()
    start = as_of - datetime.timedelta(days=rules.it_window_days() - 1)
    found: set[int] = set()
    if "classes" in signals:
        found.update(
            TrainingClass.objects.filter(
                host_unit__path__startswith=root_path,
                start_date__gte=start,
                start_date__lte=as_of,
            )
            .values_list("host_unit_id", flat=True)
            .distinct()
        )
    if "cadres" in signals:
        # Records that keep their date: a cadre registered, or a post begun, in the window.
        # (`updated_at` is overwritten by the next edit, so a past date would change.)
        window = (end_of(start - datetime.timedelta(days=1)), end_of(as_of))
        found.update(
            Cadre.objects.filter(
                unit__path__startswith=root_path,
                created_at__gte=window[0],
                created_at__lt=window[1],
            )
            .values_list("unit_id", flat=True)
            .distinct()
        )
        found.update(
            Post.objects.filter(
                unit__path__startswith=root_path, start_date__gte=start, start_date__lte=as_of
            )
            .values_list("unit_id", flat=True)
            .distinct()
        )
    if "declared" in signals:
        found.update(pk for pk, row in declared.items() if row[4])
    return found


def declarations(as_of: datetime.date, root_path: str) -> dict[int, tuple]:
    """Each unit's latest declaration for the year of `as_of` or, when it has none yet (a
    new year has just begun), for the year before. A declaration made late still counts for
    its year; what was declared when stays in the declarations' history."""
    rows = (
        Declaration.objects.filter(
            unit__path__startswith=root_path, year__in=(as_of.year - 1, as_of.year)
        )
        .order_by("unit_id", "year", "declared_at", "id")
        .values_list(
            "unit_id",
            "activities_held",
            "activities_on_portal",
            "campaigns",
            "campaigns_with_models",
            "applies_it",
        )
    )
    latest: dict[int, tuple] = {}
    for pk, *values in rows.iterator(chunk_size=5000):
        latest[pk] = tuple(values)
    return latest
