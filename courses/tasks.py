"""Background jobs of the courses app: each takes ids and calls one service."""

from celery import shared_task

from courses.services import cascade, reminders


@shared_task(name="courses.reminders_dispatch")
def reminders_dispatch() -> int:
    """Run by Celery beat every morning: queue the due-date reminders owed today."""
    return reminders.reminders_dispatch()


@shared_task(name="courses.reminder_send", autoretry_for=(OSError,), max_retries=5)
def reminder_send(enrollment_id: int, kind: str) -> bool:
    return reminders.reminder_send(enrollment_id=enrollment_id, kind=kind)


@shared_task(name="courses.cascade_refresh")
def cascade_refresh(root_ids: list[int]) -> int:
    """Recompute the cascades of trainers marked stale by a change to a class."""
    return cascade.cascade_refresh(root_ids=root_ids)


@shared_task(name="courses.cascade_refresh_stale")
def cascade_refresh_stale() -> int:
    """Run by Celery beat: whatever a lost message left stale."""
    return cascade.cascade_refresh_stale()


@shared_task(name="courses.cascade_rebuild_all")
def cascade_rebuild_all() -> int:
    """Run by Celery beat at night: every cascade from the records, catching writes that
    bypassed the services (bulk loads, the Django admin)."""
    return cascade.cascade_rebuild_all()
