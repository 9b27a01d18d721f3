"""Due-date reminders: 7 days and 1 day before, once each, never after completion."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from courses import tasks
from courses.models import Enrollment, LessonCompletion, LessonPage, ReminderSent
from courses.selectors.reminders import reminders_due
from courses.services.reminders import reminder_send, reminders_dispatch
from tests.factories import CadreFactory, UserFactory, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(db):
    return make_course(title="Kỹ năng điều phối tình nguyện", modules=1, lessons=2)


@pytest.fixture
def learner(tree):
    return CadreFactory(unit=tree["commune"], full_name="Nguyễn Thị Hoa", email="hoa@example.vn")


def enrol(cadre, course, *, due_in: int | None, **fields) -> Enrollment:
    due = None if due_in is None else timezone.localdate() + datetime.timedelta(days=due_in)
    return Enrollment.objects.create(
        cadre=cadre, course=course, source=Enrollment.Source.SELF, due_date=due, **fields
    )


def dispatch(capture, today=None) -> int:
    with capture(execute=True):
        return reminders_dispatch(today=today)


def test_week_and_day_reminders_go_out_once_each(
    course, learner, django_capture_on_commit_callbacks
):
    enrollment = enrol(learner, course, due_in=7)

    assert dispatch(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1
    # A second run on the same day finds nothing owed and sends nothing.
    assert dispatch(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1

    # Six days later the due date is tomorrow (moved here instead of the clock).
    Enrollment.objects.filter(pk=enrollment.pk).update(
        due_date=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert dispatch(django_capture_on_commit_callbacks) == 1
    assert dispatch(django_capture_on_commit_callbacks) == 0

    assert len(mail.outbox) == 2
    assert sorted(
        ReminderSent.objects.filter(enrollment=enrollment, sent_at__isnull=False).values_list(
            "kind", flat=True
        )
    ) == ["1d", "7d"]
    assert "Còn 7 ngày" in mail.outbox[0].body
    assert "Chỉ còn 1 ngày" in mail.outbox[1].body


def test_a_duplicate_task_sends_nothing(course, learner):
    enrollment = enrol(learner, course, due_in=1)

    assert reminder_send(enrollment_id=enrollment.pk, kind="1d") is True
    assert reminder_send(enrollment_id=enrollment.pk, kind="1d") is False

    assert len(mail.outbox) == 1
    assert ReminderSent.objects.filter(enrollment=enrollment).count() == 1


def test_the_email_is_vietnamese_and_links_to_the_course(course, learner):
    enrollment = enrol(learner, course, due_in=7)
    lesson = LessonPage.objects.descendant_of(course).first()
    LessonCompletion.objects.create(enrollment=enrollment, lesson_key=lesson.lesson_key)

    reminder_send(enrollment_id=enrollment.pk, kind="7d")

    message = mail.outbox[0]
    assert message.to == ["hoa@example.vn"]
    assert message.subject == (
        "[Sức Trẻ] Nhắc hạn hoàn thành khoá học “Kỹ năng điều phối tình nguyện”"
    )
    assert "Xin chào Nguyễn Thị Hoa" in message.body
    assert enrollment.due_date.strftime("%d/%m/%Y") in message.body
    assert "1/2 bài học bắt buộc" in message.body
    assert settings.SITE_BASE_URL.rstrip("/") + course.url in message.body


def test_the_account_email_comes_before_the_cadre_record(tree, course):
    user = UserFactory(email="tai-khoan@example.vn")
    cadre = CadreFactory(unit=tree["commune"], email="ho-so@example.vn", user=user)
    enrollment = enrol(cadre, course, due_in=1)

    reminder_send(enrollment_id=enrollment.pk, kind="1d")

    assert mail.outbox[0].to == ["tai-khoan@example.vn"]


def test_a_completed_learner_gets_no_reminder(course, learner, django_capture_on_commit_callbacks):
    enrollment = enrol(learner, course, due_in=7, completed_at=timezone.now())

    assert reminders_due(today=timezone.localdate()) == []
    assert dispatch(django_capture_on_commit_callbacks) == 0
    assert reminder_send(enrollment_id=enrollment.pk, kind="7d") is False
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_no_reminder_for_a_past_due_date(course, learner, django_capture_on_commit_callbacks):
    late = enrol(learner, course, due_in=-1)

    assert dispatch(django_capture_on_commit_callbacks) == 0
    assert reminder_send(enrollment_id=late.pk, kind="1d") is False
    assert reminder_send(enrollment_id=late.pk, kind="7d") is False
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_other_days_and_no_due_date_get_nothing(tree, course, django_capture_on_commit_callbacks):
    for due_in in (None, 0, 2, 6, 8, 30):
        enrol(
            CadreFactory(unit=tree["commune"], email=f"{due_in}@example.vn"), course, due_in=due_in
        )

    assert dispatch(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_learner_without_email_is_skipped(tree, course, django_capture_on_commit_callbacks):
    no_address = enrol(CadreFactory(unit=tree["commune"], email=""), course, due_in=7)
    reachable = enrol(CadreFactory(unit=tree["commune"], email="co@example.vn"), course, due_in=7)

    assert dispatch(django_capture_on_commit_callbacks) == 1
    assert reminder_send(enrollment_id=no_address.pk, kind="7d") is False

    assert [m.to for m in mail.outbox] == [["co@example.vn"]]
    assert not ReminderSent.objects.filter(enrollment=no_address).exists()
    assert ReminderSent.objects.filter(enrollment=reachable, sent_at__isnull=False).exists()


def test_a_failed_send_is_released_for_the_retry(course, learner, monkeypatch):
    enrollment = enrol(learner, course, due_in=1)

    def refuse(**kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("courses.services.reminders.send_mail", refuse)
    with pytest.raises(OSError):
        reminder_send(enrollment_id=enrollment.pk, kind="1d")
    assert ReminderSent.objects.get(enrollment=enrollment).sent_at is None

    monkeypatch.undo()
    assert reminder_send(enrollment_id=enrollment.pk, kind="1d") is True
    assert len(mail.outbox) == 1


def test_the_beat_task_queues_and_sends_through_celery(
    tree, course, learner, django_capture_on_commit_callbacks
):
    week = enrol(learner, course, due_in=7)
    day = enrol(CadreFactory(unit=tree["commune"], email="mai@example.vn"), course, due_in=1)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tasks.reminders_dispatch.delay()
    assert len(callbacks) == 2
    # A duplicate delivery of a send task is harmless.
    tasks.reminder_send.delay(week.pk, "7d")

    assert sorted(m.to[0] for m in mail.outbox) == ["hoa@example.vn", "mai@example.vn"]
    assert ReminderSent.objects.get(enrollment=week).kind == "7d"
    assert ReminderSent.objects.get(enrollment=day).kind == "1d"


def test_beat_runs_the_dispatcher_every_morning():
    from lms.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["course-due-reminders"]
    assert entry["task"] == "courses.reminders_dispatch"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
    app.loader.import_default_modules()
    assert {"courses.reminders_dispatch", "courses.reminder_send"} <= set(app.tasks)
