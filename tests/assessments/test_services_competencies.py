"""Competency standings from quiz evidence and rubric ratings; who may rate whom."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import (
    Attempt,
    AttemptItem,
    CompetencyStanding,
    Question,
    RubricRating,
)
from assessments.services.competencies import (
    competency_standing_refresh,
    competency_standings_refresh_all,
    rubric_rate,
)
from assessments.services.quizzes import attempt_start, attempt_submit
from organizations.models import Role
from tests.assessments.helpers import correct_answers
from tests.factories import UserFactory, grant, make_competency, make_question, make_quiz


@pytest.fixture
def competency(db):
    return make_competency(code="KH", required={"grassroots": 2, "province": 3})


@pytest.fixture
def trainer(tree):
    user = UserFactory(email="gvn.lamdong@example.vn")
    grant(user, Role.MASTER_TRAINER, tree["lam_dong"])
    return user


def graded(cadre, competency, bank, *, points, max_points, quiz=None, context=""):
    """A graded attempt holding one question of `competency` worth `max_points`."""
    quiz = quiz or make_quiz(bank, is_open=True)
    question = make_question(bank, competency=competency, points=int(max_points))
    number = Attempt.objects.filter(quiz=quiz, cadre=cadre, context=context).count() + 1
    now = timezone.now()
    attempt = Attempt.objects.create(
        quiz=quiz,
        cadre=cadre,
        context=context,
        number=number,
        status=Attempt.Status.GRADED,
        submitted_at=now,
        graded_at=now + datetime.timedelta(seconds=number),
        score=Decimal(points),
        max_score=Decimal(max_points),
    )
    AttemptItem.objects.create(
        attempt=attempt,
        question=question,
        position=1,
        max_points=Decimal(max_points),
        points=Decimal(points),
    )
    return attempt


def standing(cadre, competency):
    return CompetencyStanding.objects.get(cadre=cadre, competency=competency)


# --- Evidence → standing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "level"),
    [
        (10, 4),
        (Decimal("8.5"), 4),
        (Decimal("8.4"), 3),
        (7, 3),
        (5, 2),
        (Decimal("4.9"), 1),
        (0, 1),
    ],
)
def test_quiz_share_of_points_gives_the_level(cadre_ld, competency, bank, points, level):
    graded(cadre_ld, competency, bank, points=points, max_points=10)

    competency_standing_refresh(cadre_id=cadre_ld.pk)

    row = standing(cadre_ld, competency)
    assert row.quiz_level == level
    assert row.achieved_level == level
    assert row.quiz_points == Decimal(points) and row.quiz_max_points == 10


def test_too_few_points_of_evidence_give_no_level(cadre_ld, competency, bank):
    graded(cadre_ld, competency, bank, points=2, max_points=2)

    competency_standing_refresh(cadre_id=cadre_ld.pk)

    row = standing(cadre_ld, competency)
    assert row.quiz_max_points == 2
    assert row.quiz_level is None and row.achieved_level is None


def test_only_the_latest_try_of_a_quiz_counts(cadre_ld, competency, bank):
    quiz = make_quiz(bank, is_open=True)
    graded(cadre_ld, competency, bank, points=2, max_points=10, quiz=quiz)
    graded(cadre_ld, competency, bank, points=9, max_points=10, quiz=quiz)

    competency_standing_refresh(cadre_id=cadre_ld.pk)

    row = standing(cadre_ld, competency)
    assert (row.quiz_points, row.quiz_max_points, row.quiz_level) == (9, 10, 4)


def test_evidence_from_different_quizzes_adds_up(cadre_ld, competency, bank):
    graded(cadre_ld, competency, bank, points=3, max_points=4)
    graded(cadre_ld, competency, bank, points=3, max_points=6, context="lesson:abc")

    competency_standing_refresh(cadre_id=cadre_ld.pk)

    row = standing(cadre_ld, competency)
    assert (row.quiz_points, row.quiz_max_points, row.quiz_level) == (6, 10, 2)


def test_submitting_a_quiz_updates_the_standing(learner, cadre_ld, competency, bank):
    for _ in range(4):
        make_question(bank, "true_false", competency=competency)
    quiz = make_quiz(bank, is_open=True)
    attempt = attempt_start(actor=learner, quiz=quiz)
    attempt_submit(actor=learner, attempt=attempt, answers=correct_answers(attempt))

    row = standing(cadre_ld, competency)
    assert row.quiz_level == 4 and row.achieved_level == 4


def test_assessor_rating_overrides_the_quiz(learner, cadre_ld, competency, bank, organizer):
    graded(cadre_ld, competency, bank, points=10, max_points=10)
    competency_standing_refresh(cadre_id=cadre_ld.pk)

    rubric_rate(actor=organizer, cadre=cadre_ld, competency=competency, kind="assessor", level=2)

    row = standing(cadre_ld, competency)
    assert row.quiz_level == 4
    assert row.assessor_level == 2 and row.achieved_level == 2


def test_self_assessment_is_kept_but_never_counts(learner, cadre_ld, competency):
    rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=4)

    row = standing(cadre_ld, competency)
    assert row.self_level == 4
    assert row.achieved_level is None


def test_latest_assessor_rating_wins(cadre_ld, competency, organizer, trainer):
    rubric_rate(actor=organizer, cadre=cadre_ld, competency=competency, kind="assessor", level=3)
    rubric_rate(actor=trainer, cadre=cadre_ld, competency=competency, kind="assessor", level=1)

    assert RubricRating.objects.filter(cadre=cadre_ld).count() == 2
    assert standing(cadre_ld, competency).achieved_level == 1


def test_refresh_is_idempotent(learner, cadre_ld, competency, bank, organizer):
    graded(cadre_ld, competency, bank, points=7, max_points=10)
    rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=3)
    first = standing(cadre_ld, competency)

    again = competency_standing_refresh(cadre_id=cadre_ld.pk)
    competency_standing_refresh(cadre_id=cadre_ld.pk)

    assert [s.pk for s in again] == [first.pk]
    row = standing(cadre_ld, competency)
    assert CompetencyStanding.objects.count() == 1
    assert row.updated_at == first.updated_at
    assert (row.quiz_level, row.self_level, row.achieved_level) == (3, 3, 3)


def test_refresh_all_follows_a_question_moved_to_another_competency(cadre_ld, competency, bank):
    other = make_competency(code="VD", name="Vận động thanh niên")
    attempt = graded(cadre_ld, competency, bank, points=8, max_points=10)
    competency_standing_refresh(cadre_id=cadre_ld.pk)
    Question.objects.filter(pk=attempt.items.get().question_id).update(competency=other)

    assert competency_standings_refresh_all() == 1

    assert not CompetencyStanding.objects.filter(competency=competency).exists()
    assert standing(cadre_ld, other).quiz_level == 3


def test_refresh_all_for_given_cadres_only(cadre_ld, cadre_hn, competency, bank):
    graded(cadre_ld, competency, bank, points=8, max_points=10)
    graded(cadre_hn, competency, bank, points=8, max_points=10)

    assert competency_standings_refresh_all(cadre_ids=[cadre_hn.pk]) == 1

    assert list(CompetencyStanding.objects.values_list("cadre_id", flat=True)) == [cadre_hn.pk]


# --- Who may rate -----------------------------------------------------------------------


def test_cadre_cannot_rate_themself_as_assessor(learner, cadre_ld, competency):
    grant(learner, Role.ORGANIZER, cadre_ld.unit)

    with pytest.raises(PermissionDenied):
        rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="assessor", level=4)

    assert not RubricRating.objects.exists()


def test_only_the_cadre_rates_themself(cadre_ld, competency, organizer):
    with pytest.raises(PermissionDenied):
        rubric_rate(actor=organizer, cadre=cadre_ld, competency=competency, kind="self", level=3)

    assert not RubricRating.objects.exists()


def test_ha_noi_organizer_cannot_rate_a_lam_dong_cadre(cadre_ld, competency, other_organizer):
    with pytest.raises(PermissionDenied):
        rubric_rate(
            actor=other_organizer, cadre=cadre_ld, competency=competency, kind="assessor", level=3
        )

    assert not RubricRating.objects.exists()
    assert not CompetencyStanding.objects.exists()


def test_programme_viewer_cannot_rate(cadre_ld, competency, viewer):
    with pytest.raises(PermissionDenied):
        rubric_rate(actor=viewer, cadre=cadre_ld, competency=competency, kind="assessor", level=3)


def test_master_trainer_over_the_province_can_rate(cadre_ld, competency, trainer):
    rating = rubric_rate(
        actor=trainer,
        cadre=cadre_ld,
        competency=competency,
        kind="assessor",
        level="3",
        note="Lập kế hoạch chiến dịch hè tốt.",
    )

    assert (rating.level, rating.rated_by, rating.kind) == (3, trainer, "assessor")
    assert standing(cadre_ld, competency).achieved_level == 3


# --- Bad input --------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 5, "7", "ba", None, ""])
def test_level_outside_the_scale_is_refused(learner, cadre_ld, competency, level):
    with pytest.raises(ValidationError) as caught:
        rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=level)

    assert "mức năng lực" in " ".join(caught.value.message_dict["level"])
    assert not RubricRating.objects.exists()


def test_inactive_competency_is_refused(learner, cadre_ld, competency):
    competency.is_active = False
    competency.save()

    with pytest.raises(ValidationError) as caught:
        rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=2)

    assert "không còn được dùng" in caught.value.message_dict["competency"][0]
    assert not RubricRating.objects.exists()


def test_overlong_note_is_refused(learner, cadre_ld, competency):
    with pytest.raises(ValidationError) as caught:
        rubric_rate(
            actor=learner,
            cadre=cadre_ld,
            competency=competency,
            kind="self",
            level=2,
            note="x" * 2001,
        )

    assert "Nhận xét dài quá" in caught.value.message_dict["note"][0]
    assert not RubricRating.objects.exists()


def test_unknown_kind_is_refused(learner, cadre_ld, competency):
    with pytest.raises(ValidationError):
        rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="peer", level=2)

    assert not RubricRating.objects.exists()


# --- Double submission ------------------------------------------------------------------


def test_double_submitted_rating_is_recorded_once(learner, cadre_ld, competency):
    first = rubric_rate(
        actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=3, note="Ổn"
    )
    second = rubric_rate(
        actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=3, note="Ổn"
    )

    assert second.pk == first.pk
    assert RubricRating.objects.count() == 1


def test_changed_or_later_rating_is_a_new_row(learner, cadre_ld, competency):
    rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=3)
    rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=2)
    RubricRating.objects.update(rated_at=timezone.now() - datetime.timedelta(minutes=5))
    rubric_rate(actor=learner, cadre=cadre_ld, competency=competency, kind="self", level=2)

    assert list(RubricRating.objects.order_by("pk").values_list("level", flat=True)) == [3, 2, 2]
    assert standing(cadre_ld, competency).self_level == 2
