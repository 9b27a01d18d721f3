"""Quizzes placed in courses: lesson quizzes, a course's final assessment, and a class's
pre-test and post-test — what the learner sees of them and the signed links to take them.

A placement is told to the assessments app as an opaque context string (see the
`*_context` helpers); the results come back through its `attempt_graded` signal with the
same string (`courses.receivers`). A link is made only after checking here that the cadre
may take the quiz in that place: enrolled in the course, or on the class's list.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from assessments.selectors import quizzes as quiz_selectors

from ..models import ClassParticipant, CoursePage, Enrollment, LessonPage, TrainingClass
from .learning import Progress, course_for_lesson, enrollment_for_user


def lesson_context(lesson_key) -> str:
    return f"lesson:{lesson_key}"


def final_context(course_id: int) -> str:
    return f"course:{course_id}:final"


def class_context(class_id: int, which: str) -> str:
    return f"class:{class_id}:{which}"


@dataclass
class QuizStatus:
    """A learner's standing on one placed quiz, and the link when they may take it now."""

    quiz: object
    link: str | None = None
    note: str = ""
    passed: bool = False
    best_percent: Decimal | None = None
    attempts_used: int = 0
    attempts_left: int | None = None  # None: no limit
    in_progress: bool = False
    awaiting_grading: bool = False
    personal: bool = True  # False: a visitor who is not enrolled, nothing of theirs to show

    @property
    def started(self) -> bool:
        return self.attempts_used > 0

    @property
    def used_up(self) -> bool:
        return self.attempts_left == 0 and not self.in_progress


def _status(*, quiz, cadre_id: int, context: str, allowed: bool, note: str = "") -> QuizStatus:
    status = QuizStatus(quiz=quiz, note=note)
    attempts = quiz_selectors.attempts_of(quiz=quiz, cadre_id=cadre_id, context=context)
    graded = [a for a in attempts if a.status == "graded" and a.percent is not None]
    status.attempts_used = len(attempts)
    status.passed = any(a.passed for a in graded)
    status.best_percent = max((a.percent for a in graded), default=None)
    status.in_progress = any(a.status == "in_progress" for a in attempts)
    status.awaiting_grading = any(a.status == "awaiting_grading" for a in attempts)
    if quiz.max_attempts is not None:
        status.attempts_left = max(quiz.max_attempts - len(attempts), 0)
    if not allowed:
        return status
    # Also when the attempts are used up: the quiz's page lists them with their results.
    status.link = quiz_selectors.quiz_link(quiz_id=quiz.pk, context=context, cadre_id=cadre_id)
    if status.used_up and not status.note:
        status.note = _("Bạn đã dùng hết số lần làm bài kiểm tra này.")
    return status


def lesson_quiz_status(*, lesson: LessonPage, quiz, user, **known) -> QuizStatus:
    """A quiz in a lesson, for the learner reading it: a link only for an enrolled cadre.
    A page that has already looked up the enrolment passes it as `enrollment=` (None for
    a reader not enrolled) to save the lookup."""
    if "enrollment" in known:
        enrollment = known["enrollment"]
    else:
        course = course_for_lesson(lesson)
        enrollment = enrollment_for_user(user, course=course) if course is not None else None
    if enrollment is None:
        return QuizStatus(quiz=quiz, note=_("Ghi danh để làm bài kiểm tra"), personal=False)
    return _status(
        quiz=quiz,
        cadre_id=enrollment.cadre_id,
        context=lesson_context(lesson.lesson_key),
        allowed=True,
    )


def final_quiz_status(
    *, course: CoursePage, enrollment: Enrollment | None, progress: Progress
) -> QuizStatus | None:
    """The course's final assessment for an enrolled learner: its link opens once every
    required lesson is done. None when the course has no final quiz or no enrolment."""
    quiz = course.final_quiz
    if quiz is None or enrollment is None:
        return None
    lessons_done = progress.completed or progress.done >= progress.required
    return _status(
        quiz=quiz,
        cadre_id=enrollment.cadre_id,
        context=final_context(course.pk),
        allowed=lessons_done,
        note="" if lessons_done else _("Hoàn thành các bài học để mở bài kiểm tra cuối"),
    )


@dataclass
class ClassTest:
    which: str  # "pre" or "post"
    label: str
    status: QuizStatus
    score: Decimal | None


def class_tests(*, training_class: TrainingClass, participant: ClassParticipant) -> list[ClassTest]:
    """The class's pre-test and post-test for one of its participants, with links."""
    tests = []
    for which, quiz, label, score in (
        ("pre", training_class.pre_test_quiz, _("Kiểm tra đầu vào"), participant.pre_test_score),
        (
            "post",
            training_class.post_test_quiz,
            _("Kiểm tra cuối khoá"),
            participant.post_test_score,
        ),
    ):
        if quiz is None:
            continue
        status = _status(
            quiz=quiz,
            cadre_id=participant.cadre_id,
            context=class_context(training_class.pk, which),
            allowed=True,
        )
        tests.append(ClassTest(which=which, label=label, status=status, score=score))
    return tests


def placement_of(context: str):
    """The lesson, course or class a context issued here points at, as a title and a link
    (registered with the assessments app so its quiz pages can lead the learner back)."""
    from django.urls import reverse

    from assessments.placements import Placement

    kind, _sep, rest = context.partition(":")
    if kind == "lesson":
        try:
            key = uuid.UUID(rest)
        except ValueError:
            return None
        lesson = LessonPage.objects.live().filter(lesson_key=key).first()
        return Placement(lesson.title, lesson.url) if lesson is not None else None
    ident, _sep, which = rest.partition(":")
    if not ident.isdigit():
        return None
    if kind == "course" and which == "final":
        course = CoursePage.objects.live().filter(pk=int(ident)).first()
        return Placement(course.title, course.url) if course is not None else None
    if kind == "class" and which in ("pre", "post"):
        training_class = TrainingClass.objects.filter(pk=int(ident)).first()
        if training_class is not None:
            return Placement(
                training_class.title, reverse("class_detail", args=[training_class.pk])
            )
    return None
