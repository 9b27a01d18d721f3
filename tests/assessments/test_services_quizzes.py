import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import Attempt, QuestionBank
from assessments.selectors.quizzes import attempt_questions
from assessments.services.quizzes import (
    attempt_answer_save,
    attempt_item_grade,
    attempt_start,
    attempt_submit,
    attempts_close_overdue,
)
from assessments.signals import attempt_graded
from tests.factories import UserFactory, make_question, make_quiz


@pytest.fixture
def learner(cadre_ld):
    cadre_ld.user = UserFactory(email="hoa@example.vn")
    cadre_ld.save()
    return cadre_ld.user


@pytest.fixture
def bank(db):
    return QuestionBank.objects.create(title="Ngân hàng")


def _correct_answers(attempt):
    answers = {}
    for item in attempt.items.select_related("question").prefetch_related("question__choices"):
        choices = list(item.question.choices.all())
        kind = item.question.kind
        if kind in ("single", "true_false"):
            answers[item.position] = next(c.pk for c in choices if c.is_correct)
        elif kind == "multiple":
            answers[item.position] = [c.pk for c in choices if c.is_correct]
        elif kind == "ordering":
            answers[item.position] = [c.pk for c in choices]
        else:
            answers[item.position] = "Huy động đoàn viên qua mạng xã hội"
    return answers


def test_full_marks_for_every_auto_graded_kind(learner, bank):
    for kind in ("single", "multiple", "true_false", "ordering"):
        make_question(bank, kind)
    quiz = make_quiz(bank, is_open=True, pass_mark=80)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt = attempt_submit(actor=learner, attempt=attempt, answers=_correct_answers(attempt))
    assert attempt.status == Attempt.Status.GRADED
    assert attempt.percent == Decimal("100.00") and attempt.passed is True


def test_open_attempt_resumes_instead_of_drawing_again(learner, bank):
    for _ in range(3):
        make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    first = attempt_start(actor=learner, quiz=quiz)
    again = attempt_start(actor=learner, quiz=quiz)
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_double_submission_is_graded_once(learner, bank):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    heard = []

    def receiver(**kwargs):
        heard.append(kwargs["attempt_id"])

    attempt_graded.connect(receiver)
    try:
        attempt = attempt_start(actor=learner, quiz=quiz)
        attempt_submit(actor=learner, attempt=attempt, answers=_correct_answers(attempt))
        stale = Attempt.objects.get(pk=attempt.pk)
        stale.status = Attempt.Status.IN_PROGRESS  # a second tab that still thinks it is open
        again = attempt_submit(actor=learner, attempt=stale)
    finally:
        attempt_graded.disconnect(receiver)
    assert heard == [attempt.pk]
    assert again.percent == Decimal("100.00")


def test_attempt_limit_is_enforced(learner, bank):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True, max_attempts=1)
    attempt_submit(actor=learner, attempt=attempt_start(actor=learner, quiz=quiz))
    with pytest.raises(ValidationError, match="hết 1 lần"):
        attempt_start(actor=learner, quiz=quiz)


def test_answers_after_deadline_are_refused_and_overdue_attempts_close(learner, bank):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True, time_limit_minutes=10)
    attempt = attempt_start(actor=learner, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=5)
    )
    attempt.refresh_from_db()
    with pytest.raises(ValidationError, match="hết thời gian"):
        attempt_answer_save(actor=learner, attempt=attempt, answers=_correct_answers(attempt))
    assert attempts_close_overdue() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.percent == 0


def test_another_cadre_cannot_answer_my_attempt(learner, bank, cadre_hn):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    cadre_hn.user = UserFactory(email="nam@example.vn")
    cadre_hn.save()
    with pytest.raises(PermissionDenied):
        attempt_submit(actor=cadre_hn.user, attempt=attempt)


def test_questions_shown_carry_no_answer_key(learner, bank):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    shown = attempt_questions(attempt=attempt)
    assert shown[0].correct_ids == [] and shown[0].is_correct is None


def test_short_answer_waits_for_trainer_then_grades(learner, bank, organizer):
    make_question(bank, "short", points=2)
    quiz = make_quiz(bank, is_open=True, pass_mark=50)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt = attempt_submit(actor=learner, attempt=attempt, answers=_correct_answers(attempt))
    assert attempt.status == Attempt.Status.AWAITING_GRADING and attempt.percent is None
    item = attempt.items.get()
    attempt_item_grade(actor=organizer, item=item, points=Decimal("1.5"), comment="Khá tốt")
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.percent == Decimal("75.00")
