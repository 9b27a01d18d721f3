import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import Attempt
from assessments.selectors.quizzes import attempt_questions
from assessments.services.quizzes import (
    attempt_answer_save,
    attempt_item_grade,
    attempt_start,
    attempt_submit,
    attempts_close_overdue,
)
from tests.assessments.helpers import correct_answers
from tests.factories import UserFactory, make_question, make_quiz


def test_full_marks_for_every_auto_graded_kind(learner, bank):
    for kind in ("single", "multiple", "true_false", "ordering"):
        make_question(bank, kind)
    quiz = make_quiz(bank, is_open=True, pass_mark=80)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt = attempt_submit(actor=learner, attempt=attempt, answers=correct_answers(attempt))
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


def test_double_submission_is_graded_once(learner, bank, heard):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt_submit(actor=learner, attempt=attempt, answers=correct_answers(attempt))
    stale = Attempt.objects.get(pk=attempt.pk)
    stale.status = Attempt.Status.IN_PROGRESS  # a second tab that still thinks it is open
    again = attempt_submit(actor=learner, attempt=stale)
    assert [call["attempt_id"] for call in heard] == [attempt.pk]
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
        attempt_answer_save(actor=learner, attempt=attempt, answers=correct_answers(attempt))
    assert attempts_close_overdue() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.percent == 0


def test_another_cadre_cannot_answer_my_attempt(learner, bank, learner_hn):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    with pytest.raises(PermissionDenied):
        attempt_submit(actor=learner_hn, attempt=attempt)


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
    attempt = attempt_submit(actor=learner, attempt=attempt, answers=correct_answers(attempt))
    assert attempt.status == Attempt.Status.AWAITING_GRADING and attempt.percent is None
    item = attempt.items.get()
    attempt_item_grade(actor=organizer, item=item, points=Decimal("1.5"), comment="Khá tốt")
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.percent == Decimal("75.00")


# --- Drawing questions --------------------------------------------------------------------


def test_rules_draw_by_competency_and_difficulty_without_repeats(learner, bank):
    from assessments.models import QuizRule
    from tests.factories import make_competency

    planning = make_competency(code="KH", name="Lập kế hoạch")
    mobilising = make_competency(code="HD", name="Huy động nguồn lực")
    hard_planning = {
        make_question(bank, "single", competency=planning, difficulty=3).pk for _ in range(3)
    }
    easy_planning = {
        make_question(bank, "single", competency=planning, difficulty=1).pk for _ in range(3)
    }
    other = {make_question(bank, "single", competency=mobilising).pk for _ in range(2)}
    hard_only = make_quiz(bank, is_open=True, competency=planning, count=2)
    hard_only.rules.update(difficulty=3)
    attempt = attempt_start(actor=learner, quiz=hard_only)
    assert len(set(attempt.items.values_list("question_id", flat=True)) & hard_planning) == 2

    quiz = make_quiz(bank, is_open=True, competency=planning, count=2)
    quiz.rules.update(difficulty=3)
    QuizRule.objects.create(quiz=quiz, bank=bank, competency=planning, count=10, sort_order=1)
    QuizRule.objects.create(quiz=quiz, bank=bank, count=1, sort_order=2)
    for _ in range(5):
        attempt = attempt_start(actor=learner, quiz=quiz)
        drawn = list(attempt.items.values_list("question_id", flat=True))
        # Two hard planning questions; then every planning question left (four, fewer than
        # the ten asked for); then one of the rest — seven, none twice.
        assert len(drawn) == len(set(drawn)) == 7
        assert hard_planning | easy_planning <= set(drawn)
        assert len(set(drawn) & other) == 1
        attempt_submit(actor=learner, attempt=attempt)


def test_only_questions_in_use_are_drawn(learner, bank):
    retired = make_question(bank, "single", is_active=False)
    for _ in range(3):
        make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True, count=10)
    attempt = attempt_start(actor=learner, quiz=quiz)
    assert attempt.items.count() == 3
    assert not attempt.items.filter(question=retired).exists()


def test_an_ordering_question_is_never_shown_in_its_correct_order(learner, bank):
    question = make_question(bank, "ordering")
    correct = [c.pk for c in question.choices.all()]
    quiz = make_quiz(bank, is_open=True, shuffle_choices=False)
    seen = set()
    for _ in range(12):
        attempt = attempt_start(actor=learner, quiz=quiz)
        shown = attempt.items.get().choice_order
        assert sorted(shown) == sorted(correct) and shown != correct
        seen.add(tuple(shown))
        attempt_submit(actor=learner, attempt=attempt)
    assert len(seen) > 1  # still shuffled, not one fixed wrong order


def test_choices_keep_their_order_when_not_shuffled(learner, bank):
    single = make_question(bank, "single")
    true_false = make_question(bank, "true_false")
    quiz = make_quiz(bank, is_open=True, shuffle_choices=False, shuffle_questions=False)
    attempt = attempt_start(actor=learner, quiz=quiz)
    for question in (single, true_false):
        item = attempt.items.get(question=question)
        assert item.choice_order == [c.pk for c in question.choices.all()]
    assert list(attempt.items.values_list("question_id", flat=True)) == [single.pk, true_false.pk]


def test_a_quiz_without_questions_cannot_start(learner, bank):
    quiz = make_quiz(bank, is_open=True)
    with pytest.raises(ValidationError, match="chưa có câu hỏi nào"):
        attempt_start(actor=learner, quiz=quiz)
    assert not Attempt.objects.exists()


def test_a_placed_quiz_needs_its_context(learner, bank):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=False)
    with pytest.raises(PermissionDenied):
        attempt_start(actor=learner, quiz=quiz)
    assert attempt_start(actor=learner, quiz=quiz, context="lesson:abc").context == "lesson:abc"


def test_an_account_without_a_cadre_cannot_start(bank):
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True)
    with pytest.raises(ValidationError, match="chưa gắn với hồ sơ cán bộ"):
        attempt_start(actor=UserFactory(email="khach@example.vn"), quiz=quiz)


# --- Invalid answers --------------------------------------------------------------------


@pytest.fixture
def sheet(learner, bank):
    """An attempt with one question of each kind, by kind → item."""
    for kind in ("single", "multiple", "true_false", "ordering", "short"):
        make_question(bank, kind)
    quiz = make_quiz(bank, is_open=True, shuffle_questions=False)
    attempt = attempt_start(actor=learner, quiz=quiz)
    return attempt, {i.question.kind: i for i in attempt.items.select_related("question")}


def _bad_answers(items, other_choice):
    single, multiple = items["single"], items["multiple"]
    ordering, short = items["ordering"], items["short"]
    return [
        ({single.position: other_choice}, f"Câu {single.position}: câu trả lời không hợp lệ."),
        ({single.position: "abc"}, f"Câu {single.position}: câu trả lời không hợp lệ."),
        ({items["true_false"].position: [other_choice]}, "câu trả lời không hợp lệ"),
        (
            {multiple.position: [multiple.choice_order[0]] * 2},
            f"Câu {multiple.position}: câu trả lời không hợp lệ.",
        ),
        ({multiple.position: [other_choice]}, "câu trả lời không hợp lệ"),
        ({ordering.position: ordering.choice_order[:-1]}, "câu trả lời không hợp lệ"),
        (
            {ordering.position: [*ordering.choice_order[:-1], ordering.choice_order[0]]},
            "câu trả lời không hợp lệ",
        ),
        ({short.position: "x" * 2001}, "dài quá 2000 ký tự"),
        ({99: "x"}, "Không có câu 99."),
    ]


def test_invalid_answers_are_refused_in_vietnamese_and_nothing_is_written(learner, sheet, bank):
    attempt, items = sheet
    stranger = make_question(bank, "single", text="Câu ngoài bài").choices.first().pk
    for answers, message in _bad_answers(items, stranger):
        # A valid answer sent with a bad one is not saved either.
        extra = (
            items["true_false"] if items["true_false"].position not in answers else items["single"]
        )
        valid = {extra.position: extra.choice_order[0]}
        with pytest.raises(ValidationError) as raised:
            attempt_answer_save(actor=learner, attempt=attempt, answers={**valid, **answers})
        assert any(message in m for m in raised.value.messages), raised.value.messages
    assert not attempt.items.filter(response__isnull=False).exists()


def test_valid_answers_are_stored_in_their_shape(learner, sheet):
    attempt, items = sheet
    ordering = items["ordering"]
    multiple = items["multiple"]
    answers = {
        items["single"].position: str(items["single"].choice_order[1]),
        multiple.position: [multiple.choice_order[2], multiple.choice_order[0]],
        ordering.position: list(reversed(ordering.choice_order)),
        items["short"].position: "  Họp chi đoàn  ",
    }
    assert attempt_answer_save(actor=learner, attempt=attempt, answers=answers) == 4
    stored = {i.question.kind: i.response for i in attempt.items.select_related("question")}
    assert stored["single"] == items["single"].choice_order[1]
    assert stored["multiple"] == sorted([multiple.choice_order[2], multiple.choice_order[0]])
    assert stored["ordering"] == list(reversed(ordering.choice_order))
    assert stored["short"] == "Họp chi đoàn"
    assert stored["true_false"] is None


def test_organizer_of_another_province_cannot_mark(learner, bank, other_organizer):
    make_question(bank, "short")
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt = attempt_submit(actor=learner, attempt=attempt, answers={1: "Trả lời"})
    item = attempt.items.get()
    with pytest.raises(PermissionDenied):
        attempt_item_grade(actor=other_organizer, item=item, points=Decimal(1))
    item.refresh_from_db()
    assert item.needs_grading and item.points is None


# --- The periodic task ------------------------------------------------------------------


def test_beat_closes_overdue_attempts_every_five_minutes(learner, bank):
    from django.conf import settings

    from assessments.tasks import attempts_close_overdue_task

    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == attempts_close_overdue_task.name
    )
    assert entry["schedule"] == 300.0
    make_question(bank, "single")
    quiz = make_quiz(bank, is_open=True, time_limit_minutes=5)
    attempt = attempt_start(actor=learner, quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert attempts_close_overdue_task.delay().get() == 1
    assert attempts_close_overdue_task.delay().get() == 0  # harmless when run twice
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
