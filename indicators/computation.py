"""Counting the four indicators on one reference date, for the whole tree or one subtree.

Each unit's own figures are counted in SQL (a few set-based statements, whatever the size
of the tree); they are then added up along each unit's materialized path into the figures
of every subtree, per segment. Internal to the app: snapshots and reports call it.

Who counts where, for (d): a dedicated cadre in charge of volunteer work holding such a post
on the date counts once, at the unit and organisation of one of those posts (the primary
post if it qualifies, else the oldest), so subtree sums never count a person twice and a
person who moved counts where their post was on that date. A certificate counts from its
issue date to its end date; a revoked one never, a replaced one until its replacement was
issued (if the replacement is revoked later, the person is no longer trained).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from certificates.models import Certificate
from courses.models import TrainingClass
from organizations.models import Cadre, OrgUnit, Post, PostKind

from . import rules
from .models import Declaration, Segment

STEP = OrgUnit.steplen
FIELDS = (
    "a_num", "a_den", "b_num", "b_den", "c_num", "c_den", "d_num", "d_den", "declared_units"
)  # fmt: skip
_IDX = {name: i for i, name in enumerate(FIELDS)}
_AREA_FLAGS = (
    ("is_ethnic_minority_area", Segment.ETHNIC),
    ("is_mountain", Segment.MOUNTAIN),
    ("is_border", Segment.BORDER),
    ("is_island", Segment.ISLAND),
)


@dataclass(frozen=True)
class _Unit:
    id: int
    path: str
    organisation: str
    level: str
    is_active: bool
    areas: tuple[str, ...]  # own flags and those inherited from above


def _units(root_path: str) -> dict[int, _Unit]:
    """The subtree's units with their effective area flags (ancestors' flags included)."""
    prefixes = [root_path[:i] for i in range(STEP, len(root_path), STEP)]
    rows = OrgUnit.objects.filter(path__startswith=root_path) | OrgUnit.objects.filter(
        path__in=prefixes
    )
    flags = [f for f, _ in _AREA_FLAGS]
    raw = sorted(
        rows.values_list("id", "path", "organisation", "level", "is_active", *flags),
        key=lambda r: r[1],
    )
    own: dict[str, tuple[str, ...]] = {}
    units: dict[int, _Unit] = {}
    for pk, path, org, level, active, *bits in raw:
        areas = set(own.get(path[:-STEP], ()))
        areas.update(seg for (_, seg), bit in zip(_AREA_FLAGS, bits, strict=True) if bit)
        own[path] = tuple(sorted(areas))
        if path.startswith(root_path):
            units[pk] = _Unit(pk, path, org, level, active, own[path])
    return units


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def _count_d(as_of: datetime.date, root_path: str) -> list[tuple[int, str, int, int]]:
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


def _it_units(as_of: datetime.date, root_path: str, declared: dict) -> set[int]:
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
        window = (_end_of(start - datetime.timedelta(days=1)), _end_of(as_of))
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


def _declarations(as_of: datetime.date, root_path: str) -> dict[int, tuple]:
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


Figures = dict[tuple[int, str], list[int]]


def compute(
    *,
    as_of: datetime.date,
    root: OrgUnit | None = None,
    depths: set[int] | None = None,
    segments: bool = True,
) -> Figures:
    """Figures of every subtree on `as_of`: {(unit id, segment): [value per FIELDS]}.

    `root` limits the count to one subtree (a report); `depths` keeps only the subtrees of
    units at those depths; `segments=False` keeps only the whole-subtree figures.
    """
    root_path = root.path if root else ""
    units = _units(root_path)
    by_path = {u.path: u.id for u in units.values()}
    declared = _declarations(as_of, root_path)
    it = _it_units(as_of, root_path, declared)
    it_levels = set(rules.it_levels())

    cells: list[tuple[int, str, list[tuple[int, int]]]] = []  # unit, org, [(field, n)]
    for unit in units.values():
        values = []
        if unit.is_active and unit.level in it_levels:
            values += [(_IDX["a_den"], 1), (_IDX["a_num"], int(unit.id in it))]
        row = declared.get(unit.id)
        if row:
            held, portal, campaigns, models_used, _it = row
            values += [
                (_IDX["b_num"], portal),
                (_IDX["b_den"], held),
                (_IDX["c_num"], models_used),
                (_IDX["c_den"], campaigns),
                (_IDX["declared_units"], 1),
            ]
        if values:
            cells.append((unit.id, unit.organisation, values))
    for unit_id, org, trained, counted in _count_d(as_of, root_path):
        if unit_id in units:
            cells.append((unit_id, org, [(_IDX["d_num"], trained), (_IDX["d_den"], counted)]))

    return _rolled_up(cells, units, by_path, root_path, depths, segments)


def _rolled_up(cells, units, by_path, root_path, depths, segments) -> Figures:
    """Each unit's own figures per segment, then added into its parent's, deepest units
    first: one addition per unit and segment rather than one per cell and ancestor."""
    width = len(FIELDS)
    own: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for unit_id, org, values in cells:
        keys = [Segment.ALL.value]
        if segments:
            keys += [org, *units[unit_id].areas]
        slots = own[unit_id]
        for key in keys:
            acc = slots.get(key)
            if acc is None:
                acc = slots[key] = [0] * width
            for i, n in values:
                acc[i] += n
    min_len = len(root_path) or STEP
    levels: dict[int, list[int]] = defaultdict(list)
    for unit_id in own:
        levels[len(units[unit_id].path)].append(unit_id)
    for length in range(max(levels, default=0), min_len, -STEP):
        for unit_id in levels.get(length, ()):
            parent_path = units[unit_id].path[:-STEP]
            while len(parent_path) >= min_len and parent_path not in by_path:
                parent_path = parent_path[:-STEP]
            if len(parent_path) < min_len:
                continue
            parent = by_path[parent_path]
            if parent not in own:
                levels[len(parent_path)].append(parent)
            slots = own[parent]
            for key, values in own[unit_id].items():
                acc = slots.get(key)
                if acc is None:
                    slots[key] = list(values)
                else:
                    for i in range(width):
                        acc[i] += values[i]
    return {
        (unit_id, key): values
        for unit_id, slots in own.items()
        if depths is None or len(units[unit_id].path) // STEP in depths
        for key, values in slots.items()
    }
