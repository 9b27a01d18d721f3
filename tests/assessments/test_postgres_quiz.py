"""Doubled and racing requests on PostgreSQL: one grading per submission, one open attempt."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from assessments.models import Attempt, AttemptItem, QuestionBank
from assessments.services.quizzes import attempt_start, attempt_submit
from assessments.signals import attempt_graded
from tests.factories import UserFactory, make_question, make_quiz

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: set DATABASE_URL (see .ci/run).")


@pytest.fixture
def learner(cadre_ld):
    cadre_ld.user = UserFactory(email="hoa@example.vn")
    cadre_ld.save()
    return cadre_ld.user


@pytest.fixture
def quiz(db):
    bank = QuestionBank.objects.create(title="Ngân hàng")
    make_question(bank, "single", points=2)
    make_question(bank, "multiple", points=2)
    make_question(bank, "true_false")
    return make_quiz(bank, is_open=True, pass_mark=60)


def _race(fn, n: int) -> list:
    barrier = threading.Barrier(n)
    outcomes: list = []

    def run():
        barrier.wait()
        try:
            outcomes.append(fn())
        except (ValidationError, PermissionDenied) as exc:
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_ten_racing_submissions_grade_the_attempt_once(learner, quiz):
    attempt = attempt_start(actor=learner, quiz=quiz)
    answers = {}
    for item in attempt.items.select_related("question"):
        choices = list(item.question.choices.all())
        if item.question.kind == "multiple":
            answers[item.position] = [c.pk for c in choices if c.is_correct][:1]  # half credit
        else:
            answers[item.position] = next(c.pk for c in choices if c.is_correct)
    heard = []
    lock = threading.Lock()

    def receiver(**kwargs):
        with lock:
            heard.append((kwargs["attempt_id"], kwargs["percent"]))

    attempt_graded.connect(receiver)
    try:
        outcomes = _race(
            lambda: attempt_submit(
                actor=learner, attempt=Attempt.objects.get(pk=attempt.pk), answers=answers
            ),
            n=10,
        )
    finally:
        attempt_graded.disconnect(receiver)

    assert len(outcomes) == 10 and all(isinstance(o, Attempt) for o in outcomes), outcomes
    assert heard == [(attempt.pk, Decimal("80.00"))]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED
    assert attempt.score == Decimal("4.00") and attempt.max_score == Decimal("5.00")
    total = sum(AttemptItem.objects.filter(attempt=attempt).values_list("points", flat=True))
    assert total == attempt.score
    assert {o.score for o in outcomes} == {Decimal("4.00")}


def test_racing_starts_open_one_attempt(learner, quiz):
    outcomes = _race(lambda: attempt_start(actor=learner, quiz=quiz), n=8)

    assert Attempt.objects.count() == 1
    attempt = Attempt.objects.get()
    assert attempt.status == Attempt.Status.IN_PROGRESS and attempt.number == 1
    assert {o.pk for o in outcomes} == {attempt.pk}
    assert attempt.items.count() == 3
