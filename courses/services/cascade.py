"""Keeping each trainer's cascade computed (see `courses.models.cascade`).

The cascade follows the records alone: a participant of a ToT class who trains a class
starting on or after that ToT class ended is the next generation, and so on down. Each
trainer's closure is recomputed by a few set-based SQL statements (a recursive walk over
classes, never over people); which trainers need it is found from the closure itself, so
a change to one grassroots class refreshes only the trainers above it. A person trained
twice keeps the nearest generation, and the walk stops at `CASCADE_MAX_GENERATIONS`, so a
cycle in the data (a trainer attending a class of their own trainee) ends.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from courses.models import (
    CascadeClass,
    CascadeReach,
    CascadeRoot,
    ClassParticipant,
    ClassTrainer,
    CoursePage,
    TrainingClass,
)
from organizations.models import Post, PostKind

_TABLES = {
    "trainer": ClassTrainer._meta.db_table,
    "participant": ClassParticipant._meta.db_table,
    "klass": TrainingClass._meta.db_table,
    "course": CoursePage._meta.db_table,
    "cascade_class": CascadeClass._meta.db_table,
    "reach": CascadeReach._meta.db_table,
    "post": Post._meta.db_table,
}

# The walk over classes, for the roots chosen by {roots} (a condition on ct.cadre_id).
# A ToT class's participant who is not the root and trains a class that starts on or
# after the ToT class ended carries the walk one generation down.
_WALK = """
WITH RECURSIVE walk(root_id, class_id, generation, via_id) AS (
    SELECT ct.cadre_id, ct.training_class_id, 1, CAST(NULL AS BIGINT)
    FROM {trainer} ct WHERE {roots}
  UNION
    SELECT w.root_id, k2.id, w.generation + 1, w.class_id
    FROM walk w
    JOIN {klass} k ON k.id = w.class_id
    JOIN {course} c ON c.page_ptr_id = k.course_id AND c.is_tot
    JOIN {participant} p ON p.training_class_id = k.id AND p.cadre_id <> w.root_id
    JOIN {trainer} ct2 ON ct2.cadre_id = p.cadre_id
    JOIN {klass} k2 ON k2.id = ct2.training_class_id AND k2.start_date >= k.end_date
    WHERE w.generation < %s
),
nearest(root_id, class_id, generation) AS (
    SELECT root_id, class_id, MIN(generation) FROM walk GROUP BY root_id, class_id
)
"""

_INSERT_CLASSES = (
    "INSERT INTO {cascade_class} (root_id, training_class_id, generation, via_id) "
    + _WALK
    + """
SELECT w.root_id, w.class_id, w.generation, MIN(w.via_id)
FROM walk w
JOIN nearest n ON n.root_id = w.root_id AND n.class_id = w.class_id
    AND n.generation = w.generation
GROUP BY w.root_id, w.class_id, w.generation
"""
)

_DELETE_GONE = """
DELETE FROM {reach} WHERE {reach_roots} AND NOT EXISTS (
    SELECT 1 FROM {cascade_class} cc
    JOIN {participant} p ON p.training_class_id = cc.training_class_id
    WHERE cc.root_id = {reach}.root_id AND p.cadre_id = {reach}.cadre_id
)
"""

_UPSERT_REACH = """
INSERT INTO {reach} (root_id, cadre_id, generation, dedicated)
SELECT cc.root_id, p.cadre_id, MIN(cc.generation), EXISTS (
    SELECT 1 FROM {post} d WHERE d.cadre_id = p.cadre_id AND d.kind = %s AND d.end_date IS NULL
)
FROM {cascade_class} cc
JOIN {participant} p ON p.training_class_id = cc.training_class_id
WHERE {cc_roots} AND p.cadre_id <> cc.root_id
GROUP BY cc.root_id, p.cadre_id
ON CONFLICT (root_id, cadre_id) DO UPDATE
SET generation = excluded.generation, dedicated = excluded.dedicated
WHERE {reach}.generation <> excluded.generation OR {reach}.dedicated <> excluded.dedicated
"""


def _sql(template: str, **conditions: str) -> str:
    return template.format(**_TABLES, **conditions)


def _compute(root_ids: list[int] | None) -> None:
    """Recompute the closure of `root_ids` (every trainer when None) inside the caller's
    transaction. Unchanged reach rows are not rewritten."""
    if root_ids is not None and not root_ids:
        return
    if root_ids is None:
        params: list = []
        roots = reach_roots = cc_roots = "1 = 1"
        CascadeClass.objects.all().delete()
    else:
        params = list(root_ids)
        marks = ", ".join(["%s"] * len(root_ids))
        roots = f"ct.cadre_id IN ({marks})"
        reach_roots = f"{_TABLES['reach']}.root_id IN ({marks})"
        cc_roots = f"cc.root_id IN ({marks})"
        CascadeClass.objects.filter(root_id__in=root_ids).delete()
    cap = settings.CASCADE_MAX_GENERATIONS
    with connection.cursor() as cursor:
        cursor.execute(_sql(_INSERT_CLASSES, roots=roots), [*params, cap])
        cursor.execute(_sql(_DELETE_GONE, reach_roots=reach_roots), params)
        cursor.execute(_sql(_UPSERT_REACH, cc_roots=cc_roots), [PostKind.DEDICATED, *params])


def _affected_roots(class_ids: Iterable[int]) -> set[int]:
    """Trainers whose cascade may change when these classes change: their own trainers,
    every trainer whose cascade holds them, and every trainer who reached their trainers."""
    class_ids = list(class_ids)
    trainers = set(
        ClassTrainer.objects.filter(training_class_id__in=class_ids).values_list(
            "cadre_id", flat=True
        )
    )
    holding = CascadeClass.objects.filter(training_class_id__in=class_ids).values_list(
        "root_id", flat=True
    )
    reaching = CascadeReach.objects.filter(cadre_id__in=trainers).values_list("root_id", flat=True)
    return trainers | set(holding) | set(reaching)


def cascade_mark_stale(*, class_ids: Iterable[int], extra_root_ids: Iterable[int] = ()) -> int:
    """Mark the trainers affected by a change to these classes for recomputation and queue
    it after commit. Call it in the transaction that changed the classes, after the change
    (a removed trainer is passed in `extra_root_ids`). Returns how many were marked."""
    roots = _affected_roots(class_ids) | set(extra_root_ids)
    return _mark(roots)


def _mark(roots: set[int]) -> int:
    if not roots:
        return 0
    CascadeRoot.objects.bulk_create(
        [CascadeRoot(cadre_id=pk, stale=True) for pk in sorted(roots)],
        update_conflicts=True,
        update_fields=["stale"],
        unique_fields=["cadre"],
    )
    ids = sorted(roots)

    def queue():
        from courses.tasks import cascade_refresh

        cascade_refresh.delay(ids)

    transaction.on_commit(queue)
    return len(roots)


def cascade_refresh(*, root_ids: Iterable[int]) -> int:
    """Recompute the stale ones among these trainers, each in its own transaction under a
    row lock; one already fresh, or being refreshed by another worker, is skipped.
    Returns how many were recomputed."""
    done = 0
    for pk in sorted(set(root_ids)):
        with transaction.atomic():
            root = (
                CascadeRoot.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, stale=True)
                .first()
            )
            if root is None:
                continue
            _compute([pk])
            CascadeRoot.objects.filter(pk=pk).update(stale=False, computed_at=timezone.now())
            done += 1
    return done


def cascade_refresh_stale() -> int:
    """Recompute every stale trainer (the queue may have lost a message)."""
    ids = list(CascadeRoot.objects.filter(stale=True).values_list("pk", flat=True))
    return cascade_refresh(root_ids=ids)


def cascade_rebuild_all() -> int:
    """Recompute every trainer's cascade at once from the records: for the first build,
    after a bulk load that bypassed the services, and nightly as a safety net. Returns the
    number of trainers."""
    with transaction.atomic():
        trainers = set(ClassTrainer.objects.values_list("cadre_id", flat=True).distinct())
        CascadeReach.objects.exclude(root_id__in=ClassTrainer.objects.values("cadre_id")).delete()
        _compute(None)
        CascadeRoot.objects.bulk_create(
            [CascadeRoot(cadre_id=pk) for pk in trainers], ignore_conflicts=True
        )
        CascadeRoot.objects.update(stale=False, computed_at=timezone.now())
    return len(trainers)


def cascade_dedicated_sync(*, cadre_id: int) -> int:
    """Bring the dedicated flag of a cadre's reach rows in line with their posts (called
    when a post is saved or deleted). Returns the rows changed."""
    dedicated = Post.objects.filter(
        cadre_id=cadre_id, kind=PostKind.DEDICATED, end_date__isnull=True
    ).exists()
    return (
        CascadeReach.objects.filter(cadre_id=cadre_id)
        .exclude(dedicated=dedicated)
        .update(dedicated=dedicated)
    )
