"""Background jobs of the courses app: each takes ids and calls one service."""

from celery import shared_task

from courses.services import reminders


@shared_task(name="courses.reminders_dispatch")
def reminders_dispatch() -> int:
    """Run by Celery beat every morning: queue the due-date reminders owed today."""
    return reminders.reminders_dispatch()


@shared_task(name="courses.reminder_send", autoretry_for=(OSError,), max_retries=5)
def reminder_send(enrollment_id: int, kind: str) -> bool:
    return reminders.reminder_send(enrollment_id=enrollment_id, kind=kind)
