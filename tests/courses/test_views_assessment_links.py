"""Links to placed quizzes on course, lesson and class pages; quizzes in the class form."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.selectors.quizzes import quiz_placement
from courses.models import LessonCompletion, TrainingClass
from courses.services import classes as class_services
from courses.services.learning import course_enroll, lesson_complete
from tests.factories import CadreFactory, UserFactory, make_class, make_course

from .quiz_helpers import TODAY, lessons_of, put_quiz_in, sit, two_question_quiz

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/danh-gia/bai/[^"/]+/)"')


def _links(response) -> list[str]:
    assert response.status_code == 200
    return LINK.findall(response.content.decode())


def _placements(response):
    return [quiz_placement(link.split("/")[-2]) for link in _links(response)]


# --- The course's final quiz --------------------------------------------------------------


@pytest.fixture
def final_course(db):
    return make_course(
        modules=1, lessons=2, final_quiz=two_question_quiz("Kiểm tra cuối khoá điều phối")
    )


def test_visitor_reads_that_the_course_has_a_final_quiz_but_gets_no_link(client, final_course):
    response = client.get(final_course.url)
    assert "Khoá học có bài kiểm tra cuối, đạt từ 60%" in response.content.decode()
    assert _links(response) == []


def test_final_quiz_link_opens_only_after_the_lessons(client, learner, cadre_ld, final_course):
    course_enroll(actor=learner, cadre=cadre_ld, course=final_course)
    client.force_login(learner)
    response = client.get(final_course.url)
    assert "Hoàn thành các bài học để mở bài kiểm tra cuối" in response.content.decode()
    assert _links(response) == []
    for lesson in lessons_of(final_course):
        lesson_complete(user=learner, lesson=lesson)
    response = client.get(final_course.url)
    html = response.content.decode()
    assert "Bài kiểm tra cuối khoá" in html and "Làm bài kiểm tra" in html
    [placement] = _placements(response)
    assert placement.context == f"course:{final_course.pk}:final"
    assert (placement.quiz_id, placement.cadre_id) == (final_course.final_quiz_id, cadre_ld.pk)
    [link] = _links(response)
    assert client.get(link).status_code == 200


def test_another_enrolled_learner_gets_a_link_of_their_own(client, tree, final_course):
    other = CadreFactory(unit=tree["commune"], user=UserFactory())
    course_enroll(actor=other.user, cadre=other, course=final_course)
    for lesson in lessons_of(final_course):
        lesson_complete(user=other.user, lesson=lesson)
    client.force_login(other.user)
    [placement] = _placements(client.get(final_course.url))
    assert placement.cadre_id == other.pk


def test_course_page_shows_the_final_quiz_passed_with_its_percent(
    client, learner, cadre_ld, final_course
):
    course_enroll(actor=learner, cadre=cadre_ld, course=final_course)
    for lesson in lessons_of(final_course):
        lesson_complete(user=learner, lesson=lesson)
    sit(learner, final_course.final_quiz, f"course:{final_course.pk}:final", right=2)
    client.force_login(learner)
    html = client.get(final_course.url).content.decode()
    assert "Đã đạt (100%)" in html


def test_used_up_attempts_are_said(client, learner, cadre_ld):
    course = make_course(
        modules=1, lessons=1, final_quiz=two_question_quiz("Cuối khoá", max_attempts=1)
    )
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    sit(learner, course.final_quiz, f"course:{course.pk}:final", right=0)
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Chưa đạt: cao nhất 0% (cần 60%)" in html
    assert "Còn 0 lần làm bài" in html
    assert "Bạn đã dùng hết số lần làm bài kiểm tra này." in html


# --- Lesson quizzes -----------------------------------------------------------------------


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=2)


@pytest.fixture
def quiz_lesson(course):
    return put_quiz_in(lessons_of(course)[0], two_question_quiz("Kiểm tra bài 1.1"), "Làm ngay")


def test_enrolled_learner_gets_the_lesson_quiz_instead_of_the_done_button(
    client, learner, cadre_ld, course, quiz_lesson
):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    client.force_login(learner)
    response = client.get(quiz_lesson.url)
    html = response.content.decode()
    assert "Kiểm tra bài 1.1" in html and "Làm ngay" in html
    assert reverse("lesson_complete", args=[quiz_lesson.pk]) not in html
    assert "khi bạn làm đạt bài kiểm tra ở trên" in html
    [placement] = _placements(response)
    assert placement.context == f"lesson:{quiz_lesson.lesson_key}"
    assert placement.cadre_id == cadre_ld.pk


def test_a_lesson_without_a_quiz_keeps_its_done_button(client, learner, cadre_ld, course):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    client.force_login(learner)
    lesson = lessons_of(course)[1]
    html = client.get(lesson.url).content.decode()
    assert reverse("lesson_complete", args=[lesson.pk]) in html


def test_reader_not_enrolled_is_asked_to_enrol_for_the_lesson_quiz(
    client, learner, course, quiz_lesson
):
    client.force_login(learner)
    response = client.get(quiz_lesson.url)
    assert "Ghi danh để làm bài kiểm tra" in response.content.decode()
    assert _links(response) == []
    client.logout()
    response = client.get(quiz_lesson.url)
    assert "Ghi danh để làm bài kiểm tra" in response.content.decode()
    assert _links(response) == []


def test_posting_done_on_a_quiz_lesson_is_refused_in_vietnamese(
    client, learner, cadre_ld, course, quiz_lesson
):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    client.force_login(learner)
    response = client.post(reverse("lesson_complete", args=[quiz_lesson.pk]), follow=True)
    assert "làm đạt bài kiểm tra" in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_passed_lesson_quiz_shows_the_lesson_done(client, learner, cadre_ld, course, quiz_lesson):
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    quiz = next(b.value["quiz"] for b in quiz_lesson.body if b.block_type == "quiz")
    sit(learner, quiz, f"lesson:{quiz_lesson.lesson_key}", right=2)
    client.force_login(learner)
    html = client.get(quiz_lesson.url).content.decode()
    assert "Bạn đã hoàn thành bài học này." in html and "Đã đạt (100%)" in html


# --- Classes ------------------------------------------------------------------------------


@pytest.fixture
def quizzes(db):
    return two_question_quiz("Đầu vào lớp điều phối"), two_question_quiz("Cuối khoá lớp điều phối")


@pytest.fixture
def klass(organizer, tree, course, quizzes):
    pre, post = quizzes
    return make_class(organizer, tree["lam_dong"], course, pre_test_quiz=pre, post_test_quiz=post)


def test_participant_sees_pre_and_post_test_links_on_the_class_page(
    client, organizer, learner, cadre_ld, klass, quizzes
):
    class_services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    client.force_login(learner)
    response = client.get(reverse("class_detail", args=[klass.pk]))
    html = response.content.decode()
    assert "Kiểm tra đầu vào" in html and "Kiểm tra cuối khoá" in html
    assert "Thêm học viên" not in html  # the learner's page, not the organizer's
    placements = _placements(response)
    assert [(p.quiz_id, p.context, p.cadre_id) for p in placements] == [
        (quizzes[0].pk, f"class:{klass.pk}:pre", cadre_ld.pk),
        (quizzes[1].pk, f"class:{klass.pk}:post", cadre_ld.pk),
    ]
    link = _links(response)[0]
    assert client.get(link).status_code == 200


def test_a_cadre_not_on_the_list_cannot_open_the_class_page(client, learner, klass):
    client.force_login(learner)
    assert client.get(reverse("class_detail", args=[klass.pk])).status_code == 404


def test_my_learning_lists_the_learners_classes(client, organizer, learner, cadre_ld, klass):
    class_services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert reverse("class_detail", args=[klass.pk]) in html


def test_organizer_sees_the_scores_recorded_from_the_tests(
    client, organizer, learner, cadre_ld, klass, quizzes
):
    class_services.class_participant_add(actor=organizer, training_class=klass, cadre=cadre_ld)
    sit(learner, quizzes[0], f"class:{klass.pk}:pre", right=1)
    sit(learner, quizzes[1], f"class:{klass.pk}:post", right=2)
    client.force_login(organizer)
    html = client.get(reverse("class_detail", args=[klass.pk])).content.decode()
    # Shown with the Vietnamese decimal comma, which the scores form accepts back.
    assert 'name="pre_test_score" inputmode="decimal" value="50,00"' in html
    assert 'name="post_test_score" inputmode="decimal" value="100,00"' in html
    assert "Đầu vào lớp điều phối" in html


def _edit_form(klass, **overrides):
    data = {
        "course": klass.course_id,
        "title": klass.title,
        "host_unit": klass.host_unit.code,
        "mode": klass.mode,
        "level": klass.level,
        "start_date": klass.start_date.strftime("%d/%m/%Y"),
        "end_date": klass.end_date.strftime("%d/%m/%Y"),
        "venue": "",
        "pre_test_quiz": "",
        "post_test_quiz": "",
    }
    data.update(overrides)
    return data


def test_organizer_sets_and_clears_a_class_tests(client, organizer, tree, course, quizzes):
    klass = make_class(organizer, tree["lam_dong"], course)
    client.force_login(organizer)
    url = reverse("class_edit", args=[klass.pk])
    assert "Bài kiểm tra đầu vào" in client.get(url).content.decode()
    response = client.post(
        url, _edit_form(klass, pre_test_quiz=quizzes[0].pk, post_test_quiz=quizzes[1].pk)
    )
    assert response.status_code == 302
    klass.refresh_from_db()
    assert (klass.pre_test_quiz_id, klass.post_test_quiz_id) == (quizzes[0].pk, quizzes[1].pk)
    client.post(url, _edit_form(klass, pre_test_quiz=quizzes[0].pk))
    klass.refresh_from_db()
    assert (klass.pre_test_quiz_id, klass.post_test_quiz) == (quizzes[0].pk, None)


def test_class_can_be_opened_with_its_tests(client, organizer, course, quizzes):
    client.force_login(organizer)
    response = client.post(
        reverse("class_create"),
        {
            "course": course.pk,
            "title": "Lớp điều phối có kiểm tra",
            "host_unit": "T68",
            "mode": "online",
            "level": "province",
            "start_date": TODAY.strftime("%d/%m/%Y"),
            "end_date": TODAY.strftime("%d/%m/%Y"),
            "pre_test_quiz": quizzes[0].pk,
            "post_test_quiz": quizzes[1].pk,
        },
    )
    assert response.status_code == 302
    klass = TrainingClass.objects.get(title="Lớp điều phối có kiểm tra")
    assert (klass.pre_test_quiz_id, klass.post_test_quiz_id) == (quizzes[0].pk, quizzes[1].pk)


def test_an_unknown_quiz_is_refused_and_nothing_is_written(client, organizer, klass, quizzes):
    client.force_login(organizer)
    response = client.post(
        reverse("class_edit", args=[klass.pk]), _edit_form(klass, pre_test_quiz=999999)
    )
    assert response.status_code == 200
    assert "Chọn một bài kiểm tra có trong danh sách." in response.content.decode()
    klass.refresh_from_db()
    assert klass.pre_test_quiz_id == quizzes[0].pk


def test_ha_noi_organizer_cannot_set_a_lam_dong_class_tests(
    client, other_organizer, tree, organizer, course, quizzes
):
    klass = make_class(organizer, tree["lam_dong"], course)
    client.force_login(other_organizer)
    url = reverse("class_edit", args=[klass.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url,
        _edit_form(
            klass, host_unit="T01", pre_test_quiz=quizzes[0].pk, post_test_quiz=quizzes[1].pk
        ),
    )
    assert response.status_code == 404
    klass.refresh_from_db()
    assert (klass.pre_test_quiz, klass.post_test_quiz) == (None, None)
    assert klass.host_unit_id == tree["lam_dong"].pk


def test_a_test_result_replaces_a_score_entered_by_hand(
    client, organizer, learner, cadre_ld, klass, quizzes
):
    place = class_services.class_participant_add(
        actor=organizer, training_class=klass, cadre=cadre_ld
    )
    class_services.class_scores_record(actor=organizer, participant=place, post_test_score="40")
    sit(learner, quizzes[1], f"class:{klass.pk}:post", right=2)
    place.refresh_from_db()
    assert place.post_test_score == Decimal("100.00")


# --- Wagtail admin ------------------------------------------------------------------------


def test_admin_edits_the_final_quiz_and_lesson_quizzes_with_snippet_choosers(
    client, course, quiz_lesson
):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert 'name="final_quiz"' in html and "Điểm đạt lấy theo bài kiểm tra" in html
    assert 'data-chooser-url="/admin/snippets/choose/assessments/quiz/"' in html
    response = client.get(reverse("wagtailadmin_pages:edit", args=[quiz_lesson.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "/admin/snippets/choose/assessments/quiz/" in html
