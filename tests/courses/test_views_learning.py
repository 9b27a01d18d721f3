"""Learning pages, enrolment and completion by HTTP, organizers' assignments, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, Enrollment, LessonCompletion, LessonPage
from courses.services.learning import assignment_create, course_enroll, lesson_complete
from tests.factories import CadreFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db

IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def _lessons(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def _form(**overrides):
    data = {"unit": "T68", "due_date": IN_A_MONTH.strftime("%d/%m/%Y")}
    data.update(overrides)
    return data


# --- Pages ----------------------------------------------------------------------------


def test_course_index_lists_live_courses(client):
    course = make_course(title="Kỹ năng huy động nguồn lực")
    html = client.get("/khoa-hoc/").content.decode()
    assert f'href="{course.url}"' in html


def test_anonymous_sees_outline_and_login_link(client):
    course = make_course()
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "1.1 Bài 1.1" in html and "2.2 Bài 2.2" in html
    assert "Đăng nhập để học" in html
    assert "css/courses.css" in html


def test_course_page_offers_enrolment_and_enrolling_works(client, learner, cadre_ld):
    course = make_course()
    client.force_login(learner)
    assert "Ghi danh khoá học" in client.get(course.url).content.decode()
    response = client.post(reverse("course_enroll", args=[course.pk]), follow=True)
    html = response.content.decode()
    assert "Đã ghi danh khoá học" in html
    assert Enrollment.objects.filter(cadre=cadre_ld, course=course).count() == 1
    assert "Bắt đầu học" in html and "<progress" in html


def test_duplicate_enrolment_is_answered_in_vietnamese(client, learner, cadre_ld):
    course = make_course()
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    client.force_login(learner)
    response = client.post(reverse("course_enroll", args=[course.pk]), follow=True)
    assert "đã ghi danh khoá học" in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_enrolling_without_cadre_record_says_why(client):
    course = make_course()
    client.force_login(UserFactory())
    response = client.post(reverse("course_enroll", args=[course.pk]), follow=True)
    assert "chưa gắn với hồ sơ cán bộ" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_enrol_needs_post_and_login(client, learner):
    course = make_course()
    url = reverse("course_enroll", args=[course.pk])
    assert client.post(url).status_code == 302  # to the login page
    client.force_login(learner)
    assert client.get(url).status_code == 405
    assert not Enrollment.objects.exists()


def test_lesson_page_completes_and_goes_to_the_next_lesson(client, learner, cadre_ld):
    course = make_course(modules=1, lessons=2)
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = _lessons(course)
    client.force_login(learner)
    html = client.get(lessons[0].url).content.decode()
    assert "Hoàn thành bài học" in html
    assert f'rel="next" href="{lessons[1].url}"' in html
    response = client.post(reverse("lesson_complete", args=[lessons[0].pk]))
    assert response.status_code == 302 and response.url == lessons[1].url
    html = client.get(lessons[0].url).content.decode()
    assert "Bạn đã hoàn thành bài học này." in html
    assert 'value="50"' in html
    response = client.post(reverse("lesson_complete", args=[lessons[1].pk]), follow=True)
    assert "Chúc mừng! Bạn đã hoàn thành khoá học" in response.content.decode()


def test_completing_without_enrolment_writes_nothing(client, learner):
    course = make_course()
    lesson = _lessons(course)[0]
    client.force_login(learner)
    response = client.post(reverse("lesson_complete", args=[lesson.pk]), follow=True)
    assert "chưa ghi danh" in response.content.decode()
    assert not LessonCompletion.objects.exists()


def test_opening_a_lesson_remembers_it_for_continue(client, learner, cadre_ld):
    course = make_course(modules=2, lessons=1)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = _lessons(course)
    client.force_login(learner)
    client.get(lessons[1].url)
    enrollment.refresh_from_db()
    assert enrollment.last_lesson_key == lessons[1].lesson_key
    html = client.get(course.url).content.decode()
    assert f'href="{lessons[1].url}">Học tiếp: Bài 2.1' in html


def test_module_page_lists_its_lessons(client):
    course = make_course(modules=1, lessons=2)
    module = course.get_children().first()
    html = client.get(module.url).content.decode()
    assert all(f'href="{lesson.url}"' in html for lesson in _lessons(course))


def test_due_date_warning_within_a_week_and_overdue(client, learner, cadre_ld):
    course = make_course()
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    client.force_login(learner)
    today = timezone.localdate()
    Enrollment.objects.filter(pk=enrollment.pk).update(due_date=today + datetime.timedelta(3))
    assert "Còn 3 ngày" in client.get(course.url).content.decode()
    assert "Còn 3 ngày" in client.get(reverse("my_learning")).content.decode()
    Enrollment.objects.filter(pk=enrollment.pk).update(due_date=today - datetime.timedelta(1))
    assert "Đã quá hạn" in client.get(course.url).content.decode()
    assert "Đã quá hạn" in client.get(reverse("my_learning")).content.decode()
    Enrollment.objects.filter(pk=enrollment.pk).update(due_date=today + datetime.timedelta(30))
    html = client.get(course.url).content.decode()
    assert "Đã quá hạn" not in html and "Còn " not in html


def test_my_learning_lists_courses_with_progress_and_continue(client, learner, cadre_ld):
    course = make_course(title="Khoá học điều phối")
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = _lessons(course)
    lesson_complete(user=learner, lesson=lessons[0])
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Khoá học điều phối" in html
    assert 'value="25"' in html
    assert f'href="{lessons[1].url}">Học tiếp: Bài 1.2' in html
    assert "Bạn chưa được giao khoá học nào." not in html


# --- Assignments ----------------------------------------------------------------------


def test_organizer_assigns_a_course_to_their_province(client, organizer, tree, cadre_ld):
    course = make_course()
    client.force_login(organizer)
    url = reverse("unit_assignments", args=["T68"])
    assert client.get(url).status_code == 200
    response = client.post(url, _form(course=course.pk), follow=True)
    html = response.content.decode()
    assert "ghi danh thêm 1 cán bộ" in html
    assert Enrollment.objects.get(cadre=cadre_ld).due_date == IN_A_MONTH
    response = client.post(url, _form(course=course.pk), follow=True)
    assert "ghi danh thêm 0 cán bộ" in response.content.decode()
    assert Assignment.objects.count() == 1 and Enrollment.objects.count() == 1


def test_rerun_enrols_cadres_added_later(client, organizer, tree, cadre_ld):
    course = make_course()
    assignment = assignment_create(
        actor=organizer, course=course, unit=tree["lam_dong"], due_date=IN_A_MONTH
    )
    CadreFactory(unit=tree["commune"])
    client.force_login(organizer)
    response = client.post(reverse("assignment_rerun", args=["T68", assignment.pk]), follow=True)
    assert "ghi danh thêm 1 cán bộ" in response.content.decode()
    assert Enrollment.objects.count() == 2


def test_assigning_to_a_unit_outside_ones_subtree_is_a_form_error(
    client, organizer, tree, cadre_hn
):
    course = make_course()
    client.force_login(organizer)
    response = client.post(
        reverse("unit_assignments", args=["T68"]), _form(course=course.pk, unit="T01")
    )
    assert response.status_code == 200
    assert "Không có đơn vị mã “T01” trong phạm vi bạn quản lý." in response.content.decode()
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()


def test_past_due_date_is_a_form_error_and_writes_nothing(client, organizer, tree, cadre_ld):
    course = make_course()
    client.force_login(organizer)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("unit_assignments", args=["T68"]), _form(course=course.pk, due_date=yesterday)
    )
    html = response.content.decode()
    assert f"Hạn hoàn thành {yesterday} đã qua" in html
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()


def test_bad_date_and_missing_course_are_answered_in_vietnamese(client, organizer, tree):
    client.force_login(organizer)
    response = client.post(reverse("unit_assignments", args=["T68"]), _form(due_date="31-02"))
    html = response.content.decode()
    assert "Hãy chọn khoá học." in html
    assert "Hạn hoàn thành phải theo dạng dd/mm/yyyy." in html
    assert not Assignment.objects.exists()


def test_other_province_organizer_cannot_see_or_assign(
    client, organizer, other_organizer, tree, cadre_ld
):
    course = make_course()
    assignment = assignment_create(
        actor=organizer, course=course, unit=tree["lam_dong"], due_date=IN_A_MONTH
    )
    client.force_login(other_organizer)
    assert client.get(reverse("unit_assignments", args=["T68"])).status_code == 404
    response = client.post(reverse("unit_assignments", args=["T68"]), _form(course=course.pk))
    assert response.status_code == 404
    response = client.post(reverse("assignment_rerun", args=["T01", assignment.pk]))
    assert response.status_code == 404
    assert Assignment.objects.count() == 1 and Enrollment.objects.count() == 1
    # Their own province's page lists only their own assignments.
    html = client.get(reverse("unit_assignments", args=["T01"])).content.decode()
    assert "Đơn vị chưa giao khoá học nào." in html


def test_viewer_and_learner_cannot_reach_assignments(client, viewer, learner, tree):
    for user in (viewer, learner):
        client.force_login(user)
        assert client.get(reverse("unit_assignments", args=["T68"])).status_code == 404


# --- Query counts ---------------------------------------------------------------------


def _enrolled_learner(tree, course, lessons_done=0):
    user = UserFactory()
    cadre = CadreFactory(unit=tree["commune"], user=user)
    course_enroll(actor=user, cadre=cadre, course=course)
    for lesson in _lessons(course)[:lessons_done]:
        lesson_complete(user=user, lesson=lesson)
    return user


@pytest.mark.parametrize(("modules", "lessons", "learners"), [(1, 1, 1), (4, 5, 6)])
def test_lesson_page_queries_do_not_grow(
    client, tree, modules, lessons, learners, django_assert_max_num_queries
):
    course = make_course(modules=modules, lessons=lessons)
    users = [_enrolled_learner(tree, course, lessons_done=modules) for _ in range(learners)]
    lesson = _lessons(course)[-1]
    client.force_login(users[0])
    with django_assert_max_num_queries(24):
        response = client.get(lesson.url)
    assert response.status_code == 200


@pytest.mark.parametrize(("courses", "lessons"), [(1, 1), (5, 4)])
def test_my_learning_queries_do_not_grow(
    client, tree, courses, lessons, django_assert_max_num_queries
):
    user = UserFactory()
    cadre = CadreFactory(unit=tree["commune"], user=user)
    for n in range(courses):
        course = make_course(title=f"Khoá {n}", modules=2, lessons=lessons)
        course_enroll(actor=user, cadre=cadre, course=course)
        lesson_complete(user=user, lesson=_lessons(course)[0])
        for _ in range(2):
            _enrolled_learner(tree, course, lessons_done=1)
    client.force_login(user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("my_learning"))
    assert response.status_code == 200
    assert response.content.decode().count("<progress") == courses


# --- Authoring ------------------------------------------------------------------------


def test_master_trainer_writes_courses_that_go_through_review(tree):
    from django.contrib.auth.models import Group

    from organizations.models import Role
    from organizations.services import role_assign
    from tests.factories import body, course_index

    admin = UserFactory(is_superuser=True, is_staff=True)
    author = UserFactory(email="giangvien.khoahoc@example.vn")
    role_assign(actor=admin, user=author, role=Role.MASTER_TRAINER, unit=tree["central"])
    reviewer = UserFactory(email="duyet.khoahoc@example.vn")
    reviewer.groups.add(Group.objects.get(name="Moderators"))
    course = make_course(modules=1, lessons=0)
    assert course_index().permissions_for_user(author).can_add_subpage()
    assert course.permissions_for_user(author).can_edit()
    assert not course.permissions_for_user(author).can_publish()

    module = course.get_children().first()
    lesson = LessonPage(title="Bài chờ duyệt", body=body(("paragraph", "<p>x</p>")), live=False)
    module.add_child(instance=lesson)
    revision = lesson.save_revision(user=author)
    state = lesson.get_workflow().start(lesson, author)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    lesson.refresh_from_db()
    assert lesson.live and lesson.live_revision_id == revision.pk
