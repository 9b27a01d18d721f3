"""Competency pages: own profile and self-assessment, an assessor's view, subtree gaps;
scope across provinces, read-only viewers, bad input."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt, CompetencyStanding, LevelDescriptor, RubricRating
from assessments.services.competencies import competency_standing_refresh
from organizations.models import Role
from tests.factories import CadreFactory, UserFactory, grant, make_competency, make_quiz

MY_PROFILE = reverse("assessments:my_profile")


@pytest.fixture
def planning(db):
    competency = make_competency(code="KH", required={"grassroots": 2, "province": 3})
    LevelDescriptor.objects.create(
        competency=competency, level=2, description="Tham gia xây dựng kế hoạch theo mẫu."
    )
    return competency


@pytest.fixture
def trainer(tree):
    user = UserFactory(email="gvn.trang@example.vn")
    grant(user, Role.MASTER_TRAINER, tree["lam_dong"])
    return user


def _assess(cadre, competency, level):
    RubricRating.objects.create(cadre=cadre, competency=competency, kind="assessor", level=level)
    competency_standing_refresh(cadre_id=cadre.pk)


def _text(response) -> str:
    return response.content.decode()


def _profile_url(cadre) -> str:
    return reverse("assessments:cadre_profile", args=[cadre.pk])


def _gaps_url(unit) -> str:
    return reverse("assessments:unit_gaps", args=[unit.pk])


# --- My profile ---------------------------------------------------------------------------


def test_my_profile_shows_requirement_gap_and_open_quizzes(client, learner, cadre_ld, planning):
    quiz = make_quiz(title="Tự kiểm tra lập kế hoạch", is_open=True)
    make_quiz(title="Kiểm tra cuối khoá kín")
    _assess(cadre_ld, planning, 1)
    now = timezone.now()
    attempt = Attempt.objects.create(
        quiz=quiz,
        cadre=cadre_ld,
        number=1,
        status=Attempt.Status.GRADED,
        submitted_at=now,
        graded_at=now,
        score=8,
        max_score=10,
        percent=80,
        passed=True,
    )
    client.force_login(learner)

    response = client.get(MY_PROFILE)

    assert response.status_code == 200
    body = _text(response)
    assert "Lập kế hoạch chiến dịch tình nguyện" in body
    assert "Thiếu 1 mức" in body
    assert "Tham gia xây dựng kế hoạch theo mẫu." in body
    assert "Tự kiểm tra lập kế hoạch" in body
    assert reverse("assessments:open_quiz", args=[quiz.pk]) in body
    assert "Kiểm tra cuối khoá kín" not in body
    assert 'name="level"' in body
    assert reverse("assessments:attempt_result", args=[attempt.pk]) in body
    assert "80%" in body


def test_user_without_cadre_record_gets_a_friendly_page(client, organizer, planning):
    client.force_login(organizer)

    response = client.get(MY_PROFILE)

    assert response.status_code == 200
    assert "chưa gắn với hồ sơ cán bộ nào" in _text(response)


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(MY_PROFILE)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_self_assessment_is_saved(client, learner, cadre_ld, planning):
    client.force_login(learner)

    response = client.post(
        MY_PROFILE, {"competency": planning.pk, "level": "3", "note": "Đã lập kế hoạch hè."}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#nang-luc-{planning.pk}")
    rating = RubricRating.objects.get()
    assert (rating.kind, rating.level, rating.rated_by) == ("self", 3, learner)
    assert CompetencyStanding.objects.get(cadre=cadre_ld).self_level == 3
    page = _text(client.get(MY_PROFILE))
    assert "Đã lập kế hoạch hè." in page
    assert "Chưa có minh chứng" in page  # self-assessment gives no achieved level


@pytest.mark.parametrize("level", ["9", "", "ba"])
def test_bad_self_assessment_shows_vietnamese_error_and_writes_nothing(
    client, learner, planning, level
):
    client.force_login(learner)

    response = client.post(
        MY_PROFILE, {"competency": planning.pk, "level": level, "note": "Ghi chú giữ lại"}
    )

    assert response.status_code == 200
    body = _text(response)
    assert "Hãy chọn một mức năng lực từ 1 đến 4." in body
    assert "Ghi chú giữ lại" in body
    assert not RubricRating.objects.exists()
    assert not CompetencyStanding.objects.exists()


def test_malformed_competency_is_refused_in_vietnamese(client, learner, planning):
    client.force_login(learner)

    response = client.post(MY_PROFILE, {"competency": "abc", "level": "2"})

    assert response.status_code == 200
    assert "Năng lực cần đánh giá không hợp lệ." in _text(response)
    assert not RubricRating.objects.exists()


def test_unknown_competency_is_404(client, learner, planning):
    client.force_login(learner)

    response = client.post(MY_PROFILE, {"competency": planning.pk + 99, "level": "2"})

    assert response.status_code == 404
    assert not RubricRating.objects.exists()


# --- A cadre's profile for assessors ------------------------------------------------------


def test_organizer_sees_and_rates_a_cadre_of_the_province(client, organizer, cadre_ld, planning):
    client.force_login(organizer)

    page = client.get(_profile_url(cadre_ld))
    response = client.post(_profile_url(cadre_ld), {"competency": planning.pk, "level": "2"})

    assert page.status_code == 200
    assert cadre_ld.full_name in _text(page)
    assert "Mức người đánh giá ghi nhận" in _text(page)
    assert response.status_code == 302
    rating = RubricRating.objects.get()
    assert (rating.kind, rating.level, rating.rated_by) == ("assessor", 2, organizer)
    assert CompetencyStanding.objects.get(cadre=cadre_ld).achieved_level == 2


def test_master_trainer_rates_with_a_note(client, trainer, cadre_ld, planning):
    client.force_login(trainer)

    client.post(
        _profile_url(cadre_ld), {"competency": planning.pk, "level": "4", "note": "Xuất sắc"}
    )

    assert RubricRating.objects.get().note == "Xuất sắc"
    assert "Xuất sắc" in _text(client.get(_profile_url(cadre_ld)))


def test_cadre_of_another_province_is_404(client, other_organizer, cadre_ld, planning):
    client.force_login(other_organizer)

    assert client.get(_profile_url(cadre_ld)).status_code == 404
    response = client.post(_profile_url(cadre_ld), {"competency": planning.pk, "level": "2"})

    assert response.status_code == 404
    assert not RubricRating.objects.exists()


def test_viewer_sees_the_profile_read_only(client, viewer, cadre_ld, planning):
    client.force_login(viewer)

    page = client.get(_profile_url(cadre_ld))
    response = client.post(_profile_url(cadre_ld), {"competency": planning.pk, "level": "2"})

    assert page.status_code == 200
    assert "Bạn chỉ được xem hồ sơ năng lực này." in _text(page)
    assert 'name="level"' not in _text(page)
    assert response.status_code == 403
    assert not RubricRating.objects.exists()


def test_organizer_gets_no_assessor_form_on_own_profile(client, organizer, cadre_ld, planning):
    cadre_ld.user = organizer
    cadre_ld.save()
    client.force_login(organizer)

    page = client.get(_profile_url(cadre_ld))
    response = client.post(_profile_url(cadre_ld), {"competency": planning.pk, "level": "4"})

    assert 'name="level"' not in _text(page)
    assert response.status_code == 403
    assert not RubricRating.objects.exists()


def test_bad_assessor_rating_shows_error_and_writes_nothing(client, organizer, cadre_ld, planning):
    client.force_login(organizer)

    response = client.post(
        _profile_url(cadre_ld), {"competency": planning.pk, "level": "5", "note": "x" * 2001}
    )

    body = _text(response)
    assert response.status_code == 200
    assert "Hãy chọn một mức năng lực từ 1 đến 4." in body
    assert "Nhận xét dài quá 2000 ký tự" in body
    assert not RubricRating.objects.exists()


# --- Subtree gaps -------------------------------------------------------------------------


def test_unit_gaps_show_figures_and_drill_down(client, organizer, tree, planning, cadre_ld):
    provincial = CadreFactory(unit=tree["lam_dong"])
    _assess(provincial, planning, 3)
    _assess(cadre_ld, planning, 1)
    client.force_login(organizer)

    response = client.get(_gaps_url(tree["lam_dong"]))

    assert response.status_code == 200
    gaps = response.context["gaps"].rows[0]
    assert (gaps.counted, gaps.meeting, gaps.with_gap) == (2, 1, 1)
    body = _text(response)
    assert _gaps_url(tree["commune"]) in body
    assert f"?nang_luc={planning.pk}" in body
    assert "đạt yêu cầu (50%)" in body


def test_unit_gaps_home_redirects_to_the_top_unit(client, organizer, tree):
    client.force_login(organizer)

    response = client.get(reverse("assessments:unit_gaps_home"))

    assert response.status_code == 302
    assert response["Location"] == _gaps_url(tree["lam_dong"])


def test_unit_gaps_need_a_role(client, learner):
    client.force_login(learner)

    assert client.get(reverse("assessments:unit_gaps_home")).status_code == 403


def test_unit_gaps_of_another_province_are_404(client, other_organizer, tree, planning):
    client.force_login(other_organizer)

    assert client.get(_gaps_url(tree["lam_dong"])).status_code == 404
    assert client.get(_gaps_url(tree["commune"])).status_code == 404
    gap_cadres = reverse("assessments:unit_gap_cadres", args=[tree["lam_dong"].pk])
    assert client.get(gap_cadres).status_code == 404


def test_viewer_sees_unit_gaps_without_forms(client, viewer, tree, planning, cadre_ld):
    client.force_login(viewer)

    response = client.get(_gaps_url(tree["lam_dong"]))

    assert response.status_code == 200
    assert "<form" not in _text(response).split("</header>")[1].split("<footer")[0]


def test_cadres_with_gaps_list_links_to_profiles_and_pages(
    client, organizer, tree, planning, cadre_hn
):
    behind = [CadreFactory(unit=tree["commune"], full_name=f"Cán bộ {n:02d}") for n in range(27)]
    ready = CadreFactory(unit=tree["commune"], full_name="Cán bộ đã đạt")
    _assess(ready, planning, 2)
    client.force_login(organizer)
    url = reverse("assessments:unit_gap_cadres", args=[tree["lam_dong"].pk])

    first = client.get(url, {"nang_luc": planning.pk})
    second = client.get(url, {"nang_luc": planning.pk, "page": 2})

    assert first.context["cadres_page"].paginator.count == 27
    body = _text(first) + _text(second)
    assert _profile_url(behind[0]) in body
    assert "Cán bộ đã đạt" not in body
    assert cadre_hn.full_name not in body
    assert f"nang_luc={planning.pk}&amp;page=2" in _text(first)
    assert "chưa có minh chứng" in _text(first)


def test_cadres_with_gaps_unknown_competency_is_404(client, organizer, tree, planning):
    client.force_login(organizer)
    url = reverse("assessments:unit_gap_cadres", args=[tree["lam_dong"].pk])

    assert client.get(url, {"nang_luc": "abc"}).status_code == 404
    assert client.get(url, {"nang_luc": planning.pk + 99}).status_code == 404
