"""Item analysis for authors: how hard each question was and how well it told strong
learners from weak ones, from the graded attempts. Three aggregate queries whatever the
number of questions: one for the totals, one each for the upper and lower groups."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, FloatField, Q, QuerySet, Window
from django.db.models.functions import Cast, RowNumber
from django.utils.translation import gettext_lazy as _

from assessments.models import Attempt, AttemptItem, Question, QuestionBank, Quiz

MIN_ATTEMPTS = 10
GROUP_SHARE = 0.27
TOO_EASY = 0.9
TOO_HARD = 0.2
POOR_DISCRIMINATION = 0.2

FLAG_LABELS = {
    "too_easy": _("Quá dễ"),
    "too_hard": _("Quá khó"),
    "poor_discrimination": _("Phân biệt kém"),
}


@dataclass
class ItemStats:
    """One question's figures. `p_value` is the share of attempts answering it exactly
    right; `discrimination` is p(upper 27 %) − p(lower 27 %) of the attempts that drew it,
    ranked by their overall percent, and stays None below MIN_ATTEMPTS attempts, as do
    the flags: a handful of answers says nothing about a question."""

    question: Question
    attempts: int = 0
    p_value: float | None = None
    mean_points: float | None = None
    discrimination: float | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS[flag]) for flag in self.flags]


def _graded_items(*, quiz: Quiz | None, bank: QuestionBank | None) -> QuerySet[AttemptItem]:
    items = AttemptItem.objects.filter(attempt__status=Attempt.Status.GRADED)
    if quiz is not None:
        items = items.filter(attempt__quiz=quiz)
    if bank is not None:
        items = items.filter(question__bank=bank)
    return items


def _group_counts(items: QuerySet[AttemptItem], *, upper: bool) -> dict[int, tuple[int, int]]:
    """Per question, (size, right answers) of its upper or lower group: the round(27 %)
    of the attempts that drew it with the highest (lowest) percent, ties broken by id."""
    percent = F("attempt__percent").desc() if upper else F("attempt__percent").asc()
    tie = F("attempt_id").asc() if upper else F("attempt_id").desc()
    ranked = items.annotate(
        drawn=Window(Count("pk"), partition_by=[F("question_id")]),
        rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=[percent, tie]),
    ).filter(
        drawn__gte=MIN_ATTEMPTS,
        rank__lte=Cast(F("drawn"), FloatField()) * GROUP_SHARE + 0.5,
    )
    rows = (
        AttemptItem.objects.filter(pk__in=ranked.values("pk"))
        .values("question_id")
        .annotate(size=Count("pk"), right=Count("pk", filter=Q(is_correct=True)))
        .order_by()
    )
    return {row["question_id"]: (row["size"], row["right"]) for row in rows}


def _flags(stats: ItemStats) -> list[str]:
    if stats.attempts < MIN_ATTEMPTS or stats.p_value is None:
        return []
    flags = []
    if stats.p_value > TOO_EASY:
        flags.append("too_easy")
    if stats.p_value < TOO_HARD:
        flags.append("too_hard")
    if stats.discrimination is not None and stats.discrimination < POOR_DISCRIMINATION:
        flags.append("poor_discrimination")
    return flags


def item_analysis(*, quiz: Quiz | None = None, bank: QuestionBank | None = None) -> list[ItemStats]:
    """One row per question: of a bank (every question, drawn or not), or of a quiz (the
    questions its graded attempts drew). Only graded attempts count."""
    if quiz is None and bank is None:
        raise ValueError("item_analysis needs a quiz or a bank")
    items = _graded_items(quiz=quiz, bank=bank)
    totals = {
        row["question_id"]: row
        for row in items.values("question_id")
        .annotate(
            n=Count("pk"),
            right=Count("pk", filter=Q(is_correct=True)),
            share=Avg(Cast(F("points"), FloatField()) / Cast(F("max_points"), FloatField())),
        )
        .order_by()
    }
    upper = _group_counts(items, upper=True)
    lower = _group_counts(items, upper=False)

    questions = Question.objects.select_related("competency", "bank")
    if bank is not None:
        questions = questions.filter(bank=bank)
    if quiz is not None:
        questions = questions.filter(pk__in=list(totals))
    result = []
    for question in questions.order_by("bank__title", "pk"):
        stats = ItemStats(question=question)
        row = totals.get(question.pk)
        if row:
            stats.attempts = row["n"]
            stats.p_value = row["right"] / row["n"]
            stats.mean_points = row["share"]
        if question.pk in upper and question.pk in lower:
            (up_size, up_right), (low_size, low_right) = upper[question.pk], lower[question.pk]
            stats.discrimination = up_right / up_size - low_right / low_size
        stats.flags = _flags(stats)
        result.append(stats)
    return result
