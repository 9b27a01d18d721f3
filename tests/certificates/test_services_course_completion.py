"""A course that promises a certificate issues one when the courses app completes it."""

import io

import pytest

from certificates.models import Certificate, CertificateEvent, Kind, Status
from courses.models import Enrollment, LessonPage
from courses.services.learning import course_completion_check, course_enroll, lesson_complete
from tests.factories import make_course, make_quiz

pytestmark = pytest.mark.django_db

TITLE = "Giấy chứng nhận hoàn thành khoá học"


def complete(learner, cadre, course) -> Enrollment:
    """Enrol the learner and complete every lesson through the courses services."""
    enrollment = course_enroll(actor=learner, cadre=cadre, course=course)
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        lesson_complete(user=learner, lesson=lesson)
    enrollment.refresh_from_db()
    return enrollment


def test_completing_a_course_with_a_certificate_issues_exactly_one(
    templates, tree, learner, cadre_ld
):
    course = make_course("Kỹ năng điều phối tình nguyện", modules=1, lessons=2)
    course.certificate_title = TITLE
    course.save_revision().publish()
    course.refresh_from_db()

    enrollment = course_enroll(actor=learner, cadre=cadre_ld, course=course)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    lesson_complete(user=learner, lesson=lessons[0])
    assert not Certificate.objects.exists()  # not complete yet
    lesson_complete(user=learner, lesson=lessons[1])
    lesson_complete(user=learner, lesson=lessons[1])
    enrollment.refresh_from_db()
    course_completion_check(enrollment=enrollment)

    assert enrollment.completed_at is not None
    cert = Certificate.objects.get()
    assert cert.kind == Kind.COURSE and cert.cadre == cadre_ld
    assert cert.achievement == f"course:{course.pk}" and cert.course_id == course.pk
    assert cert.issuing_unit == tree["central"]  # the root of the cadre's organisation
    assert cert.serial == "1/GCN-TWĐ"
    assert (cert.status, cert.is_current, cert.valid_until) == (Status.VALID, True, None)
    assert cert.data["holder_name"] == "Nguyễn Thị Hoa"
    assert cert.data["achievement"] == "Kỹ năng điều phối tình nguyện"
    assert cert.template_version.template == templates["course"]
    assert CertificateEvent.objects.filter(action=CertificateEvent.Action.ISSUED).count() == 1


def test_each_completed_course_gets_its_own_certificate(templates, learner, cadre_ld):
    first = make_course("Khoá một", modules=1, lessons=1, certificate_title=TITLE)
    second = make_course("Khoá hai", modules=1, lessons=1, certificate_title=TITLE)
    complete(learner, cadre_ld, first)
    complete(learner, cadre_ld, second)
    assert sorted(Certificate.objects.values_list("achievement", flat=True)) == sorted(
        [f"course:{first.pk}", f"course:{second.pk}"]
    )
    assert sorted(Certificate.objects.values_list("serial_number", flat=True)) == [1, 2]


def test_a_course_without_certificate_title_issues_none(templates, learner, cadre_ld):
    course = make_course("Khoá không cấp giấy", modules=1, lessons=1)
    assert course.certificate_title == ""
    enrollment = complete(learner, cadre_ld, course)
    assert enrollment.completed_at is not None
    assert not Certificate.objects.exists()


def test_without_a_template_the_course_still_completes_and_nothing_is_issued(
    learner, cadre_ld, caplog
):
    course = make_course("Khoá chưa có mẫu", modules=1, lessons=1, certificate_title=TITLE)
    enrollment = complete(learner, cadre_ld, course)
    assert enrollment.completed_at is not None
    assert not Certificate.objects.exists()
    assert "no course certificate template" in caplog.text


def test_a_course_with_a_final_quiz_issues_only_once_it_is_passed(templates, learner, cadre_ld):
    course = make_course(
        "Khoá có kiểm tra", modules=1, lessons=1, certificate_title=TITLE, final_quiz=make_quiz()
    )
    enrollment = complete(learner, cadre_ld, course)
    assert enrollment.completed_at is None
    assert not Certificate.objects.exists()


def test_the_certificate_pdf_is_rendered_after_the_completion_commits(
    templates, learner, cadre_ld, django_capture_on_commit_callbacks
):
    course = make_course("Khoá một", modules=1, lessons=1, certificate_title=TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, cadre_ld, course)
    cert = Certificate.objects.get()
    assert cert.pdf and cert.pdf_rendered_at is not None


def test_completions_without_a_template_are_caught_up_once_one_exists(learner, cadre_ld):
    from django.core.management import call_command

    from certificates.services import certificates_issue_missing_for_courses
    from tests.factories import make_certificate_template

    course = make_course("Khoá cấp bù", modules=1, lessons=1, certificate_title=TITLE)
    complete(learner, cadre_ld, course)
    assert not Certificate.objects.exists()

    make_certificate_template("course")
    call_command("issue_course_certificates", stdout=io.StringIO())
    certificate = Certificate.objects.get()
    assert (certificate.cadre, certificate.achievement) == (cadre_ld, f"course:{course.pk}")
    assert certificates_issue_missing_for_courses() == 0
    assert Certificate.objects.count() == 1
