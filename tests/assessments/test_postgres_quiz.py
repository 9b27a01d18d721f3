"""Doubled and racing requests on PostgreSQL: one grading per submission, one open attempt."""

from decimal import Decimal

import pytest

from assessments.models import Attempt, AttemptItem
from assessments.services.quizzes import attempt_start, attempt_submit
from tests.assessments.helpers import correct_answers
from tests.concurrency import race
from tests.factories import make_question, make_quiz

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quiz(bank):
    make_question(bank, "single", points=2)
    make_question(bank, "multiple", points=2)
    make_question(bank, "true_false")
    return make_quiz(bank, is_open=True, pass_mark=60)


def test_ten_racing_submissions_grade_the_attempt_once(learner, quiz, heard):
    attempt = attempt_start(actor=learner, quiz=quiz)
    answers = correct_answers(attempt)
    for item in attempt.items.filter(question__kind="multiple"):
        answers[item.position] = answers[item.position][:1]  # half credit

    outcomes = race(
        lambda: attempt_submit(
            actor=learner, attempt=Attempt.objects.get(pk=attempt.pk), answers=answers
        ),
        n=10,
    )

    assert len(outcomes) == 10 and all(isinstance(o, Attempt) for o in outcomes), outcomes
    assert [(c["attempt_id"], c["percent"]) for c in heard] == [(attempt.pk, Decimal("80.00"))]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    assert attempt.score == Decimal("4.00") and attempt.max_score == Decimal("5.00")
    total = sum(AttemptItem.objects.filter(attempt=attempt).values_list("points", flat=True))
    assert total == attempt.score
    assert {o.score for o in outcomes} == {Decimal("4.00")}


def test_racing_starts_open_one_attempt(learner, quiz):
    outcomes = race(lambda: attempt_start(actor=learner, quiz=quiz), n=8)

    assert Attempt.objects.count() == 1
    attempt = Attempt.objects.get()
    assert attempt.status == Attempt.Status.IN_PROGRESS and attempt.number == 1
    assert {o.pk for o in outcomes} == {attempt.pk}
    assert attempt.items.count() == 3
