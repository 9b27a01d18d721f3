"""Item analysis from hand-built graded attempts with known answers."""

from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Attempt, AttemptItem, QuestionBank
from assessments.selectors.item_analysis import item_analysis
from tests.factories import make_question, make_quiz

pytestmark = pytest.mark.django_db


def _attempt(quiz, cadre, number, percent, answers, status=Attempt.Status.GRADED):
    """An attempt at `percent` % whose items are {question: (points, max_points)}; an item is
    correct when it earned full points."""
    attempt = Attempt.objects.create(
        quiz=quiz,
        cadre=cadre,
        number=number,
        status=status,
        submitted_at=timezone.now() if status != Attempt.Status.IN_PROGRESS else None,
        percent=Decimal(percent),
    )
    for position, (question, (points, max_points)) in enumerate(answers.items()):
        AttemptItem.objects.create(
            attempt=attempt,
            question=question,
            position=position,
            max_points=Decimal(max_points),
            points=Decimal(points),
            is_correct=points == max_points,
        )
    return attempt


@pytest.fixture
def scenario(bank, cadre_ld):
    """Ten graded attempts at 10 %, 20 %, … 100 %.

    - discriminating: right in the six attempts at 50 % and above;
    - easy: right in all ten;
    - partial: half the points in every attempt, never exactly right;
    - rare: drawn only by the three best attempts, all right;
    - unused: in the bank, never drawn.
    """
    questions = {
        "discriminating": make_question(bank, "single", text="Phân biệt tốt"),
        "easy": make_question(bank, "single", text="Ai cũng đúng"),
        "partial": make_question(bank, "multiple", text="Đúng một nửa", points=2),
        "rare": make_question(bank, "single", text="Ít người gặp"),
        "unused": make_question(bank, "single", text="Chưa ai gặp"),
    }
    quiz = make_quiz(bank, count=4)
    for number in range(1, 11):
        percent = number * 10
        answers = {
            questions["discriminating"]: (1 if percent >= 50 else 0, 1),
            questions["easy"]: (1, 1),
            questions["partial"]: (1, 2),
        }
        if percent >= 80:
            answers[questions["rare"]] = (1, 1)
        _attempt(quiz, cadre_ld, number, percent, answers)
    # Neither an attempt still in progress nor one awaiting grading counts.
    _attempt(quiz, cadre_ld, 11, 0, {questions["easy"]: (0, 1)}, Attempt.Status.IN_PROGRESS)
    _attempt(quiz, cadre_ld, 12, 0, {questions["easy"]: (0, 1)}, Attempt.Status.AWAITING_GRADING)
    return quiz, questions


def _by_text(rows):
    return {row.question.text: row for row in rows}


def test_p_values_and_mean_points_share_of_a_quiz(scenario):
    quiz, _questions = scenario
    rows = _by_text(item_analysis(quiz=quiz))
    assert set(rows) == {"Phân biệt tốt", "Ai cũng đúng", "Đúng một nửa", "Ít người gặp"}
    assert rows["Phân biệt tốt"].attempts == 10
    assert rows["Phân biệt tốt"].p_value == pytest.approx(0.6)
    assert rows["Phân biệt tốt"].mean_points == pytest.approx(0.6)
    assert rows["Ai cũng đúng"].p_value == pytest.approx(1.0)
    assert rows["Đúng một nửa"].p_value == pytest.approx(0.0)
    assert rows["Đúng một nửa"].mean_points == pytest.approx(0.5)
    assert rows["Ít người gặp"].attempts == 3


def test_discrimination_compares_the_best_and_worst_27_percent(scenario):
    quiz, _questions = scenario
    rows = _by_text(item_analysis(quiz=quiz))
    # Upper three (100, 90, 80 %) all right, lower three (10, 20, 30 %) all wrong.
    assert rows["Phân biệt tốt"].discrimination == pytest.approx(1.0)
    assert rows["Ai cũng đúng"].discrimination == pytest.approx(0.0)
    assert rows["Ít người gặp"].discrimination is None


def test_flags_easy_hard_and_poorly_discriminating_questions(scenario):
    quiz, _questions = scenario
    rows = _by_text(item_analysis(quiz=quiz))
    assert rows["Phân biệt tốt"].flags == []
    assert rows["Ai cũng đúng"].flags == ["too_easy", "poor_discrimination"]
    assert rows["Đúng một nửa"].flags == ["too_hard", "poor_discrimination"]
    assert rows["Ít người gặp"].flags == []  # three attempts say nothing yet
    assert rows["Ai cũng đúng"].flag_labels == ["Quá dễ", "Phân biệt kém"]


def test_bank_analysis_lists_undrawn_questions_and_ignores_other_banks(scenario, cadre_ld):
    _quiz, questions = scenario
    other_bank = QuestionBank.objects.create(title="Ngân hàng khác")
    stranger = make_question(other_bank, "single", text="Câu ngân hàng khác")
    _attempt(make_quiz(other_bank, title="Bài khác"), cadre_ld, 1, 100, {stranger: (1, 1)})

    rows = _by_text(item_analysis(bank=questions["easy"].bank))
    assert "Câu ngân hàng khác" not in rows
    assert rows["Chưa ai gặp"].attempts == 0
    assert rows["Chưa ai gặp"].p_value is None and rows["Chưa ai gặp"].flags == []
    assert rows["Phân biệt tốt"].p_value == pytest.approx(0.6)


def test_quiz_analysis_counts_only_that_quizs_attempts(scenario, cadre_ld):
    quiz, questions = scenario
    other_quiz = make_quiz(questions["easy"].bank, title="Bài kiểm tra giữa khoá")
    _attempt(other_quiz, cadre_ld, 1, 0, {questions["easy"]: (0, 1)})
    rows = _by_text(item_analysis(quiz=quiz))
    assert rows["Ai cũng đúng"].attempts == 10
    assert rows["Ai cũng đúng"].p_value == pytest.approx(1.0)


def test_query_count_does_not_grow_with_questions(bank, cadre_ld, django_assert_max_num_queries):
    quiz = make_quiz(bank, count=1)
    few = [make_question(bank, "single") for _ in range(2)]
    _attempt(quiz, cadre_ld, 1, 50, dict.fromkeys(few, (1, 1)))
    with django_assert_max_num_queries(4):
        assert len(item_analysis(quiz=quiz)) == 2

    many = [make_question(bank, "single") for _ in range(12)]
    for number in range(2, 14):
        _attempt(quiz, cadre_ld, number, number * 7, dict.fromkeys(many, (number % 2, 1)))
    with django_assert_max_num_queries(4):
        assert len(item_analysis(quiz=quiz)) == 14
    with django_assert_max_num_queries(4):
        assert len(item_analysis(bank=bank)) == 14
