"""Grading each kind of question: full, partial and no credit, blanks, and short answers
that wait for a trainer."""

from decimal import Decimal

import pytest

from assessments.models import Attempt, AttemptItem
from assessments.services.grading import Grade, grade_response
from assessments.services.quizzes import attempt_item_grade, attempt_start, attempt_submit
from tests.factories import make_question, make_quiz

ONE = Decimal("1")


def grade(kind, response, correct=(), ordered=(), points=ONE):
    return grade_response(
        kind=kind,
        response=response,
        correct_ids=list(correct),
        ordered_ids=list(ordered),
        max_points=points,
    )


@pytest.mark.parametrize("kind", ["single", "true_false"])
def test_one_right_option_earns_all_or_nothing(kind):
    assert grade(kind, 11, correct=[11], points=Decimal(2)) == Grade(Decimal(2), True)
    assert grade(kind, 12, correct=[11], points=Decimal(2)).points == Decimal("0.00")
    assert grade(kind, 12, correct=[11]).is_correct is False


@pytest.mark.parametrize(
    ("picked", "points", "exact"),
    [
        ([1, 2], Decimal("1"), True),  # both right options
        ([1], Decimal("0.50"), False),  # half of the right options
        ([1, 3], Decimal("0.00"), False),  # a wrong pick cancels a right one
        ([1, 2, 3], Decimal("0.50"), False),  # ticking everything is not free
        ([1, 2, 3, 4], Decimal("0.00"), False),
        ([3, 4], Decimal("0.00"), False),  # never below zero
    ],
)
def test_multiple_choice_earns_partial_credit(picked, points, exact):
    result = grade("multiple", picked, correct=[1, 2])
    assert result.points == points and result.is_correct is exact


def test_multiple_choice_partial_credit_is_rounded_to_hundredths():
    assert grade("multiple", [1], correct=[1, 2, 3]).points == Decimal("0.33")
    assert grade("multiple", [1, 2], correct=[1, 2, 3], points=Decimal(3)).points == Decimal("2.00")


def test_multiple_choice_without_a_right_option_earns_nothing():
    assert grade("multiple", [1], correct=[]).points == Decimal("0.00")


@pytest.mark.parametrize(
    ("order", "points", "exact"),
    [
        ([1, 2, 3, 4], Decimal("2"), True),
        ([1, 2, 4, 3], Decimal("1.00"), False),  # two of four in place
        ([2, 1, 3, 4], Decimal("1.00"), False),
        ([4, 3, 2, 1], Decimal("0.00"), False),
        ([2, 3, 4, 1], Decimal("0.00"), False),  # right sequence, all shifted
    ],
)
def test_ordering_earns_the_share_of_options_in_place(order, points, exact):
    result = grade("ordering", order, ordered=[1, 2, 3, 4], points=Decimal(2))
    assert result.points == points and result.is_correct is exact


@pytest.mark.parametrize("kind", ["single", "true_false", "multiple", "ordering"])
@pytest.mark.parametrize("blank", [None, "", []])
def test_blank_answers_earn_nothing(kind, blank):
    assert grade(kind, blank, correct=[1], ordered=[1, 2]) == Grade(Decimal("0.00"), False)


def test_short_answer_waits_for_a_trainer_unless_blank():
    assert grade("short", "Huy động qua chi đoàn") == Grade(None, None)
    assert grade("short", None) == Grade(Decimal("0.00"), False)
    assert grade("short", "") == Grade(Decimal("0.00"), False)


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        grade("essay", "x")


# --- Through an attempt ----------------------------------------------------------------


def _item(attempt, kind) -> AttemptItem:
    return attempt.items.select_related("question").get(question__kind=kind)


def test_partial_credit_adds_up_to_the_attempt_score(learner, bank):
    make_question(bank, "multiple", points=2)  # A, B right; C, D wrong
    make_question(bank, "ordering", points=3)  # Khảo sát, Lập kế hoạch, Triển khai
    quiz = make_quiz(bank, is_open=True, pass_mark=50)
    attempt = attempt_start(actor=learner, quiz=quiz)
    multiple = _item(attempt, "multiple")
    ordering = _item(attempt, "ordering")
    a, _b, c, _d = (ch.pk for ch in multiple.question.choices.all())
    first, second, third = (ch.pk for ch in ordering.question.choices.all())
    answers = {multiple.position: [a], ordering.position: [first, third, second]}

    attempt = attempt_submit(actor=learner, attempt=attempt, answers=answers)

    assert _item(attempt, "multiple").points == Decimal("1.00")
    assert _item(attempt, "ordering").points == Decimal("1.00")
    assert attempt.score == Decimal("2.00") and attempt.max_score == Decimal("5.00")
    assert attempt.percent == Decimal("40.00") and attempt.passed is False
    assert not attempt.items.filter(is_correct=True).exists()
    assert c not in answers[multiple.position]


def test_submitting_an_empty_sheet_grades_zero(learner, bank, heard):
    for kind in ("single", "multiple", "true_false", "ordering", "short"):
        make_question(bank, kind)
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_submit(actor=learner, attempt=attempt_start(actor=learner, quiz=quiz))
    assert attempt.status == Attempt.Status.GRADED  # a blank short answer needs no trainer
    assert attempt.score == Decimal("0.00") and attempt.percent == Decimal("0.00")
    assert attempt.passed is False
    assert set(attempt.items.values_list("points", flat=True)) == {Decimal("0.00")}
    assert [call["percent"] for call in heard] == [Decimal("0.00")]


def test_short_answer_holds_the_result_until_a_trainer_marks_it(learner, bank, organizer, heard):
    make_question(bank, "single", points=2)
    make_question(bank, "short", points=2)
    quiz = make_quiz(bank, is_open=True, pass_mark=75)
    attempt = attempt_start(actor=learner, quiz=quiz)
    single = _item(attempt, "single")
    short = _item(attempt, "short")
    right = single.question.choices.get(is_correct=True).pk
    answers = {single.position: right, short.position: "Tổ chức ngày hội tình nguyện"}

    attempt = attempt_submit(actor=learner, attempt=attempt, answers=answers)

    assert attempt.status == Attempt.Status.AWAITING_GRADING
    assert attempt.score is None and attempt.percent is None and attempt.passed is None
    assert _item(attempt, "single").points == Decimal("2.00")
    waiting = _item(attempt, "short")
    assert waiting.needs_grading and waiting.points is None
    assert heard == []

    attempt_item_grade(actor=organizer, item=waiting, points=Decimal("1"))
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    assert attempt.score == Decimal("3.00") and attempt.percent == Decimal("75.00")
    assert attempt.passed is True
    assert [(c["attempt_id"], c["passed"]) for c in heard] == [(attempt.pk, True)]


def test_trainer_can_correct_a_mark_and_the_attempt_is_regraded(learner, bank, organizer, heard):
    make_question(bank, "short", points=4)
    quiz = make_quiz(bank, is_open=True, pass_mark=50)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt = attempt_submit(actor=learner, attempt=attempt, answers={1: "Câu trả lời"})
    item = attempt.items.get()
    attempt_item_grade(actor=organizer, item=item, points=Decimal("1"))
    attempt_item_grade(actor=organizer, item=item, points=Decimal("3"), comment="Chấm lại")
    attempt.refresh_from_db()
    item.refresh_from_db()
    assert item.points == Decimal("3.00") and item.grader_comment == "Chấm lại"
    assert attempt.percent == Decimal("75.00") and attempt.passed is True
    assert [c["passed"] for c in heard] == [False, True]
