"""A cascade generation by generation: size, post-test fidelity, time lag."""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Avg, Count, Min, QuerySet

from assessments.models import Quiz

from ...models import CascadeClass, ClassParticipant, ClassTrainer, TrainingClass
from .reach import Reach, _marks, cascade_reach


@dataclass
class Generation:
    """One generation of a cascade. Scores are post-test percentages per participation (a
    cadre trained twice is counted in each class's generation); `lag_days` is the median
    time from the end of the ToT class one generation up to the start of this
    generation's classes."""

    number: int
    classes: int = 0
    trainers: int = 0
    cadres: int = 0
    dedicated: int = 0
    participations: int = 0
    scored: int = 0
    mean_score: Decimal | None = None
    passed: int = 0
    lag_days: int | None = None
    score_drop: Decimal | None = None
    pass_drop: Decimal | None = None
    flagged: bool = False

    @property
    def pass_rate(self) -> Decimal | None:
        if not self.scored:
            return None
        return (Decimal(100) * self.passed / self.scored).quantize(Decimal("0.1"))


# The classes of the roots' cascades, each once at its nearest generation.
_ONE_ROOT = "(SELECT training_class_id, generation, via_id FROM {cascade_class} WHERE root_id = %s)"
_SEVERAL_ROOTS = (
    "(SELECT training_class_id, MIN(generation) AS generation, MIN(via_id) AS via_id "
    "FROM {cascade_class} WHERE root_id IN ({marks}) GROUP BY training_class_id)"
)
_SIZES = """
SELECT cc.generation, COUNT(DISTINCT cc.training_class_id), COUNT(DISTINCT t.cadre_id)
FROM {source} cc LEFT JOIN {trainer} t ON t.training_class_id = cc.training_class_id
GROUP BY cc.generation"""
_SCORES = """
SELECT cc.generation, COUNT(p.id), COUNT(p.post_test_score), SUM(p.post_test_score),
    SUM(CASE WHEN p.post_test_score >= COALESCE(q.pass_mark, %s) THEN 1 ELSE 0 END)
FROM {source} cc
JOIN {participant} p ON p.training_class_id = cc.training_class_id
JOIN {klass} k ON k.id = cc.training_class_id
LEFT JOIN {quiz} q ON q.id = k.post_test_quiz_id
GROUP BY cc.generation"""
_LAGS = """
SELECT cc.generation, k.start_date, v.end_date FROM {source} cc
JOIN {klass} k ON k.id = cc.training_class_id
JOIN {klass} v ON v.id = cc.via_id"""

_TABLES = {
    "cascade_class": CascadeClass._meta.db_table,
    "trainer": ClassTrainer._meta.db_table,
    "participant": ClassParticipant._meta.db_table,
    "klass": TrainingClass._meta.db_table,
    "quiz": Quiz._meta.db_table,
}


def _fetch(template: str, root_ids: list[int], *params) -> list[tuple]:
    source = (_ONE_ROOT if len(root_ids) == 1 else _SEVERAL_ROOTS).format(
        marks=_marks(root_ids), **_TABLES
    )
    with connection.cursor() as cursor:
        cursor.execute(template.format(source=source, **_TABLES), [*params, *root_ids])
        return cursor.fetchall()


def cascade_generations(
    root_ids: Sequence[int], *, threshold: int | None = None, reach: Reach | None = None
) -> list[Generation]:
    """Per generation: classes, trainers, cadres reached, post-test mean and pass rate,
    lag; a generation is flagged when its mean or pass rate falls more than `threshold`
    points (CASCADE_FIDELITY_DROP) below the generation above. A caller that has already
    read the `reach` of these roots passes it in."""
    root_ids = list(root_ids)
    if not root_ids:
        return []
    threshold = settings.CASCADE_FIDELITY_DROP if threshold is None else threshold
    generations: dict[int, Generation] = {}

    def at(number: int) -> Generation:
        return generations.setdefault(number, Generation(number=number))

    for number, classes, trainers in _fetch(_SIZES, root_ids):
        at(number).classes, at(number).trainers = classes, trainers
    for number, count, scored, total, passed in _fetch(
        _SCORES, root_ids, settings.CASCADE_PASS_SCORE
    ):
        row = at(number)
        row.participations, row.scored, row.passed = count, scored, int(passed or 0)
        if scored:
            row.mean_score = (Decimal(total) / scored).quantize(Decimal("0.1"))
    lags: dict[int, list[int]] = defaultdict(list)
    for number, start, via_end in _fetch(_LAGS, root_ids):
        lags[number].append((_as_date(start) - _as_date(via_end)).days)
    for number, values in lags.items():
        at(number).lag_days = round(statistics.median(values))
    reach = cascade_reach(root_ids) if reach is None else reach
    for number, (cadres, dedicated) in reach.by_generation.items():
        at(number).cadres, at(number).dedicated = cadres, dedicated
    ordered = [generations[n] for n in sorted(generations)]
    for above, row in zip(ordered, ordered[1:], strict=False):
        if above.mean_score is not None and row.mean_score is not None:
            row.score_drop = above.mean_score - row.mean_score
        if above.pass_rate is not None and row.pass_rate is not None:
            row.pass_drop = above.pass_rate - row.pass_rate
        row.flagged = any(
            drop is not None and drop > threshold for drop in (row.score_drop, row.pass_drop)
        )
    return ordered


def _as_date(value) -> datetime.date:
    """SQLite hands dates back from raw SQL as text."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


# --- The classes of one generation --------------------------------------------------------


def generation_classes(root_ids: Sequence[int], number: int) -> QuerySet[TrainingClass]:
    """The classes of a generation, with participant counts and post-test results."""
    root_ids = list(root_ids)
    ids = (
        CascadeClass.objects.filter(root_id__in=root_ids)
        .values("training_class_id")
        .annotate(g=Min("generation"))
        .filter(g=number)
        .values("training_class_id")
    )
    return (
        TrainingClass.objects.filter(pk__in=ids)
        .select_related("host_unit", "course")
        .prefetch_related("trainers__cadre__unit")
        .annotate(
            participant_count=Count("participants", distinct=True),
            scored_count=Count("participants__post_test_score"),
            mean_score=Avg("participants__post_test_score"),
        )
        .order_by("start_date", "code")
    )
