"""Sitting placed quizzes in course tests: a two-question quiz scored 0, 50 or 100%."""

from django.utils import timezone

from assessments.models import QuestionBank
from assessments.services.quizzes import attempt_start, attempt_submit
from courses.models import LessonPage
from tests.factories import body, make_question, make_quiz

TODAY = timezone.localdate()


def two_question_quiz(title="Kiểm tra điều phối", **fields):
    bank = QuestionBank.objects.create(title=f"Ngân hàng — {title}")
    make_question(bank, "single", text="Bước đầu tiên của một chiến dịch là gì?")
    make_question(bank, "single", text="Ai phê duyệt kế hoạch chiến dịch?")
    fields.setdefault("pass_mark", 60)
    return make_quiz(bank, title=title, **fields)


def sit(user, quiz, context: str, right: int):
    """Start and submit an attempt answering `right` of the two questions correctly."""
    attempt = attempt_start(actor=user, quiz=quiz, context=context)
    answers = {}
    for index, item in enumerate(
        attempt.items.select_related("question").prefetch_related("question__choices")
    ):
        choices = list(item.question.choices.all())
        wanted = index < right
        answers[item.position] = next(c.pk for c in choices if c.is_correct == wanted)
    return attempt_submit(actor=user, attempt=attempt, answers=answers)


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def put_quiz_in(lesson: LessonPage, quiz, intro: str = "") -> LessonPage:
    lesson.body = body(
        ("paragraph", "<p>Đọc kỹ rồi làm bài kiểm tra.</p>"),
        ("quiz", {"quiz": quiz.pk, "intro": intro}),
    )
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)
