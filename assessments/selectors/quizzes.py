"""Reads for taking a quiz and for the apps that place quizzes.

`attempt_questions` is what the learner's browser receives during an attempt: question
text, options in the order drawn, the learner's own saved answers — never which option is
correct. `attempt_review` adds correctness and explanations, and only for a submitted
attempt of a quiz that shows answers.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, AttemptItem, QuestionKind, Quiz
from organizations.permissions import Action, scope_q

LINK_SALT = "assessments.quiz-link"


@dataclass(frozen=True)
class QuizPlacement:
    quiz_id: int
    context: str
    cadre_id: int


def quiz_link(*, quiz_id: int, context: str, cadre_id: int) -> str:
    """A link to a quiz for one cadre in one context, signed so the learner cannot change
    the context (and reset their attempt count) or use another's link. The app placing the
    quiz makes it after checking the cadre may take the quiz there."""
    token = signing.dumps([quiz_id, context, cadre_id], salt=LINK_SALT, compress=True)
    return reverse("assessments:quiz_start", args=[token])


def quiz_placement(token: str) -> QuizPlacement | None:
    """The placement a link was made for, or None when the token was forged or damaged."""
    try:
        quiz_id, context, cadre_id = signing.loads(token, salt=LINK_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return QuizPlacement(int(quiz_id), str(context), int(cadre_id))


@dataclass
class ShownQuestion:
    position: int
    kind: str
    text: str
    points: Decimal
    choices: list[tuple[int, str]]  # (choice id, text) in the order shown
    response: object = None
    # Filled only by attempt_review:
    correct_ids: list[int] = field(default_factory=list)
    is_correct: bool | None = None
    earned: Decimal | None = None
    explanation: str = ""
    grader_comment: str = ""
    awaiting_grading: bool = False


def _items(attempt: Attempt) -> list[AttemptItem]:
    return list(attempt.items.select_related("question").prefetch_related("question__choices"))


def _shown(item: AttemptItem) -> ShownQuestion:
    texts = {c.pk: c.text for c in item.question.choices.all()}
    return ShownQuestion(
        position=item.position,
        kind=item.question.kind,
        text=item.question.text,
        points=item.max_points,
        choices=[(pk, texts[pk]) for pk in item.choice_order if pk in texts],
        response=item.response,
    )


def attempt_questions(*, attempt: Attempt) -> list[ShownQuestion]:
    """The questions of an open attempt as the learner sees them: no answer key."""
    return [_shown(item) for item in _items(attempt)]


def attempt_review(*, attempt: Attempt) -> list[ShownQuestion]:
    """A submitted attempt with the learner's points per question, and — where the quiz
    shows answers — the correct options and the explanations."""
    if attempt.status == Attempt.Status.IN_PROGRESS:
        raise ValueError("an open attempt has no review")
    reveal = attempt.quiz.show_correct_answers
    shown = []
    for item in _items(attempt):
        question = _shown(item)
        question.is_correct = item.is_correct
        question.earned = item.points
        question.grader_comment = item.grader_comment
        question.awaiting_grading = item.needs_grading
        if reveal:
            choices = list(item.question.choices.all())
            if item.question.kind == QuestionKind.ORDERING:
                question.correct_ids = [c.pk for c in choices]
            else:
                question.correct_ids = [c.pk for c in choices if c.is_correct]
            question.explanation = item.question.explanation
        shown.append(question)
    return shown


def open_attempt(*, quiz: Quiz, cadre_id: int, context: str) -> Attempt | None:
    return Attempt.objects.filter(
        quiz=quiz, cadre_id=cadre_id, context=context, status=Attempt.Status.IN_PROGRESS
    ).first()


def attempts_of(*, quiz: Quiz, cadre_id: int, context: str) -> list[Attempt]:
    return list(
        Attempt.objects.filter(quiz=quiz, cadre_id=cadre_id, context=context).order_by("number")
    )


def best_attempt(*, quiz_id: int, cadre_id: int, context: str) -> Attempt | None:
    """The cadre's best graded attempt in a context (used for pass/fail and class scores)."""
    return (
        Attempt.objects.filter(
            quiz_id=quiz_id, cadre_id=cadre_id, context=context, status=Attempt.Status.GRADED
        )
        .order_by("-percent", "graded_at")
        .first()
    )


def has_passed(*, quiz_id: int, cadre_id: int, context: str) -> bool:
    return Attempt.objects.filter(
        quiz_id=quiz_id, cadre_id=cadre_id, context=context, passed=True
    ).exists()


def latest_graded(*, quiz_id: int, cadre_id: int, context: str) -> Attempt | None:
    return (
        Attempt.objects.filter(
            quiz_id=quiz_id, cadre_id=cadre_id, context=context, status=Attempt.Status.GRADED
        )
        .order_by("-graded_at", "-pk")
        .first()
    )


def open_quizzes() -> list[Quiz]:
    return list(Quiz.objects.filter(is_open=True).order_by("title"))


def quiz_get(quiz_id: int) -> Quiz | None:
    return Quiz.objects.filter(pk=quiz_id).first()


def open_quiz_get(quiz_id: int) -> Quiz | None:
    return Quiz.objects.filter(pk=quiz_id, is_open=True).first()


def attempt_get_for_learner(user, attempt_id: int) -> Attempt | None:
    """The attempt if it belongs to the cadre whose account `user` is; otherwise None, so
    that another learner's attempt looks as if it did not exist."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Attempt.objects.select_related("quiz", "cadre")
        .filter(pk=attempt_id, cadre__user=user)
        .first()
    )


def seconds_left(attempt: Attempt) -> int | None:
    """Whole seconds until the attempt's deadline (never negative); None without a limit."""
    if attempt.deadline is None:
        return None
    return max(0, int((attempt.deadline - timezone.now()).total_seconds()))


def _gradable_items(user) -> QuerySet[AttemptItem]:
    return (
        AttemptItem.objects.filter(question__kind=QuestionKind.SHORT)
        .exclude(attempt__status=Attempt.Status.IN_PROGRESS)
        .filter(scope_q(user, Action.ASSESS_CADRES, path_field="attempt__cadre__unit__path"))
        .select_related("attempt__quiz", "attempt__cadre__unit", "question")
    )


def items_awaiting_grading(user) -> QuerySet[AttemptItem]:
    """Short answers waiting for a trainer, for cadres in the user's units, oldest first."""
    return _gradable_items(user).filter(needs_grading=True).order_by("attempt__submitted_at", "pk")


def item_for_grading(user, item_id: int) -> AttemptItem | None:
    """A submitted short answer of a cadre in the user's units — waiting, or already
    marked (a trainer may correct a mark)."""
    return _gradable_items(user).filter(pk=item_id).first()


def quizzes_for_placement() -> QuerySet[Quiz]:
    """Every quiz, by title: what an organizer may choose as a class's pre-test or post-test."""
    return Quiz.objects.order_by("title", "pk")
