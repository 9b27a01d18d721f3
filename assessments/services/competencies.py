"""Competency evidence folded into standings, and rubric ratings.

The level that counts (`achieved_level`) is the latest assessor rating where there is
one — a trainer or organizer has seen the cadre work — and otherwise the level shown by
quiz answers. Self-assessment is kept and shown beside it, never counted.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from assessments.models import (
    Attempt,
    AttemptItem,
    Competency,
    CompetencyStanding,
    Proficiency,
    RubricRating,
)

# Quiz evidence: share of points earned on a competency's questions → proficiency level.
QUIZ_LEVEL_THRESHOLDS = (
    (Decimal(85), Proficiency.MASTERS),
    (Decimal(70), Proficiency.APPLIES),
    (Decimal(50), Proficiency.UNDERSTANDS),
    (Decimal(0), Proficiency.AWARE),
)
# Fewer points than this on a competency is too little evidence to give it a level.
MIN_QUIZ_POINTS = Decimal(3)


def quiz_level_for(*, points: Decimal, max_points: Decimal) -> int | None:
    if max_points < MIN_QUIZ_POINTS:
        return None
    percent = points * 100 / max_points
    for threshold, level in QUIZ_LEVEL_THRESHOLDS:
        if percent >= threshold:
            return int(level)
    return int(Proficiency.AWARE)


def _latest_graded_attempt_ids(cadre_id: int) -> list[int]:
    """The latest graded attempt per quiz and context: learning shows in the last try."""
    latest: dict[tuple[int, str], int] = {}
    rows = (
        Attempt.objects.filter(cadre_id=cadre_id, status=Attempt.Status.GRADED)
        .order_by("quiz_id", "context", "-graded_at", "-pk")
        .values_list("quiz_id", "context", "pk")
    )
    for quiz_id, context, pk in rows:
        latest.setdefault((quiz_id, context), pk)
    return list(latest.values())


def competency_standing_refresh(*, cadre_id: int) -> list[CompetencyStanding]:
    """Recompute the cadre's standing on every competency from quiz answers and the latest
    ratings. Idempotent: running it twice writes the same rows."""
    evidence = {
        row["question__competency_id"]: row
        for row in AttemptItem.objects.filter(
            attempt_id__in=_latest_graded_attempt_ids(cadre_id),
            question__competency__isnull=False,
        )
        .values("question__competency_id")
        .annotate(points=Sum("points"), max_points=Sum("max_points"))
    }
    ratings: dict[tuple[int, str], int] = {}
    for competency_id, kind, level in (
        RubricRating.objects.filter(cadre_id=cadre_id)
        .order_by("competency_id", "kind", "-rated_at", "-pk")
        .values_list("competency_id", "kind", "level")
    ):
        ratings.setdefault((competency_id, kind), level)
    standings = []
    with transaction.atomic():
        for competency_id in Competency.objects.values_list("pk", flat=True):
            row = evidence.get(competency_id)
            points = Decimal(row["points"] or 0) if row else Decimal(0)
            max_points = Decimal(row["max_points"] or 0) if row else Decimal(0)
            quiz_level = quiz_level_for(points=points, max_points=max_points) if row else None
            self_level = ratings.get((competency_id, RubricRating.Kind.SELF))
            assessor_level = ratings.get((competency_id, RubricRating.Kind.ASSESSOR))
            achieved = assessor_level if assessor_level is not None else quiz_level
            if row is None and self_level is None and assessor_level is None:
                CompetencyStanding.objects.filter(
                    cadre_id=cadre_id, competency_id=competency_id
                ).delete()
                continue
            standing, _created = CompetencyStanding.objects.update_or_create(
                cadre_id=cadre_id,
                competency_id=competency_id,
                defaults={
                    "quiz_points": points,
                    "quiz_max_points": max_points,
                    "quiz_level": quiz_level,
                    "self_level": self_level,
                    "assessor_level": assessor_level,
                    "achieved_level": achieved,
                },
            )
            standings.append(standing)
    return standings
