"""Reads for due-date reminders: which enrolments are owed which reminder today."""

import datetime

from django.db.models import Exists, OuterRef, Q

from courses.models import Enrollment, LessonPage, ReminderSent

# How many days before the due date each kind of reminder goes out.
REMINDER_DAYS = {ReminderSent.Kind.WEEK: 7, ReminderSent.Kind.DAY: 1}


def reminders_due(*, today: datetime.date) -> list[tuple[int, str]]:
    """(enrolment id, kind) pairs owed a reminder on `today` (a local date).

    An enrolment is owed the 7-day reminder when its due date is exactly seven days away
    and the 1-day reminder when it is tomorrow; never when it is completed, when its course
    is not published, when the cadre has no email address or when that kind already went
    out.
    """
    due: list[tuple[int, str]] = []
    for kind, days in REMINDER_DAYS.items():
        sent = ReminderSent.objects.filter(
            enrollment=OuterRef("pk"), kind=kind, sent_at__isnull=False
        )
        ids = (
            Enrollment.objects.filter(
                due_date=today + datetime.timedelta(days=days),
                completed_at__isnull=True,
                course__live=True,
            )
            .filter(Q(cadre__user__email__gt="") | Q(cadre__email__gt=""))
            .exclude(Exists(sent))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        due.extend((pk, str(kind)) for pk in ids)
    return due


def enrollment_progress(enrollment: Enrollment) -> tuple[int, int]:
    """(required lessons done, required lessons) of a course, counted by lesson key."""
    keys = set(
        LessonPage.objects.live()
        .descendant_of(enrollment.course)
        .filter(required=True)
        .values_list("lesson_key", flat=True)
    )
    done = enrollment.lesson_completions.filter(lesson_key__in=keys).count()
    return done, len(keys)
