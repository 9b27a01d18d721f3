"""Enrolment, assignment to a subtree, lesson completion and progress."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Assignment, Enrollment, LessonCompletion, LessonPage, ModulePage
from courses.selectors.learning import (
    continue_lesson,
    course_outline,
    course_progress,
    enrollments_for_user,
)
from courses.services.learning import (
    assignment_create,
    assignment_run,
    course_completion_check,
    course_enroll,
    lesson_complete,
    lesson_visit,
)
from organizations.models import PostKind
from tests.factories import (
    CadreFactory,
    UserFactory,
    body,
    make_course,
    make_quiz,
    publish,
    unit_child,
)

pytestmark = pytest.mark.django_db

IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def _lessons(course):
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


# --- Enrolment ------------------------------------------------------------------------


def test_cadre_enrols_themself_once(learner, cadre_ld):
    course = make_course()
    first = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    second = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    assert first == second
    assert first.source == Enrollment.Source.SELF
    assert Enrollment.objects.count() == 1


def test_duplicate_enrolment_in_a_form_says_already_enrolled(learner, cadre_ld):
    course = make_course()
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    with pytest.raises(ValidationError) as exc:
        course_enroll(actor=learner, cadre=cadre_ld, course=course, duplicate_error=True)
    assert "đã ghi danh" in " ".join(exc.value.messages)
    assert Enrollment.objects.count() == 1


def test_self_enrolment_needs_a_course_that_allows_it(learner, cadre_ld):
    course = make_course(self_enrollment=False)
    with pytest.raises(ValidationError) as exc:
        course_enroll(actor=learner, cadre=cadre_ld, course=course)
    assert "không mở tự đăng ký" in " ".join(exc.value.messages)
    assert not Enrollment.objects.exists()


def test_organizer_enrols_a_cadre_of_their_subtree_only(organizer, cadre_ld, cadre_hn):
    course = make_course(self_enrollment=False)
    enrollment = course_enroll(actor=organizer, cadre=cadre_ld, course=course)
    assert enrollment.source == Enrollment.Source.ASSIGNED
    with pytest.raises(PermissionDenied):
        course_enroll(actor=organizer, cadre=cadre_hn, course=course)
    assert not Enrollment.objects.filter(cadre=cadre_hn).exists()


def test_prerequisites_must_be_completed_first(learner, cadre_ld):
    basics = make_course(title="Nhập môn")
    advanced = make_course(title="Nâng cao")
    advanced.prerequisites.add(basics)
    advanced.save_revision().publish()
    with pytest.raises(ValidationError) as exc:
        course_enroll(actor=learner, cadre=cadre_ld, course=advanced)
    assert "Nhập môn" in " ".join(exc.value.messages)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=basics)
    for lesson in _lessons(basics):
        lesson_complete(user=learner, lesson=lesson)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert course_enroll(actor=learner, cadre=cadre_ld, course=advanced).course_id == advanced.pk


# --- Assignment -----------------------------------------------------------------------


def test_assignment_enrols_the_whole_subtree_with_due_date(organizer, tree, cadre_ld, cadre_hn):
    course = make_course()
    at_province = CadreFactory(unit=tree["lam_dong"])
    assignment = assignment_create(
        actor=organizer, course=course, unit=tree["lam_dong"], due_date=IN_A_MONTH
    )
    enrolled = set(Enrollment.objects.values_list("cadre_id", flat=True))
    assert enrolled == {cadre_ld.pk, at_province.pk}
    assert assignment.last_run.enrolled == 2
    assert set(Enrollment.objects.values_list("due_date", flat=True)) == {IN_A_MONTH}
    assert Enrollment.objects.filter(assignment=assignment).count() == 2


def test_assigning_again_changes_nothing_and_rerun_adds_new_cadres(organizer, tree, cadre_ld):
    course = make_course()
    first = assignment_create(
        actor=organizer, course=course, unit=tree["lam_dong"], due_date=IN_A_MONTH
    )
    later = IN_A_MONTH + datetime.timedelta(days=10)
    again = assignment_create(actor=organizer, course=course, unit=tree["lam_dong"], due_date=later)
    assert again.pk == first.pk
    assert again.due_date == IN_A_MONTH
    assert again.last_run.enrolled == 0
    assert Assignment.objects.count() == 1 and Enrollment.objects.count() == 1

    newcomer = CadreFactory(unit=tree["commune"])
    result = assignment_run(actor=organizer, assignment=first)
    assert result.enrolled == 1 and result.matched == 2
    assert Enrollment.objects.get(cadre=newcomer).due_date == IN_A_MONTH
    assert assignment_run(actor=organizer, assignment=first).enrolled == 0


def test_assignment_filters_dedicated_and_volunteer_cadres(organizer, tree):
    course = make_course()
    dedicated = CadreFactory(unit=tree["commune"])
    part_time = CadreFactory(unit=tree["commune"], post__kind=PostKind.PART_TIME)
    not_volunteer = CadreFactory(unit=tree["commune"], post__volunteer=False)
    assignment_create(
        actor=organizer,
        course=course,
        unit=tree["lam_dong"],
        due_date=IN_A_MONTH,
        only_dedicated=True,
        only_volunteer_work=True,
    )
    enrolled = set(Enrollment.objects.values_list("cadre_id", flat=True))
    assert dedicated.pk in enrolled
    assert part_time.pk not in enrolled and not_volunteer.pk not in enrolled


def test_cadre_whose_post_ended_is_not_assigned(organizer, tree, cadre_ld):
    cadre_ld.posts.update(end_date=datetime.date.today())
    assignment_create(
        actor=organizer, course=make_course(), unit=tree["lam_dong"], due_date=IN_A_MONTH
    )
    assert not Enrollment.objects.exists()


def test_assignment_sets_due_date_only_where_none_or_later(organizer, tree, learner, cadre_ld):
    course = make_course()
    other = CadreFactory(unit=tree["commune"])
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    sooner = IN_A_MONTH - datetime.timedelta(days=20)
    course_enroll(actor=organizer, cadre=other, course=course)
    Enrollment.objects.filter(cadre=other).update(due_date=sooner)
    assignment = assignment_create(
        actor=organizer, course=course, unit=tree["commune"], due_date=IN_A_MONTH
    )
    assert assignment.last_run.due_dates_set == 1
    assert Enrollment.objects.get(cadre=cadre_ld).due_date == IN_A_MONTH
    assert Enrollment.objects.get(cadre=other).due_date == sooner


def test_assigning_outside_ones_subtree_is_refused_and_writes_nothing(organizer, tree, cadre_hn):
    with pytest.raises(PermissionDenied) as exc:
        assignment_create(
            actor=organizer, course=make_course(), unit=tree["ha_noi"], due_date=IN_A_MONTH
        )
    assert "không có quyền" in str(exc.value)
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()


def test_due_date_in_the_past_is_refused_in_vietnamese(organizer, tree, cadre_ld):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        assignment_create(
            actor=organizer, course=make_course(), unit=tree["lam_dong"], due_date=yesterday
        )
    assert "đã qua" in exc.value.message_dict["due_date"][0]
    assert not Assignment.objects.exists() and not Enrollment.objects.exists()


def test_viewer_may_not_assign(viewer, tree):
    with pytest.raises(PermissionDenied):
        assignment_create(
            actor=viewer, course=make_course(), unit=tree["lam_dong"], due_date=IN_A_MONTH
        )


# --- Lessons and progress -------------------------------------------------------------


def test_completing_lessons_moves_progress_and_completes_the_course(learner, cadre_ld):
    course = make_course(modules=2, lessons=2)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = _lessons(course)
    assert course_progress(enrollment=enrollment).percent == 0
    lesson_complete(user=learner, lesson=lessons[0])
    lesson_complete(user=learner, lesson=lessons[0])
    progress = course_progress(enrollment=enrollment)
    assert (progress.done, progress.required, progress.percent) == (1, 4, 25)
    assert LessonCompletion.objects.count() == 1
    for lesson in lessons[1:]:
        lesson_complete(user=learner, lesson=lesson)
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert enrollment.last_lesson_key == lessons[-1].lesson_key
    assert course_progress(enrollment=enrollment).percent == 100


def test_optional_lessons_do_not_count(learner, cadre_ld):
    course = make_course(modules=1, lessons=2)
    lessons = _lessons(course)
    optional = lessons[1]
    optional.required = False
    optional.save_revision().publish()
    course_enroll(actor=learner, cadre=cadre_ld, course=course)
    completion = lesson_complete(user=learner, lesson=lessons[0])
    assert completion.enrollment.completed_at is not None


def test_course_with_a_final_assessment_is_not_completed_by_lessons(learner, cadre_ld):
    course = make_course(modules=1, lessons=1, final_quiz=make_quiz())
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lesson_complete(user=learner, lesson=_lessons(course)[0])
    enrollment.refresh_from_db()
    assert course_progress(enrollment=enrollment).percent == 100
    assert enrollment.completed_at is None
    assert course_completion_check(enrollment=enrollment) is False


def test_completing_needs_an_enrolment(learner, cadre_ld):
    course = make_course()
    with pytest.raises(ValidationError) as exc:
        lesson_complete(user=learner, lesson=_lessons(course)[0])
    assert "chưa ghi danh" in exc.value.messages[0]
    assert not LessonCompletion.objects.exists()


def test_user_without_cadre_record_cannot_complete():
    course = make_course()
    with pytest.raises(ValidationError):
        lesson_complete(user=UserFactory(), lesson=_lessons(course)[0])


def test_continue_follows_the_last_lesson_opened(learner, cadre_ld):
    course = make_course(modules=2, lessons=2)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = _lessons(course)
    assert continue_lesson(enrollment=enrollment).pk == lessons[0].pk
    lesson_visit(user=learner, lesson=lessons[2])
    enrollment.refresh_from_db()
    assert continue_lesson(enrollment=enrollment).pk == lessons[2].pk
    lesson_complete(user=learner, lesson=lessons[2])
    enrollment.refresh_from_db()
    assert continue_lesson(enrollment=enrollment).pk == lessons[3].pk


def test_visit_by_someone_not_enrolled_records_nothing(learner):
    course = make_course()
    assert lesson_visit(user=learner, lesson=_lessons(course)[0]) == 0


def test_outline_lists_modules_and_lesson_states(learner, cadre_ld):
    course = make_course(modules=2, lessons=2)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = _lessons(course)
    lesson_complete(user=learner, lesson=lessons[0])
    enrollment.refresh_from_db()
    outline = course_outline(course=course, enrollment=enrollment)
    assert [m.page.title for m in outline.modules] == ["Học phần 1", "Học phần 2"]
    assert [e.number for e in outline.lessons] == ["1.1", "1.2", "2.1", "2.2"]
    assert [e.state for e in outline.lessons] == ["done", "current", "todo", "todo"]


def test_my_learning_rows_have_progress_and_due_dates(organizer, tree, learner, cadre_ld):
    course = make_course(title="Khoá giao")
    assignment_create(actor=organizer, course=course, unit=tree["commune"], due_date=IN_A_MONTH)
    lesson_complete(user=learner, lesson=_lessons(course)[0])
    rows = enrollments_for_user(learner)
    assert len(rows) == 1
    assert rows[0].progress.percent == 25
    assert rows[0].enrollment.due_date == IN_A_MONTH
    assert rows[0].continue_lesson.pk == _lessons(course)[1].pk


# --- Stable lesson identity -----------------------------------------------------------


def test_editing_and_moving_a_lesson_keeps_it_completed(learner, cadre_ld):
    course = make_course(modules=2, lessons=1)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lesson = _lessons(course)[0]
    key = lesson.lesson_key
    lesson_complete(user=learner, lesson=lesson)

    lesson.title = "Bài 1.1 (sửa)"
    lesson.body = body(("paragraph", "<p>Nội dung mới sau khi biên tập.</p>"))
    lesson.save_revision().publish()
    second_module = ModulePage.objects.child_of(course).order_by("path").last()
    lesson.refresh_from_db()
    lesson.move(second_module, pos="first-child")

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.lesson_key == key
    assert lesson.get_parent().pk == second_module.pk
    outline = course_outline(course=course, enrollment=enrollment)
    moved = outline.entry(lesson)
    assert moved.done and moved.number == "2.1"
    assert course_progress(enrollment=enrollment).done == 1


def test_a_copied_lesson_is_a_new_lesson(learner, cadre_ld):
    course = make_course(modules=1, lessons=1)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lesson = _lessons(course)[0]
    lesson_complete(user=learner, lesson=lesson)
    copy = lesson.copy(update_attrs={"title": "Bài sao chép", "slug": "bai-sao-chep"})
    copy = LessonPage.objects.get(pk=copy.pk)
    assert copy.lesson_key != lesson.lesson_key
    copy.save_revision().publish()
    outline = course_outline(course=course, enrollment=enrollment)
    assert [e.done for e in outline.lessons] == [True, False]


def test_new_lesson_published_later_counts_towards_progress(learner, cadre_ld):
    course = make_course(modules=1, lessons=1)
    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lesson_complete(user=learner, lesson=_lessons(course)[0])
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    module = ModulePage.objects.child_of(course).get()
    publish(module, LessonPage(title="Bài mới", body=body(("paragraph", "<p>Mới.</p>"))))
    progress = course_progress(enrollment=enrollment)
    assert (progress.done, progress.required) == (1, 2)


def test_grassroots_unit_added_later_is_included_on_rerun(organizer, tree):
    course = make_course()
    assignment = assignment_create(
        actor=organizer, course=course, unit=tree["lam_dong"], due_date=IN_A_MONTH
    )
    new_unit = unit_child(tree["lam_dong"], "X24999", "Đoàn xã mới")
    cadre = CadreFactory(unit=new_unit)
    assert assignment_run(actor=organizer, assignment=assignment).enrolled == 1
    assert Enrollment.objects.filter(cadre=cadre, course=course).exists()
