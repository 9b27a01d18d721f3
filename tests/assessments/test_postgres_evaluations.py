"""Doubled requests racing on PostgreSQL: one scorecard per round and unit, one submission
event, one review decision."""

import pytest

from assessments.models import EvaluationEvent, UnitEvaluation
from assessments.services.evaluations import (
    evaluation_approve,
    evaluation_open,
    evaluation_return,
    evaluation_scores_save,
    evaluation_submit,
)
from organizations.models import Role
from tests.concurrency import race_each
from tests.factories import UserFactory, grant, make_round

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def filler(tree):
    user = UserFactory(email="bithu.quangkhe@example.vn")
    grant(user, Role.ORGANIZER, tree["commune"])
    return user


def test_concurrent_opening_makes_one_scorecard(tree, filler):
    round_ = make_round()
    outcomes = race_each(
        [lambda: evaluation_open(actor=filler, round=round_, unit=tree["commune"])] * 6
    )
    assert UnitEvaluation.objects.count() == 1
    assert {o.pk for o in outcomes} == {UnitEvaluation.objects.get().pk}


def test_concurrent_submissions_write_one_event(tree, filler):
    round_ = make_round()
    evaluation = evaluation_open(actor=filler, round=round_, unit=tree["commune"])
    scores = {c.pk: (5, "") for c in round_.criteria.all()}
    evaluation_scores_save(actor=filler, evaluation=evaluation, scores=scores)
    race_each([lambda: evaluation_submit(actor=filler, evaluation=evaluation)] * 6)
    assert EvaluationEvent.objects.filter(action=EvaluationEvent.Action.SUBMITTED).count() == 1
    evaluation.refresh_from_db()
    assert evaluation.status == UnitEvaluation.Status.SUBMITTED


def test_approve_and_return_racing_leave_one_decision(tree, filler, organizer):
    round_ = make_round()
    evaluation = evaluation_open(actor=filler, round=round_, unit=tree["commune"])
    scores = {c.pk: (5, "") for c in round_.criteria.all()}
    evaluation_scores_save(actor=filler, evaluation=evaluation, scores=scores)
    evaluation_submit(actor=filler, evaluation=evaluation)
    other = UserFactory(email="tochuc2.lamdong@example.vn")
    grant(other, Role.ORGANIZER, tree["lam_dong"])

    race_each(
        [
            lambda: evaluation_approve(actor=organizer, evaluation=evaluation),
            lambda: evaluation_return(actor=other, evaluation=evaluation, comment="Sửa TC1."),
        ]
    )

    decisions = EvaluationEvent.objects.filter(
        action__in=[EvaluationEvent.Action.APPROVED, EvaluationEvent.Action.RETURNED]
    )
    assert decisions.count() == 1
    evaluation.refresh_from_db()
    assert evaluation.status == decisions.get().action
