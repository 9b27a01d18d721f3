"""Background jobs of the assessments app: each takes ids (or nothing) and calls a service."""

from celery import shared_task

from assessments.services import quizzes


@shared_task(name="assessments.attempts_close_overdue")
def attempts_close_overdue_task() -> int:
    """Run by Celery beat every five minutes: grade attempts whose learner never came back
    to submit, so results and class scores do not wait for them."""
    return quizzes.attempts_close_overdue()


@shared_task(name="assessments.competency_standings_refresh_all")
def competency_standings_refresh_all_task() -> int:
    """Run by Celery beat every night: standings follow evidence as it arrives, but not a
    framework edit (a question tagged with another competency, a competency retired); the
    nightly pass brings every cadre's standing back in line with the framework."""
    from assessments.services.competencies import competency_standings_refresh_all

    return competency_standings_refresh_all()
