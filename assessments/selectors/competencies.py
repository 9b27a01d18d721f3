"""Reads of the competency framework: one cadre's profile against what their organisational
level requires, the open quizzes they can take, and (re-exported from `competency_gaps`) the
gaps of a unit's subtree.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    Attempt,
    Competency,
    CompetencyStanding,
    LevelDescriptor,
    Proficiency,
    Quiz,
    RequiredLevel,
    RubricRating,
)
from assessments.selectors.competency_gaps import (
    BranchGap,
    CompetencyGap,
    SubtreeGaps,
    cadres_with_gaps,
    subtree_gaps,
)
from organizations.models import Cadre

__all__ = [
    "BranchGap",
    "CadreProfile",
    "CompetencyGap",
    "OpenQuiz",
    "ProfileRow",
    "SubtreeGaps",
    "cadre_profile",
    "cadres_with_gaps",
    "competency_get",
    "open_quizzes_for",
    "recent_attempts_for",
    "subtree_gaps",
]

TOP_LEVEL = max(Proficiency.values)


def _percent_of_scale(level: int | None) -> int:
    return round((level or 0) * 100 / TOP_LEVEL)


def _label(level: int | None) -> str:
    return str(Proficiency(level).label) if level else ""


# --- One cadre ----------------------------------------------------------------------------


@dataclass
class ProfileRow:
    competency: Competency
    descriptors: list[LevelDescriptor]
    required: int | None
    standing: CompetencyStanding | None
    self_rating: RubricRating | None
    assessor_rating: RubricRating | None

    @property
    def achieved(self) -> int | None:
        return self.standing.achieved_level if self.standing else None

    @property
    def quiz_level(self) -> int | None:
        return self.standing.quiz_level if self.standing else None

    @property
    def quiz_points(self) -> Decimal | None:
        return self.standing.quiz_points if self.standing else None

    @property
    def quiz_max_points(self) -> Decimal | None:
        return self.standing.quiz_max_points if self.standing else None

    @property
    def has_quiz_evidence(self) -> bool:
        return bool(self.standing and self.standing.quiz_max_points)

    @property
    def has_evidence(self) -> bool:
        return self.achieved is not None

    @property
    def gap(self) -> int | None:
        """Levels still to reach; None when nothing is required or nothing is known yet."""
        if self.required is None or self.achieved is None:
            return None
        return max(self.required - self.achieved, 0)

    @property
    def met(self) -> bool | None:
        if self.required is None:
            return None
        return self.achieved is not None and self.achieved >= self.required

    @property
    def gap_label(self) -> str:
        if self.required is None:
            return str(_("không yêu cầu"))
        if self.achieved is None:
            return str(_("chưa có minh chứng"))
        return str(self.gap)

    @property
    def required_label(self) -> str:
        return _label(self.required)

    @property
    def achieved_label(self) -> str:
        return _label(self.achieved)

    @property
    def quiz_level_label(self) -> str:
        return _label(self.quiz_level)

    @property
    def required_percent(self) -> int:
        return _percent_of_scale(self.required)

    @property
    def achieved_percent(self) -> int:
        return _percent_of_scale(self.achieved)

    def descriptor(self, level: int | None) -> str:
        return next((d.description for d in self.descriptors if d.level == level), "")

    @property
    def required_descriptor(self) -> str:
        return self.descriptor(self.required)

    @property
    def achieved_descriptor(self) -> str:
        return self.descriptor(self.achieved)


@dataclass
class CadreProfile:
    cadre: Cadre
    org_level: str
    rows: list[ProfileRow]

    @property
    def required_count(self) -> int:
        return sum(1 for row in self.rows if row.required is not None)

    @property
    def met_count(self) -> int:
        return sum(1 for row in self.rows if row.met)

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows if row.gap)

    @property
    def no_evidence_count(self) -> int:
        return sum(1 for row in self.rows if row.required is not None and not row.has_evidence)


def _latest_rating_ids(cadre_id: int):
    return Subquery(
        RubricRating.objects.filter(
            cadre_id=cadre_id, competency_id=OuterRef("competency_id"), kind=OuterRef("kind")
        )
        .order_by("-rated_at", "-pk")
        .values("pk")[:1]
    )


def cadre_profile(*, cadre: Cadre) -> CadreProfile:
    """The cadre against every active competency: the level their unit's organisational
    level requires, the evidence (quiz points, latest self and assessor ratings), the level
    that counts and the gap. Callers check the reader may see this cadre."""
    org_level = cadre.unit.level
    required = RequiredLevel.objects.filter(competency_id=OuterRef("pk"), org_level=org_level)
    competencies = (
        Competency.objects.filter(is_active=True)
        .annotate(required=Subquery(required.values("level")[:1]))
        .prefetch_related(Prefetch("descriptors", queryset=LevelDescriptor.objects.all()))
    )
    standings = {s.competency_id: s for s in CompetencyStanding.objects.filter(cadre_id=cadre.pk)}
    ratings = {
        (r.competency_id, r.kind): r
        for r in RubricRating.objects.filter(cadre_id=cadre.pk)
        .filter(pk=_latest_rating_ids(cadre.pk))
        .select_related("rated_by")
    }
    rows = [
        ProfileRow(
            competency=c,
            descriptors=list(c.descriptors.all()),
            required=c.required,
            standing=standings.get(c.pk),
            self_rating=ratings.get((c.pk, RubricRating.Kind.SELF)),
            assessor_rating=ratings.get((c.pk, RubricRating.Kind.ASSESSOR)),
        )
        for c in competencies
    ]
    return CadreProfile(cadre=cadre, org_level=org_level, rows=rows)


def competency_get(pk) -> Competency | None:
    try:
        return Competency.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


@dataclass
class OpenQuiz:
    quiz: Quiz
    url: str | None
    attempts: int
    best_percent: Decimal | None


def _open_quiz_url(quiz_id: int) -> str | None:
    try:
        return reverse("assessments:open_quiz", args=[quiz_id])
    except NoReverseMatch:
        return None


def open_quizzes_for(*, cadre: Cadre) -> list[OpenQuiz]:
    """Quizzes any cadre may take on their own, with this cadre's tries so far."""
    own = Q(attempts__cadre_id=cadre.pk, attempts__context="")
    quizzes = Quiz.objects.filter(is_open=True).annotate(
        tries=Count("attempts", filter=own),
        best=Subquery(
            Attempt.objects.filter(
                quiz_id=OuterRef("pk"),
                cadre_id=cadre.pk,
                context="",
                status=Attempt.Status.GRADED,
            )
            .order_by("-percent")
            .values("percent")[:1]
        ),
    )
    return [OpenQuiz(q, _open_quiz_url(q.pk), q.tries, q.best) for q in quizzes]


def recent_attempts_for(*, cadre: Cadre, limit: int = 10) -> list[Attempt]:
    return list(
        Attempt.objects.filter(cadre_id=cadre.pk)
        .exclude(status=Attempt.Status.IN_PROGRESS)
        .select_related("quiz")
        .order_by("-submitted_at", "-pk")[:limit]
    )
