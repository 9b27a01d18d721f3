"""Results of quizzes placed in courses and classes, as the assessments app reports them.

`assessment_result_record` is called by the receiver of `assessments.signals.attempt_graded`
inside the grading transaction, so a result and what it changes here commit together. It
takes no actor: the grading is the authority, and the placement was checked when the
signed link was made. Every branch recomputes from the stored attempts, so the signal
arriving twice, or again after a trainer corrects a mark, leaves the same state.
"""

import uuid
from decimal import Decimal

from django.db import transaction

from assessments.selectors import quizzes as quiz_selectors
from courses.blocks import stream_quiz_ids
from courses.models import ClassParticipant, Enrollment, LessonPage, TrainingClass
from courses.selectors.assessments import class_context, lesson_context
from courses.selectors.learning import course_for_lesson
from courses.services.learning import course_completion_check, lesson_completion_record


def assessment_result_record(
    *, cadre_id: int, quiz_id: int, context: str, percent: Decimal, passed: bool
) -> None:
    """Apply one graded attempt to the place its context names: "class:<id>:pre|post"
    (the participant's score), "course:<id>:final" (course completion) or
    "lesson:<lesson key>" (the lesson done when passed). Other contexts are not ours."""
    parts = (context or "").split(":")
    with transaction.atomic():
        if len(parts) == 3 and parts[0] == "class" and parts[2] in ("pre", "post"):
            _class_score_record(
                class_id=parts[1], which=parts[2], cadre_id=cadre_id, quiz_id=quiz_id
            )
        elif len(parts) == 3 and parts[0] == "course" and parts[2] == "final":
            _final_result_record(course_id=parts[1], cadre_id=cadre_id)
        elif len(parts) == 2 and parts[0] == "lesson" and passed:
            _lesson_result_record(lesson_key=parts[1], cadre_id=cadre_id)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _class_score_record(*, class_id: str, which: str, cadre_id: int, quiz_id: int) -> None:
    """The pre-test score is the first graded attempt — it measures where the participant
    started; the post-test score is the best one."""
    training_class = TrainingClass.objects.filter(pk=_int(class_id)).first()
    if training_class is None:
        return
    if quiz_id != getattr(training_class, f"{which}_test_quiz_id"):
        return  # no longer this class's test: a stale link must not overwrite the score
    participant = ClassParticipant.objects.filter(
        training_class=training_class, cadre_id=cadre_id
    ).first()
    if participant is None:
        return
    context = class_context(training_class.pk, which)
    if which == "pre":
        quiz = quiz_selectors.quiz_get(quiz_id)
        attempts = quiz_selectors.attempts_of(quiz=quiz, cadre_id=cadre_id, context=context)
        attempt = next((a for a in attempts if a.status == "graded"), None)
    else:
        attempt = quiz_selectors.best_attempt(quiz_id=quiz_id, cadre_id=cadre_id, context=context)
    if attempt is None or attempt.percent is None:
        return
    field = f"{which}_test_score"
    ClassParticipant.objects.filter(pk=participant.pk).exclude(**{field: attempt.percent}).update(
        **{field: attempt.percent}
    )


def _final_result_record(*, course_id: str, cadre_id: int) -> None:
    enrollment = (
        Enrollment.objects.select_related("course")
        .filter(course_id=_int(course_id), cadre_id=cadre_id)
        .first()
    )
    if enrollment is not None:
        course_completion_check(enrollment=enrollment)


def _lesson_result_record(*, lesson_key: str, cadre_id: int) -> None:
    """The lesson is done once every quiz in its body is passed (usually there is one)."""
    try:
        key = uuid.UUID(lesson_key)
    except ValueError:
        return
    lesson = LessonPage.objects.filter(lesson_key=key).first()
    course = course_for_lesson(lesson) if lesson is not None else None
    if course is None:
        return
    enrollment = (
        Enrollment.objects.select_related("course").filter(course=course, cadre_id=cadre_id).first()
    )
    if enrollment is None:
        return
    context = lesson_context(key)
    quiz_ids = stream_quiz_ids(lesson.body)
    if not quiz_ids or not all(
        quiz_selectors.has_passed(quiz_id=quiz_id, cadre_id=cadre_id, context=context)
        for quiz_id in quiz_ids
    ):
        return
    lesson_completion_record(enrollment=enrollment, lesson_key=key)
