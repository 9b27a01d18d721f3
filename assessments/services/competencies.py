"""Competency evidence folded into standings, and rubric ratings.

The level that counts (`achieved_level`) is the latest assessor rating where there is
one — a trainer or organizer has seen the cadre work — and otherwise the level shown by
quiz answers. Self-assessment is kept and shown beside it, never counted.

Every refresh first locks the cadre's row, so a grading and a rating arriving together
are folded one after the other and the standing always reflects both.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    Attempt,
    AttemptItem,
    Competency,
    CompetencyStanding,
    Proficiency,
    RubricRating,
)
from organizations.models import Cadre
from organizations.permissions import Action, can
from organizations.text import nfc

# Quiz evidence: share of points earned on a competency's questions → proficiency level.
QUIZ_LEVEL_THRESHOLDS = (
    (Decimal(85), Proficiency.MASTERS),
    (Decimal(70), Proficiency.APPLIES),
    (Decimal(50), Proficiency.UNDERSTANDS),
    (Decimal(0), Proficiency.AWARE),
)
# Fewer points than this on a competency is too little evidence to give it a level.
MIN_QUIZ_POINTS = Decimal(3)
# The same rating sent again within this time is a double submission, not a new rating.
DUPLICATE_WINDOW = datetime.timedelta(seconds=10)
MAX_NOTE = 2000
REFRESH_CHUNK = 200

_STANDING_FIELDS = (
    "quiz_points",
    "quiz_max_points",
    "quiz_level",
    "self_level",
    "assessor_level",
    "achieved_level",
)


def quiz_level_for(*, points: Decimal, max_points: Decimal) -> int | None:
    if max_points < MIN_QUIZ_POINTS:
        return None
    percent = points * 100 / max_points
    for threshold, level in QUIZ_LEVEL_THRESHOLDS:
        if percent >= threshold:
            return int(level)
    return int(Proficiency.AWARE)


def _quiz_evidence(cadre_ids: list[int]) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Points per cadre and competency over the latest graded attempt of each quiz and
    context: learning shows in the last try."""
    graded = Attempt.Status.GRADED
    later = Attempt.objects.filter(
        cadre_id=OuterRef("attempt__cadre_id"),
        quiz_id=OuterRef("attempt__quiz_id"),
        context=OuterRef("attempt__context"),
        status=graded,
    ).filter(
        Q(graded_at__gt=OuterRef("attempt__graded_at"))
        | Q(graded_at=OuterRef("attempt__graded_at"), pk__gt=OuterRef("attempt_id"))
    )
    rows = (
        AttemptItem.objects.filter(
            attempt__cadre_id__in=cadre_ids,
            attempt__status=graded,
            question__competency__isnull=False,
        )
        .filter(~Exists(later))
        .values("attempt__cadre_id", "question__competency_id")
        .annotate(points=Sum("points"), max_points=Sum("max_points"))
        .order_by()
    )
    return {
        (row["attempt__cadre_id"], row["question__competency_id"]): (
            Decimal(row["points"] or 0),
            Decimal(row["max_points"] or 0),
        )
        for row in rows
    }


def _latest_ratings(cadre_ids: list[int]) -> dict[tuple[int, int, str], int]:
    latest: dict[tuple[int, int, str], int] = {}
    for cadre_id, competency_id, kind, level in (
        RubricRating.objects.filter(cadre_id__in=cadre_ids)
        .order_by("cadre_id", "competency_id", "kind", "-rated_at", "-pk")
        .values_list("cadre_id", "competency_id", "kind", "level")
    ):
        latest.setdefault((cadre_id, competency_id, kind), level)
    return latest


def _lock_cadres(cadre_ids: Iterable[int]) -> list[int]:
    return list(
        Cadre.objects.select_for_update()
        .filter(pk__in=list(cadre_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _refresh(cadre_ids: Iterable[int]) -> None:
    """Rewrite the standings of these cadres in a few queries, whatever their number;
    rows whose evidence did not change are left alone. Runs inside a transaction."""
    cadre_ids = _lock_cadres(cadre_ids)
    if not cadre_ids:
        return
    evidence = _quiz_evidence(cadre_ids)
    ratings = _latest_ratings(cadre_ids)
    existing = {
        (s.cadre_id, s.competency_id): s
        for s in CompetencyStanding.objects.filter(cadre_id__in=cadre_ids)
    }
    keys = set(evidence) | {(cadre_id, comp_id) for cadre_id, comp_id, _kind in ratings}
    changed = []
    for key in keys:
        cadre_id, competency_id = key
        quiz = evidence.get(key)
        points, max_points = quiz or (Decimal(0), Decimal(0))
        quiz_level = quiz_level_for(points=points, max_points=max_points) if quiz else None
        assessor_level = ratings.get((cadre_id, competency_id, RubricRating.Kind.ASSESSOR))
        values = {
            "quiz_points": points,
            "quiz_max_points": max_points,
            "quiz_level": quiz_level,
            "self_level": ratings.get((cadre_id, competency_id, RubricRating.Kind.SELF)),
            "assessor_level": assessor_level,
            "achieved_level": assessor_level if assessor_level is not None else quiz_level,
        }
        current = existing.get(key)
        if current and all(getattr(current, f) == v for f, v in values.items()):
            continue
        changed.append(CompetencyStanding(cadre_id=cadre_id, competency_id=competency_id, **values))
    stale = [s.pk for key, s in existing.items() if key not in keys]
    if stale:
        CompetencyStanding.objects.filter(pk__in=stale).delete()
    if changed:
        CompetencyStanding.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["cadre", "competency"],
            update_fields=[*_STANDING_FIELDS, "updated_at"],
        )


def competency_standing_refresh(*, cadre_id: int) -> list[CompetencyStanding]:
    """Recompute the cadre's standing on every competency from quiz answers and the latest
    ratings. Idempotent: running it twice writes the same rows."""
    with transaction.atomic():
        _refresh([cadre_id])
    return list(CompetencyStanding.objects.filter(cadre_id=cadre_id).order_by("competency_id"))


def competency_standings_refresh_all(*, cadre_ids: Iterable[int] | None = None) -> int:
    """Recompute standings after the framework changed (a question moved to another
    competency, a competency removed) — for the given cadres, or every cadre with any
    evidence. Each chunk is its own transaction; returns how many cadres were refreshed."""
    if cadre_ids is None:
        ids: set[int] = set(
            Attempt.objects.filter(status=Attempt.Status.GRADED).values_list("cadre_id", flat=True)
        )
        ids.update(RubricRating.objects.values_list("cadre_id", flat=True))
        ids.update(CompetencyStanding.objects.values_list("cadre_id", flat=True))
    else:
        ids = set(cadre_ids)
    ordered = sorted(ids)
    for start in range(0, len(ordered), REFRESH_CHUNK):
        with transaction.atomic():
            _refresh(ordered[start : start + REFRESH_CHUNK])
    return len(ordered)


# --- Rubric ratings -----------------------------------------------------------------------


def _check_rater(actor, cadre: Cadre, kind: str) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Bạn cần đăng nhập để đánh giá năng lực."))
    is_self = cadre.user_id is not None and cadre.user_id == actor.pk
    if kind == RubricRating.Kind.SELF:
        if not is_self:
            raise PermissionDenied(_("Chỉ chính cán bộ mới được tự đánh giá năng lực của mình."))
    elif kind == RubricRating.Kind.ASSESSOR:
        if is_self:
            raise PermissionDenied(
                _("Bạn không thể đánh giá chính mình với tư cách người đánh giá.")
            )
        if not can(actor, Action.ASSESS_CADRES, cadre.unit):
            raise PermissionDenied(_("Bạn không có quyền đánh giá năng lực cán bộ này."))
    else:
        raise ValidationError({"kind": _("Loại đánh giá không hợp lệ.")})


def _clean_level(level) -> int:
    try:
        value = int(level)
    except (TypeError, ValueError):
        value = None
    if value not in Proficiency.values:
        message = _("Hãy chọn một mức năng lực từ %(low)s đến %(high)s.") % {
            "low": min(Proficiency.values),
            "high": max(Proficiency.values),
        }
        raise ValidationError({"level": message})
    return value


def rubric_rate(
    *, actor, cadre: Cadre, competency: Competency, kind: str, level, note: str = ""
) -> RubricRating:
    """Record a rating of a cadre on one competency — a self-assessment by the cadre, or an
    assessor's rating by a trainer or organizer over the cadre's unit — and fold it into
    the standing. The same rating sent twice in a few seconds is recorded once."""
    _check_rater(actor, cadre, kind)
    errors = {}
    try:
        level = _clean_level(level)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not competency.is_active:
        errors["competency"] = [_("Năng lực này không còn được dùng để đánh giá.")]
    note = nfc(note)
    if len(note) > MAX_NOTE:
        errors["note"] = [
            _("Nhận xét dài quá %(max)s ký tự (hiện có %(n)s).") % {"max": MAX_NOTE, "n": len(note)}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _lock_cadres([cadre.pk])
        latest = (
            RubricRating.objects.filter(
                cadre=cadre, competency=competency, kind=kind, rated_by=actor
            )
            .order_by("-rated_at", "-pk")
            .first()
        )
        if (
            latest is not None
            and latest.level == level
            and latest.note == note
            and timezone.now() - latest.rated_at < DUPLICATE_WINDOW
        ):
            return latest
        rating = RubricRating.objects.create(
            cadre=cadre, competency=competency, kind=kind, level=level, note=note, rated_by=actor
        )
        _refresh([cadre.pk])
    return rating
