"""Trainers mark short answers: only within their own province, with checked points."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Attempt
from assessments.services.quizzes import attempt_start, attempt_submit
from tests.factories import make_question, make_quiz

MODEL_ANSWER = "ĐÁP-ÁN-MẪU-CHỈ-GIẢNG-VIÊN-THẤY"


@pytest.fixture
def short_quiz(bank):
    make_question(
        bank, "short", text="Nêu cách huy động đoàn viên.", model_answer=MODEL_ANSWER, points=2
    )
    return make_quiz(bank, is_open=True, pass_mark=50)


def _submitted_short(user, quiz, text):
    attempt = attempt_start(actor=user, quiz=quiz)
    return attempt_submit(actor=user, attempt=attempt, answers={1: text}).items.get()


def test_grading_queue_lists_only_own_province(client, organizer, learner, learner_hn, short_quiz):
    item_ld = _submitted_short(learner, short_quiz, "Qua Zalo của chi đoàn")
    _submitted_short(learner_hn, short_quiz, "Qua loa phát thanh phường")
    client.force_login(organizer)
    page = client.get(reverse("assessments:grading_queue")).content.decode()
    assert reverse("assessments:grading_item", args=[item_ld.pk]) in page
    assert "Nguyễn Thị Hoa" in page and "Trần Văn Nam" not in page


def test_organizer_marks_a_short_answer_and_the_attempt_is_graded(
    client, organizer, learner, short_quiz
):
    item = _submitted_short(learner, short_quiz, "Qua Zalo của chi đoàn")
    client.force_login(organizer)
    url = reverse("assessments:grading_item", args=[item.pk])
    page = client.get(url).content.decode()
    assert MODEL_ANSWER in page and "Qua Zalo của chi đoàn" in page
    response = client.post(url, {"points": "1,5", "comment": "Cụ thể, khả thi"})
    assert response["Location"] == reverse("assessments:grading_queue")
    item.attempt.refresh_from_db()
    assert item.attempt.status == Attempt.Status.GRADED
    assert item.attempt.percent == Decimal("75.00") and item.attempt.passed is True
    client.force_login(item.attempt.cadre.user)
    result = client.get(reverse("assessments:attempt_result", args=[item.attempt.pk]))
    assert "Cụ thể, khả thi" in result.content.decode()


def test_points_out_of_range_are_refused_with_a_message(client, organizer, learner, short_quiz):
    item = _submitted_short(learner, short_quiz, "Qua Zalo")
    client.force_login(organizer)
    url = reverse("assessments:grading_item", args=[item.pk])
    for points, message in (("5", "Điểm phải từ 0 đến 2"), ("abc", "Điểm phải là một số")):
        response = client.post(url, {"points": points})
        assert response.status_code == 200
        assert message in response.content.decode()
    item.refresh_from_db()
    assert item.needs_grading and item.points is None


def test_ha_noi_organizer_cannot_see_or_mark_a_lam_dong_answer(
    client, other_organizer, learner, short_quiz
):
    item = _submitted_short(learner, short_quiz, "Qua Zalo của chi đoàn")
    client.force_login(other_organizer)
    url = reverse("assessments:grading_item", args=[item.pk])
    assert url not in client.get(reverse("assessments:grading_queue")).content.decode()
    assert client.get(url).status_code == 404
    assert client.post(url, {"points": "2"}).status_code == 404
    item.refresh_from_db()
    assert item.needs_grading and item.points is None


def test_grading_needs_an_assessing_role(client, viewer, learner, short_quiz):
    item = _submitted_short(learner, short_quiz, "Qua Zalo")
    client.force_login(viewer)
    assert client.get(reverse("assessments:grading_queue")).status_code == 403
    assert client.get(reverse("assessments:grading_item", args=[item.pk])).status_code == 403
    client.force_login(learner)
    assert client.get(reverse("assessments:grading_queue")).status_code == 403
