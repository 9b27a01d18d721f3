"""The demo courses: two published courses, the ToT cascade in classes, varied progress."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from courses.models import (
    Attendance,
    ClassParticipant,
    ClassSession,
    ClassTrainer,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    TrainingClass,
)
from courses.selectors.reminders import reminders_due

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            CoursePage,
            ModulePage,
            LessonPage,
            Revision,
            TrainingClass,
            ClassTrainer,
            ClassParticipant,
            ClassSession,
            Attendance,
            Enrollment,
            LessonCompletion,
        )
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """seed_demo (which runs seed_demo_courses) once, then seed_demo_courses again.

    Everything happens in a transaction rolled back after the module's last test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        first = StringIO()
        call_command("seed_demo", stdout=first)
        after_first = counts()
        second = StringIO()
        call_command("seed_demo_courses", stdout=second)
        yield {
            "output": (first.getvalue(), second.getvalue()),
            "counts": (after_first, counts()),
        }
        transaction.set_rollback(True)


def test_two_published_courses_one_of_them_tot(seeded):
    tn = CoursePage.objects.get(code="TN-101")
    tot = CoursePage.objects.get(code="TOT-01")

    assert tn.title == "Kỹ năng quản lý, điều phối hoạt động tình nguyện"
    assert tot.title == "Tập huấn giảng viên nguồn về điều phối tình nguyện"
    assert tot.is_tot and not tn.is_tot
    assert tn.live and tot.live and tn.url.startswith("/khoa-hoc/")
    assert ModulePage.objects.child_of(tn).live().count() == 3
    assert ModulePage.objects.child_of(tot).live().count() >= 2
    for module in ModulePage.objects.descendant_of(tn):
        assert 2 <= LessonPage.objects.child_of(module).live().count() <= 3


def test_lessons_use_several_blocks_and_embed_a_handbook_chapter(seeded):
    tn = CoursePage.objects.get(code="TN-101")
    lessons = LessonPage.objects.descendant_of(tn)
    kinds = {block.block_type for lesson in lessons for block in lesson.body}

    assert {"heading", "paragraph", "table", "procedure", "checklist", "case_study"} <= kinds
    embedded = [
        block.value["chapter"]
        for lesson in lessons
        for block in lesson.body
        if block.block_type == "handbook_chapter"
    ]
    assert len(embedded) == 1
    assert embedded[0].specific_class.__name__ == "ChapterPage"
    assert embedded[0].live


def test_the_tot_cascade(seeded):
    tot_class = TrainingClass.objects.get(course__code="TOT-01")
    assert tot_class.host_unit.code == "TW"
    provinces = {p.cadre.unit.code for p in tot_class.participants.select_related("cadre__unit")}
    assert provinces == {"T68", "T12"}
    assert {t.cadre.unit.code for t in tot_class.trainers.select_related("cadre__unit")} == {"T01"}
    scored = tot_class.participants.filter(
        pre_test_score__isnull=False, post_test_score__isnull=False
    )
    assert scored.count() == tot_class.participants.count()
    assert all(p.post_test_score > p.pre_test_score for p in scored)

    provincial = TrainingClass.objects.get(host_unit__code="T68")
    assert provincial.course.code == "TN-101"
    trainer = provincial.trainers.get().cadre
    # The provincial class's trainer was trained, and attended, in the ToT class.
    assert Attendance.objects.filter(
        participant__training_class=tot_class, participant__cadre=trainer
    ).exists()
    assert provincial.participants.count() >= 10
    assert all(
        p.cadre.unit.path.startswith(provincial.host_unit.path)
        and p.cadre.unit.level == "grassroots"
        for p in provincial.participants.select_related("cadre__unit")
    )

    blended = TrainingClass.objects.get(host_unit__code="T12")
    assert blended.mode == TrainingClass.Mode.BLENDED
    for training_class in (tot_class, provincial, blended):
        assert training_class.sessions.exists()
        assert Attendance.objects.filter(session__training_class=training_class).exists()


def test_enrolments_at_varied_progress(seeded):
    enrollments = Enrollment.objects.filter(course__code="TN-101")
    lessons = LessonPage.objects.descendant_of(CoursePage.objects.get(code="TN-101")).count()
    done = {e.pk: e.lesson_completions.count() for e in enrollments}
    today = timezone.localdate()

    assert 50 <= enrollments.count() <= 70
    completed = enrollments.filter(completed_at__isnull=False)
    assert completed.exists()
    assert all(done[e.pk] == lessons for e in completed)
    assert any(0 < n < lessons for n in done.values())
    assert any(n == 0 for n in done.values())
    assert enrollments.filter(due_date=today + datetime.timedelta(days=7)).exists()
    assert enrollments.filter(due_date=today + datetime.timedelta(days=1)).exists()

    learner = enrollments.get(cadre__user__email="hocvien@suctre.vn")
    # Only the learner's cadre has an email address among the demo enrolments.
    assert reminders_due(today=today) == [(learner.pk, "7d")]
    assert learner.completed_at is None
    assert 0 < done[learner.pk] < lessons
    assert learner.last_lesson_key is not None


def test_second_run_creates_nothing(seeded):
    first, second = seeded["counts"]
    assert second == first
    assert "tạo mới 0 trang, 0 lớp tập huấn, 0 ghi danh" in seeded["output"][1]
    assert "Khoá học trình diễn: TN-101, TOT-01" in seeded["output"][0]
