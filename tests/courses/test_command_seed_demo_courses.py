"""The demo courses: two published courses, the ToT cascade in classes, varied progress."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Revision

from certificates.models import Certificate, Kind
from courses.demo_tot import AFTER_EXPIRY_TOT, CENTRAL_TOT, TOT_CLASS_CODES, TRAINED_TWICE_CLASS
from courses.models import (
    Attendance,
    CascadeClass,
    CascadeReach,
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
from courses.selectors import cascade
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
            CascadeClass,
            CascadeReach,
            Certificate,
        )
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """seed_demo (which runs seed_demo_courses and seed_demo_certificates) once, then
    seed_demo_courses and seed_demo_certificates again.

    Everything happens in a transaction rolled back after the module's last test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        first = StringIO()
        call_command("seed_demo", stdout=first)
        after_first = counts()
        second = StringIO()
        call_command("seed_demo_courses", stdout=second)
        call_command("seed_demo_certificates", stdout=second)
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
    tot_class = TrainingClass.objects.get(code="TOT-TW-01")
    assert tot_class.course.code == "TOT-01"
    assert tot_class.host_unit.code == "TW"
    provinces = {p.cadre.unit.code for p in tot_class.participants.select_related("cadre__unit")}
    assert provinces == {"T68", "T12"}
    assert {t.cadre.unit.code for t in tot_class.trainers.select_related("cadre__unit")} == {"T01"}
    scored = tot_class.participants.filter(
        pre_test_score__isnull=False, post_test_score__isnull=False
    )
    assert scored.count() == tot_class.participants.count()
    assert all(p.post_test_score > p.pre_test_score for p in scored)

    provincial = TrainingClass.objects.get(code="TN101-T68-01")
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

    blended = TrainingClass.objects.get(code="TN101-T12-01")
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
    assert "cấp 0, thu hồi 0, cấp lại 0, hết hạn 0" in seeded["output"][1]
    assert "Khoá học trình diễn: TN-101, TOT-01" in seeded["output"][0]


# --- The four-generation cascade ------------------------------------------------------------


def master_trainer():
    return TrainingClass.objects.get(code=CENTRAL_TOT).trainers.order_by("cadre__code")[0].cadre


def test_master_trainer_cascade_runs_four_generations_with_decaying_scores(seeded):
    master = master_trainer()
    # The same master trainer teaches this year's regional class.
    assert TrainingClass.objects.get(code="TOT-TW-01").trainers.filter(cadre=master).exists()

    generations = cascade.cascade_generations([master.pk])

    assert [g.number for g in generations] == [1, 2, 3, 4]
    means = [g.mean_score for g in generations]
    assert means == sorted(means, reverse=True)
    assert 83 <= means[0] <= 89 and 53 <= means[3] <= 62
    assert [g.flagged for g in generations] == [False, False, False, True]
    assert generations[3].score_drop > settings.CASCADE_FIDELITY_DROP
    assert all(g.lag_days and g.lag_days >= 14 for g in generations[1:])
    assert all(g.classes >= 2 and g.scored >= 20 for g in generations)


def test_master_trainer_cascade_reaches_three_provinces_and_priority_areas(seeded):
    areas = cascade.cascade_areas([master_trainer().pk])

    provinces = {unit.code for unit, _cadres in areas.provinces}
    assert {"T68", "T12", "T56"} <= provinces
    assert areas.priority["is_ethnic_minority_area"][1] > 0
    assert areas.priority["is_mountain"][1] > 0
    assert areas.priority["is_island"][0] >= 1  # the Trường Sa special zone


def test_cadre_trained_twice_is_reached_once_at_the_nearer_generation(seeded):
    master = master_trainer()
    twice = TrainingClass.objects.get(code=TRAINED_TWICE_CLASS).participants.order_by("pk")[0]
    classes = set(
        ClassParticipant.objects.filter(cadre=twice.cadre).values_list(
            "training_class__code", flat=True
        )
    )
    assert classes == {TRAINED_TWICE_CLASS, AFTER_EXPIRY_TOT}

    reach = cascade.cascade_reach([master.pk])
    in_cascade = ClassParticipant.objects.filter(
        training_class__in=CascadeClass.objects.filter(root=master).values("training_class")
    )
    assert reach.total == in_cascade.values("cadre").distinct().count()
    assert reach.total == in_cascade.count() - 1
    assert CascadeReach.objects.get(root=master, cadre=twice.cadre).generation == 2


def test_registry_gaps_are_in_the_demo(seeded):
    today = timezone.localdate()
    trainer_certificates = Certificate.objects.filter(kind=Kind.TRAINER)

    # A Lâm Đồng trainer taught the second provincial course after the certificate lapsed.
    late = TrainingClass.objects.get(code=AFTER_EXPIRY_TOT)
    teacher = late.trainers.get().cadre
    held = trainer_certificates.filter(cadre=teacher)
    assert held.exists()
    assert all(c.valid_until < late.start_date for c in held)
    # Trained trainers who never taught a class.
    never = trainer_certificates.exclude(cadre__in=ClassTrainer.objects.values("cadre"))
    assert never.filter(training_class__code=CENTRAL_TOT).exists()
    # A trainer certificate that runs out within the warning period.
    warning = today + datetime.timedelta(days=settings.TRAINER_EXPIRY_WARNING_DAYS)
    assert trainer_certificates.filter(
        is_current=True, valid_until__gte=today, valid_until__lte=warning
    ).exists()
    # Every trainer certificate of the earlier ToT classes is dated the class's last day.
    dated = trainer_certificates.filter(training_class__code__in=TOT_CLASS_CODES)
    assert dated.count() >= 60
    for certificate in dated.select_related("training_class"):
        assert certificate.issued_on == certificate.training_class.end_date
