"""Due-date reminders: an email seven days and one day before a course's due date.

Celery beat runs `reminders_dispatch` every morning; it queues one `courses.reminder_send`
task per enrolment and kind. `reminder_send` claims the `ReminderSent` row (unique per
enrolment and kind) with a conditional update before sending, so a duplicate task or a
second dispatch on the same day sends nothing.
"""

import datetime
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Enrollment, ReminderSent
from courses.selectors.reminders import REMINDER_DAYS, enrollment_progress, reminders_due

__all__ = ["reminder_send", "reminders_dispatch", "reminders_due"]


def reminders_dispatch(*, today: datetime.date | None = None) -> int:
    """Queue, after commit, one send task per reminder owed today; returns how many."""
    from courses.tasks import reminder_send as reminder_send_task  # tasks import this module

    today = today or timezone.localdate()
    due = reminders_due(today=today)
    for enrollment_id, kind in due:
        transaction.on_commit(partial(reminder_send_task.delay, enrollment_id, kind))
    return len(due)


def _recipient(enrollment: Enrollment) -> str:
    cadre = enrollment.cadre
    if cadre.user_id and cadre.user.email:
        return cadre.user.email
    return cadre.email


def _course_link(course) -> str:
    parts = course.get_url_parts()
    path = parts[2] if parts else course.url_path
    return settings.SITE_BASE_URL.rstrip("/") + path


def reminder_send(*, enrollment_id: int, kind: str) -> bool:
    """Email one reminder, once; returns whether a mail went out.

    Nothing is sent for a completed enrolment, a due date already past (or no longer close
    enough for this kind), or a cadre without an email address. The row is released if the
    mail server fails, so the task's retry sends it.
    """
    if kind not in REMINDER_DAYS:
        raise ValueError(f"Unknown reminder kind: {kind!r}")
    enrollment = (
        Enrollment.objects.select_related("cadre__user", "course").filter(pk=enrollment_id).first()
    )
    if enrollment is None or enrollment.completed_at or enrollment.due_date is None:
        return False
    days_left = (enrollment.due_date - timezone.localdate()).days
    if not 0 <= days_left <= REMINDER_DAYS[kind] or not enrollment.course.live:
        return False
    email = _recipient(enrollment)
    if not email:
        return False

    reminder, _created = ReminderSent.objects.get_or_create(enrollment=enrollment, kind=kind)
    claimed = ReminderSent.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False

    course = enrollment.course.specific
    done, total = enrollment_progress(enrollment)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "cadre": enrollment.cadre,
            "course": course,
            "due_date": enrollment.due_date,
            "days_left": days_left,
            "done": done,
            "total": total,
            "link": _course_link(course),
        }
        try:
            send_mail(
                subject=_("[Sức Trẻ] Nhắc hạn hoàn thành khoá học “%(title)s”")
                % {"title": course.title},
                message=render_to_string("courses/email/reminder.txt", context),
                from_email=None,
                recipient_list=[email],
            )
        except OSError:
            ReminderSent.objects.filter(pk=reminder.pk).update(sent_at=None)
            raise
    return True
